/**
 * The witness's HTTP interface (docs/WITNESS.md): C2SP tlog-witness `POST /add-checkpoint`, and
 * `GET /` with the witness's name, verifier key and the logs it witnesses.
 *
 * The request body is read as bytes whatever its Content-Type (the spec names none). The handler runs
 * synchronously, from the check to the commit to the signature, so requests are serialised by the
 * event loop as well as by the store's transaction.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { MAX_REQUEST_BYTES, type WitnessContext, respond } from './add-checkpoint.js';

export interface WitnessHttpOptions {
  readonly ctx: WitnessContext;
  /** Log each request (fastify's logger); off by default. */
  readonly logger?: boolean;
}

function text(message: string): string {
  return message.endsWith('\n') ? message : message + '\n';
}

export function buildWitnessApp(opts: WitnessHttpOptions): FastifyInstance {
  const { ctx } = opts;
  // requestTimeout: a request body that trickles in is dropped after 30 s (Fastify's default is no limit).
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: MAX_REQUEST_BYTES, keepAliveTimeout: 30_000, requestTimeout: 30_000 });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_REQUEST_BYTES }, (_req, body, done) => done(null, body));

  app.setErrorHandler((err, req, reply) => {
    const code = (err as { code?: string }).code;
    reply.header('cache-control', 'no-store').type('text/plain; charset=utf-8');
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send(text(`WITNESS_REQUEST_MALFORMED: a request body is at most ${MAX_REQUEST_BYTES} bytes`));
    }
    const status = (err as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      return reply.code(status).send(text(`USAGE: ${err instanceof Error ? err.message : String(err)}`));
    }
    req.log.error(err);
    process.stderr.write(`signet witness: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return reply.code(500).send('internal error\n');
  });

  app.get('/', async (_req, reply) =>
    reply.header('cache-control', 'no-store').send({
      name: ctx.key.name,
      verifierKey: ctx.key.verifierKey,
      logs: [...ctx.logs.values()].map((l) => ({ origin: l.origin, keys: l.keys, size: ctx.store.get(l.origin)?.size ?? 0 })),
    }),
  );

  // Only POST: a 404 here would read as "unknown log" to a client that used the wrong method.
  app.route({
    method: ['GET', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'],
    url: '/add-checkpoint',
    handler: async (_req, reply) =>
      reply.code(405).header('allow', 'POST').header('cache-control', 'no-store').type('text/plain; charset=utf-8').send('USAGE: add-checkpoint takes a POST\n'),
  });

  app.post('/add-checkpoint', async (req, reply) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const r = respond(ctx, body);
    if (r.status >= 500) req.log.error(r.error);
    if (r.status === 503) reply.header('retry-after', '1');
    return reply.code(r.status).header('content-type', r.contentType).header('cache-control', 'no-store').send(r.body);
  });

  return app;
}
