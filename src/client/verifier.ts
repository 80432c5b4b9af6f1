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
import type { LedgerState } from '../ledger/index.js';
import { checkCosignatures } from '../tlog/audit.js';
import { HttpSource } from './source.js';
import { EntryDb } from './entry-db.js';
import { loadLocal, syncFull, type LocalLog } from './full-sync.js';
import { DigestIndex } from './verify.js';
import { CheckpointStore } from './state.js';
import { ledgerConfigOf, loadTrustConfig, type LogTrust, type TrustConfig } from './config.js';

export interface VerifierView {
  readonly config: TrustConfig;
  readonly log: LogTrust;
  readonly local: LocalLog;
  readonly state: LedgerState;
  readonly checkpoint: string;
  readonly digests: DigestIndex;
  /** Entries fetched by this run's sync (0 offline or when nothing was new). */
  readonly fetched: number;
  readonly notes: readonly string[];
  close(): void;
}

export interface OpenOptions {
  readonly projectDir: string;
  readonly configFile?: string;
  /** Use the local copy only (no network). */
  readonly offline?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
  readonly now?: Date;
}

/** Witness cosignatures the policy requires, and the freeze rule: the newest one must be recent enough. */
export function checkFreshness(config: TrustConfig, raw: string, now: Date): void {
  if (config.witnesses.required === 0) return;
  const infos = checkCosignatures(raw, config.witnesses.keys, config.witnesses.required);
  const newest = Math.max(...infos.map((i) => i.timestamp));
  const age = now.getTime() / 1000 - newest;
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
  const db = new EntryDb(join(dir, 'entries.db'));
  const verifier = ed25519NoteVerifier(log.verifierKey);
  const ledger = ledgerConfigOf(config);
  const now = opts.now ?? new Date();
  const notes: string[] = [];
  try {
    let local: LocalLog;
    let fetched = 0;
    if (opts.offline) {
      local = loadLocal(db, verifier, ledger);
      if (local.checkpoint === undefined) throw stateMissing(log);
    } else {
      try {
        const r = await syncFromAny(config, log, db, ledger, verifier, now, opts.onProgress);
        local = r.local;
        fetched = r.to - r.from;
      } catch (e) {
        if (!(isSignetError(e) && e.kind === 'unavailable')) throw e;
        // The log is unreachable: the local copy will do if it was synced recently enough.
        local = loadLocal(db, verifier, ledger);
        const saved = await store.read(log.origin);
        if (local.checkpoint === undefined || saved === undefined) throw e;
        const age = (now.getTime() - saved.savedAt.getTime()) / 1000;
        if (age > config.maxCheckpointAgeSeconds) {
          throw new SignetError('CHECKPOINT_STALE', `the log is unreachable and the local copy was last synced ${Math.round(age)} s ago`, {
            expected: `a sync within ${config.maxCheckpointAgeSeconds} s (maxCheckpointAge)`,
            got: saved.savedAt.toISOString(),
            attack: 'a freeze: keeping the verifier from learning newer entries (e.g. a revocation)',
            hint: 'restore access to the log and run signet sync',
            cause: e,
          });
        }
        notes.push(`the log is unreachable (${e.message}); using the local copy synced ${saved.savedAt.toISOString()}`);
      }
    }
    const checkpoint = local.checkpoint!.raw;
    const previous = await store.read(log.origin);
    if (previous?.raw !== checkpoint) await store.write(log.origin, checkpoint);
    // savedAt (the file's time) records the last successful sync, for the freeze rule when the log is down.
    else if (!opts.offline && notes.length === 0) await utimes(store.checkpointPath(log.origin), now, now);
    return {
      config,
      log,
      local,
      state: local.state,
      checkpoint,
      digests: new DigestIndex(local.state),
      fetched,
      notes,
      close: () => db.close(),
    };
  } catch (e) {
    db.close();
    throw e;
  }
}

async function syncFromAny(
  config: TrustConfig,
  log: LogTrust,
  db: EntryDb,
  ledger: ReturnType<typeof ledgerConfigOf>,
  verifier: ReturnType<typeof ed25519NoteVerifier>,
  now: Date,
  onProgress?: (done: number, total: number) => void,
) {
  const urls = [log.url, ...log.mirrors];
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
      });
    } catch (e) {
      // Only unreachability moves on to a mirror; anything that failed verification is an answer.
      if (!(isSignetError(e) && e.kind === 'unavailable')) throw e;
      last = e;
    }
  }
  throw last;
}

function stateMissing(log: LogTrust): SignetError {
  return new SignetError('STATE_MISSING', `there is no local copy of the log ${log.origin} yet`, { hint: 'run `signet sync` (needs the network) first' });
}
