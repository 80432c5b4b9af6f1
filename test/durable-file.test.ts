import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createFileDurable, makeDirs, makeDirsSync, syncDirs, writeFileDurable, writeFileDurableSync } from '../src/durable-file.js';

const work = mkdtempSync(join(tmpdir(), 'signet-durable-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** The names in a folder, temporary files included. */
const names = (dir: string): string[] => readdirSync(dir).sort();

describe('durable file writes', () => {
  it('writeFileDurable replaces a file with the exact bytes and mode, whatever the umask, and leaves no temporary file', async () => {
    const dir = join(work, 'replace');
    mkdirSync(dir);
    const path = join(dir, 'f.json');
    writeFileSync(path, 'old');
    const old = process.umask(0o077);
    try {
      await writeFileDurable(path, Buffer.from([0, 1, 2, 255]), { mode: 0o644 });
    } finally {
      process.umask(old);
    }
    assert.deepEqual(readFileSync(path), Buffer.from([0, 1, 2, 255]));
    assert.equal(statSync(path).mode & 0o777, 0o644, 'the umask narrowed nothing');
    writeFileDurableSync(path, 'sync ✓', { mode: 0o600 });
    assert.equal(readFileSync(path, 'utf8'), 'sync ✓');
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.deepEqual(names(dir), ['f.json']);
  });

  it('createFileDurable creates a file once: a second call returns false and changes nothing', async () => {
    const dir = join(work, 'create');
    mkdirSync(dir);
    const path = join(dir, 'key');
    assert.equal(await createFileDurable(path, 'first', { mode: 0o600 }), true);
    assert.equal(await createFileDurable(path, 'second', { mode: 0o644 }), false);
    assert.equal(readFileSync(path, 'utf8'), 'first');
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.deepEqual(names(dir), ['key']);
  });

  it('a failed write leaves the old file and no temporary file behind', async () => {
    const dir = join(work, 'fail');
    mkdirSync(dir);
    const path = join(dir, 'target');
    mkdirSync(path); // a folder where the file should go: the rename fails
    await assert.rejects(writeFileDurable(path, 'x'));
    assert.throws(() => writeFileDurableSync(path, 'x'));
    assert.deepEqual(names(dir), ['target']);
    assert.ok(statSync(path).isDirectory());
  });

  it('with a dirs set, the folders to fsync are collected (new folders through their parents) and synced once', async () => {
    const base = join(work, 'batch');
    mkdirSync(base);
    const dirs = new Set<string>();
    const deep = join(base, 'tile', '0', 'x001');
    await makeDirs(deep, dirs);
    await writeFileDurable(join(deep, '002'), 'tile', { dirs });
    assert.deepEqual([...dirs].sort(), [base, join(base, 'tile'), join(base, 'tile', '0'), deep].sort());
    await syncDirs(dirs);
    assert.equal(dirs.size, 0, 'emptied once synced');
    await makeDirs(deep, dirs);
    assert.equal(dirs.size, 0, 'nothing created, nothing to record');
  });

  it('makeDirsSync with a mode gives each new folder that mode whatever the umask', () => {
    const dirs = new Set<string>();
    const deep = join(work, 'modes', 'a', 'b');
    const old = process.umask(0o077);
    try {
      makeDirsSync(deep, dirs, 0o755);
    } finally {
      process.umask(old);
    }
    for (const d of [join(work, 'modes'), join(work, 'modes', 'a'), deep]) assert.equal(statSync(d).mode & 0o777, 0o755, d);
    assert.ok(dirs.has(work) && dirs.has(dirname(deep)));
  });

  it('syncDirs reports a folder that is not there (the caller must not record it as durable)', async () => {
    await assert.rejects(syncDirs([join(work, 'no-such-folder')]), /ENOENT/);
  });
});
