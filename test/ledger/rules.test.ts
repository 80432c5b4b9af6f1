import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSignetError, type ErrorCode } from '../../src/errors.js';
import {
  LedgerState,
  PAYLOAD_TYPES,
  apply,
  applyInPlace,
  entryLookupKeys,
  parseEntry,
  signStatement,
  signaturesToVerify,
  type ApplyOptions,
  type LedgerConfig,
} from '../../src/ledger/index.js';
import { Statements, T0, at, harness } from '../../testkit/ledger.js';

function ok(state: LedgerState, bytes: Buffer, config: LedgerConfig, opts?: ApplyOptions): number {
  const index = state.size;
  applyInPlace(state, parseEntry(bytes), config, opts);
  assert.equal(state.size, index + 1);
  return index;
}

function rejects(state: LedgerState, bytes: Buffer, config: LedgerConfig, code: ErrorCode, opts?: ApplyOptions, match?: RegExp): void {
  const before = JSON.stringify(state.toJSON());
  assert.throws(
    () => applyInPlace(state, parseEntry(bytes), config, opts),
    (e) => {
      assert.ok(isSignetError(e), String(e));
      assert.equal(e.code, code, e.message);
      if (match) assert.match(e.message + ' ' + String(e.details.attack), match);
      return true;
    },
  );
  assert.equal(JSON.stringify(state.toJSON()), before, 'a rejected entry leaves the state unchanged');
}

function setup() {
  const h = harness();
  const st = new Statements(h.s);
  const state = new LedgerState();
  ok(state, st.vendor({ vendor: 'acme', keys: [['a1', 'full'], ['a2', 'full'], ['ci', 'release']], threshold: 2 }), h.config);
  ok(state, st.vendor({ vendor: 'beta', keys: [['b1', 'full']] }), h.config);
  return { ...h, st, state };
}

test('a release signed by a key of another vendor is refused (KEY_UNAUTHORIZED)', () => {
  const { st, state, config } = setup();
  rejects(state, st.release('acme/widget', '1.0.0', ['b1']), config, 'KEY_UNAUTHORIZED', undefined, /a key of another vendor/);
  ok(state, st.release('acme/widget', '1.0.0', ['ci']), config);
  assert.equal(state.release('acme/widget', 'v1.0.0')?.keyId, st.s.id('ci'));
});

test('a release signed by a revoked key is refused (KEY_REVOKED); keysOf reports the range', () => {
  const { st, state, config, s } = setup();
  ok(state, st.release('acme/widget', '1.0.0', ['ci']), config); // index 2: ci valid
  const j = ok(state, st.keyRevoke({ vendor: 'acme', key: 'ci', signers: ['a1', 'a2'], state }), config); // by threshold
  assert.equal(j, 3);
  rejects(state, st.release('acme/widget', '1.1.0', ['ci']), config, 'KEY_REVOKED', undefined, /revoked/);
  const ci = state.keysOf('acme').find((k) => k.id === s.id('ci'))!;
  assert.equal(ci.from, 0);
  assert.equal(ci.until, 3);
  assert.equal(state.keyValidAt('acme', ci.id, 2), true);
  assert.equal(state.keyValidAt('acme', ci.id, 3), false);
  assert.equal(state.currentKeys('acme').length, 2);
  // the earlier release stays valid: it was signed at index 2, inside [0, 3)
  const r = state.release('acme/widget', '1.0.0')!;
  assert.equal(state.keyValidAt('acme', r.keyId, r.index), true);
});

test('key-revoke: by the threshold of full keys, by the key itself, not by one full key', () => {
  const { st, state, config } = setup();
  rejects(state, st.keyRevoke({ vendor: 'acme', key: 'a2', signers: ['a1'], state }), config, 'DSSE_THRESHOLD_NOT_MET');
  rejects(state, st.keyRevoke({ vendor: 'acme', key: 'a2', signers: ['ci'], state }), config, 'KEY_UNAUTHORIZED', undefined, /release-only/);
  ok(state, st.keyRevoke({ vendor: 'acme', key: 'a2', signers: ['a2'], state }), config);
  rejects(state, st.keyRevoke({ vendor: 'acme', key: 'a2', signers: ['a1'], state }), config, 'KEY_REVOKED');
});

