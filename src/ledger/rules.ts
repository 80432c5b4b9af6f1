/**
 * The state machine: apply(state, entry) → state, or the rule the entry broke. Every check runs
 * before any mutation, so a rejected entry leaves the state exactly as it was.
 */
import { SignetError } from '../errors.js';
import { decodeCanonicalBase64 } from '../crypto/base64.js';
import type { Ed25519PublicKey } from '../crypto/ed25519.js';
import { keyIdOf, type SignetKey } from '../crypto/keys.js';
import { parseEntry, type Entry } from './entry.js';
import { parseTime, vendorOf, versionIdentity } from './names.js';
import { LedgerState, type KeyInfo, type ReleaseInfo, type VendorRecord } from './state.js';
import {
  publicKeyFor,
  type AttestationStatement,
  type KeyAddStatement,
  type KeyRevokeStatement,
  type PolicyStatement,
  type ReleaseRevokeStatement,
  type ReleaseStatement,
  type Statement,
  type VendorStatement,
} from './statements.js';

export interface LedgerConfig {
  /** Registry namespace-authority keys the log trusts to vouch for vendor claims. */
  readonly registryKeys: readonly Ed25519PublicKey[];
  /** The core break-glass key, if the log is configured with one. */
  readonly coreKey?: Ed25519PublicKey;
}

export interface ApplyOptions {
  /** Admission: the log's clock; when given, `time` more than 5 minutes off is rejected (TIME_SKEW). Omit on replay. */
  readonly now?: Date;
  /** Signature oracle: defaults to publicKey.verify(pae, sig). The server passes results precomputed on workers. */
  readonly verify?: (publicKey: Ed25519PublicKey, message: Buffer, signature: Buffer) => boolean;
}

/** The largest difference between a statement's `time` and the log's clock at admission. */
export const MAX_TIME_SKEW_MS = 5 * 60 * 1000;

/** What an entry needs from its signatures, worked out from the state before anything is verified. */
interface Plan {
  /** keyid → the key allowed to sign this entry. Every signature must be by one of these. */
  readonly authorized: ReadonlyMap<string, Ed25519PublicKey>;
  /** The error for a signature by a keyid that is not authorized. */
  unauthorized(keyid: string): SignetError;
  /** Throws unless the verified keyids satisfy the statement's signing rule. */
  check(verified: ReadonlySet<string>): void;
  /** Applies the statement; never throws. */
  commit(verified: readonly string[]): void;
}

// ---------------------------------------------------------------------------------------------------
// Errors

function unauthorizedKey(state: LedgerState, vendor: string, keyid: string, what: string, config: LedgerConfig, needFull: boolean): SignetError {
  const index = state.size;
  const k = state.key(vendor, keyid);
  if (k !== undefined && k.until !== undefined) {
    return new SignetError('KEY_REVOKED', `${what} is signed by key ${keyid} of ${vendor}, revoked at index ${k.until}; this entry would be index ${index}`, {
      expected: `a key of ${vendor} valid at index ${index}`,
      got: `key ${keyid}, valid [${k.from}, ${k.until})`,
      attack: 'a signature by a revoked (possibly stolen) key',
      evidence: { vendor, keyId: keyid, from: k.from, until: k.until, index },
    });
  }
  if (k !== undefined && needFull && k.role === 'release') {
    return new SignetError('KEY_UNAUTHORIZED', `${what} is signed by ${keyid}, a release-only key of ${vendor}; key changes need full keys`, {
      expected: `full keys of ${vendor}`,
      got: `release key ${keyid}`,
      attack: 'a release-only key (e.g. on a CI runner) trying to change the vendor\'s keys',
      evidence: { vendor, keyId: keyid },
    });
  }
  const others = state.vendorsOfKey(keyid).filter((v) => v !== vendor);
  if (others.length > 0) {
    return new SignetError('KEY_UNAUTHORIZED', `${what} for ${vendor} is signed by ${keyid}, a key of another vendor (${others.join(', ')})`, {
      expected: `a current key of ${vendor}`,
      got: `key ${keyid} of ${others.join(', ')}`,
      attack: 'a key of another vendor signing in this namespace',
      evidence: { vendor, keyId: keyid, keyVendors: others },
    });
  }
  const role =
    config.registryKeys.some((r) => keyIdOf(r) === keyid) ? ' (a registry key: the registry may only vouch for vendor claims)'
    : config.coreKey !== undefined && keyIdOf(config.coreKey) === keyid ? ' (the core key: it signs only break-glass statements)'
    : '';
  return new SignetError('KEY_UNAUTHORIZED', `${what} for ${vendor} is signed by ${keyid}, which is not a key allowed to sign it${role}`, {
    expected: `a current key of ${vendor}`,
    got: `key ${keyid}`,
    attack: 'a statement signed by someone other than the namespace owner',
    evidence: { vendor, keyId: keyid },
  });
}

