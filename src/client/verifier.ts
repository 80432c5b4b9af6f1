/**
 * Opens the verifier's view of its log: the trust configuration, then (full mode) the local copy of the
 * log brought up to date with `syncFull`, with the checkpoint checked for witness cosignatures and age
 * and kept in the state folder. Every verification command starts here.
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { utimes } from 'node:fs/promises';
import { SignetError, isSignetError } from '../errors.js';
import { ed25519NoteVerifier } from '../crypto/note.js';
import { type Entry, type LedgerState, entryLookupKeys, vendorOf } from '../ledger/index.js';
import type { Checkpoint } from '../tlog/checkpoint.js';
import { inclusionProof } from '../tlog/proof.js';
import { openLight, type LightView } from './light.js';
import { checkCosignatures } from '../tlog/audit.js';
import type { EntryDb } from './entry-db.js';
import type { LocalLog } from './full-sync.js';
import { DigestIndex } from './verify.js';
import { checkQuorum } from './quorum.js';
import { forkError, rollbackError } from './log-evidence.js';
import { openCheckpoint } from '../tlog/audit.js';
import { hashEqual } from '../tlog/hash.js';
import { CheckpointStore } from './state.js';
import { ledgerConfigOf, loadTrustConfig, type LogTrust, type TrustConfig } from './config.js';

export interface VerifierView {
  readonly config: TrustConfig;
  readonly log: LogTrust;
  readonly mode: 'full' | 'light';
  /** The ledger state: the whole log's (full mode), or the requested vendors' (light mode). */
  readonly state: LedgerState;
  /** The checkpoint everything is proven against (raw signed note) and its parsed form. */
  readonly checkpoint: string;
  readonly checkpointParsed: Checkpoint;
  readonly digests: DigestIndex;
  /** Entries fetched by this run (0 offline or when nothing was new). */
  readonly fetched: number;
  /**
   * No checkpoint of this log was stored before this run: the one accepted now is trusted on first
   * use, with nothing earlier to check it against (every later run checks it extends this one).
   */
  readonly firstUse: boolean;
  readonly notes: readonly string[];
  entry(index: number): Entry | undefined;
  /** An inclusion proof of entry `index` at the checkpoint's size. */
  proof(index: number): Promise<readonly Uint8Array[]>;
  /** The entries about a vendor (its key statements, releases, revocations, attestations), in log order. */
  vendorEntries(vendor: string): { index: number; entry: Entry }[];
  close(): void;
}

export interface OpenOptions {
  readonly projectDir: string;
  readonly configFile?: string;
  /** Use the local copy only (no network). */
  readonly offline?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
  readonly now?: Date;
  /**
   * Light mode: the packages to verify (their vendors' entries are fetched). May be a promise: the
   * vendor-independent work (config, checkpoint, consistency proof, local cache) runs while it is pending.
   */
  readonly packages?: readonly string[] | PromiseLike<readonly string[]>;
}

/** How far ahead of our clock a cosignature's time may be. */
const MAX_CLOCK_SKEW_S = 300;

/** Witness cosignatures the policy requires, and the freeze rule: the newest one must be recent enough. */
export function checkFreshness(config: TrustConfig, raw: string, now: Date): void {
  if (config.witnesses.required === 0) return;
  const infos = checkCosignatures(raw, config.witnesses.keys, config.witnesses.required);
  const nowS = now.getTime() / 1000;
  const future = infos.find((i) => i.timestamp > nowS + MAX_CLOCK_SKEW_S);
  if (future !== undefined) {
    throw new SignetError('CHECKPOINT_STALE', `the witness ${future.name} dated its cosignature in the future`, {
      expected: `a time before ${new Date((nowS + MAX_CLOCK_SKEW_S) * 1000).toISOString()}`,
      got: new Date(future.timestamp * 1000).toISOString(),
      attack: 'a cosignature dated ahead to hide that the others are old (a freeze), or a witness with a wrong clock',
      evidence: { checkpoint: raw },
    });
  }
  // The age that counts is that of the required-th newest cosignature: one fresh witness must not hide
  // that the others stopped seeing this log.
  const newest = infos.map((i) => i.timestamp).sort((a, b) => b - a)[config.witnesses.required - 1]!;
  const age = nowS - newest;
  if (age > config.maxCheckpointAgeSeconds) {
    throw new SignetError('CHECKPOINT_STALE', `the log's newest witness cosignature is ${Math.round(age)} s old`, {
      expected: `at most ${config.maxCheckpointAgeSeconds} s (maxCheckpointAge)`,
      got: `${Math.round(age)} s (cosigned ${new Date(newest * 1000).toISOString()})`,
      attack: 'a freeze: a log or mirror serving an old view to hide newer entries (e.g. a revocation)',
      evidence: { checkpoint: raw },
    });
  }
}