test('policy: the current threshold signs; the new threshold must be 1..full keys', () => {
  const { st, state, config } = setup();
  rejects(state, st.policy({ vendor: 'acme', threshold: 1, signers: ['a1'], state }), config, 'DSSE_THRESHOLD_NOT_MET');
  rejects(state, st.policy({ vendor: 'acme', threshold: 3, signers: ['a1', 'a2'], state }), config, 'THRESHOLD_INVALID');
  ok(state, st.policy({ vendor: 'acme', threshold: 1, signers: ['a1', 'a2'], state }), config);
  assert.equal(state.threshold('acme'), 1);
  assert.equal(state.vendor('acme')?.seq, 2);
});

test('replay protection: an old key-change statement can never be applied again', () => {
  const { st, state, config } = setup();
  const add = st.keyAdd({ vendor: 'acme', key: ['n1', 'full'], signers: ['a1', 'a2', 'n1'], state });
  ok(state, add, config);
  ok(state, st.keyRevoke({ vendor: 'acme', key: 'n1', signers: ['a1', 'a2'], state }), config);
  rejects(state, add, config, 'STATEMENT_REPLAYED', undefined, /replayed/);
  rejects(state, st.keyAdd({ vendor: 'acme', key: ['n1', 'full'], signers: ['a1', 'a2', 'n1'], state }), config, 'KEY_EXISTS');
  rejects(state, st.policy({ vendor: 'acme', threshold: 1, signers: ['a1', 'a2'], seq: 7 }), config, 'SEQUENCE_INVALID');
});

test('vendor claims: registry plus every listed key, unclaimed namespaces only, no registry key as vendor key', () => {
  const { st, state, config } = setup();
  rejects(state, st.vendor({ vendor: 'gamma', keys: [['g1', 'full']], signers: ['g1'] }), config, 'SIGNATURE_MISSING', undefined, /registry/);
  rejects(state, st.vendor({ vendor: 'gamma', keys: [['g1', 'full'], ['g2', 'release']], signers: ['registry', 'g1'] }), config, 'SIGNATURE_MISSING');
  rejects(state, st.vendor({ vendor: 'gamma', keys: [['registry', 'full']] }), config, 'KEY_UNAUTHORIZED');
  rejects(state, st.vendor({ vendor: 'gamma', keys: [['g1', 'full']], signers: ['core', 'g1'] }), config, 'KEY_UNAUTHORIZED', undefined, /core key/);
  rejects(state, st.vendor({ vendor: 'acme', keys: [['g1', 'full']] }), config, 'VENDOR_ALREADY_CLAIMED');
  rejects(state, st.vendor({ vendor: 'gamma', keys: [['g1', 'release']] }), config, 'THRESHOLD_INVALID');
  ok(state, st.vendor({ vendor: 'gamma', keys: [['g1', 'full']] }), config);
});