function replayCheck(v: VendorRecord | undefined, s: VendorStatement | KeyAddStatement | KeyRevokeStatement | PolicyStatement): void {
  const expected = v?.seq ?? 0;
  if (s.seq === expected) return;
  if (s.seq < expected) {
    throw new SignetError('STATEMENT_REPLAYED', `the ${s.kind} statement for ${s.vendor} carries seq ${s.seq}, already used; the next is ${expected}`, {
      expected: `seq ${expected}`,
      got: `seq ${s.seq}`,
      attack: 'a replayed key-change statement (e.g. re-adding a key that was later revoked)',
      evidence: { vendor: s.vendor, seq: s.seq, expectedSeq: expected },
    });
  }
  throw new SignetError('SEQUENCE_INVALID', `the ${s.kind} statement for ${s.vendor} carries seq ${s.seq}, ahead of the next (${expected})`, {
    expected: `seq ${expected}`,
    got: `seq ${s.seq}`,
    hint: 'read the vendor\'s current seq from the log and sign again',
    evidence: { vendor: s.vendor, seq: s.seq, expectedSeq: expected },
  });
}

function vendorRequired(state: LedgerState, vendor: string, what: string): VendorRecord {
  const v = state._vendor(vendor);
  if (v === undefined) {
    throw new SignetError('VENDOR_UNCLAIMED', `${what}: the namespace ${vendor} has not been claimed`, {
      expected: `a vendor statement for ${vendor} earlier in the log`,
      got: 'no claim',
      hint: 'claim the namespace first (a vendor statement vouched for by the registry)',
      evidence: { vendor },
    });
  }
  return v;
}

function thresholdCheck(threshold: number, fullKeys: number, vendor: string): void {
  if (threshold < 1 || threshold > fullKeys) {
    throw new SignetError('THRESHOLD_INVALID', `the threshold for ${vendor} must be between 1 and its number of full keys (${fullKeys})`, {
      expected: `1..${fullKeys}`,
      got: String(threshold),
      attack: fullKeys < threshold ? 'a threshold no one can meet (locking the vendor out)' : undefined,
      evidence: { vendor, threshold, fullKeys },
    });
  }
}

function currentFull(v: VendorRecord): KeyInfo[] {
  const out: KeyInfo[] = [];
  for (const k of v.keys.values()) if (k.until === undefined && k.role === 'full') out.push(k);
  return out;
}

function thresholdMet(v: VendorRecord, verified: ReadonlySet<string>, what: string): void {
  let n = 0;
  for (const k of v.keys.values()) if (k.until === undefined && k.role === 'full' && verified.has(k.id)) n++;
  if (n < v.threshold) {
    throw new SignetError('DSSE_THRESHOLD_NOT_MET', `${what} for ${v.name} is signed by ${n} current full key(s); the vendor's threshold is ${v.threshold}`, {
      expected: `${v.threshold} distinct current full keys of ${v.name}`,
      got: String(n),
      attack: 'a key change by fewer keys than the vendor requires (one stolen key is not enough)',
      evidence: { vendor: v.name, threshold: v.threshold, signedBy: [...verified] },
    });
  }
}

