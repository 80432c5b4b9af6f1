/**
 * The witness on logs that are not ours: the Tessera log of ../shared/vectors/tessera-log witnessed
 * checkpoint by checkpoint over HTTP, real checkpoints of the Go checksum database and Sigstore's Rekor
 * v2, and a cosignature line reproduced byte for byte from a reference witness's test vector.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Ed25519PrivateKey, Ed25519PublicKey } from '../../src/crypto/ed25519.js';
import { ed25519NoteSigner, formatSignerKey, formatVerifierKey, parseNote, parseVerifierKey, signNote } from '../../src/crypto/note.js';
import { checkCosignatures } from '../../src/tlog/audit.js';
import { parseCheckpoint } from '../../src/tlog/checkpoint.js';
import { consistencyProof } from '../../src/tlog/proof.js';
import { TLOG_SIZE_TYPE, respond } from '../../src/witness/add-checkpoint.js';
import { WITNESS_KEY_FILE, readWitnessKey } from '../../src/witness/key.js';
import { trustedLogs } from '../../src/witness/logs.js';
import { parseListen } from '../../src/log/server.js';
import { startWitnessServer } from '../../src/witness/server.js';
import { WitnessStore } from '../../src/witness/state.js';
import { vectorPath } from '../../testkit/vectors.js';
import { MemoryLog, TESSERA, addCheckpointBody, postCheckpoint } from '../../testkit/witness.js';
const work = mkdtempSync(join(tmpdir(), 'signet-witness-interop-'));
after(() => rmSync(work, { recursive: true, force: true }));
const real = JSON.parse(readFileSync(vectorPath('real-checkpoints', 'checkpoints.json'), 'utf8'));
const secs = () => Math.floor(Date.now() / 1000);
describe('witnessing the Tessera log', () => {
    it('cosigns checkpoint.0 to checkpoint.15 in order, refusing a bad proof before each good one', { timeout: 60_000 }, async () => {
        // The log's key, and a second key trusted for its origin: it plays the log signing a fork (the
        // witness cannot forge Tessera's own signature).
        const forger = Ed25519PrivateKey.generate();
        const forgerKey = formatVerifierKey(TESSERA.origin, forger.publicKey);
        const w = await startWitnessServer({
            dataDir: join(work, 'tessera'),
            listen: parseListen('127.0.0.1:0'),
            name: 'witness.example/tessera',
            logs: trustedLogs([
                { spec: TESSERA.key, where: 'tessera' },
                { spec: forgerKey, where: 'forger' },
            ]),
        });
        try {
            const tree = TESSERA.tree();
            let lastTs = 0;
            for (let n = 0; n <= 15; n++) {
                const note = TESSERA.checkpoint(n);
                const cp = parseCheckpoint(parseNote(note).text);
                assert.deepEqual([cp.origin, cp.size], [TESSERA.origin, n]);
                assert.deepEqual(Buffer.from(tree.root(n)), cp.root, `our root at ${n} is Tessera's`);
                const old = Math.max(0, n - 1);
                const proof = old === 0 ? [] : consistencyProof(tree, old, n);
                if (proof.length > 0) {
                    const bad = proof.map((h) => Buffer.from(h));
                    bad[bad.length - 1][31] = bad[bad.length - 1][31] ^ 0x80;
                    const refused = await postCheckpoint(w.url, addCheckpointBody(old, bad, note));
                    assert.equal(refused.status, 422, `bad proof ${old}→${n}: ${refused.body}`);
                }
                const t0 = secs();
                const r = await postCheckpoint(w.url, addCheckpointBody(old, proof, note));
                assert.equal(r.status, 200, `checkpoint.${n} from ${old}: ${r.body}`);
                const [cosig] = checkCosignatures(note + r.body, [w.key.verifierKey], 1);
                assert.equal(cosig.name, 'witness.example/tessera');
                assert.ok(cosig.timestamp >= t0 && cosig.timestamp <= secs(), `timestamp ${cosig.timestamp} is now`);
                assert.ok(cosig.timestamp >= lastTs, 'timestamps never go back');
                lastTs = cosig.timestamp;
                assert.equal(w.store.get(TESSERA.origin).size, n);
            }
            // A replay of an older checkpoint, with its correct proof: 409 and the size the witness is at.
            const replay = await postCheckpoint(w.url, addCheckpointBody(6, consistencyProof(tree, 6, 7), TESSERA.checkpoint(7)));
            assert.deepEqual([replay.status, replay.contentType, replay.body], [409, TLOG_SIZE_TYPE, '15\n']);
            // From the stored size, an older checkpoint is a malformed request (old size above its size).
            assert.equal((await postCheckpoint(w.url, addCheckpointBody(15, [], TESSERA.checkpoint(7)))).status, 400);
            // Another root at size 15 in Tessera's checkpoint: its signature no longer verifies.
            const altered = TESSERA.checkpoint(15).replace(Buffer.from(tree.root(15)).toString('base64'), Buffer.alloc(32, 5).toString('base64'));
            assert.notEqual(altered, TESSERA.checkpoint(15));
            assert.equal((await postCheckpoint(w.url, addCheckpointBody(15, [], altered))).status, 403);
            // Another root at size 15, validly signed by a key trusted for the origin: a fork, 409.
            const fork = new MemoryLog(TESSERA.origin, forger).grow(15, 'fork');
            const forked = await postCheckpoint(w.url, addCheckpointBody(15, [], fork.checkpoint()));
            assert.equal(forked.status, 409);
            assert.notEqual(forked.contentType, TLOG_SIZE_TYPE);
            // The fork grown further, with its own (valid) proof from size 15: the proof fails against the cosigned root.
            fork.grow(5, 'fork-more');
            assert.equal((await postCheckpoint(w.url, addCheckpointBody(15, fork.proof(15), fork.checkpoint()))).status, 422);
            assert.equal(w.store.evidence(TESSERA.origin).filter((e) => e.status === 409).length, 1);
            // The real checkpoint.15 again: still cosigned.
            const again = await postCheckpoint(w.url, addCheckpointBody(15, [], TESSERA.checkpoint(15)));
            assert.equal(again.status, 200);
            assert.equal(w.store.get(TESSERA.origin).checkpoint, TESSERA.checkpoint(15));
            const info = (await (await fetch(`${w.url}/`)).json());
            assert.deepEqual(info.logs.map((l) => [l.origin, l.size]), [[TESSERA.origin, 15]]);
            assert.equal(info.verifierKey, w.key.verifierKey);
        }
        finally {
            await w.close();
        }
    });
});
describe('witnessing real logs', () => {
    function context(logs, dir, now) {
        return { key: readOrCreate(dir), logs: trustedLogs(logs), store: WitnessStore.open(join(dir, 'w.db')), clock: () => now };
    }
    function readOrCreate(dir) {
        const seed = Buffer.alloc(32);
        seed[0] = 17;
        writeFileSync(join(dir, WITNESS_KEY_FILE), formatSignerKey('example.org/witness', Ed25519PrivateKey.fromSeed(seed)) + '\n', { mode: 0o600 });
        return readWitnessKey(dir);
    }
    it('cosigns a Go checksum database checkpoint (origin "go.sum database tree", key sum.golang.org)', () => {
        const go = real.find((r) => r.note?.startsWith('go.sum database tree\n'));
        const dir = mkdtempSync(join(work, 'go-'));
        const ctx = context([{ spec: `${go.verifierKey} go.sum database tree`, where: 'go' }], dir, new Date());
        try {
            const r = respond(ctx, Buffer.from(addCheckpointBody(0, [], go.note)));
            assert.equal(r.status, 200, r.body);
            assert.equal(checkCosignatures(go.note + r.body, [ctx.key.verifierKey], 1).length, 1);
            assert.equal(ctx.store.get('go.sum database tree').size, 30055305);
            // Trusting the key under its own name does not witness the checkpoint's origin.
            const byName = { ...ctx, logs: trustedLogs([{ spec: go.verifierKey, where: 'go' }]) };
            assert.equal(respond(byName, Buffer.from(addCheckpointBody(30055305, [], go.note))).status, 404);
        }
        finally {
            ctx.store.close();
        }
    });
    it('cosigns a Rekor v2 checkpoint, and then refuses its later one without a proof (422) or from old 0 (409)', () => {
        const rekor = real.filter((r) => r.rawEd25519PublicKeySpkiBase64 !== undefined).sort((a, b) => a.note.length - b.note.length);
        const spki = Buffer.from(rekor[0].rawEd25519PublicKeySpkiBase64, 'base64');
        const vkey = formatVerifierKey(rekor[0].keyName, Ed25519PublicKey.fromRaw(spki.subarray(spki.length - 32)));
        const [first, second] = rekor.map((r) => r.note).sort((a, b) => parseCheckpoint(parseNote(a).text).size - parseCheckpoint(parseNote(b).text).size);
        const dir = mkdtempSync(join(work, 'rekor-'));
        const ctx = context([{ spec: vkey, where: 'rekor' }], dir, new Date());
        try {
            assert.equal(respond(ctx, Buffer.from(addCheckpointBody(0, [], first))).status, 200);
            assert.equal(respond(ctx, Buffer.from(addCheckpointBody(544347, [], second))).status, 422);
            const r = respond(ctx, Buffer.from(addCheckpointBody(0, [], second)));
            assert.deepEqual([r.status, r.body], [409, '544347\n']);
        }
        finally {
            ctx.store.close();
        }
    });
    it("answers with the reference witness's cosignature line, byte for byte (fixed seed, fixed time)", () => {
        const v = real.find((r) => r.cosignatureLine !== undefined);
        const timestamp = Number(Buffer.from(v.cosignatureLine, 'base64').readBigUInt64BE(4));
        // The vector's checkpoint body, signed by a log key of ours (a cosignature covers the body only).
        const log = new MemoryLog('example.org/log');
        const checkpoint = signNote(v.checkpointBody, [ed25519NoteSigner('example.org/log', log.key)]);
        const dir = mkdtempSync(join(work, 'ref-'));
        const ctx = context([{ spec: log.vkey, where: 'log' }], dir, new Date(timestamp * 1000));
        try {
            assert.equal(parseVerifierKey(ctx.key.verifierKey).alg, 0x04);
            const r = respond(ctx, Buffer.from(addCheckpointBody(0, [], checkpoint)));
            assert.equal(r.status, 200, r.body);
            assert.equal(r.body, `\u2014 example.org/witness ${v.cosignatureLine}\n`);
            assert.equal(ctx.store.get('example.org/log').size, parseCheckpoint(v.checkpointBody).size);
        }
        finally {
            ctx.store.close();
        }
    });
});
//# sourceMappingURL=interop.test.js.map