import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addSignature,
  decodePayload,
  envelopeBytes,
  MAX_ENVELOPE_BYTES,
  pae,
  parseEnvelope,
  parseEnvelopeValue,
  parsedEnvelopeText,
  readCanonicalEnvelope,
  signEnvelope,
  verifyEnvelope,
  type DsseEnvelope,
  type DsseSigner,
} from '../../src/crypto/dsse.js';
import { Ed25519PrivateKey, type Ed25519PublicKey } from '../../src/crypto/ed25519.js';
import { keyIdOf } from '../../src/crypto/keys.js';
import { canonicalJson } from '../../src/crypto/canonical.js';
import fc from 'fast-check';
import { isSignetError, SignetError, type ErrorCode } from '../../src/errors.js';

const code = (c: ErrorCode) => (e: unknown): boolean => isSignetError(e, c);

function signer(k: Ed25519PrivateKey, keyid = keyIdOf(k.publicKey)): DsseSigner {
  return { keyid, sign: (m) => k.sign(m) };
}

const k1 = Ed25519PrivateKey.fromSeed(Buffer.alloc(32, 1));
const k2 = Ed25519PrivateKey.fromSeed(Buffer.alloc(32, 2));
const k3 = Ed25519PrivateKey.fromSeed(Buffer.alloc(32, 3));
const keys = new Map<string, Ed25519PublicKey>([k1, k2, k3].map((k) => [keyIdOf(k.publicKey), k.publicKey]));
const TYPE = 'application/vnd.in-toto+json';
const PAYLOAD = Buffer.from('{"_type":"https://in-toto.io/Statement/v1"}');

