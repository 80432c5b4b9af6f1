/**
 * C2SP signed-note, byte for byte as Go's golang.org/x/mod/sumdb/note: the same verifier-key and
 * signer-key strings, key hashes, parsing rules and signing output, so Go's tools and ours verify
 * each other's notes.
 */
import { createHash } from 'node:crypto';
import { SignetError } from '../errors.js';
import { decodeStdBase64 } from './base64.js';
import { Ed25519PrivateKey, Ed25519PublicKey } from './ed25519.js';
import { isWellFormedUnicode } from './text.js';

export const ALG_ED25519 = 0x01;
export const ALG_COSIGNATURE_V1 = 0x04;
/** Notes larger than this are refused before parsing. */
export const MAX_NOTE_BYTES = 1 << 20;
/** As Go: more signature lines than this make the note malformed. */
export const MAX_NOTE_SIGNATURES = 100;

export interface NoteVerifier {
  readonly name: string;
  /** uint32 */
  readonly keyHash: number;
  verify(text: Uint8Array, sig: Uint8Array): boolean;
}

export interface NoteSigner {
  readonly name: string;
  readonly keyHash: number;
  sign(text: Uint8Array): Uint8Array;
}

export interface VerifierKey {
  name: string;
  keyHash: number;
  /** First byte of the decoded key: 0x01 Ed25519, 0x04 cosignature/v1, … */
  alg: number;
  /** The bytes after the algorithm byte. */
  publicKey: Buffer;
}

export interface NoteSignature {
  name: string;
  keyHash: number;
  /** Signature bytes after the 4-byte key hash. */
  signature: Buffer;
  /** The base64 exactly as on the line. */
  base64: string;
}

export interface Note {
  text: string;
  sigs: NoteSignature[];
  unverifiedSigs: NoteSignature[];
}

const SIG_PREFIX = '\u2014 ';
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function hex8(h: number): string {
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Unicode White_Space, which is what Go's unicode.IsSpace reports. */
const WHITESPACE = /[\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;

/** Non-empty, valid UTF-8 (no lone surrogates), no Unicode whitespace, no '+'. */
export function isValidKeyName(name: string): boolean {
  if (typeof name !== 'string' || name === '' || name.includes('+') || WHITESPACE.test(name)) return false;
  // A JS string is valid UTF-8 exactly when it has no lone surrogates.
  return isWellFormedUnicode(name);
}

/** First 4 bytes, big-endian, of SHA-256(name || 0x0A || alg || key). */
export function keyHash(name: string, algAndKey: Uint8Array): number {
  const d = createHash('sha256').update(name, 'utf8').update('\n').update(algAndKey).digest();
  return d.readUInt32BE(0);
}

/** Splits at the first occurrence of sep, like Go's chop: (before, after) or (s, ""). */
function chop(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + sep.length)];
}

function vkeyError(message: string, got: string, hint?: string): SignetError {
  return new SignetError('VERIFIER_KEY_INVALID', `invalid verifier key: ${message}`, {
    expected: 'name+hex8+base64(alg||public key), e.g. sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8',
    got,
    hint: hint ?? 'copy the verifier key exactly as the log or witness publishes it',
  });
}

const HEX8 = /^[0-9a-fA-F]{8}$/;

export function parseVerifierKey(vkey: string): VerifierKey {
  if (typeof vkey !== 'string') throw vkeyError('not a string', typeof vkey);
  const [name, rest] = chop(vkey, '+');
  const [h, b64] = chop(rest, '+');
  if (!isValidKeyName(name)) {
    throw vkeyError(`the name ${JSON.stringify(name)} is not a valid key name (non-empty, no spaces, no '+')`, vkey);
  }
  if (!HEX8.test(h)) throw vkeyError(`the key hash ${JSON.stringify(h)} is not 8 hex digits`, vkey);
  const key = decodeStdBase64(b64);
  if (key === undefined || key.length === 0) {
    throw vkeyError('the key is not non-empty standard base64 (with padding)', vkey);
  }
  const hash = Number.parseInt(h, 16) >>> 0;
  const want = keyHash(name, key);
  if (hash !== want) {
    throw new SignetError('VERIFIER_KEY_INVALID', `invalid verifier key: the key hash does not match the name and key`, {
      expected: hex8(want),
      got: h,
      hint: 'the verifier key was altered or mistyped; copy it again from its publisher',
      evidence: { verifierKey: vkey },
    });
  }
  const alg = key[0] as number;
  return { name, keyHash: hash, alg, publicKey: Buffer.from(key.subarray(1)) };
}

