/**
 * The ledger state: what the log's entries have established so far. Records are immutable values;
 * each vendor's record is copied on first write after a clone(), so clone() costs O(vendors) and
 * applying to a clone never changes the original.
 */
import { Ed25519PublicKey } from '../crypto/ed25519.js';
import type { KeyRole } from '../crypto/keys.js';
import { composerNormalize, vendorOf, versionIdentity } from './names.js';
import type { AttestationKind, AttestationSubject, ReleaseSubject } from './statements.js';

export interface KeyInfo {
  readonly id: string;
  readonly role: KeyRole;
  /** Base64 of the 32 raw public-key bytes. */
  readonly public: string;
  readonly publicKey: Ed25519PublicKey;
  /** Index of the entry that added the key: valid from here (inclusive). */
  readonly from: number;
  /** Index of the entry that revoked it: valid until here (exclusive); undefined while current. */
  readonly until?: number;
  /** How the key came: a vendor claim, a key-add, or either as a break-glass action. */
  readonly addedBy: 'vendor' | 'key-add' | 'break-glass-vendor' | 'break-glass-key-add';
  readonly revocation?: { readonly index: number; readonly reason: string; readonly by: 'key-revoke' | 'break-glass-key-revoke' | 'break-glass-vendor' };
}

export interface ReleaseRevocation {
  readonly index: number;
  readonly keyId: string;
  readonly reason: string;
  readonly time: string;
}

export interface AttestationInfo {
  readonly index: number;
  readonly attestation: AttestationKind;
  /** The attester: the key that signed. */
  readonly keyId: string;
  readonly public: string;
  readonly subjects: readonly AttestationSubject[];
  readonly note?: string;
  readonly time: string;
}

export interface ReleaseInfo {
  readonly package: string;
  readonly version: string;
  readonly prettyVersion: string;
  /** Index of the release entry. */
  readonly index: number;
  /** The vendor key that signed it. */
  readonly keyId: string;
  readonly subjects: readonly ReleaseSubject[];
  readonly h1: string;
  readonly source: { readonly type: 'git'; readonly url: string; readonly reference: string };
  readonly composerJson: { readonly sha256: string };
  readonly time: string;
  readonly revoked?: ReleaseRevocation;
  readonly attestations: readonly AttestationInfo[];
}

export interface BreakGlassAction {
  readonly index: number;
  readonly kind: 'vendor' | 'key-add' | 'key-revoke' | 'policy';
  readonly reason: string;
  readonly time: string;
}

export interface VendorInfo {
  readonly name: string;
  /** Index of the vendor claim. */
  readonly claimedAt: number;
  /** The key-change sequence number the next vendor/key-add/key-revoke/policy statement must carry. */
  readonly seq: number;
  /** Full-key signatures needed for key changes. */
  readonly threshold: number;
}

/** @internal */
export interface VendorRecord {
  name: string;
  claimedAt: number;
  seq: number;
  threshold: number;
  keys: Map<string, KeyInfo>;
  packages: Map<string, Map<string, ReleaseInfo>>;
  /** Per package: version identity (see versionIdentity) -> the normalised version released under it. */
  identities: Map<string, Map<string, string>>;
  breakGlass: BreakGlassAction[];
  owner: object;
}

type KeyJson = SnapshotVendor['keys'][number];

/** The start of a vendor's JSON (toJSON and vendorSnapshot alike): its counters and its key history, oldest first. */
function vendorHead(v: VendorRecord): { name: string; claimedAt: number; seq: number; threshold: number; keys: KeyJson[] } {
  return {
    name: v.name,
    claimedAt: v.claimedAt,
    seq: v.seq,
    threshold: v.threshold,
    keys: [...v.keys.values()]
      .sort((a, b) => a.from - b.from || (a.id < b.id ? -1 : 1))
      .map((k) => ({
        id: k.id,
        role: k.role,
        public: k.public,
        from: k.from,
        until: k.until ?? null,
        addedBy: k.addedBy,
        revocation: k.revocation === undefined ? null : { ...k.revocation },
      })),
  };
}

function normalized(version: string): string | undefined {
  return typeof version === 'string' ? composerNormalize(version) : undefined;
}

export class LedgerState {
  #size = 0;
  #vendors = new Map<string, VendorRecord>();
  /** keyId → the vendors that have ever listed it (for naming "a key of another vendor"). */
  #keyIndex = new Map<string, readonly string[]>();
  #token: object = {};

  /** Index of the next entry (entries applied so far). */
  get size(): number {
    return this.#size;
  }