describe('DSSE', () => {
  it('PAE matches the DSSE spec example', () => {
    assert.equal(
      pae('http://example.com/HelloWorld', Buffer.from('hello world')).toString('latin1'),
      'DSSEv1 29 http://example.com/HelloWorld 11 hello world',
    );
  });

  it('PAE lengths are UTF-8 byte lengths, and an empty payload is allowed', () => {
    assert.deepEqual(pae('é', Buffer.alloc(0)), Buffer.from('DSSEv1 2 é 0 ', 'utf8'));
    assert.deepEqual(pae('t', Buffer.from([0, 0xff])), Buffer.concat([Buffer.from('DSSEv1 1 t 2 '), Buffer.from([0, 0xff])]));
  });

  it('signatures are Ed25519 over the PAE', () => {
    const env = signEnvelope(TYPE, PAYLOAD, [signer(k1)]);
    assert.equal(env.payload, PAYLOAD.toString('base64'));
    const sig = Buffer.from(env.signatures[0]?.sig as string, 'base64');
    assert.equal(k1.publicKey.verify(pae(TYPE, PAYLOAD), sig), true);
    assert.equal(k1.publicKey.verify(PAYLOAD, sig), false);
  });

  it('sign, serialise canonically, parse, verify', () => {
    const env = signEnvelope(TYPE, PAYLOAD, [signer(k1), signer(k2)]);
    const bytes = envelopeBytes(env);
    assert.ok(bytes.toString().startsWith('{"payload":"'), 'keys sorted');
    const back = parseEnvelope(bytes);
    assert.deepEqual(back, env);
    assert.deepEqual(envelopeBytes(back), bytes);
    const v = verifyEnvelope(back, keys, 2);
    assert.deepEqual(v.payload, PAYLOAD);
    assert.equal(v.payloadType, TYPE);
    assert.deepEqual(v.verifiedKeyIds, [keyIdOf(k1.publicKey), keyIdOf(k2.publicKey)]);
    assert.deepEqual(decodePayload(back), PAYLOAD);
  });

  it('threshold not met reports expected and got counts', () => {
    const env = signEnvelope(TYPE, PAYLOAD, [signer(k1)]);
    assert.throws(() => verifyEnvelope(env, keys, 2), (e: unknown) => {
      assert.ok(isSignetError(e, 'DSSE_THRESHOLD_NOT_MET'));
      assert.equal((e as SignetError).details.expected, '2 distinct trusted key(s)');
      assert.equal((e as SignetError).details.got, '1');
      return true;
    });
    assert.throws(() => verifyEnvelope(env, keys, 0), code('USAGE'));
  });

  it('the same key counts once, whether repeated or listed under two keyids', () => {
    const twice = signEnvelope(TYPE, PAYLOAD, [signer(k1), signer(k1)]);
    assert.throws(() => verifyEnvelope(twice, keys, 2), code('DSSE_THRESHOLD_NOT_MET'));
    const alias = new Map(keys);
    alias.set('alias-of-k1', k1.publicKey);
    const twoIds = signEnvelope(TYPE, PAYLOAD, [signer(k1), signer(k1, 'alias-of-k1')]);
    assert.throws(() => verifyEnvelope(twoIds, alias, 2), code('DSSE_THRESHOLD_NOT_MET'));
    assert.deepEqual(verifyEnvelope(twoIds, alias, 1).verifiedKeyIds, [keyIdOf(k1.publicKey)]);
  });

  it('unknown keyids and invalid signatures are ignored, and reported when the threshold fails', () => {
    const outsider = Ed25519PrivateKey.generate();
    const forged = signer(k2); // claims k2's keyid, signs with the outsider key
    const env = signEnvelope(TYPE, PAYLOAD, [signer(outsider), { keyid: forged.keyid, sign: (m) => outsider.sign(m) }, signer(k1)]);
    assert.deepEqual(verifyEnvelope(env, keys, 1).verifiedKeyIds, [keyIdOf(k1.publicKey)]);
    assert.throws(() => verifyEnvelope(env, keys, 2), (e: unknown) => {
      assert.ok(isSignetError(e, 'DSSE_THRESHOLD_NOT_MET'));
      const ev = (e as SignetError).details.evidence ?? {};
      assert.deepEqual(ev.invalidSignatureKeyIds, [keyIdOf(k2.publicKey)]);
      assert.deepEqual(ev.unknownKeyIds, [keyIdOf(outsider.publicKey)]);
      return true;
    });
  });

  it('a tampered payload or payload type fails', () => {
    const env = signEnvelope(TYPE, PAYLOAD, [signer(k1)]);
    const payload: DsseEnvelope = { ...env, payload: Buffer.from('{"_type":"evil"}').toString('base64') };
    assert.throws(() => verifyEnvelope(payload, keys), code('DSSE_THRESHOLD_NOT_MET'));
    const type: DsseEnvelope = { ...env, payloadType: 'application/json' };
    assert.throws(() => verifyEnvelope(type, keys), code('DSSE_THRESHOLD_NOT_MET'));
  });

  it('addSignature appends without changing the input', () => {
    const env = signEnvelope(TYPE, PAYLOAD, [signer(k1)]);
    const two = addSignature(env, signer(k2));
    assert.equal(env.signatures.length, 1);
    assert.equal(two.signatures.length, 2);
    assert.equal(verifyEnvelope(two, keys, 2).verifiedKeyIds.length, 2);
  });

  it('oversize envelopes are rejected on parse and on signing', () => {
    const env = signEnvelope(TYPE, PAYLOAD, [signer(k1)]);
    const padded = JSON.stringify(env) + ' '.repeat(MAX_ENVELOPE_BYTES);
    assert.throws(() => parseEnvelope(padded), code('ENTRY_TOO_LARGE'));
    assert.throws(() => signEnvelope(TYPE, Buffer.alloc(50000), [signer(k1)]), code('ENTRY_TOO_LARGE'));
    // Exactly at the limit is fine.
    const exact = JSON.stringify(env);
    const atLimit = exact + ' '.repeat(MAX_ENVELOPE_BYTES - Buffer.byteLength(exact));
    assert.equal(Buffer.byteLength(atLimit), MAX_ENVELOPE_BYTES);
    assert.deepEqual(parseEnvelope(atLimit), env);
  });

  it('parseEnvelope is strict about fields and encodings', () => {
    const env = signEnvelope(TYPE, PAYLOAD, [signer(k1)]);
    const sig = env.signatures[0] as { keyid: string; sig: string };
    const bad: unknown[] = [
      [],
      'x',
      { ...env, extra: 1 },
      { payloadType: TYPE, payload: env.payload },
      { ...env, payloadType: '' },
      { ...env, payloadType: 7 },
      { ...env, payload: env.payload.replace(/=+$/, '') },
      { ...env, payload: 'a b=' },
      { ...env, payload: 'eyJ9' + '!' },
      { ...env, signatures: [] },
      { ...env, signatures: {} },
      { ...env, signatures: Array.from({ length: 101 }, () => sig) },
      { ...env, signatures: [{ keyid: sig.keyid }] },
      { ...env, signatures: [{ ...sig, extra: true }] },
      { ...env, signatures: [{ ...sig, keyid: 1 }] },
      { ...env, signatures: [{ ...sig, sig: '' }] },
      { ...env, signatures: [{ ...sig, sig: 'not base64' }] },
    ];
    for (const b of bad) assert.throws(() => parseEnvelope(JSON.stringify(b)), code('DSSE_MALFORMED'), JSON.stringify(b).slice(0, 100));
    assert.throws(() => parseEnvelope('{"payloadType":'), code('DSSE_MALFORMED'));
    // Lone surrogates have no UTF-8 form, so no canonical bytes: refuse them at parse time.
    const lone = JSON.stringify({ ...env, payloadType: 'x' }).replace('"payloadType":"x"', '"payloadType":"\\ud800"');
    assert.throws(() => parseEnvelope(lone), code('DSSE_MALFORMED'));
    const loneId = JSON.stringify(env).replace(`"keyid":"${sig.keyid}"`, '"keyid":"\\udc00"');
    assert.throws(() => parseEnvelope(loneId), code('DSSE_MALFORMED'));
    assert.equal(parseEnvelope(JSON.stringify({ ...env, signatures: Array.from({ length: 100 }, () => sig) })).signatures.length, 100);
  });
});

