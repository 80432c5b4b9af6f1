import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { decryptKeyFile, keyFileInfo } from '../../src/crypto/keyfile.js';
import { parseSignetKey } from '../../src/crypto/keys.js';
const MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'signet-keygen-'));
after(() => rmSync(dir, { recursive: true, force: true }));
function run(args, env = {}) {
    const base = { ...process.env };
    delete base.SIGNET_PASSPHRASE;
    const r = spawnSync(process.execPath, [MAIN, ...args], {
        env: { ...base, ...env },
        encoding: 'utf8',
        stdio: ['pipe', 'pipe', 'pipe'], // stdin is a pipe, not a TTY
        input: '',
        cwd: dir,
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const PASS = 'a passphrase for tests';
const passFile = join(dir, 'pass.txt');
writeFileSync(passFile, PASS + '\n', { mode: 0o600 });
describe('signet keygen', () => {
    it('writes a 0600 encrypted key file and prints its key ID and public key', () => {
        const out = join(dir, 'a.key');
        const r = run(['keygen', '--out', out, '--passphrase-file', passFile]);
        assert.equal(r.status, 0, r.stderr);
        assert.equal(statSync(out).mode & 0o777, 0o600);
        const text = readFileSync(out, 'utf8');
        const info = keyFileInfo(text);
        assert.ok(r.stdout.includes(info.keyId), r.stdout);
        assert.ok(r.stdout.includes(info.publicKey.raw.toString('base64')));
        assert.ok(!r.stdout.includes(PASS) && !r.stderr.includes(PASS), 'passphrase never printed');
        assert.equal(decryptKeyFile(text, PASS).publicKey.equals(info.publicKey), true);
        assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary files left');
    });
    it('refuses to overwrite an existing file (exit 2, KEYFILE_EXISTS) unless --force', () => {
        const out = join(dir, 'b.key');
        assert.equal(run(['keygen', '--out', out, '--passphrase-file', passFile]).status, 0);
        const before = readFileSync(out, 'utf8');
        const r = run(['keygen', '--out', out, '--passphrase-file', passFile]);
        assert.equal(r.status, 2);
        assert.match(r.stderr, /KEYFILE_EXISTS/);
        assert.equal(readFileSync(out, 'utf8'), before, 'file untouched');
        const f = run(['keygen', '--out', out, '--passphrase-file', passFile, '--force']);
        assert.equal(f.status, 0, f.stderr);
        assert.notEqual(readFileSync(out, 'utf8'), before);
        assert.equal(statSync(out).mode & 0o777, 0o600);
    });
    it('takes the passphrase from SIGNET_PASSPHRASE; --json prints the Signet key', () => {
        const out = join(dir, 'c.key');
        const r = run(['keygen', '--out', out, '--json'], { SIGNET_PASSPHRASE: 'from the environment' });
        assert.equal(r.status, 0, r.stderr);
        const j = JSON.parse(r.stdout);
        assert.equal(j.ok, true);
        assert.equal(j.file, out);
        const key = parseSignetKey(j.key);
        assert.equal(key.role, 'full');
        assert.equal(key.id, j.keyId);
        const priv = decryptKeyFile(readFileSync(out, 'utf8'), 'from the environment');
        assert.equal(priv.publicKey.raw.toString('base64'), key.public);
    });
    it('--passphrase-file wins over SIGNET_PASSPHRASE', () => {
        const out = join(dir, 'd.key');
        const r = run(['keygen', '--out', out, '--passphrase-file', passFile], { SIGNET_PASSPHRASE: 'other' });
        assert.equal(r.status, 0, r.stderr);
        assert.ok(decryptKeyFile(readFileSync(out, 'utf8'), PASS));
    });
    it('defaults to ./signet.key', () => {
        const r = run(['keygen', '--passphrase-file', passFile]);
        assert.equal(r.status, 0, r.stderr);
        assert.ok(existsSync(join(dir, 'signet.key')));
    });
    it('without a passphrase source and no TTY: exit 2, PASSPHRASE_UNAVAILABLE, nothing written', () => {
        const out = join(dir, 'e.key');
        const r = run(['keygen', '--out', out]);
        assert.equal(r.status, 2);
        assert.match(r.stderr, /PASSPHRASE_UNAVAILABLE/);
        assert.match(r.stderr, /--passphrase-file/);
        assert.match(r.stderr, /SIGNET_PASSPHRASE/);
        assert.equal(existsSync(out), false);
        const j = run(['keygen', '--out', out, '--json']);
        assert.equal(j.status, 2);
        assert.equal(JSON.parse(j.stdout).error.code, 'PASSPHRASE_UNAVAILABLE');
    });
    it('an empty passphrase file or a missing one is refused', () => {
        const empty = join(dir, 'empty.txt');
        writeFileSync(empty, '\n', { mode: 0o600 });
        const r = run(['keygen', '--out', join(dir, 'f.key'), '--passphrase-file', empty]);
        assert.equal(r.status, 2);
        assert.match(r.stderr, /PASSPHRASE_UNAVAILABLE/);
        const m = run(['keygen', '--out', join(dir, 'g.key'), '--passphrase-file', join(dir, 'missing.txt')]);
        assert.equal(m.status, 2);
        assert.match(m.stderr, /PASSPHRASE_UNAVAILABLE/);
    });
    it('warns when the passphrase file is readable by others', () => {
        const loose = join(dir, 'loose.txt');
        writeFileSync(loose, PASS, { mode: 0o644 });
        const r = run(['keygen', '--out', join(dir, 'h.key'), '--passphrase-file', loose]);
        assert.equal(r.status, 0, r.stderr);
        assert.match(r.stderr, /warning: .*other users/);
    });
    it('prompts on a terminal with echo off, twice, and accepts a pasted pair of lines', { timeout: 15_000 }, async () => {
        // script(1) gives the CLI a real pseudo-terminal. Both lines are sent in one write once the first
        // prompt shows (as on a paste), so anything echoed would come from the CLI, not from type-ahead.
        const out = join(dir, 'tty.key');
        const base = { ...process.env };
        delete base.SIGNET_PASSPHRASE;
        const child = spawn('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(MAIN)} keygen --out ${JSON.stringify(out)}`, '/dev/null'], {
            env: base,
            cwd: dir,
        });
        let stdout = '';
        let sent = false;
        child.stdout.setEncoding('utf8').on('data', (d) => {
            stdout += d;
            if (!sent && stdout.includes('Passphrase for')) {
                sent = true;
                child.stdin.write(`${PASS}\r${PASS}\r`);
            }
        });
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        const status = await new Promise((resolve) => child.on('close', resolve));
        clearTimeout(killer);
        assert.equal(status, 0, stdout);
        assert.match(stdout, /Repeat the passphrase:/);
        assert.ok(!stdout.includes(PASS), 'the passphrase is never echoed');
        assert.equal(decryptKeyFile(readFileSync(out, 'utf8'), PASS).publicKey.raw.length, 32);
    });
});
//# sourceMappingURL=keygen.test.js.map