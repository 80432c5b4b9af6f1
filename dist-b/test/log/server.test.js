/**
 * `signet log serve`'s admission through the ledger: every kind of bad input gets a 4xx with the rule's
 * code and changes nothing; good statements are sequenced, looked up and replayed identically.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createLedgerAdmission } from '../../src/log/ledger-admission.js';
import { parseListen, startLogServer } from '../../src/log/server.js';
import { keySigner, replay, signStatement } from '../../src/ledger/index.js';
import { Statements, harness } from '../../testkit/ledger.js';
const work = mkdtempSync(join(tmpdir(), 'signet-log-server-'));
const { s, config } = harness();
const st = new Statements(s, new Date());
let server;
let admission;
async function start() {
    const created = createLedgerAdmission(config);
    admission = created.admission;
    server = await startLogServer({
        dataDir: join(work, 'data'),
        listen: parseListen('127.0.0.1:0'),
        origin: 'test.example/ledger-log',
        admission,
        lookupKeys: created.lookupKeys,
    });
}
before(start);
after(async () => {
    await server.close();
    rmSync(work, { recursive: true, force: true });
});
async function post(body) {
    const res = await fetch(`${server.url}/add`, { method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body) });
    return { status: res.status, json: (await res.json()) };
}
async function refused(body, status, code) {
    const size = server.log.size;
    const r = await post(body);
    assert.equal(r.json.error?.code, code, JSON.stringify(r.json));
    assert.equal(r.status, status);
    assert.equal(server.log.size, size, 'a refused entry changes nothing');
}
describe('log server admission', () => {
    it('accepts a vendor claim, a release, an attestation, and indexes them for lookups', async () => {
        const claim = await post(st.vendor({ vendor: 'acme', keys: [['acme-1', 'full']] }));
        assert.equal(claim.status, 200, JSON.stringify(claim.json));
        const release = await post(st.release('acme/widget', '1.2.0', ['acme-1']));
        assert.equal(release.status, 200, JSON.stringify(release.json));
        const attest = await post(st.attestation('reproduced', 'acme/widget', '1.2.0', 'rebuilder-1'));
        assert.equal(attest.status, 200, JSON.stringify(attest.json));
        const vendor = (await (await fetch(`${server.url}/lookup/vendor/acme`)).json());
        assert.deepEqual(vendor.indexes, [claim.json.index, release.json.index, attest.json.index]);
        const pkg = (await (await fetch(`${server.url}/lookup/package/acme/widget`)).json());
        assert.deepEqual(pkg.indexes, [release.json.index, attest.json.index]);
        // Composer-normalised: 1.2 and v1.2.0 find 1.2.0.0.
        for (const v of ['1.2.0', 'v1.2.0', '1.2']) {
            const rel = (await (await fetch(`${server.url}/lookup/release/acme/widget/${v}`)).json());
            assert.deepEqual(rel.indexes, [release.json.index, attest.json.index], v);
        }
        assert.equal((await fetch(`${server.url}/lookup/release/acme/widget/dev-main`)).status, 400);
    });
    it('refuses input that is not JSON, too large, of an unknown type, or badly signed', async () => {
        await refused('not json', 400, 'ENTRY_NOT_JSON');
        await refused(Buffer.alloc(70_000, 0x20), 413, 'ENTRY_TOO_LARGE');
        const key = s.key('acme-1');
        await refused(signStatement('application/vnd.example.unknown+json', { hello: 'world' }, [keySigner(key)]), 400, 'PAYLOAD_TYPE_UNKNOWN');
        // A release whose signature was altered.
        const good = JSON.parse(st.release('acme/widget', '1.3.0', ['acme-1']).toString());
        const sig = Buffer.from(good.signatures[0].sig, 'base64');
        sig[5] ^= 1;
        good.signatures[0].sig = sig.toString('base64');
        const { canonicalJson } = await import('../../src/crypto/canonical.js');
        await refused(canonicalJson(good), 403, 'SIGNATURE_INVALID');
        // No signature at all.
        good.signatures = [];
        const r = await post(canonicalJson(good));
        assert.ok(r.status >= 400 && r.status < 500, JSON.stringify(r.json));
    });
    it('refuses unauthorised and revoked keys, unclaimed and claimed vendors, a second release, and a skewed clock', async () => {
        // Another vendor's key signing an acme release.
        assert.equal((await post(st.vendor({ vendor: 'other', keys: [['other-1', 'full']] }))).status, 200);
        await refused(st.release('acme/widget', '2.0.0', ['other-1']), 403, 'KEY_UNAUTHORIZED');
        // A revoked key.
        assert.equal((await post(st.keyAdd({ vendor: 'acme', key: ['acme-2', 'full'], signers: ['acme-1', 'acme-2'], state: admission.state }))).status, 200);
        assert.equal((await post(st.keyRevoke({ vendor: 'acme', key: 'acme-1', signers: ['acme-2'], state: admission.state }))).status, 200);
        await refused(st.release('acme/widget', '2.0.0', ['acme-1']), 403, 'KEY_REVOKED');
        // Unclaimed and already-claimed namespaces.
        await refused(st.release('nobody/thing', '1.0.0', ['acme-2']), 403, 'VENDOR_UNCLAIMED');
        await refused(st.vendor({ vendor: 'acme', keys: [['acme-9', 'full']] }), 409, 'VENDOR_ALREADY_CLAIMED');
        // A claim vouched for by a key the log does not trust.
        const rogue = st.vendor({ vendor: 'newco', keys: [['newco-1', 'full']], signers: ['rogue-registry', 'newco-1'] });
        const r = await post(rogue);
        assert.equal(r.status, 403, JSON.stringify(r.json));
        // The same version twice.
        await refused(st.release('acme/widget', '1.2.0', ['acme-2']), 409, 'RELEASE_EXISTS');
        // A statement dated more than 5 minutes away from the log's clock.
        const skewed = new Statements(s, new Date(Date.now() - 6 * 60_000));
        await refused(skewed.release('acme/widget', '3.0.0', ['acme-2']), 400, 'TIME_SKEW');
        const ahead = new Statements(s, new Date(Date.now() + 6 * 60_000));
        await refused(ahead.release('acme/widget', '3.0.0', ['acme-2']), 400, 'TIME_SKEW');
    });
    it('refuses break-glass statements without the core key', async () => {
        const r = await post(st.keyAdd({ vendor: 'acme', key: ['acme-3', 'full'], signers: ['not-core'], state: admission.state, breakGlass: { reason: 'lost keys' } }));
        assert.equal(r.json.error?.code, 'BREAK_GLASS_KEY_INVALID');
        const ok = await post(st.keyAdd({ vendor: 'acme', key: ['acme-3', 'full'], signers: ['core'], state: admission.state, breakGlass: { reason: 'lost keys' } }));
        assert.equal(ok.status, 200, JSON.stringify(ok.json));
    });
    it('rebuilds exactly the same ledger state from storage after a restart (replay = incremental)', async () => {
        const before = JSON.stringify(admission.state.toJSON());
        const size = server.log.size;
        // The same state from replaying the served entries from scratch.
        const entries = [];
        for (let i = 0; i < size; i++)
            entries.push(Buffer.from(await (await fetch(`${server.url}/entry/${i}`)).arrayBuffer()));
        assert.equal(JSON.stringify(replay(entries, config).toJSON()), before);
        await server.close();
        await start();
        assert.equal(server.log.size, size);
        assert.equal(JSON.stringify(admission.state.toJSON()), before);
        // And it goes on from there.
        assert.equal((await post(st.release('acme/widget', '4.0.0', ['acme-2']))).json.index, size);
    });
    it('gives 1,000 concurrent signed submissions contiguous indexes; every proof verifies against a later checkpoint', { timeout: 60_000 }, async () => {
        const { parseCheckpoint } = await import('../../src/tlog/checkpoint.js');
        const { verifyConsistency, verifyInclusion } = await import('../../src/tlog/proof.js');
        const { leafHash } = await import('../../src/tlog/hash.js');
        const first = server.log.size;
        const now = new Statements(s, new Date());
        const bodies = Array.from({ length: 1000 }, (_, i) => now.vendor({ vendor: `bulk${i}`, keys: [[`bulk${i}-key`, 'full']] }));
        const answers = await Promise.all(bodies.map(async (b) => {
            const res = await fetch(`${server.url}/add`, { method: 'POST', body: new Uint8Array(b) });
            assert.equal(res.status, 200);
            return (await res.json());
        }));
        assert.deepEqual(answers.map((a) => a.index).sort((x, y) => x - y), Array.from({ length: 1000 }, (_, i) => first + i));
        const cp = (note) => parseCheckpoint(note.slice(0, note.lastIndexOf('\n\n') + 1));
        const later = cp(await (await fetch(`${server.url}/checkpoint`)).text());
        const checkpoints = new Set(answers.map((a) => a.size));
        assert.ok(checkpoints.size < 500, `${checkpoints.size} checkpoints for 1,000 entries: batching`);
        for (const [i, a] of answers.entries()) {
            const mine = cp(a.checkpoint);
            const leaf = leafHash(bodies[i]);
            verifyInclusion(a.index, mine.size, leaf, a.proof.map((p) => Buffer.from(p, 'base64')), mine.root);
            if (mine.size < later.size) {
                const con = (await (await fetch(`${server.url}/proof/consistency?from=${mine.size}&to=${later.size}`)).json());
                verifyConsistency(mine.size, later.size, mine.root, later.root, con.proof.map((p) => Buffer.from(p, 'base64')));
            }
        }
    });
    it('POST /add-batch admits each entry of a bundle on its own and answers in order', async () => {
        const { encodeBundle } = await import('../../src/tlog/bundle.js');
        const now = new Statements(s, new Date());
        const good1 = now.vendor({ vendor: 'batch-a', keys: [['batch-a-key', 'full']] });
        const bad = now.release('acme/widget', '1.2.0', ['acme-2']); // already released
        const good2 = now.vendor({ vendor: 'batch-b', keys: [['batch-b-key', 'full']] });
        const size = server.log.size;
        const res = await fetch(`${server.url}/add-batch`, {
            method: 'POST',
            headers: { 'content-type': 'application/vnd.signet.entry-bundle' },
            body: new Uint8Array(encodeBundle([good1, bad, good2])),
        });
        assert.equal(res.status, 200);
        const { results } = (await res.json());
        assert.equal(results.length, 3);
        assert.equal(results[1].error?.code, 'RELEASE_EXISTS');
        assert.equal(results[1].error?.status, 409);
        assert.deepEqual([results[0].index, results[2].index].sort(), [size, size + 1]);
        // Each answer is the one POST /add gives: its fields, and a proof to its checkpoint's root.
        const { parseCheckpoint } = await import('../../src/tlog/checkpoint.js');
        const { verifyInclusion } = await import('../../src/tlog/proof.js');
        const { leafHash } = await import('../../src/tlog/hash.js');
        for (const [i, sent] of [[0, good1], [2, good2]]) {
            const a = results[i];
            assert.deepEqual(Object.keys(a), ['index', 'size', 'leafHash', 'proof', 'checkpoint']);
            const cp = parseCheckpoint(a.checkpoint.slice(0, a.checkpoint.lastIndexOf('\n\n') + 1));
            assert.equal(cp.size, a.size);
            assert.equal(a.leafHash, Buffer.from(leafHash(sent)).toString('base64'));
            verifyInclusion(a.index, a.size, leafHash(sent), a.proof.map((p) => Buffer.from(p, 'base64')), cp.root);
        }
        // A malformed bundle is refused whole.
        const torn = await fetch(`${server.url}/add-batch`, {
            method: 'POST',
            headers: { 'content-type': 'application/vnd.signet.entry-bundle' },
            body: new Uint8Array(encodeBundle([good1]).subarray(0, 10)),
        });
        assert.equal(torn.status, 400);
        // Millions of empty entries in a 4 MiB body of zeros: refused without splitting it all.
        const zeros = await fetch(`${server.url}/add-batch`, {
            method: 'POST',
            headers: { 'content-type': 'application/vnd.signet.entry-bundle' },
            body: new Uint8Array(4 * 1024 * 1024),
        });
        assert.equal(zeros.status, 400);
        assert.equal((await zeros.json()).error.code, 'BUNDLE_MALFORMED');
        // The bulk body limit does not leak to POST /add.
        const big = await fetch(`${server.url}/add`, { method: 'POST', headers: { 'content-type': 'application/vnd.signet.entry-bundle' }, body: new Uint8Array(1 << 20) });
        assert.equal(big.status, 413);
        assert.equal((await torn.json()).error.code, 'BUNDLE_TRUNCATED');
        assert.equal(server.log.size, size + 2);
    });
    it('POST /add-batch admits a bundle in its order: a vendor claim and its first release in one request', async () => {
        const { encodeBundle } = await import('../../src/tlog/bundle.js');
        const now = new Statements(s, new Date());
        // The release's key is known only once the claim before it is admitted: the log must not
        // sequence the release (whose signature it cannot check ahead) before the claim.
        const claim = now.vendor({ vendor: 'batch-c', keys: [['batch-c-key', 'full']] });
        const release = now.release('batch-c/lib', '1.0.0', ['batch-c-key']);
        const size = server.log.size;
        const res = await fetch(`${server.url}/add-batch`, {
            method: 'POST',
            headers: { 'content-type': 'application/vnd.signet.entry-bundle' },
            body: new Uint8Array(encodeBundle([claim, release])),
        });
        assert.equal(res.status, 200);
        const { results } = (await res.json());
        assert.deepEqual(results.map((r) => r.index ?? r.error?.code), [size, size + 1]);
    });
    it('passes the auditor', async () => {
        const { auditLog } = await import('../../src/tlog/audit.js');
        const { HttpSource } = await import('../../src/client/source.js');
        const r = await auditLog(new HttpSource(server.url), { logKey: server.log.verifierKey });
        assert.equal(r.size, server.log.size);
    });
    it('refuses a release signed by a stranger key', async () => {
        await refused(st.release('acme/widget', '5.0.0', ['stranger']), 403, 'KEY_UNAUTHORIZED');
    });
});
describe('log server trust options', () => {
    it('refuses to start with trust options under which its own history no longer passes (LOG_CORRUPT)', async () => {
        const { isSignetError } = await import('../../src/errors.js');
        const dir = join(work, 'trust');
        const first = createLedgerAdmission(config);
        const a = await startLogServer({ dataDir: dir, listen: parseListen('127.0.0.1:0'), admission: first.admission, lookupKeys: first.lookupKeys });
        const res = await fetch(`${a.url}/add`, { method: 'POST', body: new Uint8Array(new Statements(s, new Date()).vendor({ vendor: 'trusty', keys: [['trusty-1', 'full']] })) });
        assert.equal(res.status, 200);
        await a.close();
        // Restarted without the registry key that vouched for the claim.
        const other = createLedgerAdmission({ registryKeys: [] });
        await assert.rejects(startLogServer({ dataDir: dir, listen: parseListen('127.0.0.1:0'), admission: other.admission, lookupKeys: other.lookupKeys }), (e) => isSignetError(e, 'LOG_CORRUPT') && /registry-key/.test(e.details.hint ?? ''));
        // With the same options it starts again.
        const again = createLedgerAdmission(config);
        const b = await startLogServer({ dataDir: dir, listen: parseListen('127.0.0.1:0'), admission: again.admission, lookupKeys: again.lookupKeys });
        assert.equal(b.log.size, 1);
        await b.close();
    });
});
//# sourceMappingURL=server.test.js.map