  /**
   * For partial views (light mode, offline bundles): the entries before `index` are not known here, so
   * the next entry applied is entry `index`. A vendor's state depends only on its own entries, so
   * replaying all of one vendor's entries this way gives that vendor's state exactly.
   */
  skipTo(index: number): void {
    if (!Number.isSafeInteger(index) || index < this.#size) throw new Error(`internal: cannot skip back from ${this.#size} to ${index}`);
    this.#size = index;
  }

  clone(): LedgerState {
    const c = new LedgerState();
    c.#size = this.#size;
    c.#vendors = new Map(this.#vendors);
    c.#keyIndex = new Map(this.#keyIndex);
    // Both sides now share vendor records: both copy on their next write.
    this.#token = {};
    return c;
  }

  // ---- read accessors ---------------------------------------------------------------------------

  vendor(name: string): VendorInfo | undefined {
    const v = this.#vendors.get(name);
    return v === undefined ? undefined : { name: v.name, claimedAt: v.claimedAt, seq: v.seq, threshold: v.threshold };
  }

  vendors(): string[] {
    return [...this.#vendors.keys()].sort();
  }

  /** Every key the vendor has ever had, with its role and validity range [from, until), oldest first. */
  keysOf(vendor: string): KeyInfo[] {
    const v = this.#vendors.get(vendor);
    return v === undefined ? [] : [...v.keys.values()];
  }

  /** The vendor's current (unrevoked) keys. */
  currentKeys(vendor: string): KeyInfo[] {
    return this.keysOf(vendor).filter((k) => k.until === undefined);
  }

  key(vendor: string, keyId: string): KeyInfo | undefined {
    return this.#vendors.get(vendor)?.keys.get(keyId);
  }

  /** True when `keyId` was a key of `vendor` valid at log index `index` (added at or before, not yet revoked). */
  keyValidAt(vendor: string, keyId: string, index: number): boolean {
    const k = this.key(vendor, keyId);
    return k !== undefined && k.from <= index && (k.until === undefined || index < k.until);
  }

  threshold(vendor: string): number | undefined {
    return this.#vendors.get(vendor)?.threshold;
  }

  /** The release of `pkg` at `version` (pretty or normalised), if logged. */
  release(pkg: string, version: string): ReleaseInfo | undefined {
    const n = normalized(version);
    if (n === undefined) return undefined;
    return this.#vendors.get(vendorOf(pkg))?.packages.get(pkg)?.get(n);
  }

  /** Every release of `pkg`, in log order. */
  releasesOf(pkg: string): ReleaseInfo[] {
    const m = this.#vendors.get(vendorOf(pkg))?.packages.get(pkg);
    return m === undefined ? [] : [...m.values()].sort((a, b) => a.index - b.index);
  }

  packagesOf(vendor: string): string[] {
    const v = this.#vendors.get(vendor);
    return v === undefined ? [] : [...v.packages.keys()].sort();
  }

  isReleaseRevoked(pkg: string, version: string): boolean {
    return this.release(pkg, version)?.revoked !== undefined;
  }

  attestationsOf(pkg: string, version: string): readonly AttestationInfo[] {
    return this.release(pkg, version)?.attestations ?? [];
  }

  breakGlassActions(vendor: string): readonly BreakGlassAction[] {
    return this.#vendors.get(vendor)?.breakGlass ?? [];
  }

  /** The vendors that have ever listed `keyId`. */
  vendorsOfKey(keyId: string): readonly string[] {
    return this.#keyIndex.get(keyId) ?? [];
  }

  /** A canonical, deterministic view of the whole state. */
  toJSON(): unknown {
    return { size: this.#size, vendors: this.vendors().map((name) => this.vendorToJSON(name)) };
  }

  /** One vendor's part of toJSON() (snapshots per vendor: LedgerState.fromJSON takes any subset). */
  vendorToJSON(name: string): unknown {
    const v = this.#vendors.get(name);
    if (v === undefined) return undefined;
    return {
      ...vendorHead(v),
      breakGlass: v.breakGlass.map((b) => ({ ...b })),
      packages: [...v.packages.keys()].sort().map((pkg) => ({
        name: pkg,
        releases: [...v.packages.get(pkg)!.values()]
          .sort((a, b) => a.index - b.index)
          .map((r) => ({
            version: r.version,
            prettyVersion: r.prettyVersion,
            index: r.index,
            keyId: r.keyId,
            subjects: r.subjects.map((s) => ({ name: s.name, digest: { ...s.digest } })),
            h1: r.h1,
            source: { ...r.source },
            composerJson: { ...r.composerJson },
            time: r.time,
            revoked: r.revoked === undefined ? null : { ...r.revoked },
            attestations: r.attestations.map((a) => ({
              index: a.index,
              attestation: a.attestation,
              keyId: a.keyId,
              public: a.public,
              subjects: a.subjects.map((s) => ({ name: s.name, digest: { ...s.digest } })),
              note: a.note ?? null,
              time: a.time,
            })),
          })),
      })),
    };
  }

  /**
   * One vendor's state as JSON text for a snapshot (what a full-mode sync saves per vendor): the same
   * facts as vendorToJSON, written compactly (format 2, `"v": 2`), since a sync writes one for every
   * vendor and a verifier reads the ones it needs back on every run. Each release is an array:
   * [version, prettyVersion, index, key, subjects as [name, sha256, sha1], h1, source url, source
   * reference, composer.json sha256, time, revocation or 0, attestations or 0], where a key is its
   * position in `keys` (or its ID, if the vendor does not list it) and a revocation is [index, key,
   * reason, time]. About 60% of vendorToJSON's size. fromJSON reads either form.
   */
  vendorSnapshot(name: string): string | undefined {
    const v = this.#vendors.get(name);
    if (v === undefined) return undefined;
    const head = vendorHead(v);
    const position = new Map(head.keys.map((k, i) => [k.id, i]));
    const key = (id: string): number | string => position.get(id) ?? id;
    const releases = (pkg: string): CompactRelease[] =>
      [...v.packages.get(pkg)!.values()]
        .sort((a, b) => a.index - b.index)
        .map((r) => [
          r.version,
          r.prettyVersion,
          r.index,
          key(r.keyId),
          r.subjects.map((x): [string, string, string] => [x.name, x.digest.sha256, x.digest.sha1]),
          r.h1,
          r.source.url,
          r.source.reference,
          r.composerJson.sha256,
          r.time,
          r.revoked === undefined ? 0 : [r.revoked.index, key(r.revoked.keyId), r.revoked.reason, r.revoked.time],
          r.attestations.length === 0 ? 0 : r.attestations,
        ]);
    const out: CompactVendor = { v: 2, ...head, breakGlass: v.breakGlass, packages: [...v.packages.keys()].sort().map((pkg) => [pkg, releases(pkg)]) };
    return JSON.stringify(out);
  }

  /**
   * The inverse of toJSON(), for snapshots a verifier wrote itself (trusted input: it is not re-checked
   * against the rules). fromJSON(x.toJSON()) behaves exactly as x for every later entry.
   */
  static fromJSON(json: unknown): LedgerState {
    const j = json as { size: number; vendors: (SnapshotVendor | CompactVendor)[] };
    const st = new LedgerState();
    st.#size = j.size;
    for (const v of j.vendors.map((x) => ('v' in x ? expandCompact(x) : x))) {
      const rec = st._newVendor(v.name, v.claimedAt, v.threshold);
      rec.seq = v.seq;
      for (const k of v.keys) {
        rec.keys.set(k.id, {
          id: k.id,
          role: k.role,
          public: k.public,
          publicKey: Ed25519PublicKey.fromRaw(Buffer.from(k.public, 'base64')),
          from: k.from,
          ...(k.until === null ? {} : { until: k.until }),
          addedBy: k.addedBy,
          ...(k.revocation === null ? {} : { revocation: k.revocation }),
        });
        st._indexKey(k.id, v.name);
      }
      rec.breakGlass.push(...v.breakGlass);
      for (const p of v.packages) {
        const versions = new Map<string, ReleaseInfo>();
        const ids = new Map<string, string>();
        for (const r of p.releases) {
          versions.set(r.version, {
            package: p.name,
            version: r.version,
            prettyVersion: r.prettyVersion,
            index: r.index,
            keyId: r.keyId,
            subjects: r.subjects,
            h1: r.h1,
            source: r.source,
            composerJson: r.composerJson,
            time: r.time,
            // `== null`: snapshots written between format 1 and 2 (one day's commits) left these out.
            ...(r.revoked == null ? {} : { revoked: r.revoked }),
            attestations: r.attestations.map((a) => ({
              index: a.index,
              attestation: a.attestation,
              keyId: a.keyId,
              public: a.public,
              subjects: a.subjects,
              ...(a.note == null ? {} : { note: a.note }),
              time: a.time,
            })),
          });
          ids.set(versionIdentity(r.version), r.version);
        }
        rec.packages.set(p.name, versions);
        rec.identities.set(p.name, ids);
      }
    }
    return st;
  }

  // ---- internal: used by rules.ts only ----------------------------------------------------------

  /** @internal */
  _vendor(name: string): VendorRecord | undefined {
    return this.#vendors.get(name);
  }

  /** @internal A record of `name` this state may mutate (copied if shared with a clone). */
  _writableVendor(name: string): VendorRecord {
    const v = this.#vendors.get(name);
    if (v === undefined) throw new Error(`internal: vendor ${name} missing`);
    if (v.owner === this.#token) return v;
    const copy: VendorRecord = {
      name: v.name,
      claimedAt: v.claimedAt,
      seq: v.seq,
      threshold: v.threshold,
      keys: new Map(v.keys),
      packages: new Map([...v.packages].map(([p, m]) => [p, new Map(m)])),
      identities: new Map([...v.identities].map(([p, m]) => [p, new Map(m)])),
      breakGlass: [...v.breakGlass],
      owner: this.#token,
    };
    this.#vendors.set(name, copy);
    return copy;
  }

  /** @internal */
  _newVendor(name: string, claimedAt: number, threshold: number): VendorRecord {
    const v: VendorRecord = { name, claimedAt, seq: 0, threshold, keys: new Map(), packages: new Map(), identities: new Map(), breakGlass: [], owner: this.#token };
    this.#vendors.set(name, v);
    return v;
  }

  /** @internal */
  _indexKey(keyId: string, vendor: string): void {
    const list = this.#keyIndex.get(keyId) ?? [];
    if (!list.includes(vendor)) this.#keyIndex.set(keyId, [...list, vendor]);
  }

  /** @internal */
  _advance(): void {
    this.#size++;
  }
}

/** One vendor in the JSON form of LedgerState.toJSON() (what fromJSON reads). */
interface SnapshotVendor {
  name: string;
  claimedAt: number;
  seq: number;
  threshold: number;
  keys: { id: string; role: KeyRole; public: string; from: number; until: number | null; addedBy: KeyInfo['addedBy']; revocation: KeyInfo['revocation'] | null }[];
  breakGlass: BreakGlassAction[];
  packages: {
    name: string;
    releases: {
      version: string;
      prettyVersion: string;
      index: number;
      keyId: string;
      subjects: ReleaseSubject[];
      h1: string;
      source: ReleaseInfo['source'];
      composerJson: ReleaseInfo['composerJson'];
      time: string;
      revoked: ReleaseRevocation | null;
      attestations: { index: number; attestation: AttestationKind; keyId: string; public: string; subjects: readonly AttestationSubject[]; note: string | null; time: string }[];
    }[];
  }[];
}

/** A key in a compact snapshot: its position in the vendor's `keys`, or its ID. */
type CompactKey = number | string;

type CompactRelease = [
  version: string,
  prettyVersion: string,
  index: number,
  key: CompactKey,
  subjects: [name: string, sha256: string, sha1: string][],
  h1: string,
  url: string,
  reference: string,
  composerJsonSha256: string,
  time: string,
  revoked: 0 | [index: number, key: CompactKey, reason: string, time: string],
  attestations: 0 | readonly AttestationInfo[],
];

/** vendorSnapshot's form (format 2). */
interface CompactVendor extends Omit<SnapshotVendor, 'packages'> {
  v: 2;
  packages: [name: string, releases: CompactRelease[]][];
}

/** A compact vendor snapshot in toJSON's form. */
function expandCompact(c: CompactVendor): SnapshotVendor {
  const keyId = (k: CompactKey): string => (typeof k === 'number' ? c.keys[k]!.id : k);
  return {
    name: c.name,
    claimedAt: c.claimedAt,
    seq: c.seq,
    threshold: c.threshold,
    keys: c.keys,
    breakGlass: c.breakGlass,
    packages: c.packages.map(([name, releases]) => ({
      name,
      releases: releases.map(([version, prettyVersion, index, key, subjects, h1, url, reference, composerJsonSha256, time, revoked, attestations]) => ({
        version,
        prettyVersion,
        index,
        keyId: keyId(key),
        subjects: subjects.map(([subject, sha256, sha1]) => ({ name: subject, digest: { sha256, sha1 } })),
        h1,
        source: { type: 'git' as const, url, reference },
        composerJson: { sha256: composerJsonSha256 },
        time,
        revoked: revoked === 0 ? null : { index: revoked[0], keyId: keyId(revoked[1]), reason: revoked[2], time: revoked[3] },
        attestations: attestations === 0 ? [] : attestations.map((a) => ({ ...a, note: a.note ?? null })),
      })),
    })),
  };
}