export function formatVerifierKey(name: string, publicKey: Ed25519PublicKey, alg: number = ALG_ED25519): string {
  if (!isValidKeyName(name)) {
    throw new SignetError('VERIFIER_KEY_INVALID', `invalid key name ${JSON.stringify(name)}`, {
      expected: "a non-empty name without whitespace or '+'",
      got: JSON.stringify(name),
    });
  }
  if (!Number.isInteger(alg) || alg < 0 || alg > 255) {
    throw new SignetError('VERIFIER_KEY_INVALID', 'the algorithm must be one byte', { expected: '0..255', got: String(alg) });
  }
  const algAndKey = Buffer.concat([Buffer.of(alg), publicKey.raw]);
  return `${name}+${hex8(keyHash(name, algAndKey))}+${algAndKey.toString('base64')}`;
}

export function ed25519NoteVerifier(vkey: string | VerifierKey): NoteVerifier {
  const k = typeof vkey === 'string' ? parseVerifierKey(vkey) : vkey;
  if (k.alg !== ALG_ED25519) {
    throw new SignetError('VERIFIER_KEY_INVALID', `verifier key ${k.name} is not an Ed25519 note key`, {
      expected: 'algorithm 0x01 (Ed25519)',
      got: `algorithm 0x${k.alg.toString(16).padStart(2, '0')}`,
    });
  }
  if (k.publicKey.length !== 32) {
    throw new SignetError('VERIFIER_KEY_INVALID', `verifier key ${k.name} has a public key of the wrong size`, {
      expected: '32 bytes after the algorithm byte',
      got: `${k.publicKey.length} bytes`,
    });
  }
  const want = keyHash(k.name, Buffer.concat([Buffer.of(ALG_ED25519), k.publicKey]));
  if (!isValidKeyName(k.name) || want !== k.keyHash >>> 0) {
    throw new SignetError('VERIFIER_KEY_INVALID', `verifier key ${k.name}: the key hash does not match`, {
      expected: hex8(want),
      got: hex8(k.keyHash),
    });
  }
  const pub = Ed25519PublicKey.fromRaw(k.publicKey);
  const name = k.name;
  const hash = k.keyHash >>> 0;
  return {
    name,
    keyHash: hash,
    verify: (text: Uint8Array, sig: Uint8Array): boolean => pub.verify(text, sig),
  };
}

/** A note signer that also tells its public key (so its verifier key can be derived). */
export interface Ed25519NoteSigner extends NoteSigner {
  readonly publicKey: Ed25519PublicKey;
}

export function ed25519NoteSigner(name: string, key: Ed25519PrivateKey): Ed25519NoteSigner {
  if (!isValidKeyName(name)) {
    throw new SignetError('SIGNER_KEY_INVALID', `invalid key name ${JSON.stringify(name)}`, {
      expected: "a non-empty name without whitespace or '+'",
      got: JSON.stringify(name),
    });
  }
  const hash = keyHash(name, Buffer.concat([Buffer.of(ALG_ED25519), key.publicKey.raw]));
  return { name, keyHash: hash, publicKey: key.publicKey, sign: (text: Uint8Array): Uint8Array => key.sign(text) };
}

/** Go's signer-key string: "PRIVATE+KEY+" + name + "+" + hex8 + "+" + base64(0x01 || seed). Secret! */
export function formatSignerKey(name: string, key: Ed25519PrivateKey): string {
  const s = ed25519NoteSigner(name, key);
  return `PRIVATE+KEY+${name}+${hex8(s.keyHash)}+${Buffer.concat([Buffer.of(ALG_ED25519), key.exportSeed()]).toString('base64')}`;
}

export function parseSignerKey(skey: string): Ed25519NoteSigner {
  // Never echo the secret key string in errors.
  const fail = (message: string, expected?: string, got?: string): SignetError =>
    new SignetError('SIGNER_KEY_INVALID', `invalid signer key: ${message}`, {
      expected: expected ?? 'PRIVATE+KEY+name+hex8+base64(0x01||32-byte seed)',
      got: got ?? '(not shown: the signer key is secret)',
    });
  if (typeof skey !== 'string') throw fail('not a string');
  const [p1, r1] = chop(skey, '+');
  const [p2, r2] = chop(r1, '+');
  const [name, r3] = chop(r2, '+');
  const [h, b64] = chop(r3, '+');
  if (p1 !== 'PRIVATE' || p2 !== 'KEY') throw fail('it does not start with PRIVATE+KEY+');
  if (!isValidKeyName(name)) throw fail(`the name ${JSON.stringify(name)} is not a valid key name`);
  if (!HEX8.test(h)) throw fail('the key hash is not 8 hex digits');
  const key = decodeStdBase64(b64);
  if (key === undefined || key.length === 0) throw fail('the key is not standard base64');
  if (key[0] !== ALG_ED25519) {
    throw fail('unsupported algorithm', 'algorithm 0x01 (Ed25519)', `algorithm 0x${(key[0] as number).toString(16).padStart(2, '0')}`);
  }
  if (key.length !== 33) throw fail('the seed is not 32 bytes', '32 bytes', `${key.length - 1} bytes`);
  const priv = Ed25519PrivateKey.fromSeed(key.subarray(1));
  const signer = ed25519NoteSigner(name, priv);
  if (signer.keyHash !== Number.parseInt(h, 16) >>> 0) {
    throw fail('the key hash does not match the name and key', hex8(signer.keyHash), h.toLowerCase());
  }
  return signer;
}

