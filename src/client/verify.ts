/**
 * The verdict on one package release, against a ledger state the verifier trusts (a full replay of the
 * log, proven against a checkpoint): the release is in the log, signed by a key that was the vendor's at
 * that index (the ledger guarantees it), not revoked, the bytes are the signed ones, the installed files
 * have the signed content hash, and the user's break-glass and attestation policies hold.
 * Each failure names the attack it caught and carries its evidence.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignetError } from '../errors.js';
import { type LedgerState, type ReleaseInfo, normalizeVersion, vendorOf } from '../ledger/index.js';
import { h1OfFiles } from '../archive/h1.js';

export type BreakGlassPolicy = { readonly policy: 'accept' } | { readonly policy: 'reject' } | { readonly policy: 'notice'; readonly noticeDays: number };

export interface VerifyPolicy {
  readonly breakGlass: BreakGlassPolicy;
  readonly attestations: { readonly require: readonly { readonly kind: string; readonly min: number }[]; readonly voteAgainst: 'reject' | 'ignore' };
}

export interface ReleaseCheck {
  readonly package: string;
  /** As the user has it (pretty) or normalised. */
  readonly version: string;
  /** The archive bytes (the plugin's download). */
  readonly archive?: Uint8Array;
  /** Or the archive's digests, hashed earlier (e.g. as it arrived in a stream): hex SHA-256 and SHA-1. */
  readonly archiveDigests?: ArchiveDigests;
  /** composer.lock's dist.shasum. */
  readonly sha1?: string;
  /** vendor/<package>: the installed files must hash to the signed h1. */
  readonly installedDir?: string;
}

export interface ArchiveDigests {
  readonly sha256: string;
  readonly sha1: string;
}

/** The digests of an archive's bytes that a release entry signs (hex). */
export function archiveDigests(archive: Uint8Array): ArchiveDigests {
  return { sha256: hex('sha256', archive), sha1: hex('sha1', archive) };
}

export interface Verdict {
  readonly package: string;
  readonly version: string;
  readonly prettyVersion: string;
  readonly index: number;
  readonly keyId: string;
  readonly h1: string;
  readonly sha256: string;
  readonly sha1: string;
  readonly commit: string;
  /** The sha256 of the release's composer.json, as signed. */
  readonly composerJsonSha256: string;
  readonly attestations: number;
  readonly notes: readonly string[];
}

/**
 * Digest → the release it belongs to, for naming a mix-and-match. Built on first use (only a failed
 * digest check needs it), from the state or from a function that loads it.
 */
export class DigestIndex {
  #bySha256: Map<string, ReleaseInfo> | undefined;
  constructor(private readonly source: LedgerState | (() => LedgerState)) {}
  release(sha256: string): ReleaseInfo | undefined {
    if (this.#bySha256 === undefined) {
      const state = typeof this.source === 'function' ? this.source() : this.source;
      this.#bySha256 = new Map();
      for (const vendor of state.vendors()) {
        for (const pkg of state.packagesOf(vendor)) {
          for (const r of state.releasesOf(pkg)) for (const s of r.subjects) this.#bySha256.set(s.digest.sha256, r);
        }
      }
    }
    return this.#bySha256.get(sha256);
  }
}

function hex(alg: 'sha256' | 'sha1', b: Uint8Array): string {
  return createHash(alg).update(b).digest('hex');
}

