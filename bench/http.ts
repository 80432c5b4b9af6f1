/**
 * One HTTP exchange for the benchmarks' load generators and set-up: sends `body` (with its length) and
 * collects the whole answer. The one place that does it, so every scenario pays the same client cost.
 */
import http from 'node:http';

export interface HttpAnswer {
  readonly status: number;
  readonly body: Buffer;
}

/** `target` is a URL, or the request options (host, port, path, agent, ...); `method` defaults to GET, or POST with a body. */
export function httpExchange(target: string | http.RequestOptions, body?: Buffer, o: { method?: string; headers?: Record<string, string | number>; agent?: http.Agent | false } = {}): Promise<HttpAnswer> {
  const headers = { ...(typeof target === 'string' ? {} : target.headers), ...o.headers, ...(body === undefined ? {} : { 'content-length': body.length }) };
  const options: http.RequestOptions = { ...(typeof target === 'string' ? {} : target), method: o.method ?? (typeof target === 'string' ? undefined : target.method) ?? (body === undefined ? 'GET' : 'POST'), headers };
  if (o.agent !== undefined) options.agent = o.agent;
  return new Promise((resolve, reject) => {
    const onAnswer = (res: http.IncomingMessage): void => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) }));
      res.on('error', reject);
    };
    const req = typeof target === 'string' ? http.request(target, options, onAnswer) : http.request(options, onAnswer);
    req.on('error', reject);
    req.end(body);
  });
}
