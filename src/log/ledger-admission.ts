/**
 * The log's admission through the ledger: every entry is parsed into a typed statement and checked
 * against the ledger's state machine before it is sequenced; at start-up the stored entries rebuild it.
 */
import { SignetError, isSignetError } from '../errors.js';
import type { Ed25519PublicKey } from '../crypto/ed25519.js';
import {
  type Entry,
  type LedgerConfig,
  LedgerState,
  applyInPlace,
  entryLookupKeys,
  normalizeVersion,
  parseEntry,
  signaturesToVerify,
} from '../ledger/index.js';
import type { Admission, Candidate, PrecheckedSignatures } from './admission.js';
import type { LookupKeys } from './http.js';
import type { SignatureCheck } from './verify-pool.js';

// The keys entries are stored under, and the lookup URLs map to: one format for both.
const vendorKey = (vendor: string): string => `vendor:${vendor}`;
const packageKey = (pkg: string): string => `package:${pkg}`;
const releaseKey = (pkgAtVersion: string): string => `release:${pkgAtVersion}`;

export const lookupKeys: LookupKeys = {
  vendor: vendorKey,
  package: (vendor, name) => packageKey(`${vendor}/${name}`),
  release: (vendor, name, version) => releaseKey(`${vendor}/${name}@${normalizeVersion(version)}`),
};

export class LedgerAdmission implements Admission {
  readonly state = new LedgerState();

  constructor(private readonly config: LedgerConfig) {}

  parse(bytes: Uint8Array): Candidate {
    return new LedgerCandidate(parseEntry(bytes));
  }

  signatureChecks(candidate: Candidate): SignatureCheck[] {
    const entry = candidate.parsed as Entry;
    return signaturesToVerify(this.state, entry, this.config).map((c) => ({
      publicKey: c.publicKey.raw,
      message: entry.pae,
      signature: c.signature,
    }));
  }

  admit(candidate: Candidate, now: Date, prechecked?: PrecheckedSignatures): void {
    const verify = (publicKey: Ed25519PublicKey, message: Buffer, signature: Buffer): boolean =>
      prechecked?.(publicKey.raw, signature) ?? publicKey.verify(message, signature);
    applyInPlace(this.state, candidate.parsed as Entry, this.config, { now, verify });
  }

  replay(bytes: Buffer): readonly string[] {
    const index = this.state.size;
    try {
      // Signatures were checked when the entry was admitted; the rules are checked again.
      const entry = parseEntry(bytes);
      applyInPlace(this.state, entry, this.config, { verify: () => true });
      return keysOf(entry);
    } catch (e) {
      throw new SignetError('LOG_CORRUPT', `stored entry ${index} no longer passes the ledger: ${isSignetError(e) ? `${e.code}: ${e.message}` : String(e)}`, {
        hint: 'was the log started before with other --registry-key or --core-key options? Start it with the same ones',
        cause: e,
      });
    }
  }
}

/**
 * A parsed entry waiting for admission. Its lookup keys are made when the log stores it, not when it
 * is parsed: a log holds hundreds of entries in between (their signatures being checked), and the three
 * key strings were a fifth of what each one kept alive through the young-generation collections.
 */
class LedgerCandidate implements Candidate {
  constructor(readonly parsed: Entry) {}

  get bytes(): Buffer {
    return this.parsed.bytes;
  }

  get lookupKeys(): readonly string[] {
    return keysOf(this.parsed);
  }
}

/** The lookup keys of an entry: its vendor, and its package and package@version where it has them. */
function keysOf(entry: Entry): string[] {
  const k = entryLookupKeys(entry);
  const keys = [vendorKey(k.vendor)];
  if (k.package !== undefined) keys.push(packageKey(k.package));
  if (k.version !== undefined) keys.push(releaseKey(k.version));
  return keys;
}

export function createLedgerAdmission(config: LedgerConfig): { admission: LedgerAdmission; lookupKeys: LookupKeys } {
  return { admission: new LedgerAdmission(config), lookupKeys };
}
