/**
 * The registry's HTTP API (docs/API.md): the JSON API vendors' CLIs call with an API token, the
 * Composer repository (packages.json, p2 metadata, immutable dist archives), and `/.well-known/signet`
 * for verifiers to configure themselves.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { SignetError } from '../errors.js';
import { statusFor as logStatusFor } from '../log/http.js';
import { isValidPackageName, isValidVendorName, normalizeVersion } from '../ledger/index.js';
import type { RegistryDb } from './db.js';
import type { BlobStore } from './blobs.js';
import type { ComposerRepository, Document } from './repository.js';
import type { RegistryService } from './service.js';
import type { LedgerFollower } from '../client/follower.js';
import { type VendorHistory, vendorReport, releaseReport } from './reports.js';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** JSON API bodies other than uploads: one envelope, with room for its JSON framing. */
export const MAX_API_BODY = 256 * 1024;

export interface RegistryHttpOptions {
  readonly db: RegistryDb;
  readonly blobs: BlobStore;
  readonly repo: ComposerRepository;
  readonly service: RegistryService;
  readonly follower: LedgerFollower;
  readonly history: VendorHistory;
  /** Largest archive accepted, in bytes (the upload body is its base64 in JSON). */
  readonly maxArchiveBytes: number;
  readonly wellKnown: () => Record<string, unknown>;
  readonly logger?: boolean;
}

export function statusFor(e: SignetError): number {
  switch (e.code) {
    case 'AUTH_REQUIRED':
      return 401;
    case 'NOT_FOUND':
      return 404;
    case 'RELEASE_REVOKED':
      return 410;
    case 'BODY_TOO_LARGE':
      return 413;
    case 'ARCHIVE_DIGEST_MISMATCH':
    case 'ARCHIVE_H1_MISMATCH':
    case 'COMPOSER_JSON_MISMATCH':
      return 403;
    default:
      // The archive itself is unacceptable (unsafe paths, symlinks, a zip bomb...): a bad request.
      if (e.code === 'ARCHIVE_TOO_LARGE') return 413;
      if (e.code.startsWith('ARCHIVE_')) return 400;
      return logStatusFor(e);
  }
}

function sendError(reply: FastifyReply, e: SignetError): FastifyReply {
  const status = statusFor(e);
  if (status === 503) reply.header('retry-after', '2');
  return reply.code(status).header('cache-control', 'no-store').send({ error: e.toJSON() });
}

function notFound(what: string): SignetError {
  return new SignetError('NOT_FOUND', `${what} not found`);
}