function missing(who: string, keyid: string, what: string, attack: string): SignetError {
  return new SignetError('SIGNATURE_MISSING', `${what} lacks a valid signature by ${who}`, {
    expected: `a signature by ${who} (${keyid})`,
    got: 'none',
    attack,
    evidence: { keyId: keyid },
  });
}

// ---------------------------------------------------------------------------------------------------
// Plans per statement kind

function breakGlassPlan(state: LedgerState, s: Statement & { vendor: string }, config: LedgerConfig, commit: (verified: readonly string[]) => void): Plan {
  if (config.coreKey === undefined) {
    throw new SignetError('BREAK_GLASS_KEY_INVALID', `a break-glass ${s.kind} statement, but this log has no core key`, {
      expected: 'no break-glass statements (the log is configured without a core key)',
      got: `a break-glass ${s.kind} for ${s.vendor}`,
      attack: 'a break-glass action on a log that does not accept them',
    });
  }
  const core = config.coreKey;
  const coreId = keyIdOf(core);
  void state;
  return {
    authorized: new Map([[coreId, core]]),
    unauthorized: (keyid) =>
      new SignetError('BREAK_GLASS_KEY_INVALID', `the break-glass ${s.kind} for ${s.vendor} is signed by ${keyid}, not the core key`, {
        expected: `only the core key ${coreId}`,
        got: `key ${keyid}`,
        attack: 'a break-glass action by someone other than the core key holder',
        evidence: { keyId: keyid, coreKeyId: coreId },
      }),
    check: () => undefined,
    commit,
  };
}

function addKey(state: LedgerState, v: VendorRecord, k: SignetKey, index: number, addedBy: KeyInfo['addedBy']): void {
  v.keys.set(k.id, { id: k.id, role: k.role, public: k.public, publicKey: publicKeyFor(k), from: index, addedBy });
  state._indexKey(k.id, v.name);
}

