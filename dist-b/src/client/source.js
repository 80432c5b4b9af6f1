/**
 * LogSource implementations: a folder on disk (a log written as static files) and an HTTP(S) prefix.
 */
import { open, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { SignetError } from '../errors.js';
import { TooLarge, httpGet } from './http-get.js';
function tooLarge(where, maxBytes) {
    return new SignetError('FETCH_FAILED', `${where} is larger than the ${maxBytes} bytes it may have`, {
        expected: `at most ${maxBytes} bytes`,
        got: 'more',
        attack: 'an oversized response (resource exhaustion)',
    });
}
/** A log laid out as files under a folder (checkpoint, tile/...). */
export class FolderSource {
    description;
    root;
    constructor(folder) {
        this.root = resolve(folder);
        this.description = folder;
    }
    async read(path, maxBytes) {
        const full = resolve(this.root, path);
        if (!full.startsWith(this.root + sep))
            throw new SignetError('USAGE', `refusing to read ${path} outside ${this.root}`);
        let fh;
        try {
            fh = await open(full, 'r');
        }
        catch (e) {
            const code = e.code;
            if (code === 'ENOENT' || code === 'ENOTDIR')
                return null;
            throw new SignetError('FETCH_FAILED', `cannot read ${full}: ${e.message}`, { cause: e });
        }
        try {
            const { size } = await fh.stat();
            if (size > maxBytes)
                throw tooLarge(full, maxBytes);
            const buf = Buffer.allocUnsafe(size);
            const { bytesRead } = await fh.read(buf, 0, size, 0);
            return buf.subarray(0, bytesRead);
        }
        finally {
            await fh.close();
        }
    }
    static async open(folder) {
        const st = await stat(folder).catch(() => null);
        if (st === null || !st.isDirectory()) {
            throw new SignetError('USAGE', `${folder} is not a folder`, {
                expected: 'a URL (http:// or https://) or a folder holding checkpoint and tile/',
                got: folder,
            });
        }
        return new FolderSource(folder);
    }
}
/** A log served over HTTP(S) under a URL prefix. */
export class HttpSource {
    opts;
    description;
    prefix;
    constructor(url, opts = {}) {
        this.opts = opts;
        this.prefix = url.endsWith('/') ? url : url + '/';
        this.description = url;
    }
    async read(path, maxBytes) {
        const url = this.prefix + path;
        const attempts = this.opts.attempts ?? 3;
        let lastError;
        for (let attempt = 1; attempt <= attempts; attempt++) {
            try {
                const res = await httpGet(url, maxBytes, this.opts.timeoutMs ?? 30_000);
                if (res.status === 404)
                    return null;
                if (res.status >= 500 || res.status === 429) {
                    lastError = new Error(`HTTP ${res.status}`);
                    await new Promise((r) => setTimeout(r, 200 * attempt));
                    continue;
                }
                if (res.status !== 200) {
                    throw new SignetError('FETCH_FAILED', `GET ${url} answered HTTP ${res.status}`, { expected: 'HTTP 200 or 404', got: `HTTP ${res.status}` });
                }
                return res.body;
            }
            catch (e) {
                if (e instanceof SignetError)
                    throw e;
                if (e instanceof TooLarge)
                    throw tooLarge(url, maxBytes);
                lastError = e;
                if (attempt < attempts)
                    await new Promise((r) => setTimeout(r, 200 * attempt));
            }
        }
        throw new SignetError('FETCH_FAILED', `GET ${url} failed: ${lastError instanceof Error ? lastError.message : String(lastError)}`, {
            hint: 'check the URL and your network; the log may be down (retry later)',
            cause: lastError,
        });
    }
}
/** A source for a URL (http/https) or a folder path. */
export async function openLogSource(where) {
    if (/^https?:\/\//i.test(where))
        return new HttpSource(where);
    return FolderSource.open(where);
}
//# sourceMappingURL=source.js.map