export async function openVerifier(opts: OpenOptions): Promise<VerifierView> {
  const config = await loadTrustConfig({ projectDir: opts.projectDir, ...(opts.configFile === undefined ? {} : { configFile: opts.configFile }) });
  const log = config.logs[0]!;
  const store = new CheckpointStore();
  const dir = store.logDir(log.origin);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const verifier = ed25519NoteVerifier(log.verifierKey);
  const ledger = ledgerConfigOf(config);
  const now = opts.now ?? new Date();
  const notes: string[] = [];
  if (config.witnesses.required === 0) {
    // A checkpoint carries no time of its own: only witnesses' cosignatures date it. Said on every run,
    // so that a configuration without them is not mistaken for one that detects a freeze.
    notes.push('no witness cosignature is required (witnesses.required = 0): nothing dates the checkpoint, so maxCheckpointAge cannot be enforced and a log (or a man in the middle) serving the same old checkpoint for ever would go unnoticed');
  }
  const saved = await store.read(log.origin);
  let offline = opts.offline === true;
  /** Whether this run fell back to the local state because the log (or the quorum) could not be reached. */
  let usedLocal = false;
  /** The log is unreachable: the local state will do if it was synced recently enough. */
  const fallBack = (e: unknown): void => {
    if (!(isSignetError(e) && e.kind === 'unavailable') || saved === undefined) throw e;
    const age = (now.getTime() - saved.savedAt.getTime()) / 1000;
    if (age > config.maxCheckpointAgeSeconds) {
      throw new SignetError('CHECKPOINT_STALE', `the log is unreachable and the local state was last synced ${Math.round(age)} s ago`, {
        expected: `a sync within ${config.maxCheckpointAgeSeconds} s (maxCheckpointAge)`,
        got: saved.savedAt.toISOString(),
        attack: 'a freeze: keeping the verifier from learning newer entries (e.g. a revocation)',
        hint: 'restore access to the log and run signet sync',
        cause: e,
      });
    }
    notes.push(`the log is unreachable (${(e as Error).message}); using the state synced ${saved.savedAt.toISOString()}`);
    usedLocal = true;
  };
  /** With a quorum, the checkpoint it agreed on: the sync must use exactly that one. */
  let pinned: { url: string; raw: string } | undefined;
  if (!offline && log.quorum > 1) {
    // The Herd model: enough of the log's sources must show one history before anything is fetched.
    try {
      const q = await checkQuorum([log.url, ...log.mirrors], verifier, log.quorum);
      pinned = { url: q.url, raw: q.raw };
      if (q.unreachable.length > 0) notes.push(`quorum met by ${q.agreeing.join(', ')}; not reached: ${q.unreachable.map((u) => u.url).join(', ')}`);
    } catch (e) {
      fallBack(e);
      offline = true;
    }
  }
  const remember = async (raw: string): Promise<void> => {
    if (saved?.raw !== raw) await store.write(log.origin, raw);
    // savedAt (the file's time) records the last successful sync, for the freeze rule when the log is down.
    else if (!offline && !usedLocal) await utimes(store.checkpointPath(log.origin), now, now);
  };
  const packages = opts.packages;
  const vendorsOf = async (): Promise<string[] | undefined> => (packages === undefined ? undefined : [...new Set((await packages).map((p) => vendorOf(p)))]);
  if (config.mode === 'light') {
    const vendors = vendorsOf().then((v) => v ?? []);
    vendors.catch(() => undefined); // observed by openLight; this only keeps an early failure from being "unhandled"
    const base = { url: log.url, verifier, config: ledger, cachePath: join(dir, 'light.db'), vendors, ...(saved === undefined ? {} : { stored: saved.raw }) };
    let lv: LightView;
    if (offline) lv = await openLight({ ...base, offline: true });
    else {
      try {
        lv = pinned === undefined ? await openLightFromAny(config, log, base, now) : await openLight({ ...base, url: pinned.url, pinned: pinned.raw, acceptCheckpoint: (raw) => checkFreshness(config, raw, now) });
      } catch (e) {
        fallBack(e);
        lv = await openLight({ ...base, offline: true });
      }
    }
    await remember(lv.checkpoint.raw).catch((e: unknown) => {
      lv.close();
      throw e;
    });
    return {
      config,
      log,
      mode: 'light',
      state: lv.state,
      checkpoint: lv.checkpoint.raw,
      checkpointParsed: lv.checkpoint.parsed,
      digests: new DigestIndex(lv.state),
      fetched: lv.fetched,
      firstUse: saved === undefined && !offline,
      notes,
      entry: (i) => lv.entry(i),
      proof: (i) => lv.proof(i),
      vendorEntries: (v) => lv.vendorEntries(v),
      close: () => lv.close(),
    };
  }
  // Full mode's modules (the local copy in SQLite, the sync and its signature workers) are loaded only here.
  const [{ EntryDb }, { loadLocal }] = await Promise.all([import('./entry-db.js'), import('./full-sync.js')]);
  const vendors = await vendorsOf();
  const db = new EntryDb(join(dir, 'entries.db'));
  try {
    let local: LocalLog;
    let fetched = 0;
    // A local copy can hold a checkpoint even when the state folder's was removed: either one counts.
    let firstUse = saved === undefined;
    if (offline) {
      local = loadLocal(db, verifier, ledger, vendors);
      if (local.checkpoint === undefined) throw stateMissing(log);
      firstUse = false; // nothing new was accepted
    } else {
      try {
        const storedInDb = db.checkpoint();
        firstUse &&= storedInDb === undefined;
        const r = await syncFromAny(config, log, db, ledger, verifier, now, opts.onProgress, vendors, pinned);
        // A local copy started afresh (a new or deleted entries.db) must still extend what was accepted before.
        if (saved !== undefined && storedInDb !== saved.raw) extendsSaved(saved.raw, r.local, verifier);
        local = r.local;
        fetched = r.to - r.from;
      } catch (e) {
        local = loadLocal(db, verifier, ledger, vendors);
        if (local.checkpoint === undefined) throw e;
        fallBack(e);
      }
    }
    const cp = local.checkpoint!;
    await remember(cp.raw);
    return {
      config,
      log,
      mode: 'full',
      state: local.state,
      checkpoint: cp.raw,
      checkpointParsed: cp.parsed,
      // With a partial state, the index of every release is loaded only if a digest check fails.
      digests: new DigestIndex(local.partial ? () => loadLocal(db, verifier, ledger).state : local.state),
      fetched,
      firstUse,
      notes,
      entry: (i) => local.entry(i),
      proof: async (i) => inclusionProof(local.tree(), i, cp.parsed.size),
      vendorEntries: (vendor) => {
        const out: { index: number; entry: Entry }[] = [];
        for (let i = 0; i < cp.parsed.size; i++) {
          const e = local.entry(i)!;
          if (entryLookupKeys(e).vendor === vendor) out.push({ index: i, entry: e });
        }
        return out;
      },
      close: () => db.close(),
    };
  } catch (e) {
    db.close();
    throw e;
  }
}

