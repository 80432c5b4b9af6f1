/**
 * A small GET over node:http/https for the read path (checkpoints, tiles, bundles): capped, with a
 * timeout, keep-alive. It avoids loading fetch's implementation (undici), which costs ~20 ms at start-up,
 * more than a warm `signet verify-archive` may spend in all.
 */
import http from 'node:http';
import https from 'node:https';

export interface GetAnswer {
  readonly status: number;
  readonly body: Buffer;
}

export class TooLarge extends Error {}

const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 8 }), https: new https.Agent({ keepAlive: true, maxSockets: 8 }) };

/** Redirects followed per GET (a log prefix may move, e.g. http to https, or to object storage). */
const MAX_REDIRECTS = 5;

/**
 * GETs `url`; resolves with the status and the body (at most `maxBytes`, decompressed, else rejects with
 * TooLarge). tlog-tiles lets a log answer with `Content-Encoding: gzip` unasked, and says clients SHOULD
 * accept gzip: such a body is inflated (within the same cap). Redirects are followed, up to 5, to http(s)
 * only; what comes back is verified by the caller whatever server sent it.
 */
export function httpGet(url: string, maxBytes: number, timeoutMs: number, redirects = 0): Promise<GetAnswer> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const mod = u.protocol === 'https:' ? https : http;
    const agent = u.protocol === 'https:' ? agents.https : agents.http;
    const req = mod.get(u, { agent, headers: { 'accept-encoding': 'gzip, identity' }, timeout: timeoutMs }, (res) => {
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if ([301, 302, 303, 307, 308].includes(status) && location !== undefined) {
        res.resume();
        let next: URL;
        try {
          next = new URL(location, u);
        } catch {
          reject(new Error(`a redirect to an invalid URL: ${JSON.stringify(location.slice(0, 200))}`));
          return;
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') reject(new Error(`a redirect to ${next.protocol} (only http and https are followed)`));
        else if (redirects >= MAX_REDIRECTS) reject(new Error(`more than ${MAX_REDIRECTS} redirects from ${url}`));
        else httpGet(next.href, maxBytes, timeoutMs, redirects + 1).then(resolve, reject);
        return;
      }
      const declared = Number(res.headers['content-length'] ?? '0');
      if (declared > maxBytes) {
        res.destroy();
        reject(new TooLarge());
        return;
      }
      const encoding = (res.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
      const collect = (body: NodeJS.ReadableStream & { destroy(): void }): void => {
        const chunks: Buffer[] = [];
        let total = 0;
        body.on('data', (c: Buffer) => {
          total += c.length;
          if (total > maxBytes) {
            res.destroy();
            body.destroy();
            reject(new TooLarge());
            return;
          }
          chunks.push(c);
        });
        body.on('end', () => resolve({ status, body: Buffer.concat(chunks, total) }));
      };
      if (encoding === 'gzip' || encoding === 'x-gzip') {
        // zlib is loaded only when a server compresses: ~2 ms of every verifier's start otherwise.
        import('node:zlib').then(({ createGunzip }) => {
          const gunzip = createGunzip();
          gunzip.on('error', (e) => {
            res.destroy();
            reject(new Error(`the answer's gzip encoding is invalid: ${e.message}`));
          });
          res.pipe(gunzip);
          collect(gunzip);
        }, reject);
      } else if (encoding === 'identity' || encoding === '') {
        collect(res);
      } else {
        res.destroy();
        reject(new Error(`the answer has Content-Encoding ${JSON.stringify(encoding)}, which was not asked for (only gzip and identity)`));
        return;
      }
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
export function closeIdleSockets(): void {
  agents.http.destroy();
  agents.https.destroy();
}