function vendorPlan(state: LedgerState, s: VendorStatement, config: LedgerConfig): Plan {
  const index = state.size;
  const existing = state._vendor(s.vendor);
  const full = s.keys.filter((k) => k.role === 'full').length;
  if (s.breakGlass !== undefined) {
    replayCheck(existing, s);
    if (existing !== undefined) {
      for (const k of s.keys) {
        if (existing.keys.has(k.id)) {
          throw new SignetError('KEY_EXISTS', `the break-glass reset of ${s.vendor} lists key ${k.id}, which the vendor already had`, {
            expected: 'only keys new to the vendor',
            got: `key ${k.id} (from index ${existing.keys.get(k.id)!.from})`,
            attack: 'bringing back a compromised or revoked key',
            evidence: { vendor: s.vendor, keyId: k.id },
          });
        }
      }
    }
    thresholdCheck(s.threshold, full, s.vendor);
    const reason = s.breakGlass.reason;
    return breakGlassPlan(state, s, config, () => {
      let v: VendorRecord;
      if (existing === undefined) {
        v = state._newVendor(s.vendor, index, s.threshold);
      } else {
        v = state._writableVendor(s.vendor);
        for (const k of v.keys.values()) {
          if (k.until === undefined) v.keys.set(k.id, { ...k, until: index, revocation: { index, reason, by: 'break-glass-vendor' } });
        }
        v.threshold = s.threshold;
      }
      for (const k of s.keys) addKey(state, v, k, index, 'break-glass-vendor');
      v.seq++;
      v.breakGlass.push({ index, kind: 'vendor', reason, time: s.time });
    });
  }
  if (existing !== undefined) {
    throw new SignetError('VENDOR_ALREADY_CLAIMED', `the namespace ${s.vendor} was already claimed at index ${existing.claimedAt}`, {
      expected: 'a claim of an unclaimed namespace',
      got: `a second claim of ${s.vendor}`,
      attack: 'a namespace takeover (e.g. by a compromised registry)',
      evidence: { vendor: s.vendor, claimedAt: existing.claimedAt },
    });
  }
  replayCheck(existing, s);
  thresholdCheck(s.threshold, full, s.vendor);
  const registry = new Map(config.registryKeys.map((k) => [keyIdOf(k), k] as const));
  for (const k of s.keys) {
    if (registry.has(k.id)) {
      throw new SignetError('KEY_UNAUTHORIZED', `the vendor claim of ${s.vendor} lists a registry key (${k.id}) as a vendor key`, {
        expected: 'vendor keys distinct from the registry keys',
        got: `registry key ${k.id}`,
        attack: 'a registry that would hold a vendor key (and could then forge its releases)',
        evidence: { vendor: s.vendor, keyId: k.id },
      });
    }
  }
  const authorized = new Map(registry);
  for (const k of s.keys) authorized.set(k.id, publicKeyFor(k));
  return {
    authorized,
    unauthorized: (keyid) => unauthorizedKey(state, s.vendor, keyid, `the vendor claim of ${s.vendor}`, config, false),
    check: (verified) => {
      if (![...registry.keys()].some((id) => verified.has(id))) {
        throw new SignetError('SIGNATURE_MISSING', `the vendor claim of ${s.vendor} is not signed by a registry key the log trusts`, {
          expected: `a signature by one of ${[...registry.keys()].join(', ') || '(no registry keys configured)'}`,
          got: `signatures by ${[...verified].join(', ')}`,
          attack: 'a namespace claim the registry did not vouch for',
          evidence: { vendor: s.vendor },
        });
      }
      for (const k of s.keys) {
        if (!verified.has(k.id)) throw missing(`the listed key ${k.id}`, k.id, `the vendor claim of ${s.vendor}`, 'a claim listing a key its holder did not sign for (no proof of possession)');
      }
    },
    commit: () => {
      const v = state._newVendor(s.vendor, index, s.threshold);
      for (const k of s.keys) addKey(state, v, k, index, 'vendor');
      v.seq = 1;
    },
  };
}

function keyAddPlan(state: LedgerState, s: KeyAddStatement, config: LedgerConfig): Plan {
  const index = state.size;
  const v = vendorRequired(state, s.vendor, `key-add ${s.key.id}`);
  replayCheck(v, s);
  const known = v.keys.get(s.key.id);
  if (known !== undefined) {
    throw new SignetError('KEY_EXISTS', `key ${s.key.id} was already a key of ${s.vendor} (from index ${known.from}${known.until === undefined ? '' : `, revoked at ${known.until}`})`, {
      expected: 'a key new to the vendor',
      got: `key ${s.key.id}`,
      attack: known.until === undefined ? undefined : 'bringing back a revoked key',
      evidence: { vendor: s.vendor, keyId: s.key.id },
    });
  }
  const commit = (by: KeyInfo['addedBy']) => () => {
    const w = state._writableVendor(s.vendor);
    addKey(state, w, s.key, index, by);
    w.seq++;
    if (s.breakGlass !== undefined) w.breakGlass.push({ index, kind: 'key-add', reason: s.breakGlass.reason, time: s.time });
  };
  if (s.breakGlass !== undefined) return breakGlassPlan(state, s, config, commit('break-glass-key-add'));
  const authorized = new Map<string, Ed25519PublicKey>(currentFull(v).map((k) => [k.id, k.publicKey]));
  authorized.set(s.key.id, publicKeyFor(s.key));
  return {
    authorized,
    unauthorized: (keyid) => unauthorizedKey(state, s.vendor, keyid, `the key-add of ${s.key.id}`, config, true),
    check: (verified) => {
      if (!verified.has(s.key.id)) throw missing(`the new key ${s.key.id}`, s.key.id, `the key-add for ${s.vendor}`, 'adding a key whose holder did not sign for it (no proof of possession)');
      thresholdMet(v, verified, `the key-add of ${s.key.id}`);
    },
    commit: commit('key-add'),
  };
}

