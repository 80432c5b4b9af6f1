/**
 * The add-checkpoint handler without HTTP: every status of C2SP tlog-witness, in the spec's order,
 * the cosignature it answers with, its timestamps, and what the state holds after each answer.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, beforeEach, describe, it } from 'node:test';
import { isSignetError } from '../../src/errors.js';
import { Ed25519PrivateKey } from '../../src/crypto/ed25519.js';
import { ed25519NoteSigner, formatVerifierKey, parseNote, signNote } from '../../src/crypto/note.js';
import { checkCosignatures } from '../../src/tlog/audit.js';
import { EMPTY_ROOT } from '../../src/tlog/hash.js';
import { MAX_PROOF_LINES, TLOG_SIZE_TYPE, addCheckpoint, parseAddCheckpointBody, respond } from '../../src/witness/add-checkpoint.js';
import { loadOrCreateWitnessKey } from '../../src/witness/key.js';
import { trustedLogs } from '../../src/witness/logs.js';
import { WitnessStore } from '../../src/witness/state.js';
import { MemoryLog, addCheckpointBody } from '../../testkit/witness.js';
const work = mkdtempSync(join(tmpdir(), 'signet-witness-handler-'));
after(() => rmSync(work, { recursive: true, force: true }));
const key = loadOrCreateWitnessKey(join(work, 'key'), 'witness.example/w1', 'unused');
const T = 1_800_000_000;
let n = 0;
let now = T;
let log;
let ctx;
beforeEach(() => {
    ctx?.store.close();
    log = new MemoryLog();
    now = T;
    ctx = {
        key,
        logs: trustedLogs([{ spec: log.vkey, where: 'test' }]),
        store: WitnessStore.open(join(work, `state-${n++}.db`)),
        clock: () => new Date(now * 1000),
    };
});
/** The answer for a request; asserts its status (and, for refusals, that the state did not change). */
function send(body, status) {
    const before = JSON.stringify(ctx.store.all());
    const r = respond(ctx, typeof body === 'string' ? Buffer.from(body) : body);
    assert.equal(r.status, status, r.body);
    if (status !== 200)
        assert.equal(JSON.stringify(ctx.store.all()), before, 'a refused request changes nothing');
    return r;
}
/** Cosigns checkpoint at `size` from `old` with the right proof. */
function accept(old, size = log.size) {
    const cp = log.checkpoint(size);
    const r = send(addCheckpointBody(old, old === 0 ? [] : log.proof(old, size), cp), 200);
    return cp + r.body;
}
describe('add-checkpoint: 200', () => {
    it('cosigns the first checkpoint of a log from old size 0, with a cosignature/v1 line the witness key verifies', () => {
        log.grow(5);
        const r = send(addCheckpointBody(0, [], log.checkpoint()), 200);
        assert.equal(r.contentType, 'text/plain; charset=utf-8');
        assert.match(r.body, /^\u2014 witness\.example\/w1 [A-Za-z0-9+/]+=*\n$/);
        const cosigs = checkCosignatures(log.checkpoint() + r.body, [key.verifierKey], 1);
        assert.deepEqual(cosigs.map((c) => [c.name, c.timestamp]), [['witness.example/w1', T]]);
        const rec = ctx.store.get(log.origin);
        assert.equal(rec.size, 5);
        assert.deepEqual(rec.root, Buffer.from(log.tree.root()));
        assert.equal(rec.timestamp, T);
    });
    it('follows a log as it grows, each step proven from the last cosigned size', () => {
        let old = 0;
        for (const step of [1, 1, 2, 3, 7, 16, 1, 100, 255, 2]) {
            log.grow(step);
            now += 1;
            const note = accept(old);
            assert.equal(checkCosignatures(note, [key.verifierKey], 1)[0].timestamp, now);
            old = log.size;
        }
        assert.equal(ctx.store.get(log.origin).size, log.size);
    });
    it('cosigns the empty tree (size 0, the empty root), then grows from it', () => {
        accept(0, 0);
        assert.deepEqual(ctx.store.get(log.origin).root, EMPTY_ROOT);
        log.grow(3);
        accept(0);
        assert.equal(ctx.store.get(log.origin).size, 3);
    });
    it('cosigns the same checkpoint again (same size, same root) with a fresh timestamp', () => {
        log.grow(4);
        accept(0);
        now += 60;
        const again = accept(4);
        assert.equal(checkCosignatures(again, [key.verifierKey], 1)[0].timestamp, T + 60);
    });
    it('never dates a cosignature before the last one given for the log, even when the clock goes back', () => {
        log.grow(2);
        now = T + 1000;
        accept(0);
        now = T; // the clock went back 1000 s (NTP step, restored VM, another machine)
        log.grow(2);
        const note = accept(2);
        assert.equal(checkCosignatures(note, [key.verifierKey], 1)[0].timestamp, T + 1000);
        assert.equal(ctx.store.get(log.origin).timestamp, T + 1000);
        now = T + 2000;
        log.grow(1);
        assert.equal(checkCosignatures(accept(4), [key.verifierKey], 1)[0].timestamp, T + 2000);
    });
    it('ignores signatures by unknown keys beside the trusted one, and cosigns the whole text (extension lines too)', () => {
        log.grow(3);
        const body = log.body() + 'extension line\n';
        const stranger = Ed25519PrivateKey.generate();
        const cp = signNote(body, [ed25519NoteSigner('stranger.example', stranger), ed25519NoteSigner(log.origin, log.key)]);
        const r = send(addCheckpointBody(0, [], cp), 200);
        const cosigs = checkCosignatures(cp + r.body, [key.verifierKey], 1);
        assert.equal(cosigs.length, 1);
        // The cosignature covers the extension line: without it, it does not verify.
        assert.throws(() => checkCosignatures(log.checkpoint() + r.body, [key.verifierKey], 1), (e) => isSignetError(e, 'COSIGNATURE_INVALID'));
    });
    it("trusts every key listed for an origin (a log's key rotation), and a key whose name is not the origin", () => {
        const rotated = Ed25519PrivateKey.generate();
        const other = new MemoryLog('go.sum database tree', undefined, 'sum.example');
        ctx = {
            ...ctx,
            logs: trustedLogs([
                { spec: log.vkey, where: 'a' },
                { spec: formatVerifierKey(log.origin, rotated.publicKey), where: 'b' },
                { spec: `${other.vkey} go.sum database tree`, where: 'c' },
            ]),
        };
        log.grow(2);
        send(addCheckpointBody(0, [], log.checkpoint(2, { key: rotated })), 200);
        send(addCheckpointBody(2, [], log.checkpoint(2)), 200);
        other.grow(3);
        send(addCheckpointBody(0, [], other.checkpoint()), 200);
        // Its key alone does not make "sum.example" a witnessed origin.
        send(addCheckpointBody(0, [], new MemoryLog('sum.example', other.key).grow(1).checkpoint()), 404);
        assert.deepEqual(ctx.store.all().map((r) => [r.origin, r.size]), [['example.com/witness-test-log', 2], ['go.sum database tree', 3]]);
    });
});
describe('add-checkpoint: refusals', () => {
    it('400: a malformed body', () => {
        log.grow(2);
        const cp = log.checkpoint();
        const h = Buffer.alloc(32, 7).toString('base64');
        for (const body of [
            '',
            `old 0\n${cp}`, // no empty line after the old size
            `\n${cp}`,
            `old\n\n${cp}`,
            `old 01\n\n${cp}`,
            `old -1\n\n${cp}`,
            `old 1.0\n\n${cp}`,
            `Old 0\n\n${cp}`,
            `old  0\n\n${cp}`,
            `old 0 \n\n${cp}`,
            `old 99999999999999999999\n\n${cp}`,
            `old 0\nnot base64!\n\n${cp}`,
            `old 0\n${Buffer.alloc(31).toString('base64')}\n\n${cp}`,
            `old 0\n${h.slice(0, -1)}\n\n${cp}`,
            `old 1\n${Array.from({ length: MAX_PROOF_LINES + 1 }, () => h).join('\n')}\n\n${cp}`,
            'old 0\n\nexample.com/witness-test-log\n2\n', // a checkpoint without signatures
            `old 0\n\n${cp.replace('\u2014', '-')}`,
        ]) {
            const r = send(body, 400);
            assert.match(r.body, /^WITNESS_REQUEST_MALFORMED: /, JSON.stringify(body.slice(0, 30)));
        }
        // Not UTF-8.
        send(Buffer.concat([Buffer.from(`old 0\n\n${log.origin}`), Buffer.from([0xff]), Buffer.from(cp.slice(log.origin.length))]), 400);
        // Signed by the log, but not a checkpoint: the root line is not a hash.
        const notCheckpoint = signNote('example.com/witness-test-log\n2\nnot a hash\n', [ed25519NoteSigner(log.origin, log.key)]);
        assert.match(send(addCheckpointBody(0, [], notCheckpoint), 400).body, /not a checkpoint/);
        // 63 proof lines are allowed by the parser.
        assert.equal(parseAddCheckpointBody(Buffer.from(`old 1\n${Array.from({ length: MAX_PROOF_LINES }, () => h).join('\n')}\n\n${cp}`)).proof.length, MAX_PROOF_LINES);
    });
    it('404: a checkpoint of a log the witness does not witness', () => {
        const stranger = new MemoryLog('example.com/not-witnessed').grow(3);
        const r = send(addCheckpointBody(0, [], stranger.checkpoint()), 404);
        assert.match(r.body, /^WITNESS_LOG_UNKNOWN: /);
    });
    it('403: no valid signature by a trusted key (another key under the log name, an altered checkpoint, a bad signature)', () => {
        log.grow(3);
        const impostor = Ed25519PrivateKey.generate();
        assert.match(send(addCheckpointBody(0, [], log.checkpoint(3, { key: impostor })), 403).body, /^WITNESS_CHECKPOINT_UNSIGNED: /);
        // The root changed after signing: the log's signature no longer verifies.
        const cp = log.checkpoint();
        const altered = cp.replace(Buffer.from(log.tree.root()).toString('base64'), Buffer.alloc(32, 9).toString('base64'));
        send(addCheckpointBody(0, [], altered), 403);
        // A signature line by the trusted key with garbage bytes.
        const { text, signatures } = parseNote(cp);
        const sig = Buffer.from(signatures[0].base64, 'base64');
        sig[10] = sig[10] ^ 1;
        send(addCheckpointBody(0, [], `${text}\n\u2014 ${log.origin} ${sig.toString('base64')}\n`), 403);
        // A bad signature line by the trusted key before its good one: the note is refused.
        send(addCheckpointBody(0, [], `${text}\n\u2014 ${log.origin} ${sig.toString('base64')}\n${cp.slice(text.length + 1)}`), 403);
        // After it, it is a repeat of a key already verified and skipped, as Go's note.Open does.
        send(addCheckpointBody(0, [], `${cp}\u2014 ${log.origin} ${sig.toString('base64')}\n`), 200);
    });
    it('403 comes before 400 for an old size above the checkpoint size, and 404 before 403', () => {
        log.grow(3);
        const impostor = Ed25519PrivateKey.generate();
        send(addCheckpointBody(5, [], log.checkpoint(3, { key: impostor })), 403);
        const stranger = new MemoryLog('example.com/not-witnessed').grow(3);
        send(addCheckpointBody(0, [], stranger.checkpoint(3, { key: impostor })), 404);
    });
    it('400: an old size larger than the checkpoint size', () => {
        log.grow(3);
        const r = send(addCheckpointBody(4, [], log.checkpoint()), 400);
        assert.match(r.body, /larger than the checkpoint size/);
    });
    it('409 with the stored size (text/x.tlog.size): the old size is not the size last cosigned', () => {
        log.grow(4);
        // Never cosigned: the stored size is 0.
        let r = send(addCheckpointBody(2, log.proof(2), log.checkpoint()), 409);
        assert.equal(r.contentType, TLOG_SIZE_TYPE);
        assert.equal(r.body, '0\n');
        accept(0);
        log.grow(4);
        // A client that thinks the witness is behind, or ahead, of where it is.
        for (const old of [0, 2, 5, 7]) {
            r = send(addCheckpointBody(old, old === 0 ? [] : log.proof(old), log.checkpoint()), 409);
            assert.deepEqual([r.contentType, r.body], [TLOG_SIZE_TYPE, '4\n']);
            assert.equal(isSignetError(r.error, 'WITNESS_OLD_SIZE_MISMATCH'), true);
        }
        // A replay of an older checkpoint, even with a correct proof from an older size.
        r = send(addCheckpointBody(2, log.proof(2, 3), log.checkpoint(3)), 409);
        assert.equal(r.body, '4\n');
        accept(4);
    });
    it('409: the same size with another root (a fork), kept as evidence', () => {
        log.grow(5);
        accept(0);
        const fork = log.checkpoint(5, { root: Buffer.alloc(32, 1) });
        const r = send(addCheckpointBody(5, [], fork), 409);
        assert.notEqual(r.contentType, TLOG_SIZE_TYPE, 'not the size answer: retrying from the stored size cannot help');
        assert.match(r.body, /^WITNESS_ROOT_CONFLICT: /);
        const ev = ctx.store.evidence(log.origin);
        assert.equal(ev.length, 1);
        assert.equal(ev[0].status, 409);
        assert.ok(ev[0].request.endsWith(fork));
        // The empty tree has one root: a size-0 checkpoint with another one is a conflict too.
        const other = new MemoryLog('example.com/other');
        ctx = { ...ctx, logs: trustedLogs([{ spec: other.vkey, where: 't' }]) };
        send(addCheckpointBody(0, [], other.checkpoint(0, { root: Buffer.alloc(32, 2) })), 409);
    });
    it('422: a consistency proof that does not verify, kept as evidence', () => {
        log.grow(6);
        accept(0);
        log.grow(5);
        const good = log.proof(6);
        const cp = log.checkpoint();
        const flipped = good.map((h) => Buffer.from(h));
        flipped[1][0] = flipped[1][0] ^ 1;
        const bad = [
            [], // missing
            flipped,
            good.slice(0, -1), // truncated
            [...good, Buffer.alloc(32)], // too long
            log.proof(5, 11), // a proof from another size
        ];
        for (const proof of bad)
            assert.match(send(addCheckpointBody(6, proof, cp), 422).body, /^WITNESS_PROOF_INVALID: /);
        // A fork that grew: the new tree does not contain the cosigned one.
        const fork = new MemoryLog(log.origin, log.key).grow(11, 'fork');
        send(addCheckpointBody(6, fork.proof(6), fork.checkpoint()), 422);
        // The same size needs an empty proof.
        send(addCheckpointBody(6, [Buffer.alloc(32)], log.checkpoint(6)), 422);
        assert.equal(ctx.store.evidence(log.origin).length, bad.length + 2);
        accept(6);
    });
    it('422: a proof from old size 0 must be empty', () => {
        log.grow(4);
        send(addCheckpointBody(0, log.proof(2), log.checkpoint()), 422);
        accept(0);
    });
});
describe('add-checkpoint: the store', () => {
    it('keeps at most 100 evidence rows per origin', () => {
        log.grow(2);
        accept(0);
        const fork = log.checkpoint(2, { root: Buffer.alloc(32, 1) });
        for (let i = 0; i < 105; i++)
            send(addCheckpointBody(2, [], fork), 409);
        assert.equal(ctx.store.evidence(log.origin).length, 100);
    });
    it('throws the refusals as SignetErrors from addCheckpoint', () => {
        log.grow(2);
        assert.throws(() => addCheckpoint(ctx, Buffer.from(addCheckpointBody(1, [], log.checkpoint()))), (e) => isSignetError(e, 'WITNESS_OLD_SIZE_MISMATCH'));
        const r = addCheckpoint(ctx, Buffer.from(addCheckpointBody(0, [], log.checkpoint())));
        assert.deepEqual([r.origin, r.size, r.timestamp], [log.origin, 2, T]);
    });
});
//# sourceMappingURL=add-checkpoint.test.js.map