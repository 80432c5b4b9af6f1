/**
 * Light mode (the Go checksum database model): instead of the whole log, the verifier fetches the entries
 * of the vendors it needs through the log's lookups, proves each one's inclusion under the checkpoint, and
 * replays just those vendors' entries (a vendor's state depends only on its own entries). The checkpoint
 * must be consistent with the last one accepted (a consistency proof). Proven entries are cached, so a
 * warm run asks only for the checkpoint and, when the log grew, the vendors' new entries.
 *
 * What light mode cannot see: an entry the log leaves out of a lookup answer (say, a key revocation).
 * Witnesses make the log show everyone the same tree, but only full mode (or a monitor) reads all of it.
 */
import Database from 'better-sqlite3';
import { SignetError, isSignetError } from '../errors.js';
import { forkError, ledgerBreach, rollbackError } from './log-evidence.js';
import type { NoteVerifier } from '../crypto/note.js';
import { decodeCanonicalBase64 } from '../crypto/base64.js';
import { type Entry, type LedgerConfig, LedgerState, applyInPlace, entryLookupKeys, parseEntry } from '../ledger/index.js';
import { checkpointText, openCheckpoint } from '../tlog/audit.js';
import type { Checkpoint } from '../tlog/checkpoint.js';
import { hashEqual, leafHash } from '../tlog/hash.js';
import { verifyConsistency, verifyInclusion } from '../tlog/proof.js';
import { TooLarge, httpGet } from './http-get.js';

const MAX_JSON = 4 * 1024 * 1024;

/** GETs `url`: any status, the body capped at `maxBytes`; a failure to get an answer is FETCH_FAILED. */
async function answerOf(url: string, maxBytes: number): Promise<{ status: number; body: Buffer }> {
  try {
    return await httpGet(url, maxBytes, 15_000);
  } catch (e) {
    if (e instanceof TooLarge) throw new SignetError('FETCH_FAILED', `${url} sent more than ${maxBytes} bytes`, { attack: 'an oversized answer (resource exhaustion)' });
    throw new SignetError('FETCH_FAILED', `GET ${url} failed: ${(e as Error).message}`, { hint: 'check the log URL in your config; the log may be down', cause: e });
  }
}

function notOk(url: string, res: { status: number; body: Buffer }): SignetError {
  return new SignetError('FETCH_FAILED', `GET ${url} answered HTTP ${res.status}`, {
    expected: 'HTTP 200',
    got: `HTTP ${res.status}: ${res.body.subarray(0, 200).toString('utf8')}`,
  });
}

async function get(url: string, maxBytes = MAX_JSON): Promise<Buffer> {
  const res = await answerOf(url, maxBytes);
  if (res.status !== 200) throw notOk(url, res);
  return res.body;
}

