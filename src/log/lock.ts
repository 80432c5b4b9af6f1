/**
 * One server per data folder: a lock file holding the owner's pid, created exclusively. A lock left by
 * a process that no longer runs (after kill -9 or a power cut) is taken over.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { SignetError } from '../errors.js';

export interface Lock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The locks this process holds. A lock file naming this process's pid is either one of them, or stale:
 * after a crash, a restarted container often gets the same pid (e.g. 1) as the process that died.
 */
const held = new Set<string>();

export function lockDataDir(dir: string, name = 'signet.lock'): Lock {
  const path = join(dir, name);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      held.add(path);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          held.delete(path);
          try {
            unlinkSync(path);
          } catch {
            // already gone
          }
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new SignetError('USAGE', `cannot create the lock ${path}: ${(e as Error).message}`, { cause: e });
      }
      let pid = NaN;
      try {
        pid = Number(readFileSync(path, 'utf8').trim());
      } catch {
        continue; // removed meanwhile: try again
      }
      if (Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new SignetError('LOG_LOCKED', `another server (pid ${pid}) is using ${dir}`, {
          hint: `stop it first; if no such server runs, remove ${path}`,
        });
      }
      if (pid === process.pid && held.has(path)) {
        throw new SignetError('LOG_LOCKED', `this process already serves ${dir}`, { hint: 'close the other instance first' });
      }
      try {
        unlinkSync(path); // stale: its owner is gone
      } catch {
        // someone else took it over; retry
      }
    }
  }
  throw new SignetError('LOG_LOCKED', `cannot take the lock ${path}`, { hint: 'another server may be starting; retry' });
}