test('break-glass: only with the configured core key; recorded per vendor', () => {
  const { st, state, config } = setup();
  const bgAdd = st.keyAdd({ vendor: 'acme', key: ['rescue', 'full'], signers: ['core'], state, breakGlass: { reason: 'lost keys' } });
  const noCore: LedgerConfig = { registryKeys: config.registryKeys };
  rejects(state, bgAdd, noCore, 'BREAK_GLASS_KEY_INVALID', undefined, /no core key/);
  rejects(state, st.keyAdd({ vendor: 'acme', key: ['rescue', 'full'], signers: ['a1', 'a2', 'rescue'], state, breakGlass: { reason: 'x' } }), config, 'BREAK_GLASS_KEY_INVALID');
  const i = ok(state, bgAdd, config);
  ok(state, st.policy({ vendor: 'acme', threshold: 1, signers: ['core'], state, breakGlass: { reason: 'lower' } }), config);
  ok(state, st.keyRevoke({ vendor: 'acme', key: 'a1', signers: ['core'], state, breakGlass: { reason: 'stolen' } }), config);
  // break-glass claim of an unclaimed namespace
  ok(state, st.vendor({ vendor: 'orphan', keys: [['o1', 'full']], state, breakGlass: { reason: 'registry down' } }), config);
  assert.deepEqual(
    state.breakGlassActions('acme').map((a) => [a.kind, a.index, a.reason]),
    [['key-add', i, 'lost keys'], ['policy', i + 1, 'lower'], ['key-revoke', i + 2, 'stolen']],
  );
  assert.equal(state.breakGlassActions('orphan').length, 1);
  // a reset may not bring back a key the vendor had
  rejects(state, st.vendor({ vendor: 'acme', keys: [['a1', 'full']], state, breakGlass: { reason: 'reset' } }), config, 'KEY_EXISTS');
});

test('release-revoke and attestations', () => {
  const { st, state, config, s } = setup();
  rejects(state, st.releaseRevoke('acme/widget', '1.0.0', ['ci']), config, 'RELEASE_UNKNOWN');
  ok(state, st.release('acme/widget', '1.0.0', ['ci']), config);
  rejects(state, st.releaseRevoke('acme/widget', '1.0.0', ['b1']), config, 'KEY_UNAUTHORIZED', undefined, /another vendor/);
  ok(state, st.attestation('code-review', 'acme/widget', '1.0.0', 'r1'), config);
  ok(state, st.attestation('reproduced', 'acme/widget', '1.0.0', 'r1'), config);
  ok(state, st.attestation('reproduced', 'acme/widget', '1.0.0', 'r2'), config);
  rejects(state, st.attestation('reproduced', 'acme/widget', '1.0.0', 'r2'), config, 'STATEMENT_REPLAYED');
  rejects(state, st.attestation('reproduced', 'acme/widget', '1.0.0', 'r3', ['r3', 'r1']), config, 'KEY_UNAUTHORIZED');
  ok(state, st.releaseRevoke('acme/widget', '1.0.0', ['a1']), config);
  assert.equal(state.isReleaseRevoked('acme/widget', '1.0.0.0'), true);
  rejects(state, st.release('acme/widget', '1.0.0', ['a1']), config, 'RELEASE_EXISTS');
  const att = state.attestationsOf('acme/widget', '1.0.0');
  assert.deepEqual(att.map((a) => [a.attestation, a.keyId]), [['code-review', s.id('r1')], ['reproduced', s.id('r1')], ['reproduced', s.id('r2')]]);
});

test('TIME_SKEW is an admission rule: checked with `now`, not on replay', () => {
  const { st, state, config } = setup();
  const e = st.release('acme/widget', '1.0.0', ['ci']); // time T0
  rejects(state, e, config, 'TIME_SKEW', { now: at(301) });
  rejects(state, e, config, 'TIME_SKEW', { now: at(-301) });
  const copy = state.clone();
  ok(copy, e, config, { now: at(300) });
  ok(state, e, config); // no clock: replay
  assert.deepEqual(copy.toJSON(), state.toJSON());
});

test('signaturesToVerify and the verify oracle', () => {
  const { st, state, config, s } = setup();
  const e = parseEntry(st.keyAdd({ vendor: 'acme', key: ['n1', 'full'], signers: ['a1', 'a2', 'n1'], state }));
  const pairs = signaturesToVerify(state, e, config);
  assert.equal(pairs.length, 3);
  for (const p of pairs) assert.equal(p.publicKey.verify(e.pae, p.signature), true);
  // nothing to verify for an entry that fails on state alone
  assert.deepEqual(signaturesToVerify(state, parseEntry(st.release('zeta/x', '1.0.0', ['a1'])), config), []);
  // precomputed results are what count
  const calls: string[] = [];
  rejects(state, e.bytes, config, 'SIGNATURE_INVALID', { verify: (k) => (calls.push(k.raw.toString('hex')), false) });
  assert.equal(calls.length, 1);
  applyInPlace(state, e, config, { verify: () => true });
  assert.ok(state.key('acme', s.id('n1')));
});

