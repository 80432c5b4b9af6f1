/** The data folder's lock: one server per folder, a stale lock taken over. */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSignetError } from '../../src/errors.js';
import { lockDataDir } from '../../src/log/lock.js';

const work = mkdtempSync(join(tmpdir(), 'signet-lock-'));
after(() => rmSync(work, { recursive: true, force: true }));

describe('lockDataDir', () => {
  it('refuses a second lock of the folder in this process, and takes it again once released', () => {
    const lock = lockDataDir(work);
    assert.throws(() => lockDataDir(work), (e: unknown) => isSignetError(e, 'LOG_LOCKED') && /this process already serves/.test(e.message));
    lock.release();
    lockDataDir(work).release();
  });

  it("takes over a lock naming this process's pid that this process does not hold (a crashed server's, pid reused after a restart)", () => {
    writeFileSync(join(work, 'signet.lock'), `${process.pid}\n`);
    const lock = lockDataDir(work);
    lock.release();
  });

  it('takes over a lock of a process that no longer runs', () => {
    writeFileSync(join(work, 'signet.lock'), '2147483646\n');
    lockDataDir(work).release();
  });
});
