/**
 * DSSE v1 envelopes (https://github.com/secure-systems-lab/dsse): signatures over the
 * Pre-Authentication Encoding of (payloadType, payload). The log stores each envelope as RFC 8785
 * canonical JSON of at most 65,535 bytes (DESIGN.md format 5).
 */
import { SignetError } from '../errors.js';
import { decodeCanonicalBase64, isCanonicalBase64 } from './base64.js';
import { canonicalJsonBytes, parseJsonBounded } from './canonical.js';
import type { Ed25519PublicKey } from './ed25519.js';
import { isWellFormedUnicode } from './text.js';

export interface DsseSignature {
  keyid: string;
  /** Standard base64 of the signature bytes. */
  sig: string;
}

export interface DsseEnvelope {
  payloadType: string;
  /** Standard base64 of the payload bytes. */
  payload: string;
  signatures: DsseSignature[];
}

export interface DsseSigner {
  keyid: string;
  sign(message: Uint8Array): Uint8Array;
}

export const MAX_ENVELOPE_BYTES = 65535;
export const MAX_ENVELOPE_SIGNATURES = 100;

/** "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, LEN = ASCII decimal byte length. */
export function pae(payloadType: string, payload: Uint8Array): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${type.length} `, 'ascii'),
    type,
    Buffer.from(` ${payload.byteLength} `, 'ascii'),
    payload,
  ]);
}

function checkSize(env: DsseEnvelope): void {
  const n = canonicalJsonBytes(env).length;
  if (n > MAX_ENVELOPE_BYTES) {
    throw new SignetError('ENTRY_TOO_LARGE', `the signed envelope would be ${n} bytes, over the log's limit of ${MAX_ENVELOPE_BYTES}`, {
      expected: `at most ${MAX_ENVELOPE_BYTES} bytes of canonical JSON`,
      got: `${n} bytes`,
      hint: 'make the statement smaller',
    });
  }
}

function checkPayloadType(payloadType: string): void {
  if (typeof payloadType !== 'string' || payloadType === '' || !isWellFormedUnicode(payloadType)) {
    throw new SignetError('DSSE_MALFORMED', 'the DSSE payloadType must be a non-empty string', {
      expected: 'a media type such as application/vnd.in-toto+json',
      got: JSON.stringify(payloadType),
    });
  }
}

function signatureOf(payloadType: string, payload: Uint8Array, signer: DsseSigner): DsseSignature {
  if (typeof signer.keyid !== 'string') {
    throw new SignetError('DSSE_MALFORMED', 'a DSSE signer must have a string keyid', { expected: 'a string', got: typeof signer.keyid });
  }
  return { keyid: signer.keyid, sig: Buffer.from(signer.sign(pae(payloadType, payload))).toString('base64') };
}

export function signEnvelope(payloadType: string, payload: Uint8Array, signers: readonly DsseSigner[]): DsseEnvelope {
  checkPayloadType(payloadType);
  if (signers.length === 0 || signers.length > MAX_ENVELOPE_SIGNATURES) {
    throw new SignetError('USAGE', 'a DSSE envelope needs between 1 and 100 signers', {
      expected: `1..${MAX_ENVELOPE_SIGNATURES} signers`,
      got: String(signers.length),
    });
  }
  const env: DsseEnvelope = {
    payloadType,
    payload: Buffer.from(payload).toString('base64'),
    signatures: signers.map((s) => signatureOf(payloadType, payload, s)),
  };
  checkSize(env);
  return env;
}

/** A new envelope with `signer`'s signature appended (the input is not modified). */
export function addSignature(env: DsseEnvelope, signer: DsseSigner): DsseEnvelope {
  checkPayloadType(env.payloadType);
  const payload = decodePayload(env);
  if (env.signatures.length >= MAX_ENVELOPE_SIGNATURES) {
    throw new SignetError('DSSE_MALFORMED', 'the envelope already has the maximum number of signatures', {
      expected: `at most ${MAX_ENVELOPE_SIGNATURES} signatures`,
      got: `${env.signatures.length + 1}`,
    });
  }
  const out: DsseEnvelope = {
    payloadType: env.payloadType,
    payload: env.payload,
    signatures: [...env.signatures.map((s) => ({ keyid: s.keyid, sig: s.sig })), signatureOf(env.payloadType, payload, signer)],
  };
  checkSize(out);
  return out;
}

