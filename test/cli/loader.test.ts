/**
 * The package's bin (dist/signet.cjs, src/cli/loader.ts): it loads the bundle, and for the verification
 * commands keeps V8's code cache in the user's cache folder, trusting a cache file no more than the
 * user's own files. These run the built bin, as a user would.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { BIN, OUTFILE } from '../../scripts/bundle-rules.js';

const work = mkdtempSync(join(tmpdir(), 'signet-loader-'));
after(() => rmSync(work, { recursive: true, force: true }));
let n = 0;

function run(cacheHome: string, args: readonly string[], env: Record<string, string> = {}, nodeArgs: readonly string[] = []): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...nodeArgs, BIN, ...args], {
    encoding: 'utf8',
    input: '',
    env: { PATH: process.env.PATH ?? '', HOME: join(work, 'no-home'), XDG_CACHE_HOME: cacheHome, SIGNET_CODE_CACHE: 'debug', ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function freshCache(): { home: string; dir: string } {
  const home = join(work, `cache-${n++}`);
  return { home, dir: join(home, 'signet', 'code-cache') };
}

const cacheFiles = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.v8')) : []);

describe('the signet bin (dist/signet.cjs) and its code cache', () => {
  const plain = spawnSync(process.execPath, [BIN, 'verify-archive', '--help'], { encoding: 'utf8', env: { ...process.env, SIGNET_CODE_CACHE: '0' } });

  it('writes the cache of a verification command once, 0600 in a 0700 folder, and uses it the next time', () => {
    const { home, dir } = freshCache();
    const first = run(home, ['verify-archive', '--help']);
    assert.equal(first.status, 0, first.stderr);
    assert.equal(first.stdout, plain.stdout);
    assert.match(first.stderr, /code cache: no cache for verify-archive\n.*code cache: wrote /s);
    const files = cacheFiles(dir);
    assert.equal(files.length, 1);
    // Named by the bundle's text (its #! line made a comment), so a rebuilt bundle never gets this bytecode.
    const bundle = readFileSync(OUTFILE, 'utf8');
    const source = bundle.startsWith('#!') ? `//${bundle.slice(2)}` : bundle;
    const key = createHash('sha256').update(source).update(`\0${process.version}\0${process.arch}\0\0`).digest('hex').slice(0, 32);
    assert.equal(files[0], `${key}-verify-archive.v8`);
    assert.equal(statSync(join(dir, files[0]!)).mode & 0o777, 0o600);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    const before = readFileSync(join(dir, files[0]!));

    const second = run(home, ['verify-archive', '--help']);
    assert.equal(second.status, 0, second.stderr);
    assert.equal(second.stdout, plain.stdout);
    assert.match(second.stderr, /code cache: used /);
    assert.doesNotMatch(second.stderr, /wrote/);
    assert.deepEqual(readFileSync(join(dir, files[0]!)), before);
  });

  it('keeps one cache per command, and another for other Node flags', () => {
    const { home, dir } = freshCache();
    assert.equal(run(home, ['verify-archive', '--help']).status, 0);
    assert.equal(run(home, ['verify', '--help']).status, 0);
    assert.equal(run(home, ['verify', '--help'], {}, ['--no-warnings']).status, 0);
    const files = cacheFiles(dir);
    assert.equal(files.length, 3, files.join(' '));
    assert.equal(files.filter((f) => f.endsWith('-verify.v8')).length, 2);
  });

  it('keeps the 32 most recent cache files when it writes one', () => {
    const { home, dir } = freshCache();
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (let i = 0; i < 40; i++) {
      const f = join(dir, `old-${String(i).padStart(2, '0')}-verify.v8`);
      writeFileSync(f, 'x', { mode: 0o600 });
      utimesSync(f, 1_000_000 + i, 1_000_000 + i); // 1970: older than the one about to be written
    }
    const r = run(home, ['verify-archive', '--help']);
    assert.equal(r.status, 0, r.stderr);
    const files = cacheFiles(dir).sort();
    assert.equal(files.length, 32);
    assert.ok(files.some((f) => f.endsWith('-verify-archive.v8')), 'the new cache file was pruned');
    // The oldest went: old-00 … old-08 (9 of them), the newest 31 old ones stay.
    assert.deepEqual(files.filter((f) => f.startsWith('old-')).slice(0, 2), ['old-09-verify.v8', 'old-10-verify.v8']);
  });

  it('replaces a cache V8 rejects, and the command runs as without it', () => {
    const { home, dir } = freshCache();
    assert.equal(run(home, ['verify-archive', '--help']).status, 0);
    const file = join(dir, cacheFiles(dir)[0]!);
    writeFileSync(file, Buffer.alloc(4096, 7), { mode: 0o600 });
    const r = run(home, ['verify-archive', '--help']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, plain.stdout);
    assert.match(r.stderr, /rejected by V8.*wrote /s);
    assert.notDeepEqual(readFileSync(file), Buffer.alloc(4096, 7));
    assert.match(run(home, ['verify-archive', '--help']).stderr, /code cache: used /);
  });

  it('ignores, and leaves alone, a cache file that others could have written or that is a symlink', () => {
    const { home, dir } = freshCache();
    assert.equal(run(home, ['verify-archive', '--help']).status, 0);
    const file = join(dir, cacheFiles(dir)[0]!);
    const bytes = readFileSync(file);
    chmodSync(file, 0o620);
    const r = run(home, ['verify-archive', '--help']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, plain.stdout);
    assert.match(r.stderr, /ignored: not a regular file of this user writable by no one else/);
    assert.doesNotMatch(r.stderr, /used|wrote/);
    assert.deepEqual(readFileSync(file), bytes);
    assert.equal(statSync(file).mode & 0o777, 0o620);

    // A symlink to a good cache file is not followed.
    const { home: home2, dir: dir2 } = freshCache();
    mkdirSync(dir2, { recursive: true, mode: 0o700 });
    const good = join(work, `good-${n++}.v8`);
    writeFileSync(good, bytes, { mode: 0o600 });
    symlinkSync(good, join(dir2, cacheFiles(dir)[0]!));
    const s = run(home2, ['verify-archive', '--help']);
    assert.equal(s.status, 0, s.stderr);
    assert.doesNotMatch(s.stderr, /used/);
  });

  it('runs without a cache where none can be written, and not at all when SIGNET_CODE_CACHE=0', () => {
    const blocked = join(work, `a-file-${n++}`);
    writeFileSync(blocked, 'not a folder');
    const r = run(blocked, ['verify-archive', '--help']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, plain.stdout);
    assert.match(r.stderr, /not written: /);

    const { home, dir } = freshCache();
    const off = run(home, ['verify-archive', '--help'], { SIGNET_CODE_CACHE: '0' });
    assert.equal(off.status, 0, off.stderr);
    assert.equal(off.stdout, plain.stdout);
    assert.equal(off.stderr, '');
    assert.equal(existsSync(dir), false);
  });

  it('loads the bundle plainly for the other commands, which hand over to the full CLI', () => {
    const { home, dir } = freshCache();
    const r = run(home, ['keygen', '--help']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Usage: signet keygen/m);
    const v = run(home, ['--version']);
    assert.equal(v.stdout.trim(), '0.1.0');
    assert.equal(existsSync(dir), false);
  });
});