async function openLightFromAny(config: TrustConfig, log: LogTrust, base: Omit<Parameters<typeof openLight>[0], 'offline'>, now: Date): Promise<LightView> {
  let last: unknown;
  for (const url of [log.url, ...log.mirrors]) {
    try {
      return await openLight({ ...base, url, acceptCheckpoint: (raw) => checkFreshness(config, raw, now) });
    } catch (e) {
      if (!(isSignetError(e) && e.kind === 'unavailable')) throw e;
      last = e;
    }
  }
  throw last;
}

async function syncFromAny(
  config: TrustConfig,
  log: LogTrust,
  db: EntryDb,
  ledger: ReturnType<typeof ledgerConfigOf>,
  verifier: ReturnType<typeof ed25519NoteVerifier>,
  now: Date,
  onProgress?: (done: number, total: number) => void,
  vendors?: readonly string[],
  pinned?: { url: string; raw: string },
) {
  const [{ syncFull }, { HttpSource }] = await Promise.all([import('./full-sync.js'), import('./source.js')]);
  const urls = pinned === undefined ? [log.url, ...log.mirrors] : [pinned.url];
  let last: unknown;
  for (const url of urls) {
    try {
      return await syncFull({
        source: new HttpSource(url, { attempts: 2, timeoutMs: 15_000 }),
        verifier,
        config: ledger,
        db,
        acceptCheckpoint: (raw) => checkFreshness(config, raw, now),
        ...(onProgress === undefined ? {} : { onProgress }),
        ...(vendors === undefined ? {} : { vendors }),
        ...(pinned === undefined ? {} : { pinned: pinned.raw }),
      });
    } catch (e) {
      // Only unreachability moves on to a mirror; anything that failed verification is an answer.
      if (!(isSignetError(e) && e.kind === 'unavailable')) throw e;
      last = e;
    }
  }
  throw last;
}

/** The checkpoint accepted before (in the state folder) must be a prefix of the local copy's tree. */
function extendsSaved(savedRaw: string, local: LocalLog, verifier: ReturnType<typeof ed25519NoteVerifier>): void {
  const old = openCheckpoint(savedRaw, verifier, 'checkpoint accepted before').checkpoint;
  const now = local.checkpoint!;
  if (old.size > now.parsed.size) throw rollbackError(old.size, savedRaw, now.raw, now.parsed.size);
  if (old.size > 0 && !hashEqual(local.tree().root(old.size), old.root)) throw forkError(savedRaw, now.raw);
}

function stateMissing(log: LogTrust): SignetError {
  return new SignetError('STATE_MISSING', `there is no local copy of the log ${log.origin} yet`, { hint: 'run `signet sync` (needs the network) first' });
}