function keyRevokePlan(state: LedgerState, s: KeyRevokeStatement, config: LedgerConfig): Plan {
  const index = state.size;
  const v = vendorRequired(state, s.vendor, `key-revoke ${s.keyId}`);
  replayCheck(v, s);
  const target = v.keys.get(s.keyId);
  if (target === undefined) {
    throw new SignetError('KEY_UNKNOWN', `key ${s.keyId} is not a key of ${s.vendor}`, {
      expected: `one of ${[...v.keys.keys()].join(', ')}`,
      got: s.keyId,
      evidence: { vendor: s.vendor, keyId: s.keyId },
    });
  }
  if (target.until !== undefined) {
    throw new SignetError('KEY_REVOKED', `key ${s.keyId} of ${s.vendor} was already revoked at index ${target.until}`, {
      expected: 'a current key',
      got: `key valid [${target.from}, ${target.until})`,
      evidence: { vendor: s.vendor, keyId: s.keyId, from: target.from, until: target.until },
    });
  }
  const commit = (by: 'key-revoke' | 'break-glass-key-revoke') => () => {
    const w = state._writableVendor(s.vendor);
    const k = w.keys.get(s.keyId)!;
    w.keys.set(s.keyId, { ...k, until: index, revocation: { index, reason: s.reason, by } });
    w.seq++;
    if (s.breakGlass !== undefined) w.breakGlass.push({ index, kind: 'key-revoke', reason: s.breakGlass.reason, time: s.time });
  };
  if (s.breakGlass !== undefined) return breakGlassPlan(state, s, config, commit('break-glass-key-revoke'));
  const authorized = new Map<string, Ed25519PublicKey>(currentFull(v).map((k) => [k.id, k.publicKey]));
  authorized.set(target.id, target.publicKey);
  return {
    authorized,
    unauthorized: (keyid) => unauthorizedKey(state, s.vendor, keyid, `the key-revoke of ${s.keyId}`, config, true),
    check: (verified) => {
      if (!verified.has(target.id)) thresholdMet(v, verified, `the key-revoke of ${s.keyId} (not signed by the key itself)`);
    },
    commit: commit('key-revoke'),
  };
}

function policyPlan(state: LedgerState, s: PolicyStatement, config: LedgerConfig): Plan {
  const index = state.size;
  const v = vendorRequired(state, s.vendor, 'policy');
  replayCheck(v, s);
  thresholdCheck(s.threshold, currentFull(v).length, s.vendor);
  const commit = () => {
    const w = state._writableVendor(s.vendor);
    w.threshold = s.threshold;
    w.seq++;
    if (s.breakGlass !== undefined) w.breakGlass.push({ index, kind: 'policy', reason: s.breakGlass.reason, time: s.time });
  };
  if (s.breakGlass !== undefined) return breakGlassPlan(state, s, config, commit);
  return {
    authorized: new Map(currentFull(v).map((k) => [k.id, k.publicKey])),
    unauthorized: (keyid) => unauthorizedKey(state, s.vendor, keyid, 'the policy statement', config, true),
    check: (verified) => thresholdMet(v, verified, 'the policy statement'),
    commit,
  };
}

function currentKeys(v: VendorRecord): Map<string, Ed25519PublicKey> {
  const m = new Map<string, Ed25519PublicKey>();
  for (const k of v.keys.values()) if (k.until === undefined) m.set(k.id, k.publicKey);
  return m;
}

