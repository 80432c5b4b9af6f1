/**
 * The log's HTTP API (docs/API.md): the C2SP tlog-tiles read path (checkpoint, hash tiles, entry
 * bundles) with its caching rules, lookups that return indexes, proofs, and `POST /add`.
 * Everything a client gets here it can verify against a signed checkpoint.
 */
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { SignetError, isSignetError } from '../errors.js';
import { MAX_ENTRY_SIZE, decodeBundle, encodeBundle } from '../tlog/bundle.js';
import { TILE_WIDTH, parseTilePath, type Tile } from '../tlog/tile.js';
import { BundleCache } from './bundle-cache.js';
import { batchAnswer } from './batch-answer.js';
import type { SubmitOutcome, TransparencyLog } from './log.js';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** POST /add-batch: at most this many entries, and this many bytes, per request. */
export const MAX_BATCH_ENTRIES = 256;
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;
export const CHECKPOINT_CACHE = 'public, max-age=2';
const DEFAULT_BUNDLE_CACHE = 64 * 1024 * 1024;

/** Maps the lookups URLs to the keys entries are stored under; the admission decides the keys. */
export interface LookupKeys {
  vendor(vendor: string): string;
  package(vendor: string, name: string): string;
  release(vendor: string, name: string, version: string): string;
}

const CONFLICT = new Set(['VENDOR_ALREADY_CLAIMED', 'RELEASE_EXISTS', 'RELEASE_ALREADY_REVOKED', 'STATEMENT_REPLAYED', 'KEY_EXISTS']);

export function statusFor(e: SignetError): number {
  if (e.code === 'ENTRY_TOO_LARGE') return 413;
  if (e.code === 'NOT_WRITABLE') return 405;
  if (e.code === 'NOT_FOUND') return 404;
  if (CONFLICT.has(e.code)) return 409;
  // A statement dated too far from the log's clock: the client's clock or a replayed old statement.
  if (['INDEX_OUT_OF_RANGE', 'TILE_PATH_INVALID', 'TIME_SKEW', 'BUNDLE_TRUNCATED', 'BUNDLE_MALFORMED'].includes(e.code)) return 400;
  switch (e.kind) {
    case 'format':
    case 'usage':
      return 400;
    case 'verification':
      return 403;
    case 'unavailable':
      return 503;
  }
}

function sendError(reply: FastifyReply, e: SignetError): FastifyReply {
  const status = statusFor(e);
  if (status === 503) reply.header('retry-after', '1');
  return reply.code(status).header('cache-control', 'no-store').send({ error: e.toJSON() });
}

function intParam(value: unknown, name: string): number {
  if (typeof value !== 'string' || !/^(0|[1-9][0-9]{0,15})$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new SignetError('USAGE', `query parameter ${name} must be a non-negative integer`, { got: String(value) });
  }
  return Number(value);
}

/** Most entries one `GET /proof/entries` answers for. */
export const MAX_PROVEN_ENTRIES = 256;

/** `indexes=I1,I2,...`: 1 to MAX_PROVEN_ENTRIES strictly increasing non-negative integers, in canonical decimal. */
function indexList(value: unknown): number[] {
  const form = /^(0|[1-9][0-9]{0,15})(,(0|[1-9][0-9]{0,15}))*$/;
  if (typeof value !== 'string' || value.length > MAX_PROVEN_ENTRIES * 17 || !form.test(value)) {
    throw new SignetError('USAGE', 'query parameter indexes must be a comma-separated list of entry indexes', {
      expected: `1 to ${MAX_PROVEN_ENTRIES} non-negative integers, e.g. indexes=3,17,250`,
      got: typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : String(value),
    });
  }
  const list = value.split(',').map(Number);
  if (list.length > MAX_PROVEN_ENTRIES) {
    throw new SignetError('USAGE', `at most ${MAX_PROVEN_ENTRIES} entries per request`, { expected: `<= ${MAX_PROVEN_ENTRIES} indexes`, got: `${list.length}` });
  }
  for (let i = 0; i < list.length; i++) {
    if (!Number.isSafeInteger(list[i]) || (i > 0 && list[i]! <= list[i - 1]!)) {
      throw new SignetError('USAGE', 'query parameter indexes must list each index once, in increasing order', { got: `${list[i - 1]} then ${list[i]}` });
    }
  }
  return list;
}

