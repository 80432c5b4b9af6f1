/**
 * Log entries: untrusted bytes → a typed entry (size cap, canonical JSON, DSSE, payload grammar), and
 * the reverse for signers. No signature is checked here; that needs the ledger state (rules.ts).
 */
import { SignetError, isSignetError } from '../errors.js';
import { canonicalJson, canonicalJsonBytes, isCanonicalParsedText, parseJsonText } from '../crypto/canonical.js';
import {
  MAX_ENVELOPE_BYTES,
  envelopeBytes,
  pae,
  parseEnvelopeValue,
  parsedEnvelopeText,
  readCanonicalEnvelope,
  signEnvelope,
  type DsseEnvelope,
  type DsseSignature,
  type DsseSigner,
} from '../crypto/dsse.js';
import type { Ed25519PrivateKey } from '../crypto/ed25519.js';
import { keyIdOf } from '../crypto/keys.js';
import { vendorOf } from './names.js';
import { parseStatement, type Statement } from './statements.js';

export interface Entry {
  /** The exact entry bytes (canonical JSON of the envelope). */
  readonly bytes: Buffer;
  /**
   * The envelope's signatures. The envelope itself is `bytes`: a parsed entry does not keep its base64
   * payload (half of its memory), since a log or a sync holds thousands of entries between parsing and
   * replay, and every one of them is copied by each young-generation collection meanwhile.
   */
  readonly signatures: readonly DsseSignature[];
  readonly payloadType: string;
  readonly statement: Statement;
  /** DSSE PAE(payloadType, payload): the message every signature covers. */
  readonly pae: Buffer;
}

