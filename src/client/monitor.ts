/**
 * The monitor (docs/VERIFY.md "Monitoring"): for vendors watching their own namespaces, as
 * certificate-transparency monitors do. It keeps the full local copy of the log (full mode's `syncFull`,
 * whatever mode the configuration asks verifications to use: a lookup-based view could leave entries out)
 * and reports every entry about a watched vendor after that vendor's baseline: key changes, break-glass
 * actions, releases, revocations, attestations.
 *
 * A baseline is a log size: every entry below it was reported (or, on the first run, deliberately
 * skipped). It lives in `<stateDir>/monitor/<vendor>.json` and advances only through `commit`, which the
 * caller runs after it has printed the events, so a crash between the two repeats an alert rather than
 * losing it, and a run never reports an entry a previous run reported.
 *
 * No printing here: `signet monitor` (src/cli/commands/monitor.ts) formats what `poll` returns.
 */
import { mkdirSync } from 'node:fs';
import { mkdir, readFile, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { SignetError, isSignetError } from '../errors.js';
import { ed25519NoteVerifier, type NoteVerifier } from '../crypto/note.js';
import { keyIdOf } from '../crypto/keys.js';
import { type Entry, type LedgerConfig, type LedgerState, type StatementKind, entryLookupKeys, isValidVendorName, parseEntry } from '../ledger/index.js';
import { openCheckpoint } from '../tlog/audit.js';
import { b64, hashEqual } from '../tlog/hash.js';
import { ledgerConfigOf, loadTrustConfig, type LogTrust, type TrustConfig } from './config.js';
import { EntryDb } from './entry-db.js';
import { syncFull, type SyncResult } from './full-sync.js';
import { forkError, rollbackError } from './log-evidence.js';
import { checkQuorum } from './quorum.js';
import { HttpSource } from './source.js';
import { CheckpointStore, stateDir } from './state.js';
import { checkFreshness } from './verifier.js';
import { writeFileAtomic } from './atomic-write.js';

/**
 * How much an event needs a person: `critical` a break-glass action (the core key acted on the vendor's
 * keys) or a statement signed by a vendor key outside the expected ones; `warning` a change of the
 * vendor's keys or threshold, a claim of the namespace, a `vote-against` attestation; `info` a release,
 * a release revocation, any other attestation.
 */
export type Severity = 'info' | 'warning' | 'critical';

export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'critical'];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export interface MonitorEvent {
  readonly index: number;
  readonly vendor: string;
  /** The statement kind. A break-glass action is a key statement with `breakGlass` set. */
  readonly kind: StatementKind;
  readonly severity: Severity;
  /** One line for a person, naming the signing keys. */
  readonly summary: string;
  /** The statement's own `time`. */
  readonly time: string;
  /** The key IDs whose signatures the entry carries (the ledger admitted only authorised ones). */
  readonly keyIds: readonly string[];
  /** Present on a break-glass action: the core key's stated reason. */
  readonly breakGlass?: { readonly reason: string };
  readonly package?: string;
  readonly version?: string;
  /** key-add: the key added; vendor: the keys listed. */
  readonly keys?: readonly { readonly id: string; readonly role: string }[];
  /** key-revoke: the key revoked. */
  readonly revokedKeyId?: string;
  /** key-revoke, release-revoke: the reason given. */
  readonly reason?: string;
  /** vendor, policy: the threshold set. */
  readonly threshold?: number;
  /** attestation: its kind and note. */
  readonly attestation?: string;
  readonly note?: string;
  /** With expected keys: the vendor keys that signed and are not among them. */
  readonly unexpectedKeyIds?: readonly string[];
}

export interface DescribeOptions {
  /** The vendor's own keys the caller knows (e.g. `--expect-keys`): a vendor-signed statement by any other vendor key is critical. */
  readonly expectKeys?: ReadonlySet<string>;
  /** The ledger's trust roots, to name the core and registry keys among the signers. */
  readonly ledger?: LedgerConfig;
}

/**
 * What one entry means for its vendor. `state` is the ledger state after the entry (any later state will
 * do: the monitor passes the state at the end of the sync), used only to name the signing keys.
 */