test('apply is pure and clones are independent', () => {
  const { st, state, config } = setup();
  const before = JSON.stringify(state.toJSON());
  const next = apply(state, parseEntry(st.release('acme/widget', '1.0.0', ['ci'])), config);
  assert.equal(JSON.stringify(state.toJSON()), before);
  assert.equal(next.size, state.size + 1);
  const fork = next.clone();
  applyInPlace(next, parseEntry(st.release('acme/widget', '1.1.0', ['ci'])), config);
  applyInPlace(fork, parseEntry(st.attestation('reproduced', 'acme/widget', '1.0.0', 'r1')), config);
  assert.equal(fork.release('acme/widget', '1.1.0'), undefined);
  assert.equal(next.attestationsOf('acme/widget', '1.0.0').length, 0);
  assert.equal(fork.attestationsOf('acme/widget', '1.0.0').length, 1);
});

test('entryLookupKeys', () => {
  const { st, state } = setup();
  assert.deepEqual(entryLookupKeys(parseEntry(st.release('acme/widget', 'v1.2', ['ci']))), { vendor: 'acme', package: 'acme/widget', version: 'acme/widget@1.2.0.0' });
  assert.deepEqual(entryLookupKeys(parseEntry(st.policy({ vendor: 'acme', threshold: 1, signers: ['a1'], state }))), { vendor: 'acme' });
});

