/** A small text POST over node:http/https with a timeout (for the witness protocol), keep-alive. */
import http from 'node:http';
import https from 'node:https';
const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
const MAX_ANSWER = 64 * 1024;
export function httpPost(url, body, timeoutMs) {
    return new Promise((resolve, reject) => {
        const u = new URL(url);
        const secure = u.protocol === 'https:';
        const req = (secure ? https : http).request(u, { method: 'POST', agent: secure ? agents.https : agents.http, timeout: timeoutMs, headers: { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) } }, (res) => {
            const chunks = [];
            let total = 0;
            res.on('data', (c) => {
                total += c.length;
                if (total > MAX_ANSWER)
                    res.destroy(new Error(`answer over ${MAX_ANSWER} bytes`));
                else
                    chunks.push(c);
            });
            res.on('end', () => {
                const ct = res.headers['content-type'];
                resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ...(ct === undefined ? {} : { contentType: ct }) });
            });
            res.on('error', reject);
        });
        req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
        // Also a deadline for the whole exchange: a witness trickling bytes must not hold the log.
        const deadline = setTimeout(() => req.destroy(new Error(`no complete answer within ${2 * timeoutMs} ms`)), 2 * timeoutMs);
        deadline.unref();
        req.on('close', () => clearTimeout(deadline));
        req.on('error', reject);
        req.end(body);
    });
}
//# sourceMappingURL=http-post.js.map