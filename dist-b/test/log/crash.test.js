/**
 * Crash safety: the log server runs in a child process that is killed with SIGKILL at random moments
 * while clients submit. Every acknowledged entry must survive at its index, no index is reused or
 * skipped, the log restarts each time, passes the auditor, and stays consistent with every checkpoint
 * it signed before a crash.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Statements, harness } from '../../testkit/ledger.js';
import { runCli } from '../../testkit/cli.js';
import { freePort, startServerProcess } from '../../testkit/server-process.js';
const work = mkdtempSync(join(tmpdir(), 'signet-crash-'));
after(() => rmSync(work, { recursive: true, force: true }));
const { s } = harness();
const registryKey = s.key('registry').publicKey.raw.toString('base64');
describe('a log killed with SIGKILL at random moments', () => {
    it('loses no acknowledged entry, reuses and skips no index, and passes the auditor', { timeout: 120_000 }, async () => {
        const port = await freePort();
        const url = `http://127.0.0.1:${port}`;
        const args = ['log', 'serve', '--data', join(work, 'data'), '--listen', `127.0.0.1:${port}`, '--registry-key', registryKey, '--origin', 'crash.example/log'];
        let server = await startServerProcess(args, url);
        const acks = [];
        const checkpoints = [];
        let attempt = 0;
        let running = true;
        let refusedOther = 0;
        // Clients: each attempt claims a fresh vendor (so a retry can never collide with an earlier commit).
        const client = async (id) => {
            while (running) {
                const vendor = `crash${id}x${attempt++}`;
                const bytes = new Statements(s, new Date()).vendor({ vendor, keys: [[`${vendor}-key`, 'full']] });
                try {
                    const res = await fetch(`${url}/add`, { method: 'POST', body: new Uint8Array(bytes) });
                    if (res.status === 200) {
                        const r = (await res.json());
                        acks.push({ index: r.index, bytes });
                    }
                    else {
                        await res.arrayBuffer();
                        if (res.status !== 503)
                            refusedOther++;
                    }
                }
                catch {
                    await new Promise((r) => setTimeout(r, 20)); // the server is down: try again shortly
                }
            }
        };
        const clients = Array.from({ length: 8 }, (_, i) => client(i));
        for (let round = 0; round < 6; round++) {
            await new Promise((r) => setTimeout(r, 150 + Math.floor(Math.random() * 350)));
            try {
                checkpoints.push(await (await fetch(`${url}/checkpoint`)).text());
            }
            catch {
                // fine: it may be between restarts
            }
            server.child.kill('SIGKILL');
            await server.exited;
            server = await startServerProcess(args, url);
        }
        await new Promise((r) => setTimeout(r, 300));
        running = false;
        await Promise.all(clients);
        assert.ok(acks.length > 50, `only ${acks.length} entries acknowledged`);
        assert.equal(refusedOther, 0, 'no submission was refused for anything but unavailability');
        // No index handed out twice.
        const indexes = acks.map((a) => a.index);
        assert.equal(new Set(indexes).size, indexes.length, 'an index was acknowledged twice');
        // Every acknowledged entry is at its index after all the crashes.
        const final = await (await fetch(`${url}/checkpoint`)).text();
        const size = Number(final.split('\n')[1]);
        assert.ok(size > Math.max(...indexes), `size ${size} does not cover index ${Math.max(...indexes)}`);
        for (const a of acks) {
            const res = await fetch(`${url}/entry/${a.index}`);
            assert.equal(res.status, 200, `entry ${a.index}`);
            assert.deepEqual(Buffer.from(await res.arrayBuffer()), a.bytes, `entry ${a.index} changed`);
        }
        // The whole log verifies (so indexes are contiguous) and extends every checkpoint seen before a crash.
        const key = (await runCli(['log', 'key', '--data', join(work, 'data')])).stdout.trim();
        for (const [i, note] of checkpoints.entries()) {
            const file = join(work, `checkpoint-${i}`);
            writeFileSync(file, note);
            const r = await runCli(['tlog', 'verify', url, '--key', key, '--since', file, '--json']);
            assert.equal(r.code, 0, r.stdout + r.stderr);
        }
        server.child.kill('SIGTERM');
        assert.equal(await server.exited, 0, server.output());
    });
});
//# sourceMappingURL=crash.test.js.map