function malformed(message: string, got?: string, evidence?: Record<string, unknown>): SignetError {
  return new SignetError('NOTE_MALFORMED', `malformed signed note: ${message}`, {
    expected: 'a C2SP signed note: UTF-8 text ending in a newline, a blank line, then lines "— <name> <base64 signature>"',
    ...(got !== undefined ? { got } : {}),
    ...(evidence !== undefined ? { evidence } : {}),
  });
}

/** Decodes and checks the note's characters exactly as Go: valid UTF-8, no ASCII control characters but '\n'. */
function noteText(msg: Uint8Array | string): string {
  let s: string;
  if (typeof msg === 'string') {
    if (Buffer.byteLength(msg, 'utf8') > MAX_NOTE_BYTES) {
      throw malformed(`the note is larger than ${MAX_NOTE_BYTES} bytes`, `${Buffer.byteLength(msg, 'utf8')} bytes`);
    }
    if (!isWellFormedUnicode(msg)) throw malformed('the note is not valid UTF-8 (lone surrogate)');
    s = msg;
  } else {
    if (msg.byteLength > MAX_NOTE_BYTES) {
      throw malformed(`the note is larger than ${MAX_NOTE_BYTES} bytes`, `${msg.byteLength} bytes`);
    }
    try {
      s = utf8.decode(msg);
    } catch {
      throw malformed('the note is not valid UTF-8');
    }
  }
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 && c !== 0x0a) {
      const line = s.slice(0, i).split('\n').length;
      throw malformed(`control character 0x${c.toString(16).padStart(2, '0')} on line ${line}`, `byte 0x${c.toString(16).padStart(2, '0')}`, {
        line,
      });
    }
  }
  return s;
}

/**
 * A signed note received as bytes (a served checkpoint, a file), as text: strict UTF-8 and no control
 * character but newline, as signed-note requires, or NOTE_MALFORMED. Decoding with replacement instead
 * would accept bytes other implementations refuse, and keep as evidence text that is not what was sent.
 */
export function noteFromBytes(bytes: Uint8Array): string {
  return noteText(bytes);
}

interface RawSigLine {
  /** The line after the "— " prefix, used to drop identical repeats. */
  body: string;
  sig: NoteSignature;
}

function splitNote(msg: Uint8Array | string): { text: string; lines: RawSigLine[] } {
  const s = noteText(msg);
  const split = s.lastIndexOf('\n\n');
  if (split < 0) throw malformed('no blank line separates the text from the signatures');
  const text = s.slice(0, split + 1);
  const block = s.slice(split + 2);
  if (block.length === 0) throw malformed('the signature block after the last blank line is empty');
  if (!block.endsWith('\n')) throw malformed('the last signature line does not end with a newline');
  const rawLines = block.slice(0, -1).split('\n');
  const lines: RawSigLine[] = [];
  let n = 0;
  for (const line of rawLines) {
    n++;
    if (!line.startsWith(SIG_PREFIX)) {
      throw malformed(`signature line ${n} does not start with "— " (U+2014 EM DASH, space)`, JSON.stringify(line.slice(0, 40)));
    }
    const body = line.slice(SIG_PREFIX.length);
    const [name, b64] = chop(body, ' ');
    const raw = decodeStdBase64(b64);
    if (raw === undefined || !isValidKeyName(name) || b64 === '' || raw.length < 5) {
      throw malformed(`signature line ${n} is not "— <name> <base64 of key hash and signature>"`, JSON.stringify(line.slice(0, 80)));
    }
    if (n > MAX_NOTE_SIGNATURES) {
      throw malformed(`more than ${MAX_NOTE_SIGNATURES} signature lines`, `${rawLines.length} lines`);
    }
    lines.push({
      body,
      sig: { name, keyHash: raw.readUInt32BE(0), signature: Buffer.from(raw.subarray(4)), base64: b64 },
    });
  }
  return { text, lines };
}

/** Splits a note into text and signature lines and checks its structure; verifies nothing. */
export function parseNote(msg: Uint8Array | string): { text: string; signatures: NoteSignature[] } {
  const { text, lines } = splitNote(msg);
  return { text, signatures: lines.map((l) => l.sig) };
}

function nhKey(name: string, hash: number): string {
  return `${name}+${hex8(hash)}`;
}