function findRelease(state: LedgerState, pkg: string, version: string, what: string): ReleaseInfo {
  const r = state._vendor(vendorOf(pkg))?.packages.get(pkg)?.get(version);
  if (r === undefined) {
    throw new SignetError('RELEASE_UNKNOWN', `${what}: ${pkg}@${version} has no release in the log`, {
      expected: `a release entry for ${pkg}@${version}`,
      got: 'none',
      evidence: { package: pkg, version },
    });
  }
  return r;
}

function releasePlan(state: LedgerState, s: ReleaseStatement, config: LedgerConfig): Plan {
  const index = state.size;
  const vendor = vendorOf(s.package);
  const v = vendorRequired(state, vendor, `release ${s.package}@${s.version}`);
  // The exact version, or any spelling Composer would take for the same version (01.0 = 1.0).
  const identity = versionIdentity(s.version);
  const sameVersion = v.identities.get(s.package)?.get(identity);
  const prior = sameVersion === undefined ? undefined : v.packages.get(s.package)?.get(sameVersion);
  if (prior !== undefined) {
    const same = prior.version === s.version ? '' : ` as ${prior.version}, the same version to Composer`;
    throw new SignetError('RELEASE_EXISTS', `${s.package}@${s.version} was already released${same} at index ${prior.index}${prior.revoked ? ' (and revoked; a revoked version is not reusable)' : ''}`, {
      expected: 'a version never released before',
      got: `${s.package}@${s.version} (tagged ${JSON.stringify(s.prettyVersion)})`,
      attack: 'a second, different artifact under a version users already trust',
      evidence: { package: s.package, version: s.version, releasedAt: prior.index },
    });
  }
  return {
    authorized: currentKeys(v),
    unauthorized: (keyid) => unauthorizedKey(state, vendor, keyid, `the release of ${s.package}@${s.version}`, config, false),
    check: () => undefined,
    commit: (verified) => {
      const w = state._writableVendor(vendor);
      let versions = w.packages.get(s.package);
      if (versions === undefined) w.packages.set(s.package, (versions = new Map()));
      let ids = w.identities.get(s.package);
      if (ids === undefined) w.identities.set(s.package, (ids = new Map()));
      ids.set(identity, s.version);
      versions.set(s.version, {
        package: s.package,
        version: s.version,
        prettyVersion: s.prettyVersion,
        index,
        keyId: verified[0]!,
        subjects: s.subjects,
        h1: s.h1,
        source: s.source,
        composerJson: s.composerJson,
        time: s.time,
        attestations: [],
      });
    },
  };
}

function releaseRevokePlan(state: LedgerState, s: ReleaseRevokeStatement, config: LedgerConfig): Plan {
  const index = state.size;
  const vendor = vendorOf(s.package);
  const r = findRelease(state, s.package, s.version, 'release-revoke');
  if (r.revoked !== undefined) {
    throw new SignetError('RELEASE_ALREADY_REVOKED', `${s.package}@${s.version} was already revoked at index ${r.revoked.index}`, {
      expected: 'a release not yet revoked',
      got: `revoked at index ${r.revoked.index}`,
      evidence: { package: s.package, version: s.version, revokedAt: r.revoked.index },
    });
  }
  const v = state._vendor(vendor)!;
  return {
    authorized: currentKeys(v),
    unauthorized: (keyid) => unauthorizedKey(state, vendor, keyid, `the revocation of ${s.package}@${s.version}`, config, false),
    check: () => undefined,
    commit: (verified) => {
      const w = state._writableVendor(vendor);
      const versions = w.packages.get(s.package)!;
      versions.set(s.version, { ...r, revoked: { index, keyId: verified[0]!, reason: s.reason, time: s.time } });
    },
  };
}