describe('parsedEnvelopeText', () => {
  it('is the RFC 8785 text of every envelope parseEnvelopeValue accepts, whatever its strings hold', () => {
    const b64 = fc.uint8Array({ minLength: 0, maxLength: 90 }).map((b) => Buffer.from(b).toString('base64'));
    const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 });
    const envelope = fc.record({
      payload: b64,
      payloadType: fc.oneof(text, fc.constantFrom('application/vnd.in-toto+json', 'a"b\\c\u0001\n', 'é\u2028')),
      signatures: fc.array(fc.record({ keyid: fc.oneof(text, fc.constant('')), sig: b64.filter((s) => s !== '') }), { minLength: 1, maxLength: 4 }),
    });
    fc.assert(
      fc.property(envelope, (env) => {
        const parsed = parseEnvelopeValue(JSON.parse(JSON.stringify(env)) as unknown).envelope;
        assert.equal(parsedEnvelopeText(parsed), canonicalJson(env));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('readCanonicalEnvelope', () => {
  const b64 = fc.uint8Array({ minLength: 0, maxLength: 90 }).map((b) => Buffer.from(b).toString('base64'));
  const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 });
  const plain = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).filter((c) => c !== 0x22 && c !== 0x5c).map((c) => String.fromCharCode(c)), maxLength: 12 });
  const envelopeOf = (str: fc.Arbitrary<string>): fc.Arbitrary<DsseEnvelope> =>
    fc.record({
      payload: b64,
      payloadType: str.filter((t) => t !== ''),
      signatures: fc.array(fc.record({ keyid: str, sig: b64.filter((x) => x !== '') }), { minLength: 1, maxLength: 4 }),
    });
  /** What the full path makes of `bytes`: the parsed envelope if they are its canonical text, else undefined. */
  const slow = (bytes: Buffer): { envelope: DsseEnvelope; payload: Buffer } | undefined => {
    try {
      const textIn = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
      const parsed = parseEnvelopeValue(JSON.parse(textIn) as unknown);
      return parsedEnvelopeText(parsed.envelope) === textIn ? parsed : undefined;
    } catch {
      return undefined;
    }
  };

  it('reads every canonical envelope whose strings need no escape, as the full path does', () => {
    fc.assert(
      fc.property(envelopeOf(plain), (env) => {
        const bytes = envelopeBytes(env);
        assert.deepEqual(readCanonicalEnvelope(bytes), slow(bytes));
        assert.notEqual(readCanonicalEnvelope(bytes), undefined);
      }),
      { numRuns: 2000 },
    );
  });

  it('never reads what the full path would not, nor reads it otherwise (any strings, any one-byte change)', () => {
    const edit = fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }), kind: fc.constantFrom('set', 'insert', 'delete', 'none') });
    fc.assert(
      fc.property(envelopeOf(fc.oneof(text, plain)), edit, (env, e) => {
        const canonical = envelopeBytes(env);
        const at = e.at % (canonical.length + 1);
        const bytes =
          e.kind === 'set' && at < canonical.length
            ? Buffer.concat([canonical.subarray(0, at), Buffer.from([e.byte]), canonical.subarray(at + 1)])
            : e.kind === 'insert'
              ? Buffer.concat([canonical.subarray(0, at), Buffer.from([e.byte]), canonical.subarray(at)])
              : e.kind === 'delete' && at < canonical.length
                ? Buffer.concat([canonical.subarray(0, at), canonical.subarray(at + 1)])
                : canonical;
        const fast = readCanonicalEnvelope(bytes);
        if (fast !== undefined) assert.deepEqual(fast, slow(bytes));
      }),
      { numRuns: 5000 },
    );
  });

  it('leaves to the full path the forms it does not read', () => {
    const env = signEnvelope('application/vnd.in-toto+json', Buffer.from('{"a":1}'), [signer(k1), signer(k2)]);
    const bytes = envelopeBytes(env);
    assert.deepEqual(readCanonicalEnvelope(bytes)?.envelope, env);
    const text = bytes.toString('utf8');
    const forms = {
      'a space': text.replace('","payloadType"', '", "payloadType"'),
      'keys out of order': JSON.stringify({ payloadType: env.payloadType, payload: env.payload, signatures: env.signatures }),
      'an escaped keyid': text.replace(`"keyid":"${env.signatures[0]!.keyid}"`, '"keyid":"a\\"b"'),
      'a non-ASCII keyid': text.replace(`"keyid":"${env.signatures[0]!.keyid}"`, '"keyid":"é"'),
      'non-canonical base64': text.replace(`"payload":"${env.payload}"`, `"payload":"${env.payload.slice(0, -2)}x="`),
      'base64url': text.replace(`"payload":"${env.payload}"`, `"payload":"${env.payload.replace(/.$/, '_')}"`),
      'no signature': text.replace(/"signatures":\[.*\]/, '"signatures":[]'),
      'a trailing byte': text + ' ',
      'a BOM': '\ufeff' + text,
      'an extra field': text.replace('"sig":', '"x":"y","sig":'),
    };
    for (const [what, form] of Object.entries(forms)) {
      assert.notEqual(form, text, what);
      assert.equal(readCanonicalEnvelope(Buffer.from(form, 'utf8')), undefined, what);
    }
    const many = { ...env, signatures: Array.from({ length: 101 }, () => env.signatures[0]!) };
    assert.equal(readCanonicalEnvelope(Buffer.from(JSON.stringify(many))), undefined, '101 signatures');
  });
});