export function describeEntry(index: number, entry: Entry, state: LedgerState, opts: DescribeOptions = {}): MonitorEvent {
  const s = entry.statement;
  const vendor = entryLookupKeys(entry).vendor;
  const keyIds = [...new Set(entry.signatures.map((x) => x.keyid))];
  const core = opts.ledger?.coreKey === undefined ? undefined : keyIdOf(opts.ledger.coreKey);
  const registry = new Set((opts.ledger?.registryKeys ?? []).map((k) => keyIdOf(k)));
  const name = (id: string): string => {
    if (id === core) return `the CORE KEY ${id}`;
    if (registry.has(id)) return `the registry key ${id}`;
    const k = state.key(vendor, id);
    if (k === undefined) return `key ${id}`;
    const bg = k.addedBy.startsWith('break-glass') ? `, installed by break-glass at #${k.from}` : '';
    return `key ${id} (${k.role}${bg})`;
  };
  const signedBy = `signed by ${keyIds.map(name).join(', ')}`;
  // Vendor keys among the signers (not the core key, the registry or an attester) outside the expected set.
  const unexpected =
    opts.expectKeys === undefined || s.kind === 'attestation'
      ? []
      : keyIds.filter((id) => id !== core && !registry.has(id) && !opts.expectKeys!.has(id));
  const base = { index, vendor, kind: s.kind, time: s.time, keyIds, ...(unexpected.length > 0 ? { unexpectedKeyIds: unexpected } : {}) };
  const flagUnexpected = unexpected.length > 0 ? ` — NOT EXPECTED: ${unexpected.join(', ')} is not one of your keys` : '';
  const bump = (sev: Severity): Severity => (unexpected.length > 0 ? 'critical' : sev);
  const quote = (t: string): string => JSON.stringify(t);
  switch (s.kind) {
    case 'vendor':
    case 'key-add':
    case 'key-revoke':
    case 'policy': {
      let what: string;
      let extra: Partial<MonitorEvent>;
      if (s.kind === 'vendor') {
        const keys = s.keys.map((k) => ({ id: k.id, role: k.role }));
        what = `namespace ${s.breakGlass ? 're-keyed' : 'claimed'} with keys ${keys.map((k) => `${k.id} (${k.role})`).join(', ')}, threshold ${s.threshold}`;
        extra = { keys, threshold: s.threshold };
      } else if (s.kind === 'key-add') {
        what = `key ${s.key.id} (${s.key.role}) added`;
        extra = { keys: [{ id: s.key.id, role: s.key.role }] };
      } else if (s.kind === 'key-revoke') {
        what = `key ${s.keyId} revoked (${quote(s.reason)})`;
        extra = { revokedKeyId: s.keyId, reason: s.reason };
      } else {
        what = `key-change threshold set to ${s.threshold}`;
        extra = { threshold: s.threshold };
      }
      if (s.breakGlass !== undefined) {
        return {
          ...base,
          ...extra,
          severity: 'critical',
          breakGlass: { reason: s.breakGlass.reason },
          summary: `BREAK-GLASS: ${what} by the core key, not by the vendor — reason: ${quote(s.breakGlass.reason)}; ${signedBy}`,
        };
      }
      return { ...base, ...extra, severity: bump('warning'), summary: `${what}; ${signedBy}${flagUnexpected}` };
    }
    case 'release':
      return {
        ...base,
        package: s.package,
        version: s.version,
        severity: bump('info'),
        summary: `${s.package} ${s.prettyVersion} released (${s.source.url} ${s.source.reference.slice(0, 12)}); ${signedBy}${flagUnexpected}`,
      };
    case 'release-revoke':
      return {
        ...base,
        package: s.package,
        version: s.version,
        reason: s.reason,
        severity: bump('info'),
        summary: `${s.package} ${s.version} revoked (${quote(s.reason)}); ${signedBy}${flagUnexpected}`,
      };
    case 'attestation':
      return {
        ...base,
        package: s.package,
        version: s.version,
        attestation: s.attestation,
        ...(s.note === undefined ? {} : { note: s.note }),
        severity: s.attestation === 'vote-against' ? 'warning' : 'info',
        summary: `${s.attestation} attestation of ${s.package} ${s.version} by ${s.attester.id}${s.note === undefined ? '' : ` (${quote(s.note)})`}`,
      };
  }
}

