/**
 * The registry's read-only views of the ledger, for `signet key list` and the vendor CLI: a vendor's
 * keys (with the index range each was valid in), threshold, next sequence number and history, and one
 * release as the log has it. Built from the follower's proven state, never from the registry's own rows.
 */
import type { Entry, LedgerState } from '../ledger/index.js';
import type { LedgerFollower } from '../client/follower.js';

export interface HistoryItem {
  readonly index: number;
  readonly kind: string;
  readonly time: string;
  readonly summary: string;
  readonly breakGlass?: string;
}

/** Every entry of each vendor, in log order (fed by the follower). */
export class VendorHistory {
  readonly #items = new Map<string, HistoryItem[]>();

  add(index: number, entry: Entry): void {
    const s = entry.statement;
    let vendor: string;
    let summary: string;
    let time: string;
    let breakGlass: string | undefined;
    switch (s.kind) {
      case 'vendor':
        vendor = s.vendor;
        summary = `claimed with ${s.keys.length} key(s), threshold ${s.threshold}`;
        time = s.time;
        breakGlass = s.breakGlass?.reason;
        break;
      case 'key-add':
        vendor = s.vendor;
        summary = `key ${s.key.id} added (${s.key.role})`;
        time = s.time;
        breakGlass = s.breakGlass?.reason;
        break;
      case 'key-revoke':
        vendor = s.vendor;
        summary = `key ${s.keyId} revoked: ${s.reason}`;
        time = s.time;
        breakGlass = s.breakGlass?.reason;
        break;
      case 'policy':
        vendor = s.vendor;
        summary = `threshold set to ${s.threshold}`;
        time = s.time;
        breakGlass = s.breakGlass?.reason;
        break;
      case 'release':
        vendor = s.package.split('/')[0]!;
        summary = `${s.package} ${s.prettyVersion} released`;
        time = s.time;
        break;
      case 'release-revoke':
        vendor = s.package.split('/')[0]!;
        summary = `${s.package} ${s.version} revoked: ${s.reason}`;
        time = s.time;
        break;
      case 'attestation':
        vendor = s.package.split('/')[0]!;
        summary = `${s.attestation} attestation of ${s.package} ${s.version} by key ${s.attester.id}`;
        time = s.time;
        break;
    }
    const list = this.#items.get(vendor) ?? [];
    list.push({ index, kind: s.kind, time, summary, ...(breakGlass === undefined ? {} : { breakGlass }) });
    this.#items.set(vendor, list);
  }

  of(vendor: string): readonly HistoryItem[] {
    return this.#items.get(vendor) ?? [];
  }
}

export function vendorReport(state: LedgerState, history: VendorHistory, vendor: string, account: string | undefined): Record<string, unknown> | undefined {
  const v = state.vendor(vendor);
  if (v === undefined) return undefined;
  return {
    vendor,
    account: account ?? null,
    claimedAt: v.claimedAt,
    seq: v.seq,
    threshold: v.threshold,
    logSize: state.size,
    keys: state.keysOf(vendor).map((k) => ({
      id: k.id,
      alg: 'ed25519',
      public: k.public,
      role: k.role,
      from: k.from,
      until: k.until ?? null,
      addedBy: k.addedBy,
      revocation: k.revocation ?? null,
    })),
    packages: state.packagesOf(vendor),
    breakGlass: state.breakGlassActions(vendor),
    history: history.of(vendor),
  };
}

export function releaseReport(follower: LedgerFollower, pkg: string, version: string): Record<string, unknown> | undefined {
  const r = follower.state.release(pkg, version);
  if (r === undefined) return undefined;
  return {
    package: r.package,
    version: r.version,
    prettyVersion: r.prettyVersion,
    index: r.index,
    keyId: r.keyId,
    subjects: r.subjects,
    h1: r.h1,
    source: r.source,
    composerJson: r.composerJson,
    time: r.time,
    revoked: r.revoked ?? null,
    attestations: r.attestations,
  };
}