/**
 * What the HTTP API serves: the log itself, or a mirror of one (which has no `submit`: it answers
 * writes with 405 and the upstream's address).
 */
export interface ServedLog {
  readonly origin: string;
  readonly verifierKey: string;
  readonly size: number;
  readonly checkpoint: string;
  hashTile(tile: Tile): Buffer | null;
  bundle(tile: Tile): Promise<Buffer[] | null>;
  entry(index: number): Promise<Buffer | null>;
  leafHashAt(index: number): Uint8Array;
  /** `rightEdge`, when given, is shared by calls for the same size (the proofs of one answer). */
  inclusionProof(index: number, size: number, rightEdge?: Map<number, Uint8Array>): Buffer[];
  consistencyProof(from: number, to: number): Buffer[];
  lookup(key: string, after: number, limit: number): Promise<number[]>;
  submit?: TransparencyLog['submit'];
  submitBatch?: TransparencyLog['submitBatch'];
  /** For mirrors: where writes go. */
  readonly upstream?: string;
}

export interface HttpOptions {
  readonly log: ServedLog;
  readonly lookupKeys: LookupKeys;
  /** Memory for full entry bundles served from memory (immutable once full). Default 64 MiB; 0 turns it off. */
  readonly bundleCacheBytes?: number;
  /** Log each request (fastify's logger); off by default. */
  readonly logger?: boolean;
  /** Public facts about the log's admission rules, published in `GET /` (e.g. the ledger's trusted keys). */
  readonly info?: Readonly<Record<string, unknown>> | (() => Readonly<Record<string, unknown>>);
}

/** The log's submit, or for a mirror an error that says where to submit. */
function submitter(log: ServedLog): TransparencyLog['submit'] {
  if (log.submit !== undefined) return log.submit.bind(log);
  return () =>
    Promise.reject(
      new SignetError('NOT_WRITABLE', 'this is a mirror of the log: it serves reads only', {
        expected: 'a submission to the log itself',
        hint: log.upstream === undefined ? 'submit to the log' : `submit to ${log.upstream}`,
      }),
    );
}