function attestationPlan(state: LedgerState, s: AttestationStatement, config: LedgerConfig): Plan {
  void config;
  const index = state.size;
  const r = findRelease(state, s.package, s.version, `${s.attestation} attestation`);
  for (const [i, sub] of s.subjects.entries()) {
    const rs = r.subjects.find((x) => x.name === sub.name);
    if (rs === undefined || rs.digest.sha256 !== sub.digest.sha256 || (sub.digest.sha1 !== undefined && rs.digest.sha1 !== sub.digest.sha1)) {
      throw new SignetError('RELEASE_DIGEST_MISMATCH', `the attestation's subject ${JSON.stringify(sub.name)} does not match the release ${s.package}@${s.version}`, {
        expected: r.subjects.map((x) => `${x.name} sha256:${x.digest.sha256}`).join(', '),
        got: `${sub.name} sha256:${sub.digest.sha256}${sub.digest.sha1 === undefined ? '' : ` sha1:${sub.digest.sha1}`}`,
        attack: 'an attestation about different bytes presented as one about this release',
        evidence: { field: `subject[${i}]`, package: s.package, version: s.version },
      });
    }
  }
  const dup = r.attestations.find((a) => a.keyId === s.attester.id && a.attestation === s.attestation);
  if (dup !== undefined) {
    throw new SignetError('STATEMENT_REPLAYED', `key ${s.attester.id} already attested ${s.attestation} for ${s.package}@${s.version} at index ${dup.index}`, {
      expected: 'one attestation of each kind per attester and release',
      got: `a second ${s.attestation} by ${s.attester.id}`,
      attack: 'a replayed attestation (inflating a count)',
      evidence: { package: s.package, version: s.version, keyId: s.attester.id, index: dup.index },
    });
  }
  const vendor = vendorOf(s.package);
  return {
    authorized: new Map([[s.attester.id, publicKeyFor(s.attester)]]),
    unauthorized: (keyid) =>
      new SignetError('KEY_UNAUTHORIZED', `the attestation names attester ${s.attester.id} but is signed by ${keyid}`, {
        expected: `a signature by the attester ${s.attester.id} only`,
        got: `key ${keyid}`,
        attack: 'an attestation credited to a key that did not sign it',
        evidence: { keyId: keyid, attester: s.attester.id },
      }),
    check: () => undefined,
    commit: () => {
      const w = state._writableVendor(vendor);
      const versions = w.packages.get(s.package)!;
      const cur = versions.get(s.version)!;
      versions.set(s.version, {
        ...cur,
        attestations: [
          ...cur.attestations,
          {
            index,
            attestation: s.attestation,
            keyId: s.attester.id,
            public: s.attester.public,
            subjects: s.subjects,
            ...(s.note === undefined ? {} : { note: s.note }),
            time: s.time,
          },
        ],
      });
    },
  };
}

function plan(state: LedgerState, entry: Entry, config: LedgerConfig): Plan {
  const s = entry.statement;
  switch (s.kind) {
    case 'vendor':
      return vendorPlan(state, s, config);
    case 'key-add':
      return keyAddPlan(state, s, config);
    case 'key-revoke':
      return keyRevokePlan(state, s, config);
    case 'policy':
      return policyPlan(state, s, config);
    case 'release':
      return releasePlan(state, s, config);
    case 'release-revoke':
      return releaseRevokePlan(state, s, config);
    case 'attestation':
      return attestationPlan(state, s, config);
  }
}

// ---------------------------------------------------------------------------------------------------
// Public API

/** Signature checks the entry will need against `state`: the (publicKey, signature) pairs to verify over entry.pae. Pure. */
export function signaturesToVerify(state: LedgerState, entry: Entry, config: LedgerConfig): Array<{ publicKey: Ed25519PublicKey; signature: Buffer }> {
  let p: Plan;
  try {
    p = plan(state, entry, config);
  } catch (e) {
    if (e instanceof SignetError) return []; // the entry will be rejected before any signature matters
    throw e;
  }
  const out: Array<{ publicKey: Ed25519PublicKey; signature: Buffer }> = [];
  for (const sig of entry.signatures) {
    const publicKey = p.authorized.get(sig.keyid);
    const signature = decodeCanonicalBase64(sig.sig);
    if (publicKey !== undefined && signature !== undefined) out.push({ publicKey, signature });
  }
  return out;
}

