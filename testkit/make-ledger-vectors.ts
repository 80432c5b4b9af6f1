/**
 * Generates docs/vectors/ledger/vectors.json and the examples in docs/PROTOCOL.md.
 *
 *   npx tsc -p . && node dist/testkit/make-ledger-vectors.js
 *
 * Every entry's verdict is computed by src/ledger AND stated here by hand; generation fails if they
 * differ, so the vectors say what the rules mean, not merely what the code happens to do. Output is
 * deterministic (Ed25519 signatures are, keys come from fixed seeds, times are fixed), and
 * test/ledger/vectors.test.ts checks that the committed files equal a fresh generation.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';
import { canonicalJson, canonicalJsonBytes } from '../src/crypto/canonical.js';
import { decodePayload, parseEnvelope, envelopeBytes, pae as dssePae } from '../src/crypto/dsse.js';
import { isSignetError, type ErrorCode } from '../src/errors.js';
import {
  LedgerState,
  PAYLOAD_TYPES,
  applyInPlace,
  formatTime,
  keySigner,
  parseEntry,
  signStatement,
  type LedgerConfig,
} from '../src/ledger/index.js';
import { Signers, Statements, T0, at, seedHex } from './ledger.js';
import { IDENTITY, identityRSignature } from './ed25519-forge.js';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const VECTORS_FILE = join(REPO, 'docs/vectors/ledger/vectors.json');
export const PROTOCOL_FILE = join(REPO, 'docs/PROTOCOL.md');

type Expect = { accepted: true; index: number } | { accepted: false; error: ErrorCode };

export interface VectorEntry {
  step: number;
  name: string;
  description: string;
  now: string;
  /** The entry bytes as UTF-8 text (exact), when they are valid UTF-8 ... */
  entry?: string;
  /** ... otherwise base64 of the bytes. */
  entryBase64?: string;
  sha256: string;
  expect: Expect;
}

export interface LedgerVectors {
  description: string;
  keys: Record<string, { seed: string; public: string; id: string }>;
  config: { registryKeys: string[]; coreKey: string };
  entries: VectorEntry[];
  finalState: unknown;
}

export interface Generated {
  vectors: LedgerVectors;
  /** kind → canonical entry text of an accepted example. */
  examples: Map<string, string>;
}

const KEY_NAMES = [
  'registry',
  'core',
  'acme-root1',
  'acme-root2',
  'acme-ci',
  'acme-new',
  'acme-rescue1',
  'acme-ci2',
  'beta-root',
  'mallory',
  'rebuilder1',
  'rebuilder2',
] as const;

