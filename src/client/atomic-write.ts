import { dirname } from 'node:path';
import { createFileDurable, writeFileDurable } from '../durable-file.js';
import { SignetError } from '../errors.js';

/**
 * Writes `data` to `path` atomically and durably (src/durable-file.ts): replaced when `overwrite`, else
 * created only if absent (returns false if the file already exists). A path the user gave that cannot be
 * written is a usage error.
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

function write(path: string, data: string | Uint8Array, opts: { mode: number; overwrite: boolean }): Promise<boolean> {
  if (opts.overwrite) return writeFileDurable(path, data, { mode: opts.mode }).then(() => true);
  return createFileDurable(path, data, { mode: opts.mode });
}