function checkTime(s: Statement, now: Date): void {
  const t = parseTime(s.time)!;
  const skew = t - now.getTime();
  if (Math.abs(skew) > MAX_TIME_SKEW_MS) {
    throw new SignetError('TIME_SKEW', `the statement's time ${s.time} is ${Math.round(Math.abs(skew) / 1000)} s ${skew < 0 ? 'behind' : 'ahead of'} the log's clock`, {
      expected: `within ${MAX_TIME_SKEW_MS / 60000} minutes of ${now.toISOString()}`,
      got: s.time,
      attack: 'a statement signed long ago and held back (or pre-dated), e.g. by a thief of an old key',
      hint: 'check the signing machine\'s clock and sign again',
    });
  }
}

const defaultVerify = (publicKey: Ed25519PublicKey, message: Buffer, signature: Buffer): boolean => publicKey.verify(message, signature);

/** Checks `entry` as the entry at index state.size and applies it IN PLACE; throws a SignetError (and leaves state unchanged) if any rule fails. */
export function applyInPlace(state: LedgerState, entry: Entry, config: LedgerConfig, opts: ApplyOptions = {}): void {
  if (opts.now !== undefined) checkTime(entry.statement, opts.now);
  const p = plan(state, entry, config);
  const verify = opts.verify ?? defaultVerify;
  const seen = new Set<string>();
  const order: string[] = [];
  for (const sig of entry.signatures) {
    if (seen.has(sig.keyid)) {
      throw new SignetError('SIGNATURE_DUPLICATE', `the envelope has two signatures with keyid ${sig.keyid}`, {
        expected: 'one signature per key',
        got: `keyid ${sig.keyid} twice`,
        evidence: { keyId: sig.keyid },
      });
    }
    seen.add(sig.keyid);
    const publicKey = p.authorized.get(sig.keyid);
    if (publicKey === undefined) throw p.unauthorized(sig.keyid);
    const signature = decodeCanonicalBase64(sig.sig);
    if (signature === undefined || !verify(publicKey, entry.pae, signature)) {
      throw new SignetError('SIGNATURE_INVALID', `the signature by ${sig.keyid} does not verify over this entry`, {
        expected: `a valid Ed25519 signature by ${sig.keyid} over the DSSE PAE`,
        got: `an invalid signature (${signature?.length ?? 0} bytes)`,
        attack: 'an altered statement (payload changed after signing) or a forged signature',
        evidence: { keyId: sig.keyid },
      });
    }
    order.push(sig.keyid);
  }
  p.check(seen);
  p.commit(order);
  state._advance();
}

/** Pure form: a new state, the input untouched. */
export function apply(state: LedgerState, entry: Entry, config: LedgerConfig, opts?: ApplyOptions): LedgerState {
  const next = state.clone();
  applyInPlace(next, entry, config, opts);
  return next;
}

/** Replays a whole sequence of entry bytes from the empty state (no TIME_SKEW check). */
export function replay(entries: Iterable<Uint8Array>, config: LedgerConfig, opts: Omit<ApplyOptions, 'now'> = {}): LedgerState {
  const state = new LedgerState();
  const o: ApplyOptions = opts.verify === undefined ? {} : { verify: opts.verify };
  for (const bytes of entries) {
    const index = state.size;
    try {
      applyInPlace(state, parseEntry(bytes), config, o);
    } catch (e) {
      if (e instanceof SignetError) {
        throw new SignetError(e.code, `entry ${index}: ${e.message}`, { ...e.details, evidence: { ...e.details.evidence, index }, cause: e });
      }
      throw e;
    }
  }
  return state;
}