/** The events, in log order, of the entries whose vendor's `from` index they reach. */
export function eventsOf(
  entries: Iterable<{ index: number; entry: Entry }>,
  from: ReadonlyMap<string, number>,
  state: LedgerState,
  opts: DescribeOptions = {},
): MonitorEvent[] {
  const out: MonitorEvent[] = [];
  for (const { index, entry } of entries) {
    const start = from.get(entryLookupKeys(entry).vendor);
    if (start !== undefined && index >= start) out.push(describeEntry(index, entry, state, opts));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Baselines

export interface Baseline {
  readonly vendor: string;
  /** The log the size refers to. */
  readonly origin: string;
  /** Every entry below this index was reported (or skipped by the silent first run). */
  readonly size: number;
  readonly updated: string;
}

/** `<stateDir>/monitor/<vendor>.json`, one per watched vendor, replaced atomically. */
export class BaselineStore {
  readonly dir: string;

  constructor(stateFolder: string = stateDir()) {
    this.dir = join(stateFolder, 'monitor');
  }

  path(vendor: string): string {
    checkVendor(vendor);
    return join(this.dir, `${vendor}.json`);
  }

  async read(vendor: string): Promise<Baseline | undefined> {
    const path = this.path(vendor);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new SignetError('STORAGE_FAILED', `cannot read the monitor's baseline ${path}: ${(e as Error).message}`, { cause: e });
    }
    let j: Record<string, unknown>;
    try {
      j = JSON.parse(text) as Record<string, unknown>;
    } catch {
      j = {};
    }
    if (j.vendor !== vendor || typeof j.origin !== 'string' || !Number.isSafeInteger(j.size) || (j.size as number) < 0 || typeof j.updated !== 'string') {
      throw new SignetError('USAGE', `the monitor's baseline ${path} is damaged`, {
        expected: '{"vendor", "origin", "size", "updated"}',
        got: text.slice(0, 200),
        hint: `delete it and run signet monitor ${vendor} --since INDEX from the last index you reviewed`,
      });
    }
    return { vendor, origin: j.origin, size: j.size as number, updated: j.updated };
  }

  async write(b: Baseline): Promise<void> {
    const path = this.path(b.vendor);
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      await writeAtomic(path, JSON.stringify({ vendor: b.vendor, origin: b.origin, size: b.size, updated: b.updated }) + '\n');
    } catch (e) {
      throw new SignetError('STORAGE_FAILED', `cannot save the monitor's baseline ${path}: ${(e as Error).message}`, {
        hint: 'check that the state folder is writable (XDG_STATE_HOME, default ~/.local/state)',
        cause: e,
      });
    }
  }
}

function checkVendor(vendor: string): void {
  if (!isValidVendorName(vendor)) {
    throw new SignetError('USAGE', `${JSON.stringify(vendor)} is not a vendor name`, {
      expected: 'a Composer vendor (namespace) name: lowercase letters, digits, and _ . - between them',
      got: JSON.stringify(vendor),
      hint: 'signet monitor acme (the part of acme/widget before the slash)',
    });
  }
}

/** Temporary file, fsync, rename over `path`, fsync the folder (mode 0600). */
async function writeAtomic(path: string, data: string): Promise<void> {
  await writeFileAtomic(path, data, { mode: 0o600, overwrite: true });
}

// ---------------------------------------------------------------------------------------------------
// The monitor

export interface MonitorOptions {
  readonly projectDir: string;
  readonly configFile?: string;
  readonly vendors: readonly string[];
  /** Report from this index on the first poll (instead of the baselines), then move the baselines. */
  readonly since?: number;
  /** Key IDs of the vendors' own keys: statements signed by any other vendor key are critical. */
  readonly expectKeys?: readonly string[];
  /** The state folder (default `stateDir()`). */
  readonly stateDir?: string;
  readonly now?: () => Date;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface VendorBaseline {
  /** First index reported this poll (equal to `size` when nothing was). */
  readonly from: number;
  /** The baseline after `commit`: the log size reported up to. */
  readonly size: number;
  /** The first run for this vendor: the baseline was recorded at the log's size and nothing reported. */
  readonly silent: boolean;
  /** Whether the namespace is claimed in the log. */
  readonly claimed: boolean;
}

export interface MonitorPoll {
  readonly origin: string;
  readonly size: number;
  /** Base64 root of the checkpoint. */
  readonly root: string;
  readonly checkpoint: string;
  /** Entries this poll fetched from the log. */
  readonly fetched: number;
  readonly events: readonly MonitorEvent[];
  readonly baselines: Readonly<Record<string, VendorBaseline>>;
  readonly notes: readonly string[];
}

export class Monitor {
  readonly config: TrustConfig;
  readonly log: LogTrust;
  readonly vendors: readonly string[];
  readonly #opts: MonitorOptions;
  readonly #ledger: LedgerConfig;
  readonly #verifier: NoteVerifier;
  readonly #db: EntryDb;
  readonly #store: CheckpointStore;
  readonly #baselines: BaselineStore;
  readonly #expect: ReadonlySet<string> | undefined;
  /** Per vendor, the committed baseline (after the first poll read it from disk). */
  readonly #next = new Map<string, number>();
  #first = true;