export function buildLogApp(opts: HttpOptions): FastifyInstance {
  const { log, lookupKeys } = opts;
  // requestTimeout: a client that trickles (or never sends) its body is dropped after 30 s, rather than
  // holding a connection, and the shutdown that waits for it, for ever (Fastify's default is none).
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: MAX_ENTRY_SIZE + 1, keepAliveTimeout: 30_000, requestTimeout: 30_000 });

  // Bodies are parsed by the admission from their exact bytes (the entry's canonical form matters).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_ENTRY_SIZE }, (_req, body, done) => done(null, body));

  // Unknown paths and methods answer in the API's error shape (docs/API.md), not Fastify's.
  app.setNotFoundHandler((req, reply) =>
    sendError(reply, new SignetError('NOT_FOUND', `no such route: ${req.method} ${req.url.split('?')[0]!.slice(0, 200)}`, { hint: 'see docs/API.md for the log API' })),
  );
  app.setErrorHandler((err, _req, reply) => {
    if (isSignetError(err)) return sendError(reply, err);
    const code = (err as { code?: string }).code;
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendError(reply, new SignetError('ENTRY_TOO_LARGE', `an entry is at most ${MAX_ENTRY_SIZE} bytes`, { expected: `<= ${MAX_ENTRY_SIZE} bytes`, got: 'more' }));
    }
    const status = (err as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      return reply.code(status).send({ error: { code: 'USAGE', kind: 'usage', message: err instanceof Error ? err.message : String(err) } });
    }
    // The client learns nothing of it; the operator must (the logger is off unless --verbose).
    process.stderr.write(`signet log: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return reply.code(500).send({ error: { code: 'INTERNAL', kind: 'usage', message: 'internal error' } });
  });

  app.get('/', async () => ({ origin: log.origin, verifierKey: log.verifierKey, size: log.size, ...(typeof opts.info === 'function' ? opts.info() : opts.info) }));

  app.get('/checkpoint', async (_req, reply) =>
    reply.header('content-type', 'text/plain; charset=utf-8').header('cache-control', CHECKPOINT_CACHE).send(log.checkpoint),
  );

  const bundles = new BundleCache(opts.bundleCacheBytes ?? DEFAULT_BUNDLE_CACHE);
  const bundleBytes = async (tile: Tile): Promise<Buffer | null> => {
    const full = tile.width === TILE_WIDTH;
    const cached = full ? bundles.get(tile.index) : undefined;
    if (cached !== undefined) return cached;
    const entries = await log.bundle(tile);
    if (entries === null) return null;
    const data = encodeBundle(entries);
    if (full) bundles.set(tile.index, data);
    return data;
  };

  app.get('/tile/*', async (req, reply) => {
    const path = `tile/${(req.params as { '*': string })['*']}`;
    let tile;
    try {
      tile = parseTilePath(path);
    } catch {
      return reply.code(404).header('cache-control', 'no-store').send('not found\n');
    }
    const data = tile.level === 'entries' ? await bundleBytes(tile) : log.hashTile(tile);
    if (data === null) return reply.code(404).header('cache-control', 'no-store').send('not found\n');
    return reply.header('content-type', 'application/octet-stream').header('cache-control', IMMUTABLE).send(data);
  });

  app.get('/entry/:index', async (req, reply) => {
    const index = intParam((req.params as { index: string }).index, 'index');
    const data = await log.entry(index);
    if (data === null) return reply.code(404).header('cache-control', 'no-store').send({ error: { code: 'INDEX_OUT_OF_RANGE', message: `no entry ${index} in the published log` } });
    return reply.header('content-type', 'application/json').header('cache-control', IMMUTABLE).send(data);
  });

  const lookup = async (key: string, query: unknown): Promise<{ key: string; size: number; indexes: number[] }> => {
    const q = query as { after?: string; limit?: string };
    const after = q.after === undefined ? -1 : intParam(q.after, 'after');
    const limit = q.limit === undefined ? 1000 : Math.min(10_000, Math.max(1, intParam(q.limit, 'limit')));
    // The size the answer covers is read first: entries published while the lookup runs are left out.
    const size = log.size;
    const indexes = (await log.lookup(key, after, limit)).filter((i) => i < size);
    return { key, size, indexes };
  };
  app.get('/lookup/vendor/:vendor', async (req, reply) => {
    const p = req.params as { vendor: string };
    return reply.header('cache-control', 'no-cache').send(await lookup(lookupKeys.vendor(p.vendor), req.query));
  });
  app.get('/lookup/package/:vendor/:name', async (req, reply) => {
    const p = req.params as { vendor: string; name: string };
    return reply.header('cache-control', 'no-cache').send(await lookup(lookupKeys.package(p.vendor, p.name), req.query));
  });
  app.get('/lookup/release/:vendor/:name/:version', async (req, reply) => {
    const p = req.params as { vendor: string; name: string; version: string };
    return reply.header('cache-control', 'no-cache').send(await lookup(lookupKeys.release(p.vendor, p.name, p.version), req.query));
  });

  app.get('/proof/inclusion', async (req) => {
    const q = req.query as { index?: string; size?: string };
    const index = intParam(q.index, 'index');
    const size = q.size === undefined ? log.size : intParam(q.size, 'size');
    const proof = log.inclusionProof(index, size);
    return { index, size, leafHash: Buffer.from(log.leafHashAt(index)).toString('base64'), proof: proof.map((h) => h.toString('base64')) };
  });

  // Several entries, each with its inclusion proof at one size: what a light-mode verifier needs for a
  // vendor's entries, in one round trip instead of two per entry. Clients check every proof.
  app.get('/proof/entries', async (req, reply) => {
    const q = req.query as { indexes?: string; size?: string };
    const indexes = indexList(q.indexes);
    const size = q.size === undefined ? log.size : intParam(q.size, 'size');
    const entries: { index: number; entry: string; proof: string[] }[] = [];
    const rightEdge = new Map<number, Uint8Array>(); // the hashes every proof at this size shares, made once
    for (const index of indexes) {
      const proof = log.inclusionProof(index, size, rightEdge); // checks index < size <= the published size
      const data = await log.entry(index);
      if (data === null) throw new SignetError('INDEX_OUT_OF_RANGE', `no entry ${index} in the published log`, { expected: `< ${size}`, got: String(index) });
      entries.push({ index, entry: data.toString('base64'), proof: proof.map((h) => h.toString('base64')) });
    }
    // With an explicit size the answer never changes; without one it follows the published size.
    return reply.header('cache-control', q.size === undefined ? 'no-cache' : IMMUTABLE).send({ size, entries });
  });

  app.get('/proof/consistency', async (req) => {
    const q = req.query as { from?: string; to?: string };
    const from = intParam(q.from, 'from');
    const to = q.to === undefined ? log.size : intParam(q.to, 'to');
    if (from > to) throw new SignetError('INDEX_OUT_OF_RANGE', `cannot prove consistency from ${from} to the smaller ${to}`, { expected: `from <= to`, got: `${from} > ${to}` });
    return { from, to, proof: log.consistencyProof(from, to).map((h) => h.toString('base64')) };
  });

  app.post('/add', async (req, reply) => {
    const body = req.body;
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw new SignetError('ENTRY_NOT_JSON', 'POST /add needs one DSSE envelope as the request body', { expected: 'a JSON body', got: 'an empty body' });
    }
    const r = await submitter(log)(body);
    return reply.header('cache-control', 'no-store').send({
      index: r.index,
      size: r.size,
      leafHash: r.leafHash.toString('base64'),
      proof: r.proof.map((h) => h.toString('base64')),
      checkpoint: r.checkpoint,
    });
  });

  /**
   * Several entries in one request (for registries and mirrors submitting in bulk): the body is an
   * entry bundle (uint16 length-prefixed entries, Content-Type application/vnd.signet.entry-bundle).
   * Each entry is admitted on its own exactly as by POST /add; the answer lists, in order, each one's
   * result or its error. The request is refused as a whole only when the bundle itself is malformed.
   * The route gets its larger body limit in its own scope, so POST /add keeps its 64 KiB one.
   */
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/vnd.signet.entry-bundle', { parseAs: 'buffer', bodyLimit: MAX_BATCH_BYTES }, (_req, body, done) =>
      done(null, body),
    );
    scope.post('/add-batch', async (req, reply) => {
      const body = req.body;
      if (!Buffer.isBuffer(body) || req.headers['content-type'] !== 'application/vnd.signet.entry-bundle') {
        throw new SignetError('BUNDLE_MALFORMED', 'POST /add-batch takes an entry bundle', {
          expected: 'Content-Type: application/vnd.signet.entry-bundle, uint16 length-prefixed entries',
          got: String(req.headers['content-type']),
        });
      }
      const entries = decodeBundle(body, undefined, { maxEntries: MAX_BATCH_ENTRIES });
      if (entries.length === 0) {
        throw new SignetError('BUNDLE_MALFORMED', `a batch holds 1 to ${MAX_BATCH_ENTRIES} entries`, { expected: `1..${MAX_BATCH_ENTRIES}`, got: String(entries.length) });
      }
      const outcomes: readonly SubmitOutcome[] =
        log.submitBatch !== undefined
          ? await log.submitBatch(entries)
          : (await Promise.allSettled(entries.map((e) => submitter(log)(e)))).map((r) => (r.status === 'fulfilled' ? { ok: r.value } : { error: r.reason as unknown }));
      const out = batchAnswer(
        outcomes.map((o) => {
          if ('ok' in o) return o;
          const e = isSignetError(o.error) ? o.error : new SignetError('INTERNAL', 'internal error');
          return { error: { ...e.toJSON(), status: statusFor(e) } };
        }),
      );
      return reply.header('cache-control', 'no-store').type('application/json; charset=utf-8').send(out);
    });
  });

  return app;
}