/**
 * Opens a signed note as Go's note.Open: every signature by a known verifier must be valid, at least
 * one must be present, and signatures by unknown keys are returned unverified.
 */
export function openNote(msg: Uint8Array | string, verifiers: readonly NoteVerifier[]): Note {
  const known = new Map<string, NoteVerifier>();
  for (const v of verifiers) {
    const k = nhKey(v.name, v.keyHash);
    if (known.has(k)) {
      throw new SignetError('VERIFIER_KEY_INVALID', `ambiguous verifier keys: two verifiers are named ${k}`, {
        expected: 'at most one verifier per name and key hash',
        got: `two verifiers for ${k}`,
        hint: 'your trust configuration lists two different keys with the same name and key hash; remove the wrong one',
      });
    }
    known.set(k, v);
  }
  const { text, lines } = splitNote(msg);
  const textBytes = Buffer.from(text, 'utf8');
  const note: Note = { text, sigs: [], unverifiedSigs: [] };
  const seen = new Set<string>();
  const seenUnverified = new Set<string>();
  for (const { body, sig } of lines) {
    const k = nhKey(sig.name, sig.keyHash);
    const v = known.get(k);
    if (v === undefined) {
      if (seenUnverified.has(body)) continue;
      seenUnverified.add(body);
      note.unverifiedSigs.push(sig);
      continue;
    }
    if (seen.has(k)) continue;
    seen.add(k);
    if (!v.verify(textBytes, sig.signature)) {
      throw new SignetError('NOTE_SIGNATURE_INVALID', `the signature by ${sig.name} (key hash ${hex8(sig.keyHash)}) does not verify`, {
        expected: `a valid signature by the key ${k} over the note text`,
        got: 'a signature that does not verify',
        attack: 'an altered note (its text was changed after signing) or a forged signature',
        hint: 'do not trust this note; keep it as evidence and report it to the log operator',
        evidence: { name: sig.name, keyHash: hex8(sig.keyHash), note: typeof msg === 'string' ? msg : Buffer.from(msg).toString('utf8') },
      });
    }
    note.sigs.push(sig);
  }
  if (note.sigs.length === 0) {
    const found = lines.map((l) => nhKey(l.sig.name, l.sig.keyHash));
    const expected = [...known.keys()];
    throw new SignetError('NOTE_UNVERIFIED', 'the note carries no signature by any key you trust', {
      expected: expected.length > 0 ? `a signature by one of: ${expected.join(', ')}` : 'a signature by a trusted key (none were configured)',
      got: found.length > 0 ? `signatures by: ${[...new Set(found)].join(', ')}` : 'no signatures',
      attack: 'a note from a different log or signer than the one you trust',
      hint: 'check that the verifier key configured for this log is the one it publishes',
      evidence: { signersFound: [...new Set(found)], signersExpected: expected },
    });
  }
  return note;
}

/**
 * Signs `text` as Go's note.Sign: the existing signatures (minus those whose name and key hash match
 * a new signer) come first, then the new ones in the order of `signers`.
 */
export function signNote(text: string, signers: readonly NoteSigner[], existing: readonly NoteSignature[] = []): string {
  if (typeof text !== 'string' || text === '') throw malformed('the text to sign is empty');
  if (!text.endsWith('\n')) throw malformed('the text to sign does not end with a newline');
  noteText(text);
  const textBytes = Buffer.from(text, 'utf8');
  const have = new Set<string>();
  let newLines = '';
  for (const s of signers) {
    if (!isValidKeyName(s.name)) {
      throw new SignetError('SIGNER_KEY_INVALID', `invalid signer name ${JSON.stringify(s.name)}`, {
        expected: "a non-empty name without whitespace or '+'",
        got: JSON.stringify(s.name),
      });
    }
    have.add(nhKey(s.name, s.keyHash));
    const sig = s.sign(textBytes);
    const hb = Buffer.alloc(4);
    hb.writeUInt32BE(s.keyHash >>> 0, 0);
    newLines += `${SIG_PREFIX}${s.name} ${Buffer.concat([hb, sig]).toString('base64')}\n`;
  }
  let out = text + '\n';
  for (const sig of existing) {
    if (!isValidKeyName(sig.name)) throw malformed(`existing signature name ${JSON.stringify(sig.name)} is not valid`);
    if (have.has(nhKey(sig.name, sig.keyHash))) continue;
    const raw = decodeStdBase64(sig.base64);
    if (raw === undefined || raw.length < 4 || raw.readUInt32BE(0) !== sig.keyHash >>> 0) {
      throw malformed(`existing signature by ${sig.name}: its base64 does not start with its key hash ${hex8(sig.keyHash)}`);
    }
    out += `${SIG_PREFIX}${sig.name} ${sig.base64}\n`;
  }
  return out + newLines;
}
