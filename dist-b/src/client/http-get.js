/**
 * A small GET over node:http/https for the read path (checkpoints, tiles, bundles): capped, with a
 * timeout, keep-alive. It avoids loading fetch's implementation (undici), which costs ~20 ms at start-up,
 * more than a warm `signet verify-archive` may spend in all.
 */
import http from 'node:http';
import https from 'node:https';
export class TooLarge extends Error {
}
const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 8 }), https: new https.Agent({ keepAlive: true, maxSockets: 8 }) };
/** GETs `url`; resolves with the status and the body (at most `maxBytes`, else rejects with TooLarge). */
export function httpGet(url, maxBytes, timeoutMs) {
    return new Promise((resolve, reject) => {
        const u = new URL(url);
        const mod = u.protocol === 'https:' ? https : http;
        const agent = u.protocol === 'https:' ? agents.https : agents.http;
        const req = mod.get(u, { agent, headers: { 'accept-encoding': 'identity' }, timeout: timeoutMs }, (res) => {
            const declared = Number(res.headers['content-length'] ?? '0');
            if (declared > maxBytes) {
                res.destroy();
                reject(new TooLarge());
                return;
            }
            const chunks = [];
            let total = 0;
            res.on('data', (c) => {
                total += c.length;
                if (total > maxBytes) {
                    res.destroy();
                    reject(new TooLarge());
                    return;
                }
                chunks.push(c);
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks, total) }));
            res.on('error', reject);
            res.on('aborted', () => reject(new Error('the connection closed before the whole answer arrived')));
        });
        req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
        // Also a deadline for the whole answer: a server trickling bytes must not hold the verifier.
        const deadline = setTimeout(() => req.destroy(new Error(`no complete answer within ${2 * timeoutMs} ms`)), 2 * timeoutMs);
        deadline.unref();
        req.on('close', () => clearTimeout(deadline));
        req.on('error', reject);
    });
}
/** Lets the process exit without waiting for idle keep-alive sockets. */
export function closeIdleSockets() {
    agents.http.destroy();
    agents.https.destroy();
}
//# sourceMappingURL=http-get.js.map