  private constructor(opts: MonitorOptions, config: TrustConfig, db: EntryDb, store: CheckpointStore) {
    this.#opts = opts;
    this.config = config;
    this.log = config.logs[0]!;
    this.vendors = opts.vendors;
    this.#ledger = ledgerConfigOf(config);
    this.#verifier = ed25519NoteVerifier(this.log.verifierKey);
    this.#db = db;
    this.#store = store;
    this.#baselines = new BaselineStore(store.dir);
    this.#expect = opts.expectKeys === undefined ? undefined : new Set(opts.expectKeys);
  }

  static async open(opts: MonitorOptions): Promise<Monitor> {
    if (opts.vendors.length === 0) throw new SignetError('USAGE', 'name at least one vendor to monitor', { hint: 'signet monitor acme' });
    for (const v of opts.vendors) checkVendor(v);
    if (opts.since !== undefined && !(Number.isSafeInteger(opts.since) && opts.since >= 0)) {
      throw new SignetError('USAGE', `--since must be a log index (an integer ≥ 0)`, { got: String(opts.since) });
    }
    for (const k of opts.expectKeys ?? []) {
      if (!/^[0-9a-f]{64}$/.test(k)) throw new SignetError('USAGE', `${JSON.stringify(k)} is not a key ID`, { expected: '64 lowercase hex digits (signet keygen prints it)', got: k });
    }
    const config = await loadTrustConfig({ projectDir: opts.projectDir, ...(opts.configFile === undefined ? {} : { configFile: opts.configFile }) });
    const store = new CheckpointStore(opts.stateDir);
    const dir = store.logDir(config.logs[0]!.origin);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return new Monitor(opts, config, new EntryDb(join(dir, 'entries.db')), store);
  }

  close(): void {
    this.#db.close();
  }

