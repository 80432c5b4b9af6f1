/** `signet witness serve` and `signet witness key` as an operator runs them. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Ed25519PrivateKey } from '../../src/crypto/ed25519.js';
import { parseVerifierKey } from '../../src/crypto/note.js';
import { cosignatureVerifierKey } from '../../src/tlog/cosignature.js';
import { runCli } from '../../testkit/cli.js';
import { freePort } from '../../testkit/server-process.js';
import { MemoryLog, TESSERA, addCheckpointBody, postCheckpoint, startWitnessProcess } from '../../testkit/witness.js';
const work = mkdtempSync(join(tmpdir(), 'signet-witness-cli-'));
after(() => rmSync(work, { recursive: true, force: true }));
describe('signet witness', () => {
    it('serves the logs of --log and --log-file, prints its verifier key as `witness key` does, and stops on SIGTERM', { timeout: 60_000 }, async () => {
        const data = join(work, 'w');
        const before = await runCli(['witness', 'key', '--data', data]);
        assert.equal(before.code, 2);
        assert.match(before.stderr, /no witness key/);
        const ours = new MemoryLog('log.example/ours');
        const go = new MemoryLog('go.sum database tree', undefined, 'sum.example');
        const list = join(work, 'logs.txt');
        writeFileSync(list, `# logs this witness follows\n\n${TESSERA.key}\n  ${go.vkey} go.sum database tree  \n`);
        const port = await freePort();
        const url = `http://127.0.0.1:${port}`;
        const server = await startWitnessProcess(['witness', 'serve', '--data', data, '--listen', `127.0.0.1:${port}`, '--name', 'witness.example/cli', '--log', ours.vkey, '--log-file', list], url);
        try {
            for (let i = 0; i < 100 && !server.output().includes('go.sum database tree'); i++)
                await new Promise((r) => setTimeout(r, 50));
            const key = (await runCli(['witness', 'key', '--data', data])).stdout.trim();
            assert.equal(parseVerifierKey(key).alg, 0x04);
            assert.match(key, /^witness\.example\/cli\+[0-9a-f]{8}\+/);
            assert.match(server.output(), new RegExp(`verifier key +${key.replace(/[+/]/g, (c) => `\\${c}`)}`));
            assert.match(server.output(), /log +go\.sum database tree \(cosigned size none yet\)/);
            const json = JSON.parse((await runCli(['witness', 'key', '--data', data, '--json'])).stdout);
            assert.deepEqual(json, { name: 'witness.example/cli', verifierKey: key });
            const info = (await (await fetch(`${url}/`)).json());
            assert.deepEqual(info.logs.map((l) => l.origin).sort(), ['example.com/log/testdata', 'go.sum database tree', 'log.example/ours']);
            ours.grow(3);
            go.grow(2);
            assert.equal((await postCheckpoint(url, addCheckpointBody(0, [], ours.checkpoint()))).status, 200);
            assert.equal((await postCheckpoint(url, addCheckpointBody(0, [], go.checkpoint()))).status, 200);
            assert.equal((await postCheckpoint(url, addCheckpointBody(0, [], TESSERA.checkpoint(4)))).status, 200);
        }
        finally {
            server.child.kill('SIGTERM');
        }
        assert.equal(await server.exited, 0, server.output());
    });
    it('refuses to start without a log, or with a key that is not a log verifier key', async () => {
        const none = await runCli(['witness', 'serve', '--data', join(work, 'none'), '--listen', '127.0.0.1:0']);
        assert.equal(none.code, 2);
        assert.match(none.stderr, /at least one log/);
        const bad = await runCli(['witness', 'serve', '--data', join(work, 'bad'), '--listen', '127.0.0.1:0', '--log', 'example.com/log+00000000+AAAA']);
        assert.equal(bad.code, 2);
        assert.match(bad.stderr, /--log #1: not a log verifier key/);
        // A witness's own (type 0x04) key is not a log key.
        const w04 = cosignatureVerifierKey('witness.example/x', Ed25519PrivateKey.generate().publicKey);
        const r04 = await runCli(['witness', 'serve', '--data', join(work, 'bad'), '--listen', '127.0.0.1:0', '--log', w04]);
        assert.equal(r04.code, 2);
        assert.match(r04.stderr, /type 0x04 is not supported for logs/);
        const missing = await runCli(['witness', 'serve', '--data', join(work, 'bad'), '--log-file', join(work, 'no-such-file')]);
        assert.equal(missing.code, 2);
        assert.match(missing.stderr, /cannot read the log list/);
    });
    it('documents the protocol and its statuses in --help', async () => {
        const help = await runCli(['witness', 'serve', '--help']);
        assert.equal(help.code, 0);
        for (const s of ['/add-checkpoint', '400', '403', '404', '409', '422', '--log-file', 'docs/WITNESS.md'])
            assert.ok(help.stdout.includes(s), s);
        const top = await runCli(['--help']);
        assert.match(top.stdout, /witness/);
        assert.match((await runCli(['witness', 'key', '--help'])).stdout, /0x04/);
    });
});
//# sourceMappingURL=cli.test.js.map