export function buildRegistryApp(o: RegistryHttpOptions): FastifyInstance {
  // requestTimeout: a request must arrive whole within 2 minutes (an upload of the largest archive at
  // ~0.4 MB/s), rather than hold a connection, and the shutdown that waits for it, for ever.
  const app = Fastify({ logger: o.logger ?? false, bodyLimit: MAX_API_BODY, keepAliveTimeout: 30_000, requestTimeout: 120_000 });
  // Envelopes are parsed by our own strict parser: take every JSON body as bytes.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.setErrorHandler((err, _req, reply) => {
    if (err instanceof SignetError) return sendError(reply, err);
    const fe = err as { statusCode?: number; code?: string; message: string };
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendError(reply, new SignetError('BODY_TOO_LARGE', 'the request body is over the limit', { hint: 'archives are limited by --max-archive-size' }));
    }
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      return sendError(reply, new SignetError('USAGE', fe.message, { got: fe.code ?? 'bad request' }));
    }
    o.logger ? app.log.error(err) : process.stderr.write(`signet registry: internal error: ${fe.message}\n`);
    return reply.code(500).send({ error: { code: 'INTERNAL', kind: 'usage', message: 'internal error' } });
  });
  app.setNotFoundHandler((_req, reply) => sendError(reply, notFound('this path')));

  const account = (req: FastifyRequest): string => {
    const h = req.headers.authorization;
    const token = typeof h === 'string' && h.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
    const acct = token === undefined ? undefined : o.db.authenticate(token);
    if (acct === undefined) {
      throw new SignetError('AUTH_REQUIRED', token === undefined ? 'this request needs an API token' : 'the API token is not valid', {
        expected: 'Authorization: Bearer <token>',
        hint: 'sign in with `signet login --registry URL --token TOKEN`; the operator creates tokens with `signet registry token create ACCOUNT`',
      });
    }
    return acct;
  };
  const body = (req: FastifyRequest): Buffer => {
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
      throw new SignetError('DSSE_MALFORMED', 'the request needs a JSON body (a DSSE envelope)', { expected: 'Content-Type: application/json', got: 'no body' });
    }
    return req.body;
  };
  const vendorParam = (v: string): string => {
    if (!isValidVendorName(v)) throw notFound(`vendor ${JSON.stringify(v)}`);
    return v;
  };

  // ---- discovery --------------------------------------------------------------------------------
  app.get('/.well-known/signet', async (_req, reply) => reply.header('cache-control', 'public, max-age=300').send(o.wellKnown()));

  // ---- the Composer repository ------------------------------------------------------------------
  // The hottest path of the registry (every Composer run asks for packages.json and one p2 file per
  // package). The documents are ready-made buffers; the answer is written straight to Node's response
  // (reply.hijack), which skips Fastify's reply pipeline (onSend hooks, header merging, serializers):
  // the same status and headers at less CPU per request (npm run bench -- registry). With --verbose the
  // normal path is kept, so every request is still logged. The handlers are sync and return nothing:
  // Fastify then neither awaits a promise nor tries to send a return value.
  const sendDoc = (req: FastifyRequest, reply: FastifyReply, d: Document, cache: string): void => {
    // RFC 9110 §13.1.3: If-Modified-Since counts only without If-None-Match (Composer sends only the former).
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    const since = inm === undefined && typeof ims === 'string' ? Date.parse(ims) : NaN;
    const notModified = inm !== undefined ? inm === d.etag : Number.isFinite(since) && since >= d.modified * 1000;
    if (o.logger === true) {
      reply.header('etag', d.etag).header('last-modified', d.lastModified).header('cache-control', cache).header('content-type', 'application/json');
      if (notModified) reply.code(304).send();
      else reply.send(d.body);
      return;
    }
    reply.hijack();
    const res = reply.raw;
    if (notModified) {
      res.writeHead(304, ['etag', d.etag, 'last-modified', d.lastModified, 'cache-control', cache, 'content-type', 'application/json']);
      res.end();
    } else {
      res.writeHead(200, ['etag', d.etag, 'last-modified', d.lastModified, 'cache-control', cache, 'content-type', 'application/json', 'content-length', String(d.body.length)]);
      res.end(d.body);
    }
  };
  app.get('/packages.json', (req, reply) => {
    sendDoc(req, reply, o.repo.packagesDocument(), 'public, max-age=60');
  });
  app.get('/p2/:vendor/:file', (req, reply) => {
    const { vendor, file } = req.params as { vendor: string; file: string };
    // Only valid package names are ever stored, so a hit needs no other check.
    const d = file.length > 5 && file.endsWith('.json') ? o.repo.p2Document(`${vendor}/${file.slice(0, -5)}`) : undefined;
    if (d === undefined) sendError(reply, notFound(`metadata ${vendor}/${file}`));
    else sendDoc(req, reply, d, 'public, max-age=60');
  });
  app.get('/dist/:vendor/:name/:file', async (req, reply) => {
    const { vendor, name, file } = req.params as { vendor: string; name: string; file: string };
    const pkg = `${vendor}/${name}`;
    const row = isValidPackageName(pkg) ? o.db.releaseByFile(pkg, file) : undefined;
    if (row === undefined) return sendError(reply, notFound(`archive ${pkg}/${file}`));
    if (row.revokeReason !== null) {
      return sendError(
        reply,
        new SignetError('RELEASE_REVOKED', `${pkg} ${row.prettyVersion} was revoked by its vendor: ${row.revokeReason}`, {
          attack: 'installing a release its vendor withdrew',
          hint: 'update to another version',
        }),
      );
    }
    const data = await o.blobs.get(row.sha256);
    if (data === undefined) throw new SignetError('STORAGE_FAILED', `the archive of ${pkg} ${row.prettyVersion} is missing from storage`);
    return reply.header('content-type', 'application/zip').header('cache-control', IMMUTABLE).header('etag', `"${row.sha256}"`).send(data);
  });

  // ---- the JSON API -----------------------------------------------------------------------------
  app.get('/api/whoami', async (req) => {
    const acct = account(req);
    return { account: acct, vendors: o.db.vendorsOf(acct) };
  });
  app.post('/api/vendors', async (req) => o.service.claimVendor(account(req), body(req)));
  app.get('/api/vendors/:vendor', async (req) => {
    const vendor = vendorParam((req.params as { vendor: string }).vendor);
    await o.follower.sync().catch(() => undefined);
    const r = vendorReport(o.follower.state, o.history, vendor, o.db.vendor(vendor)?.account);
    if (r === undefined) throw notFound(`vendor ${vendor}`);
    return r;
  });
  app.post('/api/vendors/:vendor/keys', async (req) => o.service.keyChange(account(req), vendorParam((req.params as { vendor: string }).vendor), 'key-add', body(req)));
  app.post('/api/vendors/:vendor/keys/revoke', async (req) =>
    o.service.keyChange(account(req), vendorParam((req.params as { vendor: string }).vendor), 'key-revoke', body(req)),
  );
  app.post('/api/vendors/:vendor/policy', async (req) => o.service.keyChange(account(req), vendorParam((req.params as { vendor: string }).vendor), 'policy', body(req)));
  app.get('/api/packages/:vendor/:name/:version', async (req) => {
    const { vendor, name, version } = req.params as { vendor: string; name: string; version: string };
    await o.follower.sync().catch(() => undefined);
    const pkg = `${vendor}/${name}`;
    let v: string;
    try {
      v = normalizeVersion(version);
    } catch {
      throw notFound(`release ${pkg} ${version}`);
    }
    const r = isValidPackageName(pkg) ? releaseReport(o.follower, pkg, v) : undefined;
    if (r === undefined) throw notFound(`release ${pkg} ${version}`);
    const row = o.db.release(pkg, v);
    return { ...r, dist: row === undefined || row.state !== 'published' ? null : `/dist/${pkg}/${row.fileName}` };
  });
  app.post('/api/releases/revoke', async (req) => o.service.revokeRelease(account(req), body(req)));
  app.post('/api/attestations', async (req) => o.service.attest(account(req), body(req)));

  // Uploads: {"envelope": {...}, "archive": "<base64>"} with a larger limit, in their own scope.
  const uploadLimit = Math.ceil((o.maxArchiveBytes * 4) / 3) + MAX_API_BODY;
  void app.register(async (scope) => {
    // The token is checked before the body is read (onRequest): an anonymous client must not make the
    // registry buffer an upload of up to uploadLimit bytes to be told 401.
    const uploader = new WeakMap<FastifyRequest, string>();
    scope.post('/api/releases', { bodyLimit: uploadLimit, onRequest: async (req) => void uploader.set(req, account(req)) }, async (req) => {
      const acct = uploader.get(req) ?? account(req);
      const { envelope, archive } = parseUpload(body(req), o.maxArchiveBytes);
      return o.service.publishRelease(acct, envelope, archive);
    });
  });
  return app;
}