async function getJson(url: string): Promise<Record<string, unknown>> {
  const body = await get(url);
  try {
    const o = JSON.parse(body.toString('utf8')) as unknown;
    if (typeof o === 'object' && o !== null && !Array.isArray(o)) return o as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new SignetError('FETCH_FAILED', `${url} did not answer with a JSON object`, { got: JSON.stringify(body.subarray(0, 80).toString('utf8')) });
}

function hashes(v: unknown, url: string): Buffer[] {
  if (!Array.isArray(v) || v.length > 128) throw new SignetError('FETCH_FAILED', `${url}: the proof is not a list of hashes`);
  return v.map((h) => {
    const b = typeof h === 'string' ? decodeCanonicalBase64(h) : undefined;
    if (b === undefined || b.length !== 32) throw new SignetError('FETCH_FAILED', `${url}: a proof hash is not 32 bytes of base64`);
    return b;
  });
}

/** Entries asked for per `GET /proof/entries` (the log answers up to 256; 64 keeps an answer of the largest entries under 8 MiB). */
const PROVEN_PER_REQUEST = 64;
const MAX_PROVEN_ANSWER = 8 * 1024 * 1024;

/**
 * Entries `indexes` (increasing) with their inclusion proofs at `size`, in one request. Undefined when
 * the server does not offer `GET /proof/entries` (a log or mirror from before it): the caller then asks
 * for each entry and its proof on their own. The proofs are checked by the caller.
 */
async function provenEntries(base: string, indexes: readonly number[], size: number): Promise<{ index: number; data: Buffer; proof: Buffer[] }[] | undefined> {
  const url = `${base}/proof/entries?size=${size}&indexes=${indexes.join(',')}`;
  const res = await answerOf(url, MAX_PROVEN_ANSWER);
  if (res.status === 404 && !isErrorAnswer(res.body)) return undefined; // no such route here
  if (res.status !== 200) throw notOk(url, res);
  let o: unknown;
  try {
    o = JSON.parse(res.body.toString('utf8'));
  } catch {
    o = undefined;
  }
  const entries = typeof o === 'object' && o !== null ? (o as { entries?: unknown }).entries : undefined;
  if (!Array.isArray(entries) || entries.length !== indexes.length || (o as { size?: unknown }).size !== size) {
    throw new SignetError('FETCH_FAILED', `${base}/proof/entries did not answer with the ${indexes.length} entries asked for at size ${size}`, {
      got: JSON.stringify(res.body.subarray(0, 120).toString('utf8')),
      attack: 'a log answering with other entries than those asked for',
    });
  }
  return entries.map((e: unknown, k) => {
    const item = (typeof e === 'object' && e !== null ? e : {}) as { index?: unknown; entry?: unknown; proof?: unknown };
    const data = typeof item.entry === 'string' ? decodeCanonicalBase64(item.entry) : undefined;
    if (item.index !== indexes[k] || data === undefined || data.length > 70_000) {
      throw new SignetError('FETCH_FAILED', `${base}/proof/entries: answer ${k} is not entry ${indexes[k]!} in base64`, {
        expected: `entry ${indexes[k]!}`,
        got: JSON.stringify(item.index),
        attack: 'a log answering with other entries than those asked for',
      });
    }
    return { index: indexes[k]!, data, proof: hashes(item.proof, `${base}/proof/entries`) };
  });
}

/** Whether a body is this API's error answer (`{"error": {"code": ...}}`), rather than a server's generic 404. */
function isErrorAnswer(body: Buffer): boolean {
  try {
    const o = JSON.parse(body.toString('utf8')) as { error?: { code?: unknown } };
    return typeof o.error?.code === 'string';
  } catch {
    return false;
  }
}

/**
 * Proven entries of a log, by index; per vendor, the size at which its lookup was last answered and a
 * snapshot of its replayed state at that size. Entries and snapshots are written together, and only
 * after the replay accepted them.
 */
class LightCache {
  readonly #db: Database.Database;
  readonly #q: Record<'lookedUpAt' | 'entriesOf' | 'has' | 'entry' | 'insert' | 'lookup' | 'vendorState' | 'saveState', Database.Statement>;
  constructor(path: string) {
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.exec('CREATE TABLE IF NOT EXISTS entries (idx INTEGER PRIMARY KEY, vendor TEXT NOT NULL, data BLOB NOT NULL)');
    this.#db.exec('CREATE TABLE IF NOT EXISTS lookups (vendor TEXT PRIMARY KEY, size INTEGER NOT NULL)');
    this.#db.exec('CREATE TABLE IF NOT EXISTS vendor_state (vendor TEXT PRIMARY KEY, size INTEGER NOT NULL, json TEXT NOT NULL)');
    this.#q = {
      lookedUpAt: this.#db.prepare('SELECT size FROM lookups WHERE vendor = ?'),
      entriesOf: this.#db.prepare('SELECT idx, data FROM entries WHERE vendor = ? ORDER BY idx'),
      has: this.#db.prepare('SELECT 1 FROM entries WHERE idx = ?'),
      entry: this.#db.prepare('SELECT data FROM entries WHERE idx = ?'),
      insert: this.#db.prepare('INSERT OR REPLACE INTO entries (idx, vendor, data) VALUES (?, ?, ?)'),
      lookup: this.#db.prepare('INSERT OR REPLACE INTO lookups (vendor, size) VALUES (?, ?)'),
      vendorState: this.#db.prepare('SELECT size, json FROM vendor_state WHERE vendor = ?'),
      saveState: this.#db.prepare('INSERT OR REPLACE INTO vendor_state (vendor, size, json) VALUES (?, ?, ?)'),
    };
  }
  close(): void {
    this.#db.close();
  }
  lookedUpAt(vendor: string): number | undefined {
    return (this.#q.lookedUpAt.get(vendor) as { size: number } | undefined)?.size;
  }
  entriesOf(vendor: string): { index: number; data: Buffer }[] {
    return (this.#q.entriesOf.all(vendor) as { idx: number; data: Buffer }[]).map((r) => ({ index: r.idx, data: r.data }));
  }
  has(index: number): boolean {
    return this.#q.has.get(index) !== undefined;
  }
  entry(index: number): Buffer | undefined {
    return (this.#q.entry.get(index) as { data: Buffer } | undefined)?.data;
  }
  vendorState(vendor: string): { size: number; json: string } | undefined {
    return this.#q.vendorState.get(vendor) as { size: number; json: string } | undefined;
  }
  save(vendor: string, size: number, entries: readonly { index: number; data: Buffer }[], state: string | undefined): void {
    this.#db.transaction(() => {
      for (const e of entries) this.#q.insert.run(e.index, vendor, e.data);
      this.#q.lookup.run(vendor, size);
      if (state !== undefined) this.#q.saveState.run(vendor, size, state);
    })();
  }
}

export interface LightOptions {
  readonly url: string;
  readonly verifier: NoteVerifier;
  readonly config: LedgerConfig;
  readonly cachePath: string;
  /** The last checkpoint accepted (raw note), for the consistency proof. */
  readonly stored?: string;
  /** The vendors to read; may be a promise, awaited once the checkpoint is checked and the cache open. */
  readonly vendors: readonly string[] | PromiseLike<readonly string[]>;
  readonly acceptCheckpoint?: (raw: string, checkpoint: Checkpoint) => void;
  /** No network: the stored checkpoint and the cached entries only. */
  readonly offline?: boolean;
  /** Use this checkpoint (raw signed note) instead of fetching one, e.g. the one a quorum agreed on. */
  readonly pinned?: string;
}

export interface LightView {
  readonly state: LedgerState;
  readonly checkpoint: { readonly raw: string; readonly parsed: Checkpoint };
  readonly fetched: number;
  entry(index: number): Entry | undefined;
  /** An inclusion proof of entry `index` at the checkpoint's size, fetched and verified. */
  proof(index: number): Promise<Buffer[]>;
  vendorEntries(vendor: string): { index: number; entry: Entry }[];
  close(): void;
}

export async function openLight(opts: LightOptions): Promise<LightView> {
  const base = opts.url.replace(/\/+$/, '');
  if (opts.offline && opts.stored === undefined) throw new SignetError('STATE_MISSING', 'no checkpoint accepted yet', { hint: 'run `signet sync` (needs the network) first' });
  const raw = opts.offline ? opts.stored! : (opts.pinned ?? checkpointText(await get(`${base}/checkpoint`, 1 << 20), `checkpoint served by ${base}`));
  const { checkpoint } = openCheckpoint(raw, opts.verifier);
  if (!opts.offline) {
    opts.acceptCheckpoint?.(raw, checkpoint);
    if (opts.stored !== undefined) await checkConsistent(base, opts.verifier, opts.stored, raw, checkpoint);
  }
  const cache = new LightCache(opts.cachePath);
  try {
    let fetched = 0;
    const size = checkpoint.size;
    const vendors = [...new Set(await opts.vendors)];
    /** Entries proven in this run, per vendor (saved only once the replay accepts them). */
    const fresh = new Map<string, { index: number; data: Buffer }[]>();
    /** Whether the server answers GET /proof/entries (else entries and proofs are asked for one by one). */
    let batched = true;
    const fetchVendor = async (vendor: string): Promise<void> => {
      if (opts.offline || cache.lookedUpAt(vendor) === size) return;
      const indexes: number[] = [];
      let after: number | undefined;
      for (;;) {
        const url = `${base}/lookup/vendor/${encodeURIComponent(vendor)}?limit=10000${after === undefined ? '' : `&after=${after}`}`;
        const o = await getJson(url);
        if (!Array.isArray(o.indexes)) throw new SignetError('FETCH_FAILED', `${url}: no indexes`);
        const page = o.indexes as unknown[];
        let last = after ?? -1;
        for (const i of page) {
          // Strictly increasing indexes past `after`: anything else is a log misleading the client.
          if (typeof i !== 'number' || !Number.isSafeInteger(i) || i <= last) {
            throw new SignetError('LOG_CORRUPT', `${url}: the lookup answer is not a strictly increasing list of indexes`, { got: JSON.stringify(page.slice(0, 20)), attack: 'a log answering lookups inconsistently' });
          }
          last = i;
          if (i < size) indexes.push(i);
        }
        if (page.length < 10000 || last >= size - 1) break;
        after = last;
      }
      const got: { index: number; data: Buffer }[] = [];
      const wanted = indexes.filter((i) => !cache.has(i));
      const proven: { index: number; data: Buffer; proof: Buffer[] }[] = [];
      for (let at = 0; at < wanted.length; at += PROVEN_PER_REQUEST) {
        const chunk = wanted.slice(at, at + PROVEN_PER_REQUEST);
        const answer = batched ? await provenEntries(base, chunk, size) : undefined;
        if (answer !== undefined) {
          proven.push(...answer);
          continue;
        }
        batched = false;
        for (const index of chunk) {
          const data = await get(`${base}/entry/${index}`, 70_000);
          const purl = `${base}/proof/inclusion?index=${index}&size=${size}`;
          proven.push({ index, data, proof: hashes((await getJson(purl)).proof, purl) });
        }
      }
      for (const { index, data, proof } of proven) {
        verifyInclusion(index, size, leafHash(data), proof, checkpoint.root);
        // The entry is in the log; it must also be about the vendor it was listed under.
        let about: string | undefined;
        try {
          about = entryLookupKeys(parseEntry(data)).vendor;
        } catch {
          about = undefined; // an entry that does not parse fails in the replay, with its index
        }
        if (about !== undefined && about !== vendor) {
          throw new SignetError('LOG_CORRUPT', `the log listed entry ${index} under the vendor ${vendor}, but it is about ${about}`, {
            attack: "a log mixing another vendor's entries into a lookup answer",
            evidence: { index, vendor, about },
          });
        }
        got.push({ index, data });
      }
      fetched += got.length;
      fresh.set(vendor, got);
    };
    const queue = [...vendors];
    await Promise.all(
      Array.from({ length: Math.min(8, queue.length) }, async () => {
        for (let v = queue.shift(); v !== undefined; v = queue.shift()) await fetchVendor(v);
      }),
    );
    // Each vendor's state: its snapshot, plus the entries proven in this run (signatures checked), in
    // log order. A vendor's state depends only on its own entries, so this is exactly a full replay's.
    const trusted = { verify: () => true };
    const vendorJson: unknown[] = [];
    for (const vendor of vendors) {
      const got = (fresh.get(vendor) ?? []).sort((a, b) => a.index - b.index);
      const snap = cache.vendorState(vendor);
      if (snap !== undefined && got.length === 0) {
        // Nothing new about this vendor (a warm run): its snapshot is its state. It goes into the
        // combined state below as it is, without a round trip through LedgerState.
        vendorJson.push(JSON.parse(snap.json) as unknown);
        if (!opts.offline && (snap.size !== size || cache.lookedUpAt(vendor) !== size)) cache.save(vendor, size, [], snap.json);
        continue;
      }
      let vs: LedgerState;
      let apply: { index: number; data: Buffer; trusted: boolean }[];
      if (snap !== undefined && got.every((e) => e.index >= snap.size)) {
        vs = LedgerState.fromJSON({ size: snap.size, vendors: [JSON.parse(snap.json) as unknown] });
        apply = got.map((e) => ({ ...e, trusted: false }));
      } else {
        // No snapshot yet, or the log now lists an older entry it left out before: replay everything.
        vs = new LedgerState();
        apply = [...cache.entriesOf(vendor).map((e) => ({ ...e, trusted: true })), ...got.map((e) => ({ ...e, trusted: false }))].sort((a, b) => a.index - b.index);
      }
      for (const { index, data, trusted: t } of apply) {
        vs.skipTo(index);
        try {
          applyInPlace(vs, parseEntry(data), opts.config, t ? trusted : {});
        } catch (e) {
          throw ledgerBreach(e, index, raw);
        }
      }
      const json = (vs.toJSON() as { vendors: unknown[] }).vendors[0];
      if (json !== undefined) vendorJson.push(json);
      if (!opts.offline && (got.length > 0 || snap?.size !== size || cache.lookedUpAt(vendor) !== size)) {
        cache.save(vendor, size, got, json === undefined ? undefined : JSON.stringify(json));
      }
    }
    const state = LedgerState.fromJSON({ size, vendors: vendorJson });
    return {
      state,
      checkpoint: { raw, parsed: checkpoint },
      fetched,
      entry: (i) => {
        const data = cache.entry(i);
        return data === undefined ? undefined : parseEntry(data);
      },
      proof: async (index) => {
        const purl = `${base}/proof/inclusion?index=${index}&size=${size}`;
        const proof = hashes((await getJson(purl)).proof, purl);
        const data = cache.entry(index);
        if (data === undefined) throw new SignetError('INDEX_OUT_OF_RANGE', `entry ${index} is not in the local cache`);
        verifyInclusion(index, size, leafHash(data), proof, checkpoint.root);
        return proof;
      },
      vendorEntries: (vendor) => cache.entriesOf(vendor).map((e) => ({ index: e.index, entry: parseEntry(e.data) })),
      close: () => cache.close(),
    };
  } catch (e) {
    cache.close();
    throw e;
  }
}

/** The new checkpoint must extend the stored one: a consistency proof, the same root, or a refusal. */
async function checkConsistent(base: string, verifier: NoteVerifier, storedRaw: string, raw: string, now: Checkpoint): Promise<void> {
  const old = openCheckpoint(storedRaw, verifier, 'stored checkpoint').checkpoint;
  if (now.size < old.size) {
    throw rollbackError(old.size, storedRaw, raw, now.size);
  }
  if (now.size === old.size) {
    if (!hashEqual(now.root, old.root)) throw forkError(storedRaw, raw);
    return;
  }
  if (old.size === 0) return;
  const url = `${base}/proof/consistency?from=${old.size}&to=${now.size}`;
  const proof = hashes((await getJson(url)).proof, url);
  try {
    verifyConsistency(old.size, now.size, old.root, now.root, proof);
  } catch (e) {
    if (isSignetError(e, 'CONSISTENCY_PROOF_INVALID')) throw forkError(storedRaw, raw, e);
    throw e;
  }
}
