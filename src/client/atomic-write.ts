import { randomBytes } from 'node:crypto';
import { link, lstat, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { SignetError } from '../errors.js';

/**
 * Writes `data` to `path` atomically: a temporary file with `mode` in the same folder, fsync, then
 * rename (overwrite) or hard link (no overwrite: fails if `path` exists, atomically), then fsync of
 * the folder. Returns false if `overwrite` is false and the file already exists.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  opts: { mode: number; overwrite: boolean },
): Promise<boolean> {
  try {
    return await write(path, data, opts);
  } catch (e) {
    // A path the user gave that cannot be written (no such folder, a folder, no permission): a usage
    // error that says so, not an internal error with a stack trace.
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== undefined && ['ENOENT', 'ENOTDIR', 'EISDIR', 'EACCES', 'EPERM', 'EROFS'].includes(code)) {
      throw new SignetError('USAGE', `cannot write ${path}: ${code === 'ENOENT' ? 'its folder does not exist' : code === 'EISDIR' ? 'it is a folder' : (e as Error).message}`, {
        hint: `give a file path in an existing folder you can write to (mkdir -p ${dirname(path)})`,
        cause: e,
      });
    }
    throw e;
  }
}

async function write(path: string, data: string | Uint8Array, opts: { mode: number; overwrite: boolean }): Promise<boolean> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx', opts.mode);
  try {
    try {
      await fh.writeFile(data);
      await fh.chmod(opts.mode); // the umask may have narrowed (never widened) the mode at creation
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (opts.overwrite) {
      await rename(tmp, path);
    } else {
      try {
        await link(tmp, path);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') return false;
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw e;
        // No hard links on this file system: check, then rename (not atomic against a racing writer).
        const exists = await lstat(path).then(() => true, () => false);
        if (exists) return false;
        await rename(tmp, path);
      }
    }
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
  try {
    const d = await open(dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {
    // Some platforms cannot fsync a folder; the rename is still atomic.
  }
  return true;
}
