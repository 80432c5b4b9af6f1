/**
 * The log's HTTP API (docs/API.md): the C2SP tlog-tiles read path (checkpoint, hash tiles, entry
 * bundles) with its caching rules, lookups that return indexes, proofs, and `POST /add`.
 * Everything a client gets here it can verify against a signed checkpoint.
 */
import Fastify from 'fastify';
import { SignetError, isSignetError } from '../errors.js';
import { MAX_ENTRY_SIZE, decodeBundle, encodeBundle } from '../tlog/bundle.js';
import { TILE_WIDTH, parseTilePath } from '../tlog/tile.js';
import { BundleCache } from './bundle-cache.js';
import { batchAnswer } from './batch-answer.js';
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** POST /add-batch: at most this many entries, and this many bytes, per request. */
export const MAX_BATCH_ENTRIES = 256;
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;
export const CHECKPOINT_CACHE = 'public, max-age=2';
const DEFAULT_BUNDLE_CACHE = 64 * 1024 * 1024;
const CONFLICT = new Set(['VENDOR_ALREADY_CLAIMED', 'RELEASE_EXISTS', 'RELEASE_ALREADY_REVOKED', 'STATEMENT_REPLAYED', 'KEY_EXISTS']);
export function statusFor(e) {
    if (e.code === 'ENTRY_TOO_LARGE')
        return 413;
    if (e.code === 'NOT_WRITABLE')
        return 405;
    if (CONFLICT.has(e.code))
        return 409;
    // A statement dated too far from the log's clock: the client's clock or a replayed old statement.
    if (['INDEX_OUT_OF_RANGE', 'TILE_PATH_INVALID', 'TIME_SKEW', 'BUNDLE_TRUNCATED', 'BUNDLE_MALFORMED'].includes(e.code))
        return 400;
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
function sendError(reply, e) {
    const status = statusFor(e);
    if (status === 503)
        reply.header('retry-after', '1');
    return reply.code(status).header('cache-control', 'no-store').send({ error: e.toJSON() });
}
function intParam(value, name) {
    if (typeof value !== 'string' || !/^(0|[1-9][0-9]{0,15})$/.test(value) || !Number.isSafeInteger(Number(value))) {
        throw new SignetError('USAGE', `query parameter ${name} must be a non-negative integer`, { got: String(value) });
    }
    return Number(value);
}
/** The log's submit, or for a mirror an error that says where to submit. */
function submitter(log) {
    if (log.submit !== undefined)
        return log.submit.bind(log);
    return () => Promise.reject(new SignetError('NOT_WRITABLE', 'this is a mirror of the log: it serves reads only', {
        expected: 'a submission to the log itself',
        hint: log.upstream === undefined ? 'submit to the log' : `submit to ${log.upstream}`,
    }));
}
export function buildLogApp(opts) {
    const { log, lookupKeys } = opts;
    const app = Fastify({ logger: opts.logger ?? false, bodyLimit: MAX_ENTRY_SIZE + 1, keepAliveTimeout: 30_000 });
    // Bodies are parsed by the admission from their exact bytes (the entry's canonical form matters).
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_ENTRY_SIZE }, (_req, body, done) => done(null, body));
    app.setErrorHandler((err, _req, reply) => {
        if (isSignetError(err))
            return sendError(reply, err);
        const code = err.code;
        if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
            return sendError(reply, new SignetError('ENTRY_TOO_LARGE', `an entry is at most ${MAX_ENTRY_SIZE} bytes`, { expected: `<= ${MAX_ENTRY_SIZE} bytes`, got: 'more' }));
        }
        const status = err.statusCode;
        if (status !== undefined && status >= 400 && status < 500) {
            return reply.code(status).send({ error: { code: 'USAGE', kind: 'usage', message: err instanceof Error ? err.message : String(err) } });
        }
        return reply.code(500).send({ error: { code: 'INTERNAL', kind: 'usage', message: 'internal error' } });
    });
    app.get('/', async () => ({ origin: log.origin, verifierKey: log.verifierKey, size: log.size, ...(typeof opts.info === 'function' ? opts.info() : opts.info) }));
    app.get('/checkpoint', async (_req, reply) => reply.header('content-type', 'text/plain; charset=utf-8').header('cache-control', CHECKPOINT_CACHE).send(log.checkpoint));
    const bundles = new BundleCache(opts.bundleCacheBytes ?? DEFAULT_BUNDLE_CACHE);
    const bundleBytes = async (tile) => {
        const full = tile.width === TILE_WIDTH;
        const cached = full ? bundles.get(tile.index) : undefined;
        if (cached !== undefined)
            return cached;
        const entries = await log.bundle(tile);
        if (entries === null)
            return null;
        const data = encodeBundle(entries);
        if (full)
            bundles.set(tile.index, data);
        return data;
    };
    app.get('/tile/*', async (req, reply) => {
        const path = `tile/${req.params['*']}`;
        let tile;
        try {
            tile = parseTilePath(path);
        }
        catch {
            return reply.code(404).header('cache-control', 'no-store').send('not found\n');
        }
        const data = tile.level === 'entries' ? await bundleBytes(tile) : log.hashTile(tile);
        if (data === null)
            return reply.code(404).header('cache-control', 'no-store').send('not found\n');
        return reply.header('content-type', 'application/octet-stream').header('cache-control', IMMUTABLE).send(data);
    });
    app.get('/entry/:index', async (req, reply) => {
        const index = intParam(req.params.index, 'index');
        const data = await log.entry(index);
        if (data === null)
            return reply.code(404).header('cache-control', 'no-store').send({ error: { code: 'INDEX_OUT_OF_RANGE', message: `no entry ${index} in the published log` } });
        return reply.header('content-type', 'application/json').header('cache-control', IMMUTABLE).send(data);
    });
    const lookup = async (key, query) => {
        const q = query;
        const after = q.after === undefined ? -1 : intParam(q.after, 'after');
        const limit = q.limit === undefined ? 1000 : Math.min(10_000, Math.max(1, intParam(q.limit, 'limit')));
        // The size the answer covers is read first: entries published while the lookup runs are left out.
        const size = log.size;
        const indexes = (await log.lookup(key, after, limit)).filter((i) => i < size);
        return { key, size, indexes };
    };
    app.get('/lookup/vendor/:vendor', async (req, reply) => {
        const p = req.params;
        return reply.header('cache-control', 'no-cache').send(await lookup(lookupKeys.vendor(p.vendor), req.query));
    });
    app.get('/lookup/package/:vendor/:name', async (req, reply) => {
        const p = req.params;
        return reply.header('cache-control', 'no-cache').send(await lookup(lookupKeys.package(p.vendor, p.name), req.query));
    });
    app.get('/lookup/release/:vendor/:name/:version', async (req, reply) => {
        const p = req.params;
        return reply.header('cache-control', 'no-cache').send(await lookup(lookupKeys.release(p.vendor, p.name, p.version), req.query));
    });
    app.get('/proof/inclusion', async (req) => {
        const q = req.query;
        const index = intParam(q.index, 'index');
        const size = q.size === undefined ? log.size : intParam(q.size, 'size');
        const proof = log.inclusionProof(index, size);
        return { index, size, leafHash: Buffer.from(log.leafHashAt(index)).toString('base64'), proof: proof.map((h) => h.toString('base64')) };
    });
    app.get('/proof/consistency', async (req) => {
        const q = req.query;
        const from = intParam(q.from, 'from');
        const to = q.to === undefined ? log.size : intParam(q.to, 'to');
        if (from > to)
            throw new SignetError('INDEX_OUT_OF_RANGE', `cannot prove consistency from ${from} to the smaller ${to}`, { expected: `from <= to`, got: `${from} > ${to}` });
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
        scope.addContentTypeParser('application/vnd.signet.entry-bundle', { parseAs: 'buffer', bodyLimit: MAX_BATCH_BYTES }, (_req, body, done) => done(null, body));
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
            const outcomes = log.submitBatch !== undefined
                ? await log.submitBatch(entries)
                : (await Promise.allSettled(entries.map((e) => submitter(log)(e)))).map((r) => (r.status === 'fulfilled' ? { ok: r.value } : { error: r.reason }));
            const out = batchAnswer(outcomes.map((o) => {
                if ('ok' in o)
                    return o;
                const e = isSignetError(o.error) ? o.error : new SignetError('INTERNAL', 'internal error');
                return { error: { ...e.toJSON(), status: statusFor(e) } };
            }));
            return reply.header('cache-control', 'no-store').type('application/json; charset=utf-8').send(out);
        });
    });
    return app;
}
//# sourceMappingURL=http.js.map