function malformed(message: string, expected: string, got: string): SignetError {
  return new SignetError('DSSE_MALFORMED', `malformed DSSE envelope: ${message}`, { expected, got });
}

function exactFields(o: object, fields: readonly string[], where: string): void {
  // The usual case, checked without building arrays: every key is a field, and every field is present.
  let count = 0;
  let known = true;
  for (const k in o) {
    count++;
    if (!fields.includes(k)) known = false;
  }
  if (known && count === fields.length) return;
  const keys = Object.keys(o);
  const extra = keys.filter((k) => !fields.includes(k));
  const missing = fields.filter((f) => !keys.includes(f));
  if (extra.length > 0 || missing.length > 0) {
    throw malformed(
      `${where} must have exactly the fields ${fields.join(', ')}`,
      fields.join(', '),
      [missing.length > 0 ? `missing ${missing.join(', ')}` : '', extra.length > 0 ? `unexpected ${extra.join(', ')}` : '']
        .filter(Boolean)
        .join('; '),
    );
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses an envelope from untrusted JSON text, strictly. */
export function parseEnvelope(input: Uint8Array | string): DsseEnvelope {
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (size > MAX_ENVELOPE_BYTES) {
    throw new SignetError('ENTRY_TOO_LARGE', `the DSSE envelope is ${size} bytes, over the limit of ${MAX_ENVELOPE_BYTES}`, {
      expected: `at most ${MAX_ENVELOPE_BYTES} bytes`,
      got: `${size} bytes`,
    });
  }
  let json: unknown;
  try {
    json = parseJsonBounded(input, MAX_ENVELOPE_BYTES);
  } catch (e) {
    throw new SignetError('DSSE_MALFORMED', `malformed DSSE envelope: ${e instanceof Error ? e.message : String(e)}`, {
      expected: 'a JSON object {payloadType, payload, signatures}',
      got: 'text that is not JSON',
      cause: e,
    });
  }
  return parseEnvelopeValue(json).envelope;
}

/**
 * The envelope in already-parsed JSON, strictly: exactly its fields, a well-formed payloadType and
 * keyids, payload and signatures in canonical standard base64. Also returns the decoded payload.
 */
export function parseEnvelopeValue(json: unknown): { envelope: DsseEnvelope; payload: Buffer } {
  if (!isObject(json)) throw malformed('not a JSON object', 'an object', Array.isArray(json) ? 'an array' : typeof json);
  exactFields(json, ['payloadType', 'payload', 'signatures'], 'the envelope');
  const { payloadType, payload, signatures } = json;
  if (typeof payloadType !== 'string' || payloadType === '' || !isWellFormedUnicode(payloadType)) {
    throw malformed('payloadType must be a non-empty string of valid Unicode', 'a non-empty string', JSON.stringify(payloadType));
  }
  const payloadBytes = typeof payload === 'string' ? decodeCanonicalBase64(payload) : undefined;
  if (typeof payload !== 'string' || payloadBytes === undefined) {
    throw malformed('payload must be canonical standard base64 (with padding)', 'standard base64', typeof payload === 'string' ? `${JSON.stringify(payload.slice(0, 40))}…` : typeof payload);
  }
  if (!Array.isArray(signatures) || signatures.length < 1 || signatures.length > MAX_ENVELOPE_SIGNATURES) {
    throw malformed(
      `signatures must be an array of 1 to ${MAX_ENVELOPE_SIGNATURES} entries`,
      `1..${MAX_ENVELOPE_SIGNATURES} signatures`,
      Array.isArray(signatures) ? `${signatures.length} signatures` : typeof signatures,
    );
  }
  const sigs: DsseSignature[] = signatures.map((s: unknown, i: number) => {
    if (!isObject(s)) throw malformed(`signature ${i} is not an object`, '{keyid, sig}', typeof s);
    exactFields(s, ['keyid', 'sig'], `signature ${i}`);
    if (typeof s.keyid !== 'string' || !isWellFormedUnicode(s.keyid)) {
      throw malformed(`signature ${i}: keyid must be a string of valid Unicode`, 'a string', JSON.stringify(s.keyid));
    }
    if (typeof s.sig !== 'string' || s.sig === '' || !isCanonicalBase64(s.sig)) {
      throw malformed(`signature ${i}: sig must be non-empty canonical standard base64`, 'standard base64', JSON.stringify(s.sig));
    }
    return { keyid: s.keyid, sig: s.sig };
  });
  return { envelope: { payloadType, payload, signatures: sigs }, payload: payloadBytes };
}

/**
 * The RFC 8785 text of an envelope that parseEnvelopeValue accepted, written out directly: its keys
 * in canonical order (payload < payloadType < signatures; keyid < sig), its strings (well formed, so
 * JSON.stringify escapes them exactly as RFC 8785 does; the base64 ones need no escaping). Equal to
 * canonicalJson of the envelope, which the tests check; only for envelopes whose strings were
 * validated by parseEnvelopeValue.
 */
export function parsedEnvelopeText(env: DsseEnvelope): string {
  let sigs = '';
  for (const s of env.signatures) sigs += `${sigs === '' ? '' : ','}{"keyid":${JSON.stringify(s.keyid)},"sig":"${s.sig}"}`;
  return `{"payload":"${env.payload}","payloadType":${JSON.stringify(env.payloadType)},"signatures":[${sigs}]}`;
}

/**
 * The envelope in `bytes`, read straight from them when they have the simplest canonical form:
 * `{"payload":"B64","payloadType":"S","signatures":[{"keyid":"S","sig":"B64"},…]}` with every string
 * printable ASCII without `"` or `\` (no escape: such a string is its own RFC 8785 text) and the base64
 * canonical. Then the bytes are the canonical JSON of the envelope parseEnvelopeValue would return, so
 * the result is the same as parsing them and comparing with parsedEnvelopeText, without decoding the
 * text, building the JSON tree or writing the text again: a log and a sync read every entry, and this
 * was a quarter of what parsing one allocated. Anything else (another form, an error to name) gives
 * undefined, and the caller takes the full path.
 */
export function readCanonicalEnvelope(bytes: Buffer): { envelope: DsseEnvelope; payload: Buffer } | undefined {
  let at = literal(bytes, 0, ENV_HEAD);
  if (at < 0) return undefined;
  const payloadEnd = bytes.indexOf(QUOTE, at);
  if (payloadEnd < 0) return undefined;
  const payload = bytes.toString('latin1', at, payloadEnd);
  const payloadBytes = decodeCanonicalBase64(payload);
  if (payloadBytes === undefined) return undefined;
  at = literal(bytes, payloadEnd, ENV_TYPE);
  const typeEnd = at < 0 ? -1 : plainString(bytes, at);
  if (typeEnd <= at) return undefined; // not plain, or empty
  const payloadType = bytes.toString('latin1', at, typeEnd);
  at = literal(bytes, typeEnd, ENV_SIGS);
  const signatures: DsseSignature[] = [];
  while (at >= 0) {
    at = literal(bytes, at, signatures.length === 0 ? SIG_HEAD : SIG_NEXT);
    const keyidEnd = at < 0 ? -1 : plainString(bytes, at);
    if (keyidEnd < 0) return undefined;
    const keyid = bytes.toString('latin1', at, keyidEnd);
    at = literal(bytes, keyidEnd, SIG_SIG);
    const sigEnd = at < 0 ? -1 : bytes.indexOf(QUOTE, at);
    if (sigEnd <= at) return undefined;
    const sig = bytes.toString('latin1', at, sigEnd);
    if (!isCanonicalBase64(sig)) return undefined;
    signatures.push({ keyid, sig });
    if (signatures.length > MAX_ENVELOPE_SIGNATURES) return undefined;
    // `"}` then `,{…}` for another signature, or `]}` and the end.
    at = literal(bytes, sigEnd, SIG_END);
    if (at < 0) return undefined;
    if (at + ENV_END.length === bytes.length && literal(bytes, at, ENV_END) === bytes.length) {
      return { envelope: { payloadType, payload, signatures }, payload: payloadBytes };
    }
  }
  return undefined;
}

const QUOTE = 0x22;
const ENV_HEAD = Buffer.from('{"payload":"');
const ENV_TYPE = Buffer.from('","payloadType":"');
const ENV_SIGS = Buffer.from('","signatures":[');
const SIG_HEAD = Buffer.from('{"keyid":"');
const SIG_NEXT = Buffer.from(',{"keyid":"');
const SIG_SIG = Buffer.from('","sig":"');
const SIG_END = Buffer.from('"}');
const ENV_END = Buffer.from(']}');

/** The position after `lit` if `bytes` holds it at `at`, else -1. */
function literal(bytes: Buffer, at: number, lit: Buffer): number {
  if (at < 0 || at + lit.length > bytes.length) return -1;
  for (let i = 0; i < lit.length; i++) if (bytes[at + i] !== lit[i]) return -1;
  return at + lit.length;
}

/** The position of the `"` ending a string of printable ASCII other than `\` from `at`, else -1. */
function plainString(bytes: Buffer, at: number): number {
  for (let i = at; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c === QUOTE) return i;
    if (c < 0x20 || c > 0x7e || c === 0x5c) return -1;
  }
  return -1;
}

/** RFC 8785 canonical JSON bytes of the envelope: the form the log stores as an entry. */
export function envelopeBytes(env: DsseEnvelope): Buffer {
  // Built in canonical key order, so canonicalJson takes its JSON.stringify fast path.
  return canonicalJsonBytes({
    payload: env.payload,
    payloadType: env.payloadType,
    signatures: env.signatures.map((s) => ({ keyid: s.keyid, sig: s.sig })),
  });
}

export function decodePayload(env: DsseEnvelope): Buffer {
  const b = decodeCanonicalBase64(env.payload);
  if (b === undefined) {
    throw malformed('payload is not canonical standard base64', 'standard base64', JSON.stringify(env.payload.slice(0, 40)));
  }
  return b;
}

export interface DsseVerification {
  payload: Buffer;
  payloadType: string;
  /** Distinct keys that signed, each once (the first keyid under which it verified). */
  verifiedKeyIds: string[];
}

/**
 * Verifies that at least `threshold` distinct keys from `keys` signed the envelope. Signatures by
 * unknown keyids, and invalid signatures, are ignored (DSSE) but reported if the threshold is missed.
 */
export function verifyEnvelope(
  env: DsseEnvelope,
  keys: ReadonlyMap<string, Ed25519PublicKey>,
  threshold = 1,
): DsseVerification {
  if (!Number.isSafeInteger(threshold) || threshold < 1) {
    throw new SignetError('USAGE', 'the signature threshold must be a positive integer', {
      expected: 'an integer ≥ 1',
      got: String(threshold),
    });
  }
  checkPayloadType(env.payloadType);
  const payload = decodePayload(env);
  const message = pae(env.payloadType, payload);
  const verifiedKeys = new Set<string>();
  const verifiedKeyIds: string[] = [];
  const invalid: string[] = [];
  const unknown: string[] = [];
  for (const s of env.signatures) {
    const pub = keys.get(s.keyid);
    if (pub === undefined) {
      unknown.push(s.keyid);
      continue;
    }
    const sig = decodeCanonicalBase64(s.sig);
    if (sig === undefined || !pub.verify(message, sig)) {
      invalid.push(s.keyid);
      continue;
    }
    const k = pub.raw.toString('hex');
    if (verifiedKeys.has(k)) continue;
    verifiedKeys.add(k);
    verifiedKeyIds.push(s.keyid);
  }
  if (verifiedKeyIds.length < threshold) {
    throw new SignetError(
      'DSSE_THRESHOLD_NOT_MET',
      `the envelope has valid signatures by ${verifiedKeyIds.length} distinct trusted key(s); ${threshold} required`,
      {
        expected: `${threshold} distinct trusted key(s)`,
        got: `${verifiedKeyIds.length}`,
        attack:
          invalid.length > 0
            ? 'an altered envelope (payload or type changed after signing) or a forged signature'
            : 'a statement not signed by the keys it needs',
        evidence: {
          verifiedKeyIds,
          invalidSignatureKeyIds: invalid,
          unknownKeyIds: unknown,
          trustedKeyIds: [...keys.keys()],
        },
      },
    );
  }
  return { payload, payloadType: env.payloadType, verifiedKeyIds };
}
