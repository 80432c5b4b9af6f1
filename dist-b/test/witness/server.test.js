/**
 * `signet witness serve` in process on 127.0.0.1:0: every status over HTTP with its headers, racing
 * submissions, and a restart on the same data folder.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isSignetError } from '../../src/errors.js';
import { Ed25519PrivateKey } from '../../src/crypto/ed25519.js';
import { checkCosignatures } from '../../src/tlog/audit.js';
import { MAX_REQUEST_BYTES, TLOG_SIZE_TYPE } from '../../src/witness/add-checkpoint.js';
import { WITNESS_KEY_FILE } from '../../src/witness/key.js';
import { trustedLogs } from '../../src/witness/logs.js';
import { parseListen } from '../../src/log/server.js';
import { startWitnessServer } from '../../src/witness/server.js';
import { MemoryLog, addCheckpointBody, postCheckpoint } from '../../testkit/witness.js';
const work = mkdtempSync(join(tmpdir(), 'signet-witness-server-'));
after(() => rmSync(work, { recursive: true, force: true }));
function start(dir, log, opts = {}) {
    return startWitnessServer({
        dataDir: join(work, dir),
        listen: parseListen('127.0.0.1:0'),
        logs: trustedLogs([{ spec: log.vkey, where: 'test' }]),
        ...(opts.name === undefined ? {} : { name: opts.name }),
        ...(opts.clock === undefined ? {} : { clock: opts.clock }),
    });
}
/** POST without a Content-Type header (fetch always sends one for a string body). */
function postBare(url, body) {
    return new Promise((resolve, reject) => {
        const req = request(`${url}/add-checkpoint`, { method: 'POST', headers: { 'content-length': Buffer.byteLength(body) } }, (res) => {
            let data = '';
            res.setEncoding('utf8').on('data', (d) => (data += d));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
        });
        req.on('error', reject);
        req.end(body);
    });
}
describe('witness HTTP interface', () => {
    it('answers each tlog-witness status with its content type', async () => {
        const log = new MemoryLog();
        const w = await start('statuses', log, { name: 'witness.example/http' });
        try {
            log.grow(8);
            // 200, and the cosignature verifies with the key the witness publishes.
            let r = await postCheckpoint(w.url, addCheckpointBody(0, [], log.checkpoint()));
            assert.equal(r.status, 200, r.body);
            assert.equal(r.contentType, 'text/plain; charset=utf-8');
            const info = (await (await fetch(`${w.url}/`)).json());
            assert.deepEqual(info, { name: 'witness.example/http', verifierKey: w.key.verifierKey, logs: [{ origin: log.origin, keys: [log.vkey], size: 8 }] });
            assert.equal(checkCosignatures(log.checkpoint() + r.body, [info.verifierKey], 1).length, 1);
            // 400, 403, 404.
            assert.equal((await postCheckpoint(w.url, 'old 0\n')).status, 400);
            assert.equal((await postCheckpoint(w.url, addCheckpointBody(9, [], log.checkpoint()))).status, 400);
            assert.equal((await postCheckpoint(w.url, addCheckpointBody(8, [], log.checkpoint(8, { key: Ed25519PrivateKey.generate() })))).status, 403);
            assert.equal((await postCheckpoint(w.url, addCheckpointBody(0, [], new MemoryLog('example.com/other').grow(1).checkpoint()))).status, 404);
            // 409 with the stored size.
            log.grow(3);
            r = await postCheckpoint(w.url, addCheckpointBody(4, log.proof(4), log.checkpoint()));
            assert.deepEqual([r.status, r.contentType, r.body], [409, TLOG_SIZE_TYPE, '8\n']);
            // 409 for another root at the stored size; 422 for a failing proof.
            r = await postCheckpoint(w.url, addCheckpointBody(8, [], log.checkpoint(8, { root: Buffer.alloc(32, 3) })));
            assert.equal(r.status, 409);
            assert.match(r.contentType, /^text\/plain/);
            assert.equal((await postCheckpoint(w.url, addCheckpointBody(8, log.proof(7), log.checkpoint()))).status, 422);
            // A body over the limit: 413, and the state is unchanged.
            const huge = addCheckpointBody(8, log.proof(8), log.checkpoint()) + 'x'.repeat(MAX_REQUEST_BYTES);
            assert.equal((await postCheckpoint(w.url, huge)).status, 413);
            // Any Content-Type, or none, is read as the body.
            const bare = await postBare(w.url, addCheckpointBody(8, log.proof(8), log.checkpoint()));
            assert.equal(bare.status, 200, bare.body);
            const res = await fetch(`${w.url}/add-checkpoint`, {
                method: 'POST',
                headers: { 'content-type': 'application/octet-stream' },
                body: addCheckpointBody(11, [], log.checkpoint()),
            });
            assert.equal(res.status, 200, await res.text());
            // Only POST.
            const get = await fetch(`${w.url}/add-checkpoint`);
            assert.deepEqual([get.status, get.headers.get('allow')], [405, 'POST']);
            assert.equal(w.store.get(log.origin).size, 11);
        }
        finally {
            await w.close();
        }
    });
    it('lets exactly one of two racing submissions from the same old size through; the other gets 409 and the new size', async () => {
        const log = new MemoryLog();
        const w = await start('race', log);
        try {
            log.grow(10);
            assert.equal((await postCheckpoint(w.url, addCheckpointBody(0, [], log.checkpoint())).then((r) => r.status)), 200);
            let old = 10;
            for (let round = 0; round < 10; round++) {
                log.grow(1 + round);
                const a = log.size;
                log.grow(2);
                const b = log.size;
                // Both extend the cosigned size; whichever commits first moves it, and the other one is stale.
                const [ra, rb] = await Promise.all([
                    postCheckpoint(w.url, addCheckpointBody(old, log.proof(old, a), log.checkpoint(a))),
                    postCheckpoint(w.url, addCheckpointBody(old, log.proof(old, b), log.checkpoint(b))),
                ]);
                const statuses = [ra.status, rb.status].sort();
                assert.deepEqual(statuses, [200, 409], `${ra.body} / ${rb.body}`);
                const won = ra.status === 200 ? a : b;
                const lost = ra.status === 200 ? rb : ra;
                assert.equal(lost.body, `${won}\n`);
                assert.equal(w.store.get(log.origin).size, won);
                // If the smaller one lost, the larger is still a valid next step from where the witness is.
                old = won;
            }
            // Ten clients at once from the same old size: one 200, nine 409.
            const sizes = Array.from({ length: 10 }, (_, i) => old + 1 + i);
            log.grow(20);
            const answers = await Promise.all(sizes.map((s) => postCheckpoint(w.url, addCheckpointBody(old, log.proof(old, s), log.checkpoint(s)))));
            assert.equal(answers.filter((r) => r.status === 200).length, 1);
            assert.equal(answers.filter((r) => r.status === 409).length, 9);
        }
        finally {
            await w.close();
        }
    });
    it('keeps its key and every log’s state across a restart on the same data folder', async () => {
        const log = new MemoryLog();
        let now = 1_900_000_000;
        const clock = () => new Date(now * 1000);
        let w = await start('restart', log, { name: 'witness.example/restart', clock });
        const vkey = w.key.verifierKey;
        log.grow(7);
        assert.equal((await postCheckpoint(w.url, addCheckpointBody(0, [], log.checkpoint()))).status, 200);
        // A second server on the same folder is refused while the first runs.
        await assert.rejects(start('restart', log), (e) => isSignetError(e, 'LOG_LOCKED'));
        await w.close();
        now -= 3600; // and the clock went back meanwhile
        w = await start('restart', log, { clock });
        try {
            assert.equal(w.key.verifierKey, vkey);
            assert.equal(w.key.name, 'witness.example/restart');
            let r = await postCheckpoint(w.url, addCheckpointBody(0, [], log.checkpoint(3)));
            assert.deepEqual([r.status, r.body], [409, '7\n']);
            log.grow(2);
            r = await postCheckpoint(w.url, addCheckpointBody(7, log.proof(7), log.checkpoint()));
            assert.equal(r.status, 200);
            assert.equal(checkCosignatures(log.checkpoint() + r.body, [vkey], 1)[0].timestamp, 1_900_000_000, 'not before the last cosignature');
            assert.equal(statSync(join(work, 'restart', WITNESS_KEY_FILE)).mode & 0o077, 0, 'the key file is private');
        }
        finally {
            await w.close();
        }
        // The name is fixed at the first run.
        await assert.rejects(start('restart', log, { name: 'witness.example/other' }), (e) => isSignetError(e, 'USAGE') && /cannot change its name/.test(e.message));
        // A key without its state would cosign from scratch (forks included): it does not start.
        rmSync(join(work, 'restart', 'witness.db'));
        rmSync(join(work, 'restart', 'witness.db-wal'), { force: true });
        rmSync(join(work, 'restart', 'witness.db-shm'), { force: true });
        await assert.rejects(start('restart', log), (e) => isSignetError(e, 'USAGE') && /lost what it cosigned/.test(e.message));
        // Without logs there is nothing to witness.
        await assert.rejects(startWitnessServer({ dataDir: join(work, 'none'), listen: parseListen('127.0.0.1:0'), logs: trustedLogs([]) }), (e) => isSignetError(e, 'USAGE'));
    });
});
//# sourceMappingURL=server.test.js.map