  /**
   * Brings the local copy of the log up to date (fork, rollback and every ledger rule checked, as
   * `signet sync` in full mode), then returns the watched vendors' entries after their baselines.
   * Nothing is recorded until `commit`.
   */
  async poll(): Promise<MonitorPoll> {
    const now = this.#opts.now?.() ?? new Date();
    const notes: string[] = [];
    const before = this.#db.checkpoint();
    const saved = await this.#store.read(this.log.origin);
    let agreed: { raw: string; size: number; root: Uint8Array } | undefined;
    if (this.log.quorum > 1) {
      // As every verifier (logs[].quorum): enough of the log's sources must show one history. No fallback here.
      const q = await checkQuorum([this.log.url, ...this.log.mirrors], this.#verifier, this.log.quorum);
      if (q.unreachable.length > 0) notes.push(`quorum met by ${q.agreeing.join(', ')}; not reached: ${q.unreachable.map((u) => u.url).join(', ')}`);
      const c = openCheckpoint(q.raw, this.#verifier, 'checkpoint the quorum agreed on').checkpoint;
      agreed = { raw: q.raw, size: c.size, root: c.root };
    }
    const r = await this.#sync(now);
    const size = r.local.range.size;
    // What was synced must be the history the quorum agreed on, not another view served to this request.
    if (agreed !== undefined) {
      if (agreed.size > size) throw rollbackError(agreed.size, agreed.raw, r.checkpoint, size);
      if (agreed.size > 0 && !hashEqual(r.local.tree().root(agreed.size), agreed.root)) throw forkError(agreed.raw, r.checkpoint);
    }
    const cp = r.local.checkpoint!;
    // The checkpoint the verifier accepted last (light mode keeps no entries) must be a prefix too.
    if (saved !== undefined && saved.raw !== before && saved.raw !== r.checkpoint) {
      const old = openCheckpoint(saved.raw, this.#verifier, 'stored checkpoint').checkpoint;
      if (old.size > size) throw rollbackError(old.size, saved.raw, r.checkpoint, size);
      if (!hashEqual(r.local.tree().root(old.size), old.root)) throw forkError(saved.raw, r.checkpoint);
    }
    if (saved?.raw !== r.checkpoint) await this.#store.write(this.log.origin, r.checkpoint);
    else await utimes(this.#store.checkpointPath(this.log.origin), now, now).catch(() => undefined);

    const from = new Map<string, number>();
    const baselines: Record<string, VendorBaseline> = {};
    for (const vendor of this.vendors) {
      let start: number;
      let silent = false;
      if (this.#first && this.#opts.since !== undefined) {
        if (this.#opts.since > size) {
          throw new SignetError('USAGE', `--since ${this.#opts.since} is past the end of the log (${size} entries)`, { expected: `an index from 0 to ${size}`, got: String(this.#opts.since) });
        }
        start = this.#opts.since;
      } else if (this.#next.has(vendor)) {
        start = this.#next.get(vendor)!;
      } else {
        const b = await this.#baselines.read(vendor);
        if (b === undefined) {
          start = size;
          silent = true;
          notes.push(`${vendor}: first run, baseline recorded at log size ${size}: entries from #${size} on will be reported (--since 0 shows the history)`);
        } else if (b.origin !== this.log.origin) {
          throw new SignetError('USAGE', `the monitor's baseline for ${vendor} is a position in another log (${b.origin}), not ${this.log.origin}`, {
            expected: this.log.origin,
            got: b.origin,
            hint: `run signet monitor ${vendor} --since INDEX to start over in ${this.log.origin} (0 reviews its whole history)`,
          });
        } else {
          start = b.size;
        }
      }
      if (start > size) {
        // The log is shorter than what was reported from it before (the local copy was deleted, then the log rolled back).
        throw rollbackError(start, undefined, r.checkpoint, size);
      }
      from.set(vendor, start);
      const claimed = r.local.state.vendor(vendor) !== undefined;
      if (!claimed) notes.push(`${vendor}: not claimed in the log (yet): a claim will be reported`);
      baselines[vendor] = { from: start, size, silent, claimed };
    }
    const scanFrom = Math.min(...from.values());
    const events = scanFrom >= size ? [] : eventsOf(this.#entries(scanFrom, size), from, r.local.state, { ledger: this.#ledger, ...(this.#expect === undefined ? {} : { expectKeys: this.#expect }) });
    this.#first = false;
    return { origin: this.log.origin, size, root: b64(cp.parsed.root), checkpoint: r.checkpoint, fetched: r.to - r.from, events, baselines, notes };
  }

  /** Records that the poll's events were reported: the baselines move to its log size. */
  async commit(poll: MonitorPoll): Promise<void> {
    const updated = (this.#opts.now?.() ?? new Date()).toISOString();
    for (const [vendor, b] of Object.entries(poll.baselines)) {
      if (this.#next.get(vendor) === b.size) continue;
      await this.#baselines.write({ vendor, origin: poll.origin, size: b.size, updated });
      this.#next.set(vendor, b.size);
    }
  }

  *#entries(from: number, to: number): Generator<{ index: number; entry: Entry }> {
    let index = from;
    for (const bytes of this.#db.entries(from)) {
      if (index >= to) return;
      yield { index, entry: parseEntry(bytes) };
      index++;
    }
  }

  async #sync(now: Date): Promise<SyncResult> {
    let last: unknown;
    for (const url of [this.log.url, ...this.log.mirrors]) {
      try {
        return await syncFull({
          source: new HttpSource(url, { attempts: 2, timeoutMs: 15_000 }),
          verifier: this.#verifier,
          config: this.#ledger,
          db: this.#db,
          acceptCheckpoint: (raw) => checkFreshness(this.config, raw, now),
          ...(this.#opts.onProgress === undefined ? {} : { onProgress: this.#opts.onProgress }),
        });
      } catch (e) {
        // Only unreachability moves on to a mirror; anything that failed verification is an answer.
        if (!(isSignetError(e) && e.kind === 'unavailable')) throw e;
        last = e;
      }
    }
    throw last;
  }
}