test('parseEntry: strict statement grammar with the field named', () => {
  const { s } = harness();
  const sign = (p: unknown, t: string = PAYLOAD_TYPES.policy) => signStatement(t, p, s.signers(['a1']));
  const base = { vendor: 'acme', threshold: 1, seq: 0, time: '2026-11-27T10:00:00Z' };
  const field = (bytes: Buffer, code: ErrorCode, f: string) =>
    assert.throws(() => parseEntry(bytes), (e) => isSignetError(e, code) && (e.details.evidence as { field?: string }).field === f);
  field(sign({ ...base, time: '2026-11-27T10:00:00.5Z' }), 'STATEMENT_INVALID', 'time');
  field(sign({ ...base, threshold: 0 }), 'STATEMENT_INVALID', 'threshold');
  field(sign({ ...base, threshold: 1.5 }), 'STATEMENT_INVALID', 'threshold');
  field(sign({ ...base, seq: -1 }), 'STATEMENT_INVALID', 'seq');
  field(sign({ ...base, breakGlass: { reason: '' } }), 'STATEMENT_INVALID', 'breakGlass.reason');
  field(sign({ ...base, breakGlass: { reason: 'x', by: 'me' } }), 'STATEMENT_INVALID', 'breakGlass.by');
  field(sign({ ...base, vendor: 'ACME' }), 'NAME_INVALID', 'vendor');
  const { threshold: _t, ...noThreshold } = base;
  field(sign(noThreshold), 'STATEMENT_INVALID', '$.threshold');
  field(sign({ vendor: 'acme', keyId: 'AB', reason: 'x', seq: 0, time: base.time }, PAYLOAD_TYPES['key-revoke']), 'STATEMENT_INVALID', 'keyId');
  field(sign({ vendor: 'acme', key: { id: '00', alg: 'ed25519', public: 'x', role: 'full' }, seq: 0, time: base.time }, PAYLOAD_TYPES['key-add']), 'STATEMENT_INVALID', 'key');
  field(sign({ vendor: 'acme', keyId: 'a'.repeat(64), reason: 'line\nbreak', seq: 0, time: base.time }, PAYLOAD_TYPES['key-revoke']), 'STATEMENT_INVALID', 'reason');
  const st = new Statements(s, T0);
  const rel = JSON.parse(Buffer.from((JSON.parse(st.release('acme/w', '1.0.0', ['a1']).toString()) as { payload: string }).payload, 'base64').toString()) as {
    predicate: Record<string, unknown>;
    subject: Array<{ digest: Record<string, string> }>;
  };
  field(sign({ ...rel, predicate: { ...rel.predicate, source: { type: 'git', url: 'u', reference: 'abc' } } }, PAYLOAD_TYPES.release), 'STATEMENT_INVALID', 'predicate.source.reference');
  field(sign({ ...rel, predicate: { ...rel.predicate, h1: 'h1:abc' } }, PAYLOAD_TYPES.release), 'STATEMENT_INVALID', 'predicate.h1');
  // h1 is "h1:" + the canonical base64 of exactly 32 bytes: every near miss is refused.
  const h1 = rel.predicate.h1 as string;
  const b64 = h1.slice(3);
  const lastBits = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.indexOf(b64[42]!);
  const nonCanonical = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'[lastBits | 1]!;
  for (const bad of [`h2:${b64}`, `h1:${b64.slice(0, 42)}${nonCanonical}=`, `h1:${b64.slice(0, 42)}==`, `h1:${b64.slice(0, 41)}-${b64[42]}=`, `h1:${b64}=`, `h1:${b64.slice(0, 43)}`, `h1:${b64.slice(0, 40)}=AAA`, `H1:${b64}`]) {
    field(sign({ ...rel, predicate: { ...rel.predicate, h1: bad } }, PAYLOAD_TYPES.release), 'STATEMENT_INVALID', 'predicate.h1');
  }
  field(sign({ ...rel, subject: [] }, PAYLOAD_TYPES.release), 'STATEMENT_INVALID', 'subject');
  field(sign({ ...rel, subject: [{ ...rel.subject[0], digest: { sha256: rel.subject[0]!.digest.sha256 } }] }, PAYLOAD_TYPES.release), 'STATEMENT_INVALID', 'subject[0].digest.sha1');
  field(sign({ ...rel, predicateType: 'https://example.com/other' }, PAYLOAD_TYPES.release), 'PAYLOAD_TYPE_UNKNOWN', 'predicateType');
  field(sign({ ...rel, predicate: { ...rel.predicate, package: 'acme' } }, PAYLOAD_TYPES.release), 'NAME_INVALID', 'predicate.package');
});

test('a version Composer takes for an already released one is the same release (RELEASE_EXISTS)', async () => {
  const { versionIdentity } = await import('../../src/ledger/names.js');
  assert.equal(versionIdentity('01.0.0.0'), versionIdentity('1.0.0.0'));
  assert.equal(versionIdentity('1.00.0.0'), versionIdentity('1.0.0.0'));
  assert.equal(versionIdentity('1.0.0.0-beta1.2'), versionIdentity('1.0.0.0-beta1-2'));
  assert.equal(versionIdentity('2024.01.05.0'), versionIdentity('2024.1.5.0'));
  assert.notEqual(versionIdentity('1.0.0.0'), versionIdentity('1.0.0.1'));
  assert.notEqual(versionIdentity('1.0.0.0-beta1'), versionIdentity('1.0.0.0-beta10'));
  assert.notEqual(versionIdentity('1.0.0.0-beta1'), versionIdentity('1.0.0.0-alpha1'));
  const { st, state, config } = setup();
  ok(state, st.release('acme/widget', '1.0', ['ci']), config);
  for (const v of ['01.0.0', '1.00', 'v1.0.0.0', '1.0.0']) rejects(state, st.release('acme/widget', v, ['ci']), config, 'RELEASE_EXISTS');
  ok(state, st.release('acme/widget', '1.0.0-beta1.2', ['ci']), config);
  rejects(state, st.release('acme/widget', '1.0.0-beta1-2', ['ci']), config, 'RELEASE_EXISTS');
  ok(state, st.release('acme/widget', '1.0.1', ['ci']), config);
});
