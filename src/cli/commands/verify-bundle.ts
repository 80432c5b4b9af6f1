/**
 * `signet bundle` and `signet verify --bundle FILE --offline`: one release with everything needed to
 * verify it without a network: the checkpoint (with its cosignatures), and each relevant entry (the
 * vendor's key statements, the release, its revocation and attestations) with its inclusion proof.
 * A bundle cannot prove it omits nothing (a revocation left out); full mode can. See docs/VERIFY.md.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { SignetError } from '../../errors.js';
import { ed25519NoteVerifier } from '../../crypto/note.js';
import { decodeCanonicalBase64 } from '../../crypto/base64.js';
import { LedgerState, applyInPlace, entryLookupKeys, isKeyStatement, normalizeVersion, parseEntry, vendorOf } from '../../ledger/index.js';
import { openCheckpoint } from '../../tlog/audit.js';
import { leafHash } from '../../tlog/hash.js';
import { verifyInclusion } from '../../tlog/proof.js';
import type { VerifierView } from '../../client/verifier.js';
import { checkFreshness } from '../../client/verifier.js';
import { ledgerConfigOf, loadTrustConfig } from '../../client/config.js';
import { verifyRelease } from '../../client/verify.js';

export const BUNDLE_FORMAT = 'signet-bundle/v1';

export interface ReleaseBundle {
  readonly format: typeof BUNDLE_FORMAT;
  readonly log: { readonly origin: string; readonly verifierKey: string };
  readonly checkpoint: string;
  readonly package: string;
  readonly version: string;
  readonly entries: readonly { readonly index: number; readonly entry: string; readonly proof: readonly string[] }[];
}

export async function makeBundle(v: VerifierView, pkg: string, version: string): Promise<ReleaseBundle> {
  const normalized = normalizeVersion(version);
  const rel = v.state.release(pkg, normalized);
  if (rel === undefined) {
    throw new SignetError('RELEASE_NOT_IN_LOG', `${pkg} ${version} is not in the log ${v.log.origin}`, { hint: 'check the name and version; run signet sync' });
  }
  const entries: ReleaseBundle['entries'][number][] = [];
  for (const { index, entry: e } of v.vendorEntries(vendorOf(pkg))) {
    if (!isKeyStatement(e.statement) && entryLookupKeys(e).version !== `${pkg}@${normalized}`) continue;
    entries.push({ index, entry: e.bytes.toString('base64'), proof: (await v.proof(index)).map((h) => Buffer.from(h).toString('base64')) });
  }
  return { format: BUNDLE_FORMAT, log: { origin: v.log.origin, verifierKey: v.log.verifierKey }, checkpoint: v.checkpoint, package: pkg, version: normalized, entries };
}

function bad(why: string): SignetError {
  return new SignetError('USAGE', `not a Signet release bundle: ${why}`, { expected: `{"format": "${BUNDLE_FORMAT}", ...} made by signet bundle` });
}

export async function verifyBundleFile(file: string, flags: { config?: string; project?: string; json?: boolean }): Promise<number> {
  let b: ReleaseBundle;
  try {
    b = JSON.parse(await readFile(file, 'utf8')) as ReleaseBundle;
  } catch (e) {
    throw new SignetError('USAGE', `cannot read the bundle ${file}: ${(e as Error).message}`, { cause: e });
  }
  if (b?.format !== BUNDLE_FORMAT || !Array.isArray(b.entries) || typeof b.checkpoint !== 'string' || typeof b.package !== 'string' || typeof b.version !== 'string') throw bad('missing fields');
  const config = await loadTrustConfig({ projectDir: resolve(flags.project ?? '.'), ...(flags.config === undefined ? {} : { configFile: flags.config }) });
  // The log key comes from the configuration, never from the bundle.
  const log = config.logs.find((l) => l.origin === b.log?.origin);
  if (log === undefined) {
    throw new SignetError('CHECKPOINT_NOT_SIGNED', `the bundle is from the log ${String(b.log?.origin)}, which your configuration does not trust`, {
      expected: config.logs.map((l) => l.origin).join(', '),
      got: String(b.log?.origin),
      attack: 'a bundle from an impostor log',
    });
  }
  const { checkpoint } = openCheckpoint(b.checkpoint, ed25519NoteVerifier(log.verifierKey));
  checkFreshness(config, b.checkpoint, new Date());
  // Against the checkpoint this machine accepted before, if any: the same size must be the same tree; an
  // older bundle is said to be older (a later revocation cannot be in it).
  const notes: string[] = [];
  const { CheckpointStore } = await import('../../client/state.js');
  const saved = await new CheckpointStore().read(log.origin);
  if (saved !== undefined) {
    const mine = openCheckpoint(saved.raw, ed25519NoteVerifier(log.verifierKey), 'checkpoint accepted before').checkpoint;
    if (mine.size === checkpoint.size && !mine.root.equals(checkpoint.root)) {
      const { forkError } = await import('../../client/log-evidence.js');
      throw forkError(saved.raw, b.checkpoint);
    }
    if (mine.size > checkpoint.size) notes.push(`the bundle's checkpoint (size ${checkpoint.size}) is older than the one you accepted (size ${mine.size}): entries after it, such as a revocation, are not in it`);
    // A bundle carries no consistency proof (its maker does not know your size): offline, another size
    // cannot be shown to be the same history as yours. Said, so that nobody reads it as checked.
    if (mine.size !== checkpoint.size) notes.push(`the bundle's checkpoint (size ${checkpoint.size}) cannot be proven consistent with the one you accepted (size ${mine.size}) without the network: a forked log would not be noticed here; \`signet sync\` online checks it`);
  } else {
    notes.push('no checkpoint was accepted on this machine before: the bundle\'s checkpoint is checked against the log key and the witness policy only');
  }
  const state = new LedgerState();
  const ledger = ledgerConfigOf(config);
  const sorted = [...b.entries].sort((x, y) => x.index - y.index);
  for (const item of sorted) {
    const bytes = typeof item.entry === 'string' ? decodeCanonicalBase64(item.entry) : undefined;
    if (bytes === undefined || !Number.isSafeInteger(item.index) || !Array.isArray(item.proof)) throw bad(`entry ${String(item.index)} is malformed`);
    const proof = (item.proof as readonly unknown[]).map((h: unknown) => {
      const d = typeof h === 'string' ? decodeCanonicalBase64(h) : undefined;
      if (d === undefined || d.length !== 32) throw bad(`a proof hash of entry ${item.index} is malformed`);
      return d;
    });
    verifyInclusion(item.index, checkpoint.size, leafHash(bytes), proof, checkpoint.root);
    state.skipTo(item.index);
    applyInPlace(state, parseEntry(bytes), ledger);
  }
  const verdict = await verifyRelease(state, { package: b.package, version: b.version }, config);
  const out = { ok: true, package: verdict.package, version: verdict.prettyVersion, index: verdict.index, keyId: verdict.keyId, sha256: verdict.sha256, sha1: verdict.sha1, h1: verdict.h1, logSize: checkpoint.size, notes: [...verdict.notes, ...notes] };
  process.stdout.write(
    flags.json
      ? JSON.stringify(out) + '\n'
      : `Verified ${verdict.package} ${verdict.prettyVersion} offline: log #${verdict.index} in ${log.origin} at size ${checkpoint.size}, signed by key ${verdict.keyId}\n` +
          `  sha256 ${verdict.sha256}\n  sha1   ${verdict.sha1}\n  h1     ${verdict.h1}\n` +
          notes.map((n) => `note: ${n}\n`).join('') +
          'A bundle cannot show that nothing was left out of it (e.g. a later revocation); `signet verify` online can.\n',
  );
  return 0;
}
