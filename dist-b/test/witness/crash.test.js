/**
 * Crash safety: `signet witness serve` runs in a child process that is killed with SIGKILL at random
 * moments while a client submits growing checkpoints. Whatever the moment, the witness never cosigns
 * (or reports) a size below one it acknowledged, never dates a cosignature before an earlier one, and a
 * checkpoint it recorded but could not answer before dying is reported as its size after the restart.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { checkCosignatures } from '../../src/tlog/audit.js';
import { runCli } from '../../testkit/cli.js';
import { freePort } from '../../testkit/server-process.js';
import { MemoryLog, addCheckpointBody, postCheckpoint, startWitnessProcess } from '../../testkit/witness.js';
const work = mkdtempSync(join(tmpdir(), 'signet-witness-crash-'));
after(() => rmSync(work, { recursive: true, force: true }));
describe('a witness killed with SIGKILL at random moments', () => {
    it('never cosigns or reports a size below one it acknowledged', { timeout: 120_000 }, async () => {
        const log = new MemoryLog('crash.example/log').grow(20_000);
        const port = await freePort();
        const url = `http://127.0.0.1:${port}`;
        const data = join(work, 'data');
        const args = ['witness', 'serve', '--data', data, '--listen', `127.0.0.1:${port}`, '--name', 'crash.example/witness', '--log', log.vkey];
        let server = await startWitnessProcess(args, url);
        const vkey = (await runCli(['witness', 'key', '--data', data])).stdout.trim();
        const acks = [];
        const violations = [];
        let maxAck = 0;
        let lastTs = 0;
        let old = 0;
        let lostAnswers = 0;
        let recordedUnanswered = 0;
        let running = true;
        // One client, one request at a time: any answer below what was acknowledged is a violation.
        const client = async () => {
            while (running && old < log.size - 10) {
                const size = old + 1 + Math.floor(Math.random() * 5);
                const checkpoint = log.checkpoint(size);
                let r;
                try {
                    r = await postCheckpoint(url, addCheckpointBody(old, old === 0 ? [] : log.proof(old, size), checkpoint));
                }
                catch {
                    lostAnswers++;
                    await new Promise((res) => setTimeout(res, 20)); // down: the request may or may not have been recorded
                    continue;
                }
                if (r.status === 200) {
                    const ts = checkCosignatures(checkpoint + r.body, [vkey], 1)[0].timestamp;
                    if (size < maxAck)
                        violations.push(`cosigned ${size} after acknowledging ${maxAck}`);
                    if (ts < lastTs)
                        violations.push(`cosignature of ${size} dated ${ts}, before an earlier one (${lastTs})`);
                    acks.push({ size, timestamp: ts });
                    maxAck = Math.max(maxAck, size);
                    lastTs = Math.max(lastTs, ts);
                    old = size;
                }
                else if (r.status === 409) {
                    const stored = Number(r.body.trim());
                    if (!(stored >= maxAck))
                        violations.push(`reported size ${r.body.trim()} after acknowledging ${maxAck}`);
                    if (stored > maxAck)
                        recordedUnanswered++; // it recorded a checkpoint whose answer was lost in the crash
                    old = stored;
                }
                else {
                    violations.push(`status ${r.status}: ${r.body}`);
                    await new Promise((res) => setTimeout(res, 20));
                }
            }
        };
        const running1 = client();
        for (let round = 0; round < 5; round++) {
            await new Promise((r) => setTimeout(r, 150 + Math.floor(Math.random() * 350)));
            server.child.kill('SIGKILL');
            await server.exited;
            server = await startWitnessProcess(args, url);
        }
        await new Promise((r) => setTimeout(r, 300));
        running = false;
        await running1;
        assert.deepEqual(violations, []);
        assert.ok(acks.length > 20, `only ${acks.length} checkpoints cosigned`);
        // After everything: the witness is at the last size it acknowledged, or a later one it recorded.
        const probe = await postCheckpoint(url, addCheckpointBody(0, [], log.checkpoint(1)));
        assert.equal(probe.status, 409);
        assert.ok(Number(probe.body) >= maxAck, `stored ${probe.body.trim()}, acknowledged ${maxAck}`);
        assert.equal(Number(probe.body), old);
        // Each cosigned size is larger than the one before, with a timestamp no earlier.
        for (let i = 1; i < acks.length; i++) {
            assert.ok(acks[i].size > acks[i - 1].size);
            assert.ok(acks[i].timestamp >= acks[i - 1].timestamp);
        }
        process.stderr.write(`${acks.length} cosigned; ${lostAnswers} requests unanswered in crashes, ${recordedUnanswered} of them recorded\n`);
        server.child.kill('SIGTERM');
        assert.equal(await server.exited, 0, server.output());
    });
});
//# sourceMappingURL=crash.test.js.map