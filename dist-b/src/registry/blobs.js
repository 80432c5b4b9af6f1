/**
 * Archives as content-addressed files: `<dir>/<sha256[0..2]>/<sha256>.zip`, written to a temporary file,
 * fsynced and renamed into place, so a reader or a crash never sees half an archive.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { open, readFile, rename, unlink, stat } from 'node:fs/promises';
import { join } from 'node:path';
const SHA256 = /^[0-9a-f]{64}$/;
export class BlobStore {
    dir;
    constructor(dir) {
        this.dir = dir;
        mkdirSync(dir, { recursive: true, mode: 0o755 });
    }
    path(sha256) {
        if (!SHA256.test(sha256))
            throw new Error(`internal: not a sha256 ${sha256}`);
        return join(this.dir, sha256.slice(0, 2), `${sha256}.zip`);
    }
    async put(sha256, data) {
        const path = this.path(sha256);
        const sub = join(this.dir, sha256.slice(0, 2));
        mkdirSync(sub, { recursive: true, mode: 0o755 });
        const tmp = join(sub, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
        const fh = await open(tmp, 'wx', 0o644);
        try {
            await fh.writeFile(data);
            await fh.sync();
        }
        finally {
            await fh.close();
        }
        await rename(tmp, path);
        const fd = openSync(sub, 'r');
        try {
            fsyncSync(fd);
        }
        finally {
            closeSync(fd);
        }
    }
    async get(sha256) {
        try {
            return await readFile(this.path(sha256));
        }
        catch (e) {
            if (e.code === 'ENOENT')
                return undefined;
            throw e;
        }
    }
    async has(sha256) {
        return stat(this.path(sha256)).then(() => true, () => false);
    }
    async delete(sha256) {
        await unlink(this.path(sha256)).catch((e) => {
            if (e.code !== 'ENOENT')
                throw e;
        });
    }
}
//# sourceMappingURL=blobs.js.map