function toBuffer(b: Uint8Array): Buffer {
  return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

/** Parses untrusted bytes into a typed entry (size cap, canonical JSON, DSSE, payload grammar); no signature checks. */
export function parseEntry(bytes: Uint8Array): Entry {
  if (!(bytes instanceof Uint8Array)) {
    throw new SignetError('ENTRY_NOT_JSON', 'an entry must be bytes', { expected: 'a Uint8Array', got: typeof bytes });
  }
  const buf = toBuffer(bytes);
  if (buf.length > MAX_ENVELOPE_BYTES) {
    throw new SignetError('ENTRY_TOO_LARGE', `the entry is ${buf.length} bytes, over the log's limit of ${MAX_ENVELOPE_BYTES}`, {
      expected: `at most ${MAX_ENVELOPE_BYTES} bytes`,
      got: `${buf.length} bytes`,
    });
  }
  // The usual entry is read straight from its bytes (readCanonicalEnvelope); any other goes the full
  // way, which also names what is wrong: one decoding and one JSON.parse per layer, each canonical check
  // comparing the input text with the canonical text of what was parsed from it (equal texts ⇔ equal
  // bytes: the decoding is strict UTF-8).
  const { envelope, payload } = readCanonicalEnvelope(buf) ?? parseEnvelopeSlowly(buf);
  let statementJson: { text: string; value: unknown };
  try {
    statementJson = parseJsonText(payload, MAX_ENVELOPE_BYTES);
  } catch (e) {
    throw new SignetError('STATEMENT_INVALID', 'invalid statement: the DSSE payload is not JSON', {
      expected: 'UTF-8 JSON',
      got: `${payload.length} bytes`,
      evidence: { field: 'payload' },
      cause: e,
    });
  }
  if (nestedDeeperThan(statementJson.value, MAX_STATEMENT_DEPTH)) {
    // Before the canonical checks, which recurse: a payload of thousands of nested arrays would
    // otherwise overflow the stack (a RangeError, not a verdict). No statement nests half this deep.
    throw new SignetError('STATEMENT_INVALID', `invalid statement: the DSSE payload nests deeper than ${MAX_STATEMENT_DEPTH} levels`, {
      expected: `JSON nested at most ${MAX_STATEMENT_DEPTH} levels deep`,
      got: 'deeper',
      evidence: { field: 'payload' },
    });
  }
  if (!isCanonicalParsedText(statementJson.value, statementJson.text)) checkCanonicalPayload(statementJson, payload.length);
  const statement = parseStatement(envelope.payloadType, statementJson.value);
  return { bytes: buf, signatures: envelope.signatures, payloadType: envelope.payloadType, statement, pae: pae(envelope.payloadType, payload) };
}

/** Deepest nesting of objects and arrays a payload may have (PROTOCOL §1, row 5). */
export const MAX_STATEMENT_DEPTH = 32;

/** Whether parsed JSON nests objects or arrays more than `limit` levels deep; recursion stops at the limit. */
function nestedDeeperThan(v: unknown, limit: number): boolean {
  if (typeof v !== 'object' || v === null) return false;
  if (limit === 0) return true;
  if (Array.isArray(v)) {
    for (const x of v) if (nestedDeeperThan(x, limit - 1)) return true;
    return false;
  }
  for (const k in v) if (nestedDeeperThan((v as Record<string, unknown>)[k], limit - 1)) return true;
  return false;
}

/** The envelope of an entry that readCanonicalEnvelope could not read: parsed in full, with the error that names the fault. */
function parseEnvelopeSlowly(buf: Buffer): { envelope: DsseEnvelope; payload: Buffer } {
  let envelopeJson: { text: string; value: unknown };
  try {
    envelopeJson = parseJsonText(buf, MAX_ENVELOPE_BYTES);
  } catch (e) {
    const cause = isSignetError(e) ? e : undefined;
    throw new SignetError('ENTRY_NOT_JSON', `the entry is not JSON: ${cause?.message ?? String(e)}`, {
      expected: 'UTF-8 JSON text of a DSSE envelope',
      got: `${buf.length} bytes starting ${JSON.stringify(buf.subarray(0, 16).toString('latin1'))}`,
      cause: e,
    });
  }
  const parsed = parseEnvelopeValue(envelopeJson.value);
  if (parsedEnvelopeText(parsed.envelope) !== envelopeJson.text) {
    const canonical = envelopeBytes(parsed.envelope);
    throw new SignetError('ENTRY_NOT_CANONICAL', 'the entry is not the RFC 8785 canonical JSON of its envelope', {
      expected: `${canonical.length} bytes of canonical JSON (sorted keys, no whitespace, no duplicate keys)`,
      got: `${buf.length} bytes that differ`,
      attack: 'one statement logged under several byte forms (several entry hashes)',
      hint: 'serialise the envelope with RFC 8785 (envelopeBytes)',
    });
  }
  return parsed;
}

/** The full check of a payload the fast one could not show canonical: throws PAYLOAD_NOT_CANONICAL unless it is. */
function checkCanonicalPayload(statementJson: { text: string; value: unknown }, size: number): void {
  let canonicalPayload: string;
  try {
    canonicalPayload = canonicalJson(statementJson.value);
  } catch (e) {
    throw new SignetError('PAYLOAD_NOT_CANONICAL', 'the DSSE payload cannot be canonical JSON', { expected: 'RFC 8785 canonical JSON', got: 'JSON outside I-JSON', cause: e });
  }
  if (canonicalPayload !== statementJson.text) {
    throw new SignetError('PAYLOAD_NOT_CANONICAL', 'the DSSE payload is not RFC 8785 canonical JSON', {
      expected: `${Buffer.byteLength(canonicalPayload, 'utf8')} bytes of canonical JSON`,
      got: `${size} bytes that differ`,
      attack: 'a statement whose meaning depends on the JSON parser (duplicate keys, number forms)',
    });
  }
}

/** The lookup keys the log indexes an entry under: its vendor, and for release/release-revoke/attestation the package and package@version (normalised). */
export function entryLookupKeys(entry: Entry): { vendor: string; package?: string; version?: string } {
  const s = entry.statement;
  switch (s.kind) {
    case 'release':
    case 'release-revoke':
    case 'attestation':
      return { vendor: vendorOf(s.package), package: s.package, version: `${s.package}@${s.version}` };
    default:
      return { vendor: s.vendor };
  }
}

/** A DSSE signer for a Signet key: keyid = the key ID. */
export function keySigner(key: Ed25519PrivateKey): DsseSigner {
  return { keyid: keyIdOf(key.publicKey), sign: (m) => key.sign(m) };
}

/** Signs a statement object (its canonical JSON is the payload) and returns the canonical entry bytes. */
export function signStatement(payloadType: string, statement: unknown, signers: readonly DsseSigner[]): Buffer {
  const payload = canonicalJsonBytes(statement);
  return envelopeBytes(signEnvelope(payloadType, payload, signers));
}
