/** `signet tlog verify` as a user runs it: output, --json, exit codes. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../testkit/cli.js';
import { buildLog, serveFolder, writeFile } from '../../testkit/log.js';
import { vectorPath } from '../../testkit/vectors.js';
const TESSERA_KEY = 'example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx';
let work;
let log;
before(() => {
    work = mkdtempSync(join(tmpdir(), 'signet-cli-tlog-'));
    log = buildLog(join(work, 'log'), [10, 300]);
});
after(() => rmSync(work, { recursive: true, force: true }));
describe('signet tlog verify', () => {
    it('verifies the Tessera log and exits 0', async () => {
        const r = await runCli(['tlog', 'verify', vectorPath('tessera-log'), '--key', TESSERA_KEY]);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /verified example\.com\/log\/testdata at size 15/);
        assert.match(r.stdout, /rKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja\/1nk427v383cs=/);
    });
    it('prints one JSON object with --json, over HTTP too', async () => {
        const http = await serveFolder(log.dir);
        try {
            const old = join(work, 'old-checkpoint');
            writeFileSync(old, log.checkpoints.get(10));
            const r = await runCli(['tlog', 'verify', http.url, '--key', log.vkey, '--since', old, '--json']);
            assert.equal(r.code, 0, r.stderr);
            const out = JSON.parse(r.stdout);
            assert.equal(out.ok, true);
            assert.equal(out.size, 300);
            assert.deepEqual([out.since.size, out.since.relation], [10, 'prefix']);
        }
        finally {
            await http.close();
        }
    });
    it('exits 1 with the error code when the log was tampered with', async () => {
        const dir = join(work, 'tampered');
        const bad = buildLog(dir, [300], { key: log.key, origin: log.origin, salt: 'other history' });
        void bad;
        const old = join(work, 'honest-checkpoint');
        writeFileSync(old, log.checkpoints.get(300));
        const human = await runCli(['tlog', 'verify', dir, '--key', log.vkey, '--since', old]);
        assert.equal(human.code, 1);
        assert.match(human.stderr, /CHECKPOINT_FORK/);
        assert.match(human.stderr, /attack caught: a fork/);
        const json = await runCli(['tlog', 'verify', dir, '--key', log.vkey, '--since', old, '--json']);
        assert.equal(json.code, 1);
        const out = JSON.parse(json.stdout);
        assert.equal(out.ok, false);
        assert.equal(out.error.code, 'CHECKPOINT_FORK');
        assert.equal(out.error.evidence.older, log.checkpoints.get(300));
    });
    it('exits 2 on usage errors and 3 when the log cannot be reached', async () => {
        const noKey = await runCli(['tlog', 'verify', log.dir]);
        assert.equal(noKey.code, 2);
        assert.match(noKey.stderr, /--key/);
        const badKey = await runCli(['tlog', 'verify', log.dir, '--key', 'not-a-key']);
        assert.equal(badKey.code, 2, badKey.stderr);
        const noFolder = await runCli(['tlog', 'verify', join(work, 'nope'), '--key', log.vkey]);
        assert.equal(noFolder.code, 2);
        const down = await runCli(['tlog', 'verify', 'http://127.0.0.1:9/', '--key', log.vkey, '--json']);
        assert.equal(down.code, 3, down.stdout + down.stderr);
        assert.equal(JSON.parse(down.stdout).error.code, 'FETCH_FAILED');
        const empty = join(work, 'empty');
        writeFile(empty, 'README', 'not a log');
        const noCheckpoint = await runCli(['tlog', 'verify', empty, '--key', log.vkey]);
        assert.equal(noCheckpoint.code, 3);
    });
    it('has --help', async () => {
        const r = await runCli(['tlog', 'verify', '--help']);
        assert.equal(r.code, 0);
        assert.match(r.stdout, /--since <file>/);
        assert.match(r.stdout, /Exit codes/);
    });
});
//# sourceMappingURL=tlog.test.js.map