export async function verifyRelease(state: LedgerState, check: ReleaseCheck, policy: VerifyPolicy, opts: { now?: Date; digests?: DigestIndex } = {}): Promise<Verdict> {
  const pkg = check.package;
  let version: string;
  try {
    version = normalizeVersion(check.version);
  } catch (e) {
    throw new SignetError('VERSION_INVALID', `${pkg} ${check.version} is not a release version`, {
      got: check.version,
      hint: 'dev versions and branches are not signed releases; skip the package in the config or require a tagged version',
      cause: e,
    });
  }
  const notes: string[] = [];
  /** The offered archive's digests, if an archive was offered. */
  const offered = check.archive !== undefined ? archiveDigests(check.archive) : check.archiveDigests;
  const r = state.release(pkg, version);
  if (r === undefined) {
    const other = offered === undefined ? undefined : opts.digests?.release(offered.sha256);
    if (other !== undefined) throw mixAndMatch(pkg, check.version, other);
    throw new SignetError('RELEASE_NOT_IN_LOG', `${pkg} ${check.version} is not in the transparency log`, {
      expected: `a release entry for ${pkg} ${version}`,
      got: state.vendor(vendorOf(pkg)) === undefined ? `no entry at all for the vendor ${vendorOf(pkg)}` : `releases of ${pkg}: ${state.releasesOf(pkg).map((x) => x.prettyVersion).join(', ') || 'none'}`,
      attack: 'a release published outside the log (a compromised registry serving a version the vendor never signed, or a targeted release hidden from everyone else)',
      hint: 'run `signet sync` if the release is brand new; otherwise do not install it',
      evidence: { package: pkg, version, logSize: state.size },
    });
  }
  const subject = r.subjects[0]!;
  if (r.revoked !== undefined) {
    throw new SignetError('RELEASE_REVOKED', `${pkg} ${r.prettyVersion} was revoked by its vendor: ${r.revoked.reason}`, {
      attack: 'installing a release its vendor withdrew (e.g. a compromised build)',
      hint: 'update to another version',
      evidence: { releaseIndex: r.index, revocationIndex: r.revoked.index, reason: r.revoked.reason },
    });
  }
  checkBreakGlass(state, r, policy.breakGlass, opts.now ?? new Date(), notes);
  if (offered !== undefined) {
    const match = r.subjects.find((s) => s.digest.sha256 === offered.sha256);
    if (match === undefined || match.digest.sha1 !== offered.sha1) {
      const other = opts.digests?.release(offered.sha256);
      if (other !== undefined && (other.package !== pkg || other.version !== version)) throw mixAndMatch(pkg, check.version, other);
      throw new SignetError('ARCHIVE_DIGEST_MISMATCH', `the archive of ${pkg} ${r.prettyVersion} is not the one its vendor signed`, {
        expected: r.subjects.map((s) => `sha256:${s.digest.sha256}`).join(', '),
        got: `sha256:${offered.sha256}`,
        attack: 'a tampered archive (altered on the registry, a mirror, a CDN or in transit)',
        evidence: { releaseIndex: r.index },
      });
    }
  }
  if (check.sha1 !== undefined && !r.subjects.some((s) => s.digest.sha1 === check.sha1!.toLowerCase())) {
    throw new SignetError('LOCK_SHASUM_MISMATCH', `composer.lock pins ${pkg} ${r.prettyVersion} to an archive its vendor did not sign`, {
      expected: subject.digest.sha1,
      got: check.sha1,
      attack: 'a lock file or metadata pointing at other bytes than the signed release',
      evidence: { releaseIndex: r.index },
    });
  }
  if (check.installedDir !== undefined) {
    const h1 = await installedH1(check.installedDir);
    if (h1 !== r.h1) {
      throw new SignetError('INSTALLED_FILES_ALTERED', `the files of ${pkg} under ${check.installedDir} are not the signed release`, {
        expected: r.h1,
        got: h1,
        attack: 'installed code altered after the download (or installed from another source)',
        hint: `reinstall it: rm -rf ${check.installedDir} && composer install`,
        evidence: { releaseIndex: r.index },
      });
    }
  }
  checkAttestations(r, policy, notes);
  return {
    package: pkg,
    version,
    prettyVersion: r.prettyVersion,
    index: r.index,
    keyId: r.keyId,
    h1: r.h1,
    sha256: subject.digest.sha256,
    sha1: subject.digest.sha1,
    commit: r.source.reference,
    composerJsonSha256: r.composerJson.sha256,
    attestations: r.attestations.length,
    notes,
  };
}

function mixAndMatch(pkg: string, version: string, other: ReleaseInfo): SignetError {
  return new SignetError('PACKAGE_MISMATCH', `the archive offered as ${pkg} ${version} is the signed archive of ${other.package} ${other.prettyVersion}`, {
    expected: `an archive of ${pkg} ${version}`,
    got: `${other.package} ${other.prettyVersion} (log index ${other.index})`,
    attack: "mix-and-match: metadata pointing one package at another package's genuine archive",
    evidence: { otherIndex: other.index },
  });
}

function checkBreakGlass(state: LedgerState, r: ReleaseInfo, policy: BreakGlassPolicy, now: Date, notes: string[]): void {
  const vendor = vendorOf(r.package);
  const key = state.key(vendor, r.keyId);
  if (key === undefined || !key.addedBy.startsWith('break-glass')) return;
  const action = state.breakGlassActions(vendor).find((a) => a.index === key.from);
  const what = `the key ${r.keyId} that signed ${r.package} ${r.prettyVersion} was installed by the core break-glass key at log index ${key.from}${action ? ` (${action.reason})` : ''}`;
  if (policy.policy === 'accept') {
    notes.push(`break-glass: ${what}; accepted by policy`);
    return;
  }
  if (policy.policy === 'notice' && action !== undefined) {
    const until = new Date(Date.parse(action.time) + policy.noticeDays * 86_400_000);
    if (now >= until) {
      notes.push(`break-glass: ${what}; its ${policy.noticeDays}-day notice period ended ${until.toISOString()}`);
      return;
    }
    throw new SignetError('BREAK_GLASS_REFUSED', `${what}, and its ${policy.noticeDays}-day notice period runs until ${until.toISOString()}`, {
      attack: 'a vendor key replaced by the core break-glass key, used before anyone could object',
      hint: 'wait for the notice period, check the vendor announced it, or change breakGlass in your config',
      evidence: { keyFrom: key.from, action },
    });
  }
  throw new SignetError('BREAK_GLASS_REFUSED', `${what}, and your policy refuses break-glass keys`, {
    attack: 'a vendor key replaced by the core break-glass key (a takeover the vendor did not sign)',
    hint: 'if the vendor confirms the recovery, set breakGlass to "accept" or {"noticeDays": N} in your config',
    evidence: { keyFrom: key.from, ...(action === undefined ? {} : { action }) },
  });
}

function checkAttestations(r: ReleaseInfo, policy: VerifyPolicy, notes: string[]): void {
  const against = r.attestations.filter((a) => a.attestation === 'vote-against');
  if (against.length > 0) {
    const who = [...new Set(against.map((a) => a.keyId))];
    if (policy.attestations.voteAgainst === 'reject') {
      throw new SignetError('ATTESTATION_VOTE_AGAINST', `${r.package} ${r.prettyVersion} has ${who.length} vote(s) against it`, {
        attack: 'a release reviewers flagged as malicious or broken',
        evidence: { votes: against.map((a) => ({ index: a.index, keyId: a.keyId, note: a.note ?? null })) },
        hint: 'read the notes with `signet explain`; set attestations.voteAgainst to "ignore" to accept anyway',
      });
    }
    notes.push(`${who.length} vote(s) against (ignored by policy)`);
  }
  for (const req of policy.attestations.require) {
    const n = new Set(r.attestations.filter((a) => a.attestation === req.kind).map((a) => a.keyId)).size;
    if (n < req.min) {
      throw new SignetError('ATTESTATION_POLICY_UNMET', `${r.package} ${r.prettyVersion} has ${n} distinct "${req.kind}" attestation(s); your policy requires ${req.min}`, {
        expected: `at least ${req.min}`,
        got: String(n),
        hint: 'wait for rebuilders/reviewers, or lower attestations.require in your config',
      });
    }
  }
}

/**
 * The h1 of the files under `dir` (relative paths, '/'-separated); symlinks are refused. Read
 * synchronously: a project's packages are thousands of small files, and an awaited read of each costs
 * thread-pool round trips (`verify --installed` of 200 small packages: ~140 ms more than without).
 */
export async function installedH1(dir: string): Promise<string> {
  const files: { path: string; data: Buffer }[] = [];
  const walk = (rel: string): void => {
    for (const d of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const p = rel === '' ? d.name : `${rel}/${d.name}`;
      if (d.isDirectory()) walk(p);
      else if (d.isFile()) files.push({ path: p, data: readFileSync(join(dir, p)) });
      else throw new SignetError('INSTALLED_FILES_ALTERED', `${join(dir, p)} is not a regular file`, { attack: 'a symlink or special file planted in an installed package' });
    }
  };
  try {
    walk('');
  } catch (e) {
    if (e instanceof SignetError) throw e;
    throw new SignetError('INSTALLED_FILES_ALTERED', `cannot read the installed files under ${dir}: ${(e as Error).message}`, {
      hint: 'run composer install first, or verify without --installed',
      cause: e,
    });
  }
  return h1OfFiles(files);
}
