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
import { ed25519NoteVerifier } from '../crypto/note.js';
import { keyIdOf } from '../crypto/keys.js';
import { entryLookupKeys, isValidVendorName, parseEntry } from '../ledger/index.js';
import { openCheckpoint } from '../tlog/audit.js';
import { b64, hashEqual } from '../tlog/hash.js';
import { ledgerConfigOf, loadTrustConfig } from './config.js';
import { EntryDb } from './entry-db.js';
import { syncFull } from './full-sync.js';
import { forkError, rollbackError } from './log-evidence.js';
import { checkQuorum } from './quorum.js';
import { HttpSource } from './source.js';
import { CheckpointStore, stateDir } from './state.js';
import { checkFreshness } from './verifier.js';
import { writeFileAtomic } from './atomic-write.js';
export const SEVERITIES = ['info', 'warning', 'critical'];
export function severityRank(s) {
    return SEVERITIES.indexOf(s);
}
/**
 * What one entry means for its vendor. `state` is the ledger state after the entry (any later state will
 * do: the monitor passes the state at the end of the sync), used only to name the signing keys.
 */
export function describeEntry(index, entry, state, opts = {}) {
    const s = entry.statement;
    const vendor = entryLookupKeys(entry).vendor;
    const keyIds = [...new Set(entry.envelope.signatures.map((x) => x.keyid))];
    const core = opts.ledger?.coreKey === undefined ? undefined : keyIdOf(opts.ledger.coreKey);
    const registry = new Set((opts.ledger?.registryKeys ?? []).map((k) => keyIdOf(k)));
    const name = (id) => {
        if (id === core)
            return `the CORE KEY ${id}`;
        if (registry.has(id))
            return `the registry key ${id}`;
        const k = state.key(vendor, id);
        if (k === undefined)
            return `key ${id}`;
        const bg = k.addedBy.startsWith('break-glass') ? `, installed by break-glass at #${k.from}` : '';
        return `key ${id} (${k.role}${bg})`;
    };
    const signedBy = `signed by ${keyIds.map(name).join(', ')}`;
    // Vendor keys among the signers (not the core key, the registry or an attester) outside the expected set.
    const unexpected = opts.expectKeys === undefined || s.kind === 'attestation'
        ? []
        : keyIds.filter((id) => id !== core && !registry.has(id) && !opts.expectKeys.has(id));
    const base = { index, vendor, kind: s.kind, time: s.time, keyIds, ...(unexpected.length > 0 ? { unexpectedKeyIds: unexpected } : {}) };
    const flagUnexpected = unexpected.length > 0 ? ` — NOT EXPECTED: ${unexpected.join(', ')} is not one of your keys` : '';
    const bump = (sev) => (unexpected.length > 0 ? 'critical' : sev);
    const quote = (t) => JSON.stringify(t);
    switch (s.kind) {
        case 'vendor':
        case 'key-add':
        case 'key-revoke':
        case 'policy': {
            let what;
            let extra;
            if (s.kind === 'vendor') {
                const keys = s.keys.map((k) => ({ id: k.id, role: k.role }));
                what = `namespace ${s.breakGlass ? 're-keyed' : 'claimed'} with keys ${keys.map((k) => `${k.id} (${k.role})`).join(', ')}, threshold ${s.threshold}`;
                extra = { keys, threshold: s.threshold };
            }
            else if (s.kind === 'key-add') {
                what = `key ${s.key.id} (${s.key.role}) added`;
                extra = { keys: [{ id: s.key.id, role: s.key.role }] };
            }
            else if (s.kind === 'key-revoke') {
                what = `key ${s.keyId} revoked (${quote(s.reason)})`;
                extra = { revokedKeyId: s.keyId, reason: s.reason };
            }
            else {
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
export function eventsOf(entries, from, state, opts = {}) {
    const out = [];
    for (const { index, entry } of entries) {
        const start = from.get(entryLookupKeys(entry).vendor);
        if (start !== undefined && index >= start)
            out.push(describeEntry(index, entry, state, opts));
    }
    return out;
}
/** `<stateDir>/monitor/<vendor>.json`, one per watched vendor, replaced atomically. */
export class BaselineStore {
    dir;
    constructor(stateFolder = stateDir()) {
        this.dir = join(stateFolder, 'monitor');
    }
    path(vendor) {
        checkVendor(vendor);
        return join(this.dir, `${vendor}.json`);
    }
    async read(vendor) {
        const path = this.path(vendor);
        let text;
        try {
            text = await readFile(path, 'utf8');
        }
        catch (e) {
            if (e.code === 'ENOENT')
                return undefined;
            throw new SignetError('STORAGE_FAILED', `cannot read the monitor's baseline ${path}: ${e.message}`, { cause: e });
        }
        let j;
        try {
            j = JSON.parse(text);
        }
        catch {
            j = {};
        }
        if (j.vendor !== vendor || typeof j.origin !== 'string' || !Number.isSafeInteger(j.size) || j.size < 0 || typeof j.updated !== 'string') {
            throw new SignetError('USAGE', `the monitor's baseline ${path} is damaged`, {
                expected: '{"vendor", "origin", "size", "updated"}',
                got: text.slice(0, 200),
                hint: `delete it and run signet monitor ${vendor} --since INDEX from the last index you reviewed`,
            });
        }
        return { vendor, origin: j.origin, size: j.size, updated: j.updated };
    }
    async write(b) {
        const path = this.path(b.vendor);
        try {
            await mkdir(this.dir, { recursive: true, mode: 0o700 });
            await writeAtomic(path, JSON.stringify({ vendor: b.vendor, origin: b.origin, size: b.size, updated: b.updated }) + '\n');
        }
        catch (e) {
            throw new SignetError('STORAGE_FAILED', `cannot save the monitor's baseline ${path}: ${e.message}`, {
                hint: 'check that the state folder is writable (XDG_STATE_HOME, default ~/.local/state)',
                cause: e,
            });
        }
    }
}
function checkVendor(vendor) {
    if (!isValidVendorName(vendor)) {
        throw new SignetError('USAGE', `${JSON.stringify(vendor)} is not a vendor name`, {
            expected: 'a Composer vendor (namespace) name: lowercase letters, digits, and _ . - between them',
            got: JSON.stringify(vendor),
            hint: 'signet monitor acme (the part of acme/widget before the slash)',
        });
    }
}
/** Temporary file, fsync, rename over `path`, fsync the folder (mode 0600). */
async function writeAtomic(path, data) {
    await writeFileAtomic(path, data, { mode: 0o600, overwrite: true });
}
export class Monitor {
    config;
    log;
    vendors;
    #opts;
    #ledger;
    #verifier;
    #db;
    #store;
    #baselines;
    #expect;
    /** Per vendor, the committed baseline (after the first poll read it from disk). */
    #next = new Map();
    #first = true;
    constructor(opts, config, db, store) {
        this.#opts = opts;
        this.config = config;
        this.log = config.logs[0];
        this.vendors = opts.vendors;
        this.#ledger = ledgerConfigOf(config);
        this.#verifier = ed25519NoteVerifier(this.log.verifierKey);
        this.#db = db;
        this.#store = store;
        this.#baselines = new BaselineStore(store.dir);
        this.#expect = opts.expectKeys === undefined ? undefined : new Set(opts.expectKeys);
    }
    static async open(opts) {
        if (opts.vendors.length === 0)
            throw new SignetError('USAGE', 'name at least one vendor to monitor', { hint: 'signet monitor acme' });
        for (const v of opts.vendors)
            checkVendor(v);
        if (opts.since !== undefined && !(Number.isSafeInteger(opts.since) && opts.since >= 0)) {
            throw new SignetError('USAGE', `--since must be a log index (an integer ≥ 0)`, { got: String(opts.since) });
        }
        for (const k of opts.expectKeys ?? []) {
            if (!/^[0-9a-f]{64}$/.test(k))
                throw new SignetError('USAGE', `${JSON.stringify(k)} is not a key ID`, { expected: '64 lowercase hex digits (signet keygen prints it)', got: k });
        }
        const config = await loadTrustConfig({ projectDir: opts.projectDir, ...(opts.configFile === undefined ? {} : { configFile: opts.configFile }) });
        const store = new CheckpointStore(opts.stateDir);
        const dir = store.logDir(config.logs[0].origin);
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        return new Monitor(opts, config, new EntryDb(join(dir, 'entries.db')), store);
    }
    close() {
        this.#db.close();
    }
    /**
     * Brings the local copy of the log up to date (fork, rollback and every ledger rule checked, as
     * `signet sync` in full mode), then returns the watched vendors' entries after their baselines.
     * Nothing is recorded until `commit`.
     */
    async poll() {
        const now = this.#opts.now?.() ?? new Date();
        const notes = [];
        const before = this.#db.checkpoint();
        const saved = await this.#store.read(this.log.origin);
        let agreed;
        if (this.log.quorum > 1) {
            // As every verifier (logs[].quorum): enough of the log's sources must show one history. No fallback here.
            const q = await checkQuorum([this.log.url, ...this.log.mirrors], this.#verifier, this.log.quorum);
            if (q.unreachable.length > 0)
                notes.push(`quorum met by ${q.agreeing.join(', ')}; not reached: ${q.unreachable.map((u) => u.url).join(', ')}`);
            const c = openCheckpoint(q.raw, this.#verifier, 'checkpoint the quorum agreed on').checkpoint;
            agreed = { raw: q.raw, size: c.size, root: c.root };
        }
        const r = await this.#sync(now);
        const size = r.local.range.size;
        // What was synced must be the history the quorum agreed on, not another view served to this request.
        if (agreed !== undefined) {
            if (agreed.size > size)
                throw rollbackError(agreed.size, agreed.raw, r.checkpoint, size);
            if (agreed.size > 0 && !hashEqual(r.local.tree().root(agreed.size), agreed.root))
                throw forkError(agreed.raw, r.checkpoint);
        }
        const cp = r.local.checkpoint;
        // The checkpoint the verifier accepted last (light mode keeps no entries) must be a prefix too.
        if (saved !== undefined && saved.raw !== before && saved.raw !== r.checkpoint) {
            const old = openCheckpoint(saved.raw, this.#verifier, 'stored checkpoint').checkpoint;
            if (old.size > size)
                throw rollbackError(old.size, saved.raw, r.checkpoint, size);
            if (!hashEqual(r.local.tree().root(old.size), old.root))
                throw forkError(saved.raw, r.checkpoint);
        }
        if (saved?.raw !== r.checkpoint)
            await this.#store.write(this.log.origin, r.checkpoint);
        else
            await utimes(this.#store.checkpointPath(this.log.origin), now, now).catch(() => undefined);
        const from = new Map();
        const baselines = {};
        for (const vendor of this.vendors) {
            let start;
            let silent = false;
            if (this.#first && this.#opts.since !== undefined) {
                if (this.#opts.since > size) {
                    throw new SignetError('USAGE', `--since ${this.#opts.since} is past the end of the log (${size} entries)`, { expected: `an index from 0 to ${size}`, got: String(this.#opts.since) });
                }
                start = this.#opts.since;
            }
            else if (this.#next.has(vendor)) {
                start = this.#next.get(vendor);
            }
            else {
                const b = await this.#baselines.read(vendor);
                if (b === undefined) {
                    start = size;
                    silent = true;
                    notes.push(`${vendor}: first run, baseline recorded at log size ${size}: entries from #${size} on will be reported (--since 0 shows the history)`);
                }
                else if (b.origin !== this.log.origin) {
                    throw new SignetError('USAGE', `the monitor's baseline for ${vendor} is a position in another log (${b.origin}), not ${this.log.origin}`, {
                        expected: this.log.origin,
                        got: b.origin,
                        hint: `run signet monitor ${vendor} --since INDEX to start over in ${this.log.origin} (0 reviews its whole history)`,
                    });
                }
                else {
                    start = b.size;
                }
            }
            if (start > size) {
                // The log is shorter than what was reported from it before (the local copy was deleted, then the log rolled back).
                throw rollbackError(start, undefined, r.checkpoint, size);
            }
            from.set(vendor, start);
            const claimed = r.local.state.vendor(vendor) !== undefined;
            if (!claimed)
                notes.push(`${vendor}: not claimed in the log (yet): a claim will be reported`);
            baselines[vendor] = { from: start, size, silent, claimed };
        }
        const scanFrom = Math.min(...from.values());
        const events = scanFrom >= size ? [] : eventsOf(this.#entries(scanFrom, size), from, r.local.state, { ledger: this.#ledger, ...(this.#expect === undefined ? {} : { expectKeys: this.#expect }) });
        this.#first = false;
        return { origin: this.log.origin, size, root: b64(cp.parsed.root), checkpoint: r.checkpoint, fetched: r.to - r.from, events, baselines, notes };
    }
    /** Records that the poll's events were reported: the baselines move to its log size. */
    async commit(poll) {
        const updated = (this.#opts.now?.() ?? new Date()).toISOString();
        for (const [vendor, b] of Object.entries(poll.baselines)) {
            if (this.#next.get(vendor) === b.size)
                continue;
            await this.#baselines.write({ vendor, origin: poll.origin, size: b.size, updated });
            this.#next.set(vendor, b.size);
        }
    }
    *#entries(from, to) {
        let index = from;
        for (const bytes of this.#db.entries(from)) {
            if (index >= to)
                return;
            yield { index, entry: parseEntry(bytes) };
            index++;
        }
    }
    async #sync(now) {
        let last;
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
            }
            catch (e) {
                // Only unreachability moves on to a mirror; anything that failed verification is an answer.
                if (!(isSignetError(e) && e.kind === 'unavailable'))
                    throw e;
                last = e;
            }
        }
        throw last;
    }
}
//# sourceMappingURL=monitor.js.map