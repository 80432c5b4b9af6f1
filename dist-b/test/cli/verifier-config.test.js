/**
 * `signet init --registry URL` against a real registry and log (in this process), and `signet status`
 * with and without a stored checkpoint, run as the built CLI with XDG_CONFIG_HOME and XDG_STATE_HOME
 * pointing at temporary folders.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadTrustConfig } from '../../src/client/config.js';
import { CheckpointStore } from '../../src/client/state.js';
import { keyIdOf } from '../../src/crypto/keys.js';
import { parseVerifierKey } from '../../src/crypto/note.js';
import { runCli } from '../../testkit/cli.js';
import { startStack } from '../../testkit/registry.js';
const root = mkdtempSync(join(tmpdir(), 'signet-init-'));
let stack;
before(async () => {
    stack = await startStack();
});
after(async () => {
    await stack?.close();
    rmSync(root, { recursive: true, force: true });
});
let n = 0;
/** A fresh project folder and XDG folders for one test. */
function sandbox() {
    const base = join(root, `t${++n}`);
    const cwd = join(base, 'project');
    mkdirSync(cwd, { recursive: true });
    const config = join(base, 'config');
    const state = join(base, 'state');
    return { cwd, env: { XDG_CONFIG_HOME: config, XDG_STATE_HOME: state }, config, state };
}
async function discovery() {
    const res = await fetch(`${stack.registry.url}/.well-known/signet`);
    return (await res.json());
}
describe('signet init', () => {
    it('shows the fingerprints it trusts and writes a starter signet.json that loads', async () => {
        const sb = sandbox();
        const d = await discovery();
        const r = await runCli(['init', '--registry', stack.registry.url], { cwd: sb.cwd, env: sb.env });
        assert.equal(r.code, 0, r.stderr);
        const file = join(sb.cwd, 'signet.json');
        assert.ok(r.stdout.includes(file), r.stdout);
        assert.ok(r.stdout.includes(d.log.origin), r.stdout);
        assert.ok(r.stdout.includes(d.log.verifierKey), r.stdout);
        const hash = parseVerifierKey(d.log.verifierKey).keyHash.toString(16).padStart(8, '0');
        assert.ok(r.stdout.includes(hash), 'the log key hash');
        const registryFp = keyIdOf(Buffer.from(d.registry.key, 'base64'));
        assert.ok(r.stdout.includes(registryFp), 'the registry key fingerprint');
        assert.match(r.stdout, /core key\s+none/);
        assert.match(r.stdout, /warning: .* is not https/);
        const written = JSON.parse(readFileSync(file, 'utf8'));
        assert.equal(written.mode, 'light');
        assert.equal(written.breakGlass, 'reject');
        assert.equal(written.maxCheckpointAge, 86400);
        assert.deepEqual(written.witnesses, { keys: [], required: 0 });
        assert.deepEqual(written.attestations, { require: [], voteAgainst: 'ignore' });
        const c = await loadTrustConfig({ projectDir: sb.cwd, configFile: file });
        assert.deepEqual(c.logs, [{ origin: d.log.origin, verifierKey: d.log.verifierKey, url: d.log.url, mirrors: [], quorum: 1 }]);
        assert.deepEqual(c.registry, { url: stack.registry.url, key: d.registry.key });
        assert.deepEqual(c.registryKeys, [d.registry.key]);
        assert.equal(c.coreKey, undefined);
        assert.equal(c.mode, 'light');
    });
    it('refuses to overwrite an existing config unless --force', async () => {
        const sb = sandbox();
        const file = join(sb.cwd, 'signet.json');
        writeFileSync(file, '{"mode": "full"}\n');
        const r = await runCli(['init', '--registry', stack.registry.url], { cwd: sb.cwd, env: sb.env });
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, /refusing to overwrite/);
        assert.equal(readFileSync(file, 'utf8'), '{"mode": "full"}\n', 'untouched');
        const f = await runCli(['init', '--registry', stack.registry.url, '--force', '--json'], { cwd: sb.cwd, env: sb.env });
        assert.equal(f.code, 0, f.stderr);
        const out = JSON.parse(f.stdout);
        assert.equal(out.ok, true);
        assert.equal(out.file, file);
        assert.equal(out.trust.coreKey, null);
        assert.equal(out.trust.registry.fingerprint, keyIdOf(Buffer.from((await discovery()).registry.key, 'base64')));
        await loadTrustConfig({ projectDir: sb.cwd });
    });
    it('--user writes the user config, which then applies in any project; --out writes elsewhere', async () => {
        const sb = sandbox();
        const r = await runCli(['init', '--registry', stack.registry.url, '--user'], { cwd: sb.cwd, env: sb.env });
        assert.equal(r.code, 0, r.stderr);
        const userFile = join(sb.config, 'signet', 'config.json');
        assert.ok(existsSync(userFile));
        assert.equal(existsSync(join(sb.cwd, 'signet.json')), false);
        const s = await runCli(['status'], { cwd: sb.cwd, env: sb.env });
        assert.equal(s.code, 0, s.stderr);
        assert.ok(s.stdout.includes(userFile), s.stdout);
        const out = join(sb.cwd, 'ci.json');
        const o = await runCli(['init', '--registry', stack.registry.url, '--out', out], { cwd: sb.cwd, env: sb.env });
        assert.equal(o.code, 0, o.stderr);
        assert.ok(existsSync(out));
        const both = await runCli(['init', '--registry', stack.registry.url, '--out', out, '--user'], { cwd: sb.cwd, env: sb.env });
        assert.equal(both.code, 2);
    });
    it('fails with FETCH_FAILED (exit 3) when the registry cannot be reached, writing nothing', async () => {
        const sb = sandbox();
        const r = await runCli(['init', '--registry', 'http://127.0.0.1:9', '--json'], { cwd: sb.cwd, env: sb.env });
        assert.equal(r.code, 3, r.stdout + r.stderr);
        assert.equal(JSON.parse(r.stdout).error.code, 'FETCH_FAILED');
        assert.equal(existsSync(join(sb.cwd, 'signet.json')), false);
    });
});
describe('signet status', () => {
    it('without any configuration: exit 2 and the hint to run signet init', async () => {
        const sb = sandbox();
        const r = await runCli(['status'], { cwd: sb.cwd, env: sb.env });
        assert.equal(r.code, 2);
        assert.match(r.stderr, /CONFIG_INVALID/);
        assert.match(r.stderr, /signet init --registry URL/);
    });
    it('shows the trusted logs and sources, "none yet" before a sync, then the stored checkpoint', async () => {
        const sb = sandbox();
        const d = await discovery();
        assert.equal((await runCli(['init', '--registry', stack.registry.url], { cwd: sb.cwd, env: sb.env })).code, 0);
        let r = await runCli(['status'], { cwd: sb.cwd, env: sb.env });
        assert.equal(r.code, 0, r.stderr);
        assert.ok(r.stdout.includes(join(sb.cwd, 'signet.json')));
        assert.ok(r.stdout.includes(d.log.origin) && r.stdout.includes(d.log.url) && r.stdout.includes(d.log.verifierKey), r.stdout);
        assert.match(r.stdout, /none yet: run signet sync/);
        // Store the log's real checkpoint as `signet sync` would.
        const raw = await (await fetch(`${d.log.url}/checkpoint`)).text();
        const store = new CheckpointStore(join(sb.state, 'signet'));
        await store.write(d.log.origin, raw);
        const size = Number(raw.split('\n')[1]);
        const rootB64 = raw.split('\n')[2];
        r = await runCli(['status'], { cwd: sb.cwd, env: sb.env });
        assert.equal(r.code, 0, r.stderr);
        assert.ok(r.stdout.includes(`size ${size}, root ${rootB64}`), r.stdout);
        assert.ok(r.stdout.includes(store.checkpointPath(d.log.origin)), r.stdout);
        assert.match(r.stdout, /saved\s+\d+ seconds? ago/);
        const j = await runCli(['status', '--json'], { cwd: sb.cwd, env: sb.env });
        assert.equal(j.code, 0, j.stderr);
        const st = JSON.parse(j.stdout);
        assert.equal(st.ok, true);
        assert.deepEqual(st.sources, [join(sb.cwd, 'signet.json')]);
        assert.equal(st.stateDir, join(sb.state, 'signet'));
        assert.equal(st.logs[0]?.origin, d.log.origin);
        assert.equal(st.logs[0]?.checkpoint?.size, size);
        assert.equal(st.logs[0]?.checkpoint?.root, rootB64);
        assert.equal(st.logs[0]?.checkpoint?.file, store.checkpointPath(d.log.origin));
        assert.ok((st.logs[0]?.checkpoint?.ageSeconds ?? -1) >= 0);
    });
    it('exits 1 when the stored checkpoint does not verify under the configured key', async () => {
        const sb = sandbox();
        const d = await discovery();
        assert.equal((await runCli(['init', '--registry', stack.registry.url], { cwd: sb.cwd, env: sb.env })).code, 0);
        const raw = await (await fetch(`${d.log.url}/checkpoint`)).text();
        const lines = raw.split('\n');
        lines[1] = String(Number(lines[1]) + 1); // a different size under the same signature
        await new CheckpointStore(join(sb.state, 'signet')).write(d.log.origin, lines.join('\n'));
        const r = await runCli(['status'], { cwd: sb.cwd, env: sb.env });
        assert.equal(r.code, 1, r.stdout + r.stderr);
        assert.match(r.stdout, /INVALID \(CHECKPOINT_SIGNATURE_INVALID\)/);
    });
    it('--config reads only that file', async () => {
        const sb = sandbox();
        assert.equal((await runCli(['init', '--registry', stack.registry.url, '--out', 'other.json'], { cwd: sb.cwd, env: sb.env })).code, 0);
        const r = await runCli(['status', '--config', 'other.json', '--json'], { cwd: sb.cwd, env: sb.env });
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual(JSON.parse(r.stdout).sources, [join(sb.cwd, 'other.json')]);
    });
});
//# sourceMappingURL=verifier-config.test.js.map