export function generateLedgerVectors(): Generated {
  const s = new Signers();
  const st = new Statements(s, T0);
  const config: LedgerConfig = { registryKeys: [s.key('registry').publicKey], coreKey: s.key('core').publicKey };
  const state = new LedgerState();
  const entries: VectorEntry[] = [];
  const examples = new Map<string, string>();
  let clock = 0;

  const raw = (payloadType: string, payload: unknown, signers: string[]): Buffer => signStatement(payloadType, payload, s.signers(signers));

  const step = (name: string, description: string, bytes: Buffer, expected: ErrorCode | 'accepted', example?: string, now?: Date): void => {
    clock += 1;
    const nowDate = now ?? at(clock);
    let got: Expect;
    const index = state.size;
    try {
      applyInPlace(state, parseEntry(bytes), config, { now: nowDate });
      got = { accepted: true, index };
    } catch (e) {
      if (!isSignetError(e)) throw e;
      got = { accepted: false, error: e.code };
    }
    const want: Expect = expected === 'accepted' ? { accepted: true, index } : { accepted: false, error: expected };
    if (canonicalJson(got) !== canonicalJson(want)) {
      throw new Error(`vector ${entries.length} (${name}): expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    }
    let text: string | undefined;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = undefined;
    }
    entries.push({
      step: entries.length,
      name,
      description,
      now: formatTime(nowDate),
      ...(text !== undefined && Buffer.from(text, 'utf8').equals(bytes) ? { entry: text } : { entryBase64: bytes.toString('base64') }),
      sha256: createHash('sha256').update(bytes).digest('hex'),
      expect: got,
    });
    if (example !== undefined) examples.set(example, bytes.toString('utf8'));
  };

  // --- vendor claims -------------------------------------------------------------------------------
  const acmeClaim = st.vendor({ vendor: 'acme', keys: [['acme-root1', 'full'], ['acme-ci', 'release']], threshold: 1 });
  step('vendor-claim', 'acme claims its namespace with a full key and a release-only key; signed by the registry and both keys', acmeClaim, 'accepted', 'vendor');
  step('vendor-claim-beta', 'beta claims its namespace', st.vendor({ vendor: 'beta', keys: [['beta-root', 'full']] }), 'accepted');
  step('vendor-reclaim', 'a second claim of acme, vouched for by the registry with another key', st.vendor({ vendor: 'acme', keys: [['mallory', 'full']] }), 'VENDOR_ALREADY_CLAIMED');
  step('vendor-no-registry', 'a claim of gamma signed only by the listed key: the registry did not vouch', st.vendor({ vendor: 'gamma', keys: [['mallory', 'full']], signers: ['mallory'] }), 'SIGNATURE_MISSING');
  step('vendor-no-possession', 'a claim of gamma signed only by the registry: no proof of possession of the listed key', st.vendor({ vendor: 'gamma', keys: [['mallory', 'full']], signers: ['registry'] }), 'SIGNATURE_MISSING');
  step(
    'vendor-threshold-too-high',
    'a claim of gamma with threshold 2 but one full key',
    raw(PAYLOAD_TYPES.vendor, { vendor: 'gamma', keys: [s.sk('mallory')], threshold: 2, seq: 0, time: formatTime(T0) }, ['registry', 'mallory']),
    'THRESHOLD_INVALID',
  );
  step(
    'vendor-bad-name',
    'a claim of "Gamma" (Composer names are lowercase)',
    raw(PAYLOAD_TYPES.vendor, { vendor: 'Gamma', keys: [s.sk('mallory')], threshold: 1, seq: 0, time: formatTime(T0) }, ['registry', 'mallory']),
    'NAME_INVALID',
  );

  // --- releases ------------------------------------------------------------------------------------
  step('release', 'acme/widget 1.0.0 signed by the release-only key', st.release('acme/widget', '1.0.0', ['acme-ci']), 'accepted', 'release');
  step('release-again', 'acme/widget v1.0 normalises to 1.0.0.0 too: a version is released at most once', st.release('acme/widget', 'v1.0', ['acme-root1']), 'RELEASE_EXISTS');
  const devPayload = st.releasePayload('acme/widget', '1.0.1') as { predicate: Record<string, unknown> };
  devPayload.predicate = { ...devPayload.predicate, version: 'dev-main', prettyVersion: 'dev-main' };
  step('release-dev-branch', 'a release of the dev-main branch: branches are not releases', raw(PAYLOAD_TYPES.release, devPayload, ['acme-ci']), 'VERSION_NOT_RELEASE');
  const badVersion = st.releasePayload('acme/widget', '1.0.1') as { predicate: Record<string, unknown> };
  badVersion.predicate = { ...badVersion.predicate, version: '1.0.1', prettyVersion: '1.0.1' };
  step('release-version-not-normalised', 'predicate.version must be the normalised form (1.0.1.0)', raw(PAYLOAD_TYPES.release, badVersion, ['acme-ci']), 'VERSION_INVALID');
  step('release-other-vendor-key', "acme/widget 1.1.0 signed by beta's key: a key of another vendor", st.release('acme/widget', '1.1.0', ['beta-root']), 'KEY_UNAUTHORIZED');
  step('release-unknown-key', 'acme/widget 1.1.0 signed by a key nobody registered', st.release('acme/widget', '1.1.0', ['mallory']), 'KEY_UNAUTHORIZED');
  step('release-registry-key', 'acme/widget 1.1.0 signed by the registry key: the registry cannot forge releases', st.release('acme/widget', '1.1.0', ['registry']), 'KEY_UNAUTHORIZED');
  step('release-unclaimed', 'zeta/tool 1.0.0: the namespace zeta is unclaimed', st.release('zeta/tool', '1.0.0', ['mallory']), 'VENDOR_UNCLAIMED');

  // --- key changes ---------------------------------------------------------------------------------
  const keyAdd = st.keyAdd({ vendor: 'acme', key: ['acme-root2', 'full'], signers: ['acme-root1', 'acme-root2'], state });
  step('key-add', 'acme adds a second full key (seq 1): threshold of full keys (1) plus the new key', keyAdd, 'accepted', 'key-add');
  step('policy', 'acme raises its threshold to 2 (seq 2)', st.policy({ vendor: 'acme', threshold: 2, signers: ['acme-root1'], state }), 'accepted', 'policy');
  step('policy-too-high', 'threshold 3 with two full keys', st.policy({ vendor: 'acme', threshold: 3, signers: ['acme-root1', 'acme-root2'], state }), 'THRESHOLD_INVALID');
  step('key-add-below-threshold', 'a key-add signed by one full key (threshold is 2) and the new key', st.keyAdd({ vendor: 'acme', key: ['acme-new', 'full'], signers: ['acme-root1', 'acme-new'], state }), 'DSSE_THRESHOLD_NOT_MET');
  step('key-add-no-possession', 'a key-add signed by both full keys but not by the new key', st.keyAdd({ vendor: 'acme', key: ['acme-new', 'full'], signers: ['acme-root1', 'acme-root2'], state }), 'SIGNATURE_MISSING');
  {
    // The identity point as a key: node:crypto and Go would take it, and (R = identity, S = 0) verifies
    // under it for every message. Refused where keys are parsed.
    const payload = JSON.parse(decodePayload(parseEnvelope(st.keyAdd({ vendor: 'acme', key: ['acme-new', 'full'], signers: ['acme-root1', 'acme-root2', 'acme-new'], state }))).toString()) as { key: Record<string, string> };
    payload.key = { ...payload.key, id: createHash('sha256').update(IDENTITY).digest('hex'), public: IDENTITY.toString('base64') };
    step('key-add-small-order-key', 'a key-add of the identity point (a key of small order, under which anyone can sign)', raw(PAYLOAD_TYPES['key-add'], payload, ['acme-root1', 'acme-root2']), 'STATEMENT_INVALID');
  }
  step('key-add-release-key-signs', 'the release-only key tries to sign a key change', st.keyAdd({ vendor: 'acme', key: ['acme-new', 'full'], signers: ['acme-root1', 'acme-root2', 'acme-ci', 'acme-new'], state }), 'KEY_UNAUTHORIZED');
  step('key-add-replayed', 'the exact bytes of the accepted key-add, submitted again (seq 1 is spent)', keyAdd, 'STATEMENT_REPLAYED');
  step('key-add-seq-ahead', 'a key-add with seq 9 when the next is 3', st.keyAdd({ vendor: 'acme', key: ['acme-new', 'full'], signers: ['acme-root1', 'acme-root2', 'acme-new'], seq: 9 }), 'SEQUENCE_INVALID');
  step('key-revoke-unknown', 'revoking a key acme never had', st.keyRevoke({ vendor: 'acme', key: 'mallory', signers: ['acme-root1', 'acme-root2'], state }), 'KEY_UNKNOWN');
  step('key-add-unclaimed', 'a key-add for the unclaimed namespace zeta', st.keyAdd({ vendor: 'zeta', key: ['mallory', 'full'], signers: ['mallory'], state }), 'VENDOR_UNCLAIMED');
  step('key-revoke', 'the release-only key revokes itself (seq 3): a key may always revoke itself', st.keyRevoke({ vendor: 'acme', key: 'acme-ci', reason: 'CI runner compromised', signers: ['acme-ci'], state }), 'accepted', 'key-revoke');
  step('release-revoked-key', 'acme/widget 1.1.0 signed by the key revoked at the previous index', st.release('acme/widget', '1.1.0', ['acme-ci']), 'KEY_REVOKED');
  step('key-add-revoked-key', 'adding the revoked key back, with the threshold and its own signature', st.keyAdd({ vendor: 'acme', key: ['acme-ci', 'release'], signers: ['acme-root1', 'acme-root2', 'acme-ci'], state }), 'KEY_EXISTS');

  // --- releases, revocations, attestations ---------------------------------------------------------
  step('release-full-key', 'acme/widget 1.1.0 signed by a full key', st.release('acme/widget', '1.1.0', ['acme-root2']), 'accepted');
  step('release-revoke', 'acme revokes acme/widget 1.0.0', st.releaseRevoke('acme/widget', '1.0.0', ['acme-root1'], 'published from the compromised runner'), 'accepted', 'release-revoke');
  step('release-revoke-again', 'revoking acme/widget 1.0.0 a second time', st.releaseRevoke('acme/widget', '1.0.0', ['acme-root1']), 'RELEASE_ALREADY_REVOKED');
  step('release-revoked-version-reused', 'releasing acme/widget 1.0.0 again after its revocation: a revoked version is not reusable', st.release('acme/widget', '1.0.0', ['acme-root1']), 'RELEASE_EXISTS');
  step('release-revoke-unknown', 'revoking acme/widget 9.0.0, never released', st.releaseRevoke('acme/widget', '9.0.0', ['acme-root1']), 'RELEASE_UNKNOWN');
  step('attestation', 'rebuilder1 attests that acme/widget 1.1.0 was reproduced from its commit', st.attestation('reproduced', 'acme/widget', '1.1.0', 'rebuilder1'), 'accepted', 'attestation');
  step('attestation-second-attester', 'rebuilder2 votes against the same release, with a note', st.attestation('vote-against', 'acme/widget', '1.1.0', 'rebuilder2', undefined, 'the archive ships a minified file not in the repository'), 'accepted');
  step('attestation-replayed', 'rebuilder1 attests reproduced for the same release again', st.attestation('reproduced', 'acme/widget', '1.1.0', 'rebuilder1'), 'STATEMENT_REPLAYED');
  step('attestation-unknown-release', 'an attestation about acme/widget 9.9.9, never released', st.attestation('code-review', 'acme/widget', '9.9.9', 'rebuilder1'), 'RELEASE_UNKNOWN');
  step('attestation-wrong-signer', 'an attestation naming rebuilder2 as attester but signed by rebuilder1', st.attestation('sec-audit', 'acme/widget', '1.1.0', 'rebuilder2', ['rebuilder1']), 'KEY_UNAUTHORIZED');
  const wrongDigest = JSON.parse(decodePayload(parseEnvelope(st.attestation('spot-check', 'acme/widget', '1.1.0', 'rebuilder1'))).toString()) as {
    subject: Array<{ name: string; digest: { sha256: string } }>;
  };
  wrongDigest.subject[0]!.digest.sha256 = '0'.repeat(64);
  step('attestation-wrong-digest', 'an attestation whose subject digest is not the release archive\'s', raw(PAYLOAD_TYPES.attestation, wrongDigest, ['rebuilder1']), 'RELEASE_DIGEST_MISMATCH');

  // --- break-glass ---------------------------------------------------------------------------------
  step(
    'break-glass-key-add',
    'the core key adds a full key to acme (seq 4) without the vendor\'s threshold',
    st.keyAdd({ vendor: 'acme', key: ['acme-new', 'full'], signers: ['core'], state, breakGlass: { reason: 'vendor lost access to both full keys (ticket 1234)' } }),
    'accepted',
    'break-glass',
  );
  step(
    'break-glass-wrong-key',
    'a break-glass policy signed by acme-root1 instead of the core key',
    st.policy({ vendor: 'acme', threshold: 1, signers: ['acme-root1'], state, breakGlass: { reason: 'not really the core' } }),
    'BREAK_GLASS_KEY_INVALID',
  );
  step(
    'break-glass-vendor-reset',
    'the core key resets acme (seq 5): every current key is revoked and new keys are installed',
    st.vendor({ vendor: 'acme', keys: [['acme-rescue1', 'full'], ['acme-ci2', 'release']], threshold: 1, state, breakGlass: { reason: 'all acme keys reported stolen (ticket 1240)' } }),
    'accepted',
  );
  step('release-after-reset-old-key', 'acme/widget 1.2.0 signed by acme-root1, revoked by the reset', st.release('acme/widget', '1.2.0', ['acme-root1']), 'KEY_REVOKED');
  step('release-after-reset', 'acme/widget 1.2.0-RC1 signed by the new release key', st.release('acme/widget', '1.2.0-RC1', ['acme-ci2']), 'accepted');

  // --- entry format --------------------------------------------------------------------------------
  const late = new Statements(s, at(-600)).release('acme/widget', '1.3.0', ['acme-ci2']);
  step('time-skew', "a release whose time is 10 minutes behind the log's clock (admission only)", late, 'TIME_SKEW', undefined, at(clock + 1));
  const good = st.release('acme/widget', '1.3.0', ['acme-ci2']);
  const spaced = Buffer.from(JSON.stringify(JSON.parse(good.toString()), null, 1));
  step('not-canonical', 'a valid release envelope, pretty-printed instead of canonical', spaced, 'ENTRY_NOT_CANONICAL');
  step('not-json', 'bytes that are not JSON', Buffer.from('DSSEv1 not an envelope'), 'ENTRY_NOT_JSON');
  const env = parseEnvelope(good);
  step('dsse-malformed', 'an envelope without signatures', canonicalJsonBytes({ payloadType: env.payloadType, payload: env.payload, signatures: [] }), 'DSSE_MALFORMED');
  // Node's Buffer reads a code unit above 0x7F by its low byte: U+0165 would decode as 'e'. A strict
  // decoder (Go's, Python's) refuses it; so must ours, or the log admits entries other verifiers refuse.
  const nonAscii = Buffer.from(good.toString('utf8').replace(`"payload":"${env.payload}"`, `"payload":"\u0165${env.payload.slice(1)}"`), 'utf8');
  if (env.payload[0] !== 'e' || nonAscii.equals(good)) throw new Error('internal: the non-ASCII payload vector needs a payload starting with e');
  step('payload-base64-non-ascii', "a release whose payload's first base64 character is U+0165 (whose low byte is 'e'), the rest unchanged", nonAscii, 'DSSE_MALFORMED');
  const tampered = { ...env, signatures: env.signatures.map((x) => ({ keyid: x.keyid, sig: Buffer.from(Buffer.from(x.sig, 'base64').map((b, i) => (i === 0 ? b ^ 1 : b))).toString('base64') })) };
  step('signature-invalid', 'a release whose signature was altered', envelopeBytes(tampered), 'SIGNATURE_INVALID');
  {
    // R = identity, S = k·a: OpenSSL and Go accept it (cofactorless), libsodium refuses a small-order R.
    const payload = canonicalJsonBytes(st.releasePayload('acme/widget', '1.3.1'));
    const sig = identityRSignature(s.key('acme-ci2'), dssePae(PAYLOAD_TYPES.release, payload));
    const forged = { payloadType: PAYLOAD_TYPES.release, payload: payload.toString('base64'), signatures: [{ keyid: s.id('acme-ci2'), sig: sig.toString('base64') }] };
    step('signature-r-identity', "a release signed by acme-ci2 with R = the identity point (S = k·a, which OpenSSL and Go accept; libsodium does not)", envelopeBytes(forged), 'SIGNATURE_INVALID');
  }
  const dup = { ...env, signatures: [...env.signatures, ...env.signatures] };
  step('signature-duplicate', 'a release signed twice by the same keyid', envelopeBytes(dup), 'SIGNATURE_DUPLICATE');
  step('payload-type-unknown', 'an envelope of payloadType text/plain', signStatement('text/plain', { hello: 'world' }, [keySigner(s.key('acme-ci2'))]), 'PAYLOAD_TYPE_UNKNOWN');
  const payloadObj = JSON.parse(decodePayload(env).toString()) as Record<string, unknown>;
  // The type is judged before the fields (§1 rows 7 and 8), whatever the payload holds.
  step('payload-type-unknown-not-object', 'an envelope of payloadType text/plain whose payload is an array', signStatement('text/plain', [], [keySigner(s.key('acme-ci2'))]), 'PAYLOAD_TYPE_UNKNOWN');
  step('predicate-type-unknown', 'an in-toto statement with an unknown predicateType and a field no statement has', raw(PAYLOAD_TYPES.release, { ...payloadObj, predicateType: 'https://example.com/other/v1', extra: true }, ['acme-ci2']), 'PAYLOAD_TYPE_UNKNOWN');
  let deep: unknown = [];
  for (let i = 0; i < 40; i++) deep = [deep];
  step('payload-too-deep', 'a release payload of 41 nested arrays (at most 32 levels)', raw(PAYLOAD_TYPES.release, deep, ['acme-ci2']), 'STATEMENT_INVALID');
  step('statement-extra-field', 'a release statement with a field the format does not have', raw(PAYLOAD_TYPES.release, { ...payloadObj, extra: true }, ['acme-ci2']), 'STATEMENT_INVALID');
  const nonCanonicalPayload = Buffer.from(JSON.stringify(payloadObj, null, 2));
  const ncEnv = { payloadType: env.payloadType, payload: nonCanonicalPayload.toString('base64'), signatures: [] as Array<{ keyid: string; sig: string }> };
  const pae = dssePae(env.payloadType, nonCanonicalPayload);
  ncEnv.signatures.push({ keyid: s.id('acme-ci2'), sig: s.key('acme-ci2').sign(pae).toString('base64') });
  step('payload-not-canonical', 'a release whose payload is pretty-printed JSON', envelopeBytes(ncEnv), 'PAYLOAD_NOT_CANONICAL');
  step('entry-too-large', 'an entry of 65,536 bytes', Buffer.alloc(65536, 0x20), 'ENTRY_TOO_LARGE');
  step('release-pretty-version-invalid', 'a release tagged "latest", which Composer cannot parse', (() => {
    const p = st.releasePayload('acme/widget', '1.3.0') as { predicate: Record<string, unknown> };
    p.predicate = { ...p.predicate, prettyVersion: 'latest' };
    return raw(PAYLOAD_TYPES.release, p, ['acme-ci2']);
  })(), 'VERSION_INVALID');
  step('release-last', 'acme/widget 1.3.0, the good envelope from above', good, 'accepted');

  const keys: LedgerVectors['keys'] = {};
  for (const n of KEY_NAMES) keys[n] = { seed: seedHex(n), public: s.key(n).publicKey.raw.toString('base64'), id: s.id(n) };
  return {
    vectors: {
      description:
        'Signet ledger test vectors (docs/PROTOCOL.md). Apply the entries in order to the empty state with the config; ' +
        '`now` is the log clock at admission (TIME_SKEW). A rejected entry does not change the state or take an index. ' +
        'Keys: seed = SHA-256("signet ledger test key " + name). Entry bytes: `entry` (exact UTF-8 text) or `entryBase64`.',
      keys,
      config: { registryKeys: [s.key('registry').publicKey.raw.toString('base64')], coreKey: s.key('core').publicKey.raw.toString('base64') },
      entries,
      finalState: state.toJSON(),
    },
    examples,
  };
}

export function vectorsText(v: LedgerVectors): string {
  return JSON.stringify(v, null, 2) + '\n';
}

const EXAMPLE_KINDS = ['vendor', 'key-add', 'key-revoke', 'policy', 'release', 'release-revoke', 'attestation', 'break-glass'];

/** PROTOCOL.md with each `<!-- example:KIND -->` ... `<!-- /example:KIND -->` block regenerated. */
export function protocolWithExamples(doc: string, examples: Map<string, string>): string {
  let out = doc;
  for (const kind of EXAMPLE_KINDS) {
    const entry = examples.get(kind);
    if (entry === undefined) throw new Error(`no example for ${kind}`);
    const env = parseEnvelope(entry);
    const payload = JSON.parse(decodePayload(env).toString()) as unknown;
    const body =
      `<!-- example:${kind} -->\n` +
      'Payload (shown indented; the signed bytes are its canonical JSON):\n\n```json\n' +
      JSON.stringify(payload, null, 2) +
      '\n```\n\nEntry (the exact bytes in the log):\n\n```json\n' +
      entry +
      `\n\`\`\`\n<!-- /example:${kind} -->`;
    const re = new RegExp(`<!-- example:${kind} -->[\\s\\S]*?<!-- /example:${kind} -->`);
    if (!re.test(out)) throw new Error(`PROTOCOL.md has no example block for ${kind}`);
    out = out.replace(re, () => body);
  }
  return out;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const g = generateLedgerVectors();
  mkdirSync(dirname(VECTORS_FILE), { recursive: true });
  writeFileSync(VECTORS_FILE, vectorsText(g.vectors));
  writeFileSync(PROTOCOL_FILE, protocolWithExamples(readFileSync(PROTOCOL_FILE, 'utf8'), g.examples));
  console.log(`wrote ${g.vectors.entries.length} vectors to ${VECTORS_FILE} and ${g.examples.size} examples to ${PROTOCOL_FILE}`);
}