/** The upload body: the envelope (kept as its own JSON bytes) and the archive bytes. */
export function parseUpload(body: Buffer, maxArchiveBytes: number): { envelope: Buffer; archive: Buffer } {
  let o: unknown;
  try {
    o = JSON.parse(body.toString('utf8'));
  } catch (e) {
    throw new SignetError('DSSE_MALFORMED', 'the upload is not JSON', { expected: '{"envelope": {...}, "archive": "<base64>"}', cause: e });
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) {
    throw new SignetError('DSSE_MALFORMED', 'the upload must be a JSON object', { expected: '{"envelope": {...}, "archive": "<base64>"}' });
  }
  const u = o as Record<string, unknown>;
  const extra = Object.keys(u).filter((k) => k !== 'envelope' && k !== 'archive');
  if (extra.length > 0 || typeof u.envelope !== 'object' || u.envelope === null || typeof u.archive !== 'string') {
    throw new SignetError('DSSE_MALFORMED', 'the upload must have exactly "envelope" (an object) and "archive" (base64)', {
      expected: '{"envelope": {...}, "archive": "<base64>"}',
      got: `fields ${Object.keys(u).join(', ')}`,
    });
  }
  const archive = Buffer.from(u.archive, 'base64');
  if (archive.toString('base64') !== u.archive) {
    throw new SignetError('DSSE_MALFORMED', 'the archive is not canonical base64', { expected: 'standard base64 with padding' });
  }
  if (archive.length > maxArchiveBytes) {
    throw new SignetError('BODY_TOO_LARGE', `the archive is ${archive.length} bytes, over this registry's limit of ${maxArchiveBytes}`, {
      expected: `at most ${maxArchiveBytes} bytes`,
      got: `${archive.length} bytes`,
    });
  }
  return { envelope: Buffer.from(JSON.stringify(u.envelope)), archive };
}
