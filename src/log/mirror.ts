/**
 * `signet mirror serve`: a verified copy of a log. It follows the upstream (checkpoint, entry bundles),
 * proves every entry against the signed checkpoint and replays it through the ledger (src/client's
 * full-mode sync), and serves the same read API, lookups and proofs from its own copy, with the
 * upstream's checkpoint (and its cosignatures) byte for byte. When the upstream forks, rolls back or
 * serves anything that does not verify, the mirror stops following, keeps serving the last verified
 * state, and keeps the evidence in `stopped.json`; an operator removes that file to resume.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { writeFileDurableSync } from '../durable-file.js';
import { BACKEND_ENV, chooseEd25519Backend } from '../crypto/ed25519-bulk.js';
import { join } from 'node:path';
import { SignetError, isSignetError } from '../errors.js';
import { ed25519NoteVerifier, type NoteVerifier } from '../crypto/note.js';
import type { LedgerConfig } from '../ledger/index.js';
import { consistencyProof, inclusionProof } from '../tlog/proof.js';
import { leafHash } from '../tlog/hash.js';
import { TILE_WIDTH, tileWidthAt, type Tile } from '../tlog/tile.js';
import { hashTileData } from '../tlog/tilewriter.js';
import { MerkleTree } from '../tlog/tree.js';
import { parseCheckpoint } from '../tlog/checkpoint.js';
import { parseNote } from '../crypto/note.js';
import { EntryDb } from '../client/entry-db.js';
import { syncFull } from '../client/full-sync.js';
import { HttpSource } from '../client/source.js';
import { createLedgerAdmission } from './ledger-admission.js';
import { LookupIndex } from './lookup-index.js';
import type { ServedLog } from './http.js';

export const STOPPED_FILE = 'stopped.json';

export class MirrorLog implements ServedLog {
  readonly origin: string;
  readonly verifierKey: string;
  readonly upstream: string;
  readonly #db: EntryDb;
  readonly #tree = new MerkleTree();
  readonly #lookups = new LookupIndex();
  readonly #verifier: NoteVerifier;
  readonly #keys = createLedgerAdmission({ registryKeys: [] }).admission;
  #checkpoint = '';
  #size = 0;
  #stopped: { at: string; error: Record<string, unknown> } | undefined;
  #lastSync: Date | undefined;

  private constructor(
    private readonly dataDir: string,
    upstream: string,
    verifierKey: string,
    private readonly config: LedgerConfig,
  ) {
    this.upstream = upstream.replace(/\/+$/, '');
    this.verifierKey = verifierKey;
    this.#verifier = ed25519NoteVerifier(verifierKey);
    this.origin = this.#verifier.name;
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    this.#db = new EntryDb(join(dataDir, 'mirror.db'));
  }

  /** Opens the local copy (checked against its checkpoint) and any stop record. */
  static open(dataDir: string, upstream: string, verifierKey: string, config: LedgerConfig): MirrorLog {
    const m = new MirrorLog(dataDir, upstream, verifierKey, config);
    try {
      m.#stopped = JSON.parse(readFileSync(join(dataDir, STOPPED_FILE), 'utf8')) as MirrorLog['stopped'];
    } catch {
      m.#stopped = undefined;
    }
    m.#append(0);
    const raw = m.#db.checkpoint();
    if (raw !== undefined) {
      const cp = parseCheckpoint(parseNote(raw).text);
      if (cp.size !== m.#tree.size) throw new SignetError('LOG_CORRUPT', `the mirror's copy has ${m.#tree.size} entries but its checkpoint ${cp.size}`, { hint: `remove ${dataDir} and start again` });
      m.#checkpoint = raw;
      m.#size = cp.size;
    }
    return m;
  }

  get checkpoint(): string {
    return this.#checkpoint;
  }

  get size(): number {
    return this.#size;
  }

  get stopped(): { at: string; error: Record<string, unknown> } | undefined {
    return this.#stopped;
  }

  status(): Record<string, unknown> {
    return { mirror: true, upstream: this.upstream, following: this.#stopped === undefined, lastSync: this.#lastSync?.toISOString() ?? null, stopped: this.#stopped ?? null };
  }

  /** One round of following: returns the new size, or throws (and stops for good on a verification failure). */
  async follow(): Promise<number> {
    if (this.#stopped !== undefined) {
      throw new SignetError('MIRROR_STOPPED', `the mirror stopped following ${this.upstream}: ${String(this.#stopped.error.message)}`, {
        evidence: this.#stopped.error,
        hint: `investigate, then remove ${join(this.dataDir, STOPPED_FILE)} and restart to follow again`,
      });
    }
    try {
      // vendors: [] — when nothing is new, load no state at all (the mirror serves entries, not verdicts).
      const r = await syncFull({ source: new HttpSource(this.upstream, { attempts: 2, timeoutMs: 15_000 }), verifier: this.#verifier, config: this.config, db: this.#db, vendors: [], preferEd25519: 'libsodium' });
      this.#append(this.#tree.size);
      this.#checkpoint = r.checkpoint;
      this.#size = r.to;
      this.#lastSync = new Date();
      return r.to;
    } catch (e) {
      if (isSignetError(e) && (e.kind === 'verification' || e.kind === 'format')) this.#stop(e);
      throw e;
    }
  }

  #stop(e: SignetError): void {
    this.#stopped = { at: new Date().toISOString(), error: e.toJSON() };
    const path = join(this.dataDir, STOPPED_FILE);
    writeFileDurableSync(path, JSON.stringify(this.#stopped, null, 2) + '\n', { mode: 0o600 });
  }

  /** Adds the stored entries from `from` on to the in-memory tree and lookup index. */
  #append(from: number): void {
    let i = from;
    for (const bytes of this.#db.entries(from)) {
      this.#tree.appendLeafHash(leafHash(bytes));
      this.#lookups.add(i, this.#keys.parse(bytes).lookupKeys);
      i++;
    }
  }

  hashTile(tile: Tile): Buffer | null {
    if (tile.level === 'entries' || tile.width > tileWidthAt(this.#size, tile.level, tile.index)) return null;
    return hashTileData(this.#tree, tile);
  }

  async bundle(tile: Tile): Promise<Buffer[] | null> {
    if (tile.level !== 'entries' || tile.width > tileWidthAt(this.#size, 'entries', tile.index)) return null;
    const out: Buffer[] = [];
    for (const e of this.#db.entries(tile.index * TILE_WIDTH)) {
      out.push(e);
      if (out.length === tile.width) break;
    }
    return out;
  }

  async entry(index: number): Promise<Buffer | null> {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.#size) return null;
    return this.#db.entry(index) ?? null;
  }

  leafHashAt(index: number): Uint8Array {
    return this.#tree.leafHashAt(index);
  }

  #check(size: number): void {
    if (!Number.isSafeInteger(size) || size < 0 || size > this.#size) {
      throw new SignetError('INDEX_OUT_OF_RANGE', `tree size ${size} is beyond the mirrored checkpoint`, { expected: `0..${this.#size}`, got: String(size) });
    }
  }

  /** `rightEdge`: shared by calls for the same size (see tlog/proof.ts), e.g. the proofs of one answer. */
  inclusionProof(index: number, size: number, rightEdge?: Map<number, Uint8Array>): Buffer[] {
    this.#check(size);
    return inclusionProof(this.#tree, index, size, rightEdge).map((h) => Buffer.from(h));
  }

  consistencyProof(from: number, to: number): Buffer[] {
    this.#check(to);
    return consistencyProof(this.#tree, from, to).map((h) => Buffer.from(h));
  }

  async lookup(key: string, after: number, limit: number): Promise<number[]> {
    return this.#lookups.find(key, after, this.#size, limit);
  }

  close(): void {
    this.#db.close();
  }
}

export interface MirrorServerOptions {
  readonly dataDir: string;
  readonly upstream: string;
  /** The upstream log's verifier key (pinned: the mirror trusts nothing else). */
  readonly key: string;
  readonly listen: { readonly host: string; readonly port: number };
  /** How often to follow the upstream, in ms (default 5 s). */
  readonly intervalMs?: number;
  readonly logger?: boolean;
  /**
   * The ledger's trust roots to replay with (registry keys, core key). When absent they are taken from
   * the upstream's `GET /`: then a log that lies about them could make the mirror accept what the
   * verifiers refuse (they replay with their own configuration).
   */
  readonly ledger?: LedgerConfig;
}

export interface RunningMirror {
  readonly url: string;
  readonly mirror: MirrorLog;
  /** One round of following now (tests; the server also follows on its own). */
  follow(): Promise<number>;
  close(): Promise<void>;
}

export async function startMirrorServer(opts: MirrorServerOptions): Promise<RunningMirror> {
  const [{ lockDataDir }, { LogClient }, { buildLogApp }, { lookupKeys }] = await Promise.all([
    import('./lock.js'),
    import('../client/log-client.js'),
    import('./http.js'),
    import('./ledger-admission.js'),
  ]);
  // SIGNET_ED25519 is judged now, not at the first large follow round (which would fail every 5 s).
  const ed25519 = chooseEd25519Backend(process.env[BACKEND_ENV], 'libsodium');
  if (ed25519.note !== undefined) process.stderr.write(`signet mirror: ${ed25519.note}\n`);
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const lock = lockDataDir(opts.dataDir);
  let mirror: MirrorLog | undefined;
  try {
    let ledger = opts.ledger;
    if (ledger === undefined) {
      const info = await new LogClient(opts.upstream, opts.key).info();
      ledger = { registryKeys: info.registryKeys, ...(info.coreKey === undefined ? {} : { coreKey: info.coreKey }) };
    }
    mirror = MirrorLog.open(opts.dataDir, opts.upstream, opts.key, ledger);
    const published = { registryKeys: ledger.registryKeys.map((k) => k.raw.toString('base64')), coreKey: ledger.coreKey === undefined ? null : ledger.coreKey.raw.toString('base64') };
    const m = mirror;
    const report = (e: unknown): void => {
      process.stderr.write(`signet mirror: ${isSignetError(e) && e.code === 'MIRROR_STOPPED' ? '' : 'following the upstream failed: '}${(e as Error).message}\n`);
    };
    let running: Promise<number> | undefined;
    const follow = (): Promise<number> => (running ??= m.follow().finally(() => (running = undefined)));
    await follow().catch(report);
    // The trust roots it replays with are published as the log publishes its own, so mirrors can chain.
    const app = buildLogApp({ log: m, lookupKeys, logger: opts.logger ?? false, info: () => ({ ...m.status(), ledger: published }) });
    await app.listen({ host: opts.listen.host, port: opts.listen.port });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr !== null ? addr.port : opts.listen.port;
    const timer = setInterval(() => {
      if (m.stopped === undefined) follow().catch(report);
    }, opts.intervalMs ?? 5000);
    timer.unref();
    return {
      url: `http://${opts.listen.host.includes(':') ? `[${opts.listen.host}]` : opts.listen.host}:${port}`,
      mirror: m,
      follow,
      close: async () => {
        clearInterval(timer);
        await app.close();
        await running?.catch(() => undefined);
        m.close();
        lock.release();
      },
    };
  } catch (e) {
    mirror?.close();
    lock.release();
    throw e;
  }
}
