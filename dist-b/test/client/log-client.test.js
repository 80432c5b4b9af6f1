/**
 * LogClient against a real log server (ledger admission, SQLite, HTTP on 127.0.0.1), and against a
 * hostile fake log whose every answer the test chooses: nothing the log says is believed until the
 * checkpoint verifies under the pinned key and the inclusion proof of our own entry leads to its root.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LogClient } from '../../src/client/log-client.js';
import { Ed25519PrivateKey } from '../../src/crypto/ed25519.js';
import { ed25519NoteSigner, ed25519NoteVerifier, formatVerifierKey, signNote } from '../../src/crypto/note.js';
import { PAYLOAD_TYPES, signStatement } from '../../src/ledger/index.js';
import { createLedgerAdmission } from '../../src/log/ledger-admission.js';
import { startLogServer } from '../../src/log/server.js';
import { openCheckpoint } from '../../src/tlog/audit.js';
import { formatCheckpoint } from '../../src/tlog/checkpoint.js';
import { leafHash } from '../../src/tlog/hash.js';
import { inclusionProof } from '../../src/tlog/proof.js';
import { MerkleTree } from '../../src/tlog/tree.js';
import { rejectsWith } from '../../testkit/assert-error.js';
import { fakeHttp, refusedUrl, sendJson } from '../../testkit/fake-server.js';
import { Statements, T0, harness } from '../../testkit/ledger.js';
const { s, config } = harness();
const st = new Statements(s);
const b64 = (b) => Buffer.from(b).toString('base64');
describe('LogClient against a real log', () => {
    let dir;
    let log;
    const claim = st.vendor({ vendor: 'acme', keys: [['acme-k1', 'full']] });
    const r100 = st.release('acme/widget', '1.0.0', ['acme-k1']);
    const r110 = st.release('acme/widget', '1.1.0', ['acme-k1']);
    const g100 = st.release('acme/gadget', '1.0.0', ['acme-k1']);
    before(async () => {
        dir = mkdtempSync(join(tmpdir(), 'signet-log-client-'));
        const { admission, lookupKeys } = createLedgerAdmission(config);
        log = await startLogServer({
            dataDir: join(dir, 'log'),
            listen: { host: '127.0.0.1', port: 0 },
            origin: 'signet.test/log-client',
            admission,
            lookupKeys,
            verifyThreads: 0,
            clock: () => T0,
            info: { ledger: { registryKeys: [b64(s.key('registry').publicKey.raw)], coreKey: b64(s.key('core').publicKey.raw) } },
        });
    });
    after(async () => {
        await log.close();
        rmSync(dir, { recursive: true, force: true });
    });
    it('reads the log description and its ledger trust roots', async () => {
        const info = await new LogClient(`${log.url}/`).info();
        assert.equal(info.origin, 'signet.test/log-client');
        assert.equal(info.verifierKey, log.log.verifierKey);
        assert.equal(info.size, 0);
        assert.equal(info.registryKeys.length, 1);
        assert.ok(info.registryKeys[0].equals(s.key('registry').publicKey));
        assert.ok(info.coreKey?.equals(s.key('core').publicKey));
    });
    it('submits entries and returns verified inclusions', async () => {
        const client = new LogClient(log.url, log.log.verifierKey);
        const verifier = ed25519NoteVerifier(log.log.verifierKey);
        const got = [];
        for (const e of [claim, r100, r110])
            got.push(await client.submit(e));
        assert.deepEqual(got.map((g) => [g.index, g.size]), [
            [0, 1],
            [1, 2],
            [2, 3],
        ]);
        for (const [i, g] of got.entries()) {
            assert.deepEqual(g.leafHash, leafHash([claim, r100, r110][i]));
            assert.equal(g.parsedCheckpoint.size, g.size);
            assert.deepEqual(openCheckpoint(g.checkpoint, verifier).checkpoint, g.parsedCheckpoint);
        }
        assert.equal((await client.info()).size, 3);
        const cp = await client.checkpoint();
        assert.equal(cp.checkpoint.size, 3);
        assert.equal(cp.raw, got[2].checkpoint);
    });
    it('returns entries proven against the current checkpoint', async () => {
        const client = new LogClient(log.url, log.log.verifierKey);
        const p = await client.provenEntry(1);
        assert.deepEqual(p.bytes, r100);
        assert.equal(openCheckpoint(p.checkpoint, ed25519NoteVerifier(log.log.verifierKey)).checkpoint.size, 3);
        assert.ok(p.proof.length > 0);
        const e = await rejectsWith(client.provenEntry(3), 'INDEX_OUT_OF_RANGE');
        assert.equal(e.details.got, '3');
    });
    it('looks entries up by vendor, package and release', async () => {
        const client = new LogClient(log.url);
        await client.submit(g100);
        assert.deepEqual(await client.lookup('vendor/acme'), { size: 4, indexes: [0, 1, 2, 3] });
        assert.deepEqual(await client.lookup('package/acme/widget'), { size: 4, indexes: [1, 2] });
        assert.deepEqual(await client.lookup('package/acme/gadget'), { size: 4, indexes: [3] });
        assert.deepEqual(await client.lookup('release/acme/widget/1.1.0'), { size: 4, indexes: [2] });
        assert.deepEqual(await client.lookup('vendor/nobody'), { size: 4, indexes: [] });
    });
    it("brings the log's refusals back with the log's own codes", async () => {
        const client = new LogClient(log.url, log.log.verifierKey);
        const size = (await client.info()).size;
        await rejectsWith(client.submit(Buffer.from('this is not json')), 'ENTRY_NOT_JSON');
        await rejectsWith(client.submit(Buffer.from('{"payload":"e30=","payloadType":"application/vnd.signet.release+json","signatures":[]}')), 'DSSE_MALFORMED');
        await rejectsWith(client.submit(signStatement(PAYLOAD_TYPES.release, { hello: 'world' }, s.signers(['acme-k1']))), 'STATEMENT_INVALID');
        await rejectsWith(client.submit(r100), 'RELEASE_EXISTS');
        await rejectsWith(client.submit(st.release('nobody/thing', '1.0.0', ['acme-k1'])), 'VENDOR_UNCLAIMED');
        await rejectsWith(client.submit(st.release('acme/widget', '2.0.0', ['stranger'])), 'KEY_UNAUTHORIZED');
        const late = new Statements(s, new Date(T0.getTime() + 3600_000));
        await rejectsWith(client.submit(late.release('acme/widget', '3.0.0', ['acme-k1'])), 'TIME_SKEW');
        assert.equal((await client.info()).size, size, 'nothing was added');
    });
    it('refuses a log that presents another key than the pinned one', async () => {
        const other = formatVerifierKey('signet.test/log-client', Ed25519PrivateKey.generate().publicKey);
        const client = new LogClient(log.url, other);
        const e = await rejectsWith(client.info(), 'CHECKPOINT_NOT_SIGNED');
        assert.equal(e.details.got, log.log.verifierKey);
        await rejectsWith(client.checkpoint(), 'CHECKPOINT_NOT_SIGNED');
        await rejectsWith(client.provenEntry(0), 'CHECKPOINT_NOT_SIGNED');
        // The submission reaches the log, but its answer is not believed.
        await rejectsWith(client.submit(st.release('acme/widget', '4.0.0', ['acme-k1'])), 'CHECKPOINT_NOT_SIGNED');
    });
    it('learns the key on first use and keeps it', async () => {
        const client = new LogClient(log.url);
        const v = await client.verifier();
        const pinned = ed25519NoteVerifier(log.log.verifierKey);
        assert.equal(v.name, pinned.name);
        assert.equal(v.keyHash, pinned.keyHash);
    });
    it('is FETCH_FAILED when no log listens', async () => {
        const client = new LogClient(await refusedUrl());
        const e = await rejectsWith(client.info(), 'FETCH_FAILED');
        assert.equal(e.kind, 'unavailable');
    });
});
describe('LogClient against a hostile log', () => {
    const origin = 'fake.test/log';
    const key = Ed25519PrivateKey.generate();
    const vkey = formatVerifierKey(origin, key.publicKey);
    const tree = new MerkleTree();
    const entries = [];
    let mode = 'honest';
    let server;
    /** What GET /entry/<i> serves instead of entry i. */
    const entryOverride = new Map();
    /** Lookup answers, by `after`. */
    let lookupAnswer = () => ({ size: 0, indexes: [] });
    const sign = (size, k = key) => signNote(formatCheckpoint({ origin, size, root: Buffer.from(tree.root(size)), extensions: [] }), [ed25519NoteSigner(origin, k)]);
    function add(body, res) {
        if (mode === 'refusal')
            return sendJson(res, 400, { error: { code: 'TIME_SKEW', message: 'your clock is off' } });
        if (mode !== 'not-stored') {
            entries.push(body);
            tree.appendLeafHash(leafHash(body));
        }
        const size = tree.size;
        let index = mode === 'not-stored' ? 3 : size - 1;
        let leaf = leafHash(body);
        let proof = inclusionProof(tree, index, size);
        let checkpoint = sign(size);
        let sizeField = size;
        if (mode === 'other-leaf') {
            index = 2;
            leaf = tree.leafHashAt(2);
            proof = inclusionProof(tree, 2, size);
        }
        if (mode === 'bad-proof')
            proof[0] = Buffer.from(proof[0]).fill(7, 0, 1);
        if (mode === 'short-proof')
            proof = proof.slice(0, -1);
        if (mode === 'other-key')
            checkpoint = sign(size, Ed25519PrivateKey.generate());
        if (mode === 'bad-signature')
            checkpoint = checkpoint.replace(`\n${size}\n`, `\n${size + 1}\n`);
        if (mode === 'index-at-size')
            index = size;
        if (mode === 'size-mismatch')
            sizeField = size + 1;
        const answer = { index, size: sizeField, leafHash: b64(leaf), proof: proof.map(b64), checkpoint };
        if (mode === 'leaf-not-hash')
            answer.leafHash = b64(Buffer.alloc(31));
        if (mode === 'proof-too-long')
            answer.proof = Array.from({ length: 65 }, () => b64(Buffer.alloc(32)));
        if (mode === 'index-negative')
            answer.index = -1;
        if (mode === 'no-checkpoint')
            delete answer.checkpoint;
        sendJson(res, 200, mode === 'array' ? [answer] : answer);
    }
    before(async () => {
        for (let i = 0; i < 5; i++) {
            const e = Buffer.from(`{"filler":${i}}`);
            entries.push(e);
            tree.appendLeafHash(leafHash(e));
        }
        server = await fakeHttp((req, res) => {
            const u = new URL(req.url, 'http://x');
            if (req.method === 'GET' && u.pathname === '/')
                return sendJson(res, 200, { origin, verifierKey: vkey, size: tree.size, ledger: { registryKeys: [] } });
            if (req.method === 'POST' && u.pathname === '/add')
                return add(req.body, res);
            if (u.pathname === '/checkpoint') {
                res.writeHead(200, { 'content-type': 'text/plain' });
                return void res.end(sign(tree.size));
            }
            const m = /^\/entry\/([0-9]+)$/.exec(u.pathname);
            if (m !== null) {
                const i = Number(m[1]);
                res.writeHead(200, { 'content-type': 'application/json' });
                return void res.end(entryOverride.get(i) ?? entries[i]);
            }
            if (u.pathname === '/proof/inclusion') {
                const i = Number(u.searchParams.get('index'));
                const n = Number(u.searchParams.get('size'));
                return sendJson(res, 200, { index: i, size: n, leafHash: b64(tree.leafHashAt(i)), proof: inclusionProof(tree, i, n).map(b64) });
            }
            if (u.pathname.startsWith('/lookup/'))
                return sendJson(res, 200, lookupAnswer(Number(u.searchParams.get('after') ?? '-1')));
            res.writeHead(404).end();
        });
    });
    after(() => server.close());
    const submitAs = async (m, tag) => {
        mode = m;
        return new LogClient(server.url, vkey).submit(Buffer.from(`{"mine":"${tag}"}`));
    };
    it('accepts an honest answer (the fake is a faithful log when it wants to be)', async () => {
        const inc = await submitAs('honest', 'a');
        assert.equal(inc.index, tree.size - 1);
        assert.equal(inc.size, tree.size);
    });
    it('refuses the leaf hash of another entry', async () => {
        const e = await rejectsWith(submitAs('other-leaf', 'b'), 'INCLUSION_PROOF_INVALID');
        assert.match(e.message, /another entry/);
        assert.equal(e.details.got, b64(tree.leafHashAt(2)));
    });
    it('refuses an acknowledgement of an entry the tree does not hold', async () => {
        await rejectsWith(submitAs('not-stored', 'c'), 'INCLUSION_PROOF_INVALID');
    });
    it('refuses a proof that does not lead to the signed root', async () => {
        await rejectsWith(submitAs('bad-proof', 'd'), 'INCLUSION_PROOF_INVALID');
        await rejectsWith(submitAs('short-proof', 'e'), 'INCLUSION_PROOF_INVALID');
    });
    it('refuses a checkpoint signed by another key, or whose signature does not verify', async () => {
        await rejectsWith(submitAs('other-key', 'f'), 'CHECKPOINT_NOT_SIGNED');
        await rejectsWith(submitAs('bad-signature', 'g'), 'CHECKPOINT_SIGNATURE_INVALID');
    });
    it('refuses an index outside the tree, or a size that is not the checkpoint’s', async () => {
        const e = await rejectsWith(submitAs('index-at-size', 'h'), 'INCLUSION_PROOF_INVALID');
        assert.match(e.message, /disagrees with its checkpoint/);
        await rejectsWith(submitAs('size-mismatch', 'i'), 'INCLUSION_PROOF_INVALID');
    });
    it('refuses malformed answers as FETCH_FAILED', async () => {
        for (const m of ['leaf-not-hash', 'proof-too-long', 'index-negative', 'no-checkpoint', 'array']) {
            await rejectsWith(submitAs(m, m), 'FETCH_FAILED');
        }
    });
    it("passes a refusal on with the log's code", async () => {
        const e = await rejectsWith(submitAs('refusal', 'j'), 'TIME_SKEW');
        assert.equal(e.message, 'your clock is off');
    });
    it('refuses info() when a pinned key differs from the one the log presents', async () => {
        const pinned = formatVerifierKey(origin, Ed25519PrivateKey.generate().publicKey);
        await rejectsWith(new LogClient(server.url, pinned).info(), 'CHECKPOINT_NOT_SIGNED');
        assert.equal((await new LogClient(server.url, vkey).info()).verifierKey, vkey);
    });
    it('proves entries: an entry the log swapped does not pass', async () => {
        const client = new LogClient(server.url, vkey);
        assert.deepEqual((await client.provenEntry(1)).bytes, entries[1]);
        entryOverride.set(1, Buffer.from('{"filler":"swapped"}'));
        try {
            await rejectsWith(client.provenEntry(1), 'INCLUSION_PROOF_INVALID');
        }
        finally {
            entryOverride.clear();
        }
    });
    it('pages through lookups', async () => {
        const all = Array.from({ length: 25_000 }, (_, i) => 2 * i);
        lookupAnswer = (after) => ({ size: 50_000, indexes: all.filter((i) => i > after).slice(0, 10_000) });
        const before = server.requests.length;
        assert.deepEqual(await new LogClient(server.url, vkey).lookup('vendor/acme'), { size: 50_000, indexes: all });
        assert.equal(server.requests.length - before, 3);
    });
    it('refuses lookup pages that do not move forward (no endless paging)', { timeout: 10_000 }, async () => {
        const client = new LogClient(server.url, vkey);
        const page = Array.from({ length: 10_000 }, (_, i) => i);
        lookupAnswer = () => ({ size: 20_000, indexes: page }); // ignores `after`
        await rejectsWith(client.lookup('vendor/acme'), 'FETCH_FAILED');
        lookupAnswer = () => ({ size: 20_000, indexes: [5, 3] });
        await rejectsWith(client.lookup('vendor/acme'), 'FETCH_FAILED');
        lookupAnswer = () => ({ size: 20_000, indexes: [1, 1] });
        await rejectsWith(client.lookup('vendor/acme'), 'FETCH_FAILED');
        lookupAnswer = () => ({ size: 20_000, indexes: ['1'] });
        await rejectsWith(client.lookup('vendor/acme'), 'FETCH_FAILED');
    });
});
//# sourceMappingURL=log-client.test.js.map