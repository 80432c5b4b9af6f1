/**
 * A tiny static file server for tests: serves a folder on 127.0.0.1 (port 0 = any free port) with GET
 * and HEAD, answers 404 for anything missing, and records every request so a test can check what a
 * client (Composer) asked for.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
const TYPES = {
    '.json': 'application/json',
    '.zip': 'application/zip',
    '.txt': 'text/plain; charset=utf-8',
};
/** Serves the files under `root`. Paths that leave `root` (`..`, encoded or not) get 404. */
export async function serveStatic(root) {
    const base = resolve(root);
    const requests = [];
    const server = createServer((req, res) => {
        const method = req.method ?? 'GET';
        const rawPath = (req.url ?? '/').split('?')[0];
        const done = (status) => {
            requests.push({ method, path: rawPath, status, userAgent: String(req.headers['user-agent'] ?? '') });
        };
        const fail = (status) => {
            res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${status}\n`);
            done(status);
        };
        if (method !== 'GET' && method !== 'HEAD')
            return fail(405);
        let decoded;
        try {
            decoded = decodeURIComponent(rawPath);
        }
        catch {
            return fail(400);
        }
        const file = resolve(join(base, decoded));
        if (decoded.includes('\0') || (file !== base && !file.startsWith(base + sep)))
            return fail(404);
        stat(file).then((st) => {
            if (!st.isFile())
                return fail(404);
            res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': st.size });
            done(200);
            if (method === 'HEAD')
                return void res.end();
            createReadStream(file).on('error', () => res.destroy()).pipe(res);
        }, () => fail(404));
    });
    await new Promise((ok, ko) => {
        server.once('error', ko);
        server.listen(0, '127.0.0.1', () => ok());
    });
    const addr = server.address();
    const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
    return {
        url: `http://127.0.0.1:${port}`,
        port,
        requests,
        close: () => new Promise((ok) => {
            server.closeAllConnections();
            server.close(() => ok());
        }),
    };
}
//# sourceMappingURL=static-server.js.map