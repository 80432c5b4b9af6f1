import { randomBytes } from 'node:crypto';
import { link, lstat, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
/**
 * Writes `data` to `path` atomically: a temporary file with `mode` in the same folder, fsync, then
 * rename (overwrite) or hard link (no overwrite: fails if `path` exists, atomically), then fsync of
 * the folder. Returns false if `overwrite` is false and the file already exists.
 */
export async function writeFileAtomic(path, data, opts) {
    const dir = dirname(path);
    const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
    const fh = await open(tmp, 'wx', opts.mode);
    try {
        try {
            await fh.writeFile(data);
            await fh.chmod(opts.mode); // the umask may have narrowed (never widened) the mode at creation
            await fh.sync();
        }
        finally {
            await fh.close();
        }
        if (opts.overwrite) {
            await rename(tmp, path);
        }
        else {
            try {
                await link(tmp, path);
            }
            catch (e) {
                const code = e.code;
                if (code === 'EEXIST')
                    return false;
                if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS')
                    throw e;
                // No hard links on this file system: check, then rename (not atomic against a racing writer).
                const exists = await lstat(path).then(() => true, () => false);
                if (exists)
                    return false;
                await rename(tmp, path);
            }
        }
    }
    finally {
        await unlink(tmp).catch(() => undefined);
    }
    try {
        const d = await open(dir, 'r');
        try {
            await d.sync();
        }
        finally {
            await d.close();
        }
    }
    catch {
        // Some platforms cannot fsync a folder; the rename is still atomic.
    }
    return true;
}
//# sourceMappingURL=atomic-write.js.map