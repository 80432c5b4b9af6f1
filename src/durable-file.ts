/**
 * Durable file writes, shared by the log (tiles folder, keys, a mirror's stop record), the registry
 * (archives, the static metadata folder) and the client (configuration, key files, credentials).
 *
 * A file is written to a temporary file in its own folder, fsynced, then renamed into place (or
 * hard-linked, when an existing file must be left alone), and the folder is fsynced, so that the new
 * name survives a power cut too. A reader never sees half a file; a crash leaves the old file or the new
 * one, and at worst a `.NAME.RANDOM.tmp` beside it. Folders created on the way are made durable the same
 * way: each one's entry lives in its parent, which is fsynced as well.
 *
 * A batch of writes can share the folder fsyncs: pass a `dirs` set, which collects the folders to
 * fsync, and call syncDirs once the batch is written (before recording that it is durable).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fchmodSync, fsyncSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { chmod, link, lstat, mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface DurableWriteOptions {
  /** The new file's mode, applied whatever the umask. Default 0o644. */
  readonly mode?: number;
  /**
   * Collects the folders to fsync instead of fsyncing now: the caller calls syncDirs (or syncDirsSync)
   * once its batch is written. Without it, the folder is fsynced before the call returns.
   */
  readonly dirs?: Set<string>;
}

const DEFAULT_MODE = 0o644;

/** A temporary name beside `path`, unique across processes and calls. */
function tempPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Errors of an fsync on a folder that mean "not supported here" (some platforms and file systems). */
const DIR_SYNC_UNSUPPORTED = new Set(['EISDIR', 'EINVAL', 'EPERM', 'EBADF', 'ENOTSUP', 'EOPNOTSUPP', 'EACCES']);

/** fsyncs each folder, so that renames and new entries in it survive a power cut; then empties `dirs` if it is a Set. */
export async function syncDirs(dirs: Iterable<string>): Promise<void> {
  for (const d of dirs) {
    let f;
    try {
      f = await open(d, 'r');
    } catch (e) {
      if (DIR_SYNC_UNSUPPORTED.has((e as NodeJS.ErrnoException).code ?? '')) continue;
      throw e;
    }
    try {
      await f.sync();
    } catch (e) {
      if (!DIR_SYNC_UNSUPPORTED.has((e as NodeJS.ErrnoException).code ?? '')) throw e;
    } finally {
      await f.close();
    }
  }
  if (dirs instanceof Set) dirs.clear();
}

/** syncDirs, synchronously. */
export function syncDirsSync(dirs: Iterable<string>): void {
  for (const d of dirs) {
    let fd: number;
    try {
      fd = openSync(d, 'r');
    } catch (e) {
      if (DIR_SYNC_UNSUPPORTED.has((e as NodeJS.ErrnoException).code ?? '')) continue;
      throw e;
    }
    try {
      fsyncSync(fd);
    } catch (e) {
      if (!DIR_SYNC_UNSUPPORTED.has((e as NodeJS.ErrnoException).code ?? '')) throw e;
    } finally {
      closeSync(fd);
    }
  }
  if (dirs instanceof Set) dirs.clear();
}

/**
 * Creates `dir` and its missing parents; records in `dirs` the parent of each folder it created (where
 * that folder's entry lives). With `mode`, each created folder gets it whatever the umask.
 */
export async function makeDirs(dir: string, dirs: Set<string>, mode?: number): Promise<void> {
  const created = await mkdir(dir, { recursive: true, ...(mode === undefined ? {} : { mode }) });
  if (created === undefined) return;
  for (let d = dir; ; d = dirname(d)) {
    if (mode !== undefined) await chmod(d, mode);
    dirs.add(dirname(d));
    if (d === created || d === dirname(d)) break;
  }
}

/** makeDirs, synchronously. */
export function makeDirsSync(dir: string, dirs: Set<string>, mode?: number): void {
  const created = mkdirSync(dir, { recursive: true, ...(mode === undefined ? {} : { mode }) });
  if (created === undefined) return;
  for (let d = dir; ; d = dirname(d)) {
    if (mode !== undefined) chmodSync(d, mode);
    dirs.add(dirname(d));
    if (d === created || d === dirname(d)) break;
  }
}

/** Writes the temporary file: created exclusively, mode set, data written, fsynced. */
async function writeTemp(tmp: string, data: string | Uint8Array, mode: number): Promise<void> {
  const fh = await open(tmp, 'wx', mode);
  try {
    await fh.chmod(mode); // the umask may have narrowed (never widened) the mode at creation
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Replaces (or creates) `path` with `data`, durably. The folder must exist (see makeDirs). */
export async function writeFileDurable(path: string, data: string | Uint8Array, opts: DurableWriteOptions = {}): Promise<void> {
  const tmp = tempPath(path);
  try {
    await writeTemp(tmp, data, opts.mode ?? DEFAULT_MODE);
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await finish(dirname(path), opts.dirs);
}

/**
 * Creates `path` with `data`, durably, unless it exists: then returns false and leaves it as it is. The
 * check and the creation are one atomic step (a hard link) where the file system has hard links.
 */
export async function createFileDurable(path: string, data: string | Uint8Array, opts: DurableWriteOptions = {}): Promise<boolean> {
  const tmp = tempPath(path);
  try {
    await writeTemp(tmp, data, opts.mode ?? DEFAULT_MODE);
    try {
      await link(tmp, path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw e;
      // No hard links on this file system: check, then rename (not atomic against a racing writer).
      if (await lstat(path).then(() => true, () => false)) return false;
      await rename(tmp, path);
    }
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
  await finish(dirname(path), opts.dirs);
  return true;
}

/** writeFileDurable, synchronously. */
export function writeFileDurableSync(path: string, data: string | Uint8Array, opts: DurableWriteOptions = {}): void {
  const tmp = tempPath(path);
  const mode = opts.mode ?? DEFAULT_MODE;
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  try {
    const fd = openSync(tmp, 'wx', mode);
    try {
      fchmodSync(fd, mode);
      for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // already renamed, or never created
    }
    throw e;
  }
  if (opts.dirs !== undefined) opts.dirs.add(dirname(path));
  else syncDirsSync([dirname(path)]);
}

async function finish(dir: string, dirs: Set<string> | undefined): Promise<void> {
  if (dirs !== undefined) dirs.add(dir);
  else await syncDirs([dir]);
}
