/**
 * Encrypted secret key files (docs/KEYFILE.md). Pure: the caller reads and writes the file.
 *
 * The 32-byte Ed25519 seed is encrypted with AES-256-GCM under a key derived from the passphrase
 * with scrypt. Everything else in the file (public key, key ID, KDF parameters, nonce…) is bound
 * as the AEAD's associated data, so changing any of it makes decryption fail.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { SignetError } from '../errors.js';
import { decodeCanonicalBase64 } from './base64.js';
import { canonicalJsonBytes, parseJsonBounded } from './canonical.js';
import { Ed25519PrivateKey, Ed25519PublicKey } from './ed25519.js';
import { keyIdOf } from './keys.js';

export const KEYFILE_TYPE = 'signet-secret-key';
export const KEYFILE_VERSION = 1;
export const DEFAULT_SCRYPT_N = 2 ** 17;
export const SCRYPT_R = 8;
export const SCRYPT_P = 1;
/** Lowest and highest scrypt N a file may ask for (the top bounds the memory a file can make us use). */
export const MIN_SCRYPT_N = 2 ** 10;
export const MAX_SCRYPT_N = 2 ** 20;
const MAX_KEYFILE_BYTES = 16 * 1024;

export interface KeyFileOptions {
  /** scrypt cost N (a power of two, 2^10..2^20); default 2^17. Lower only for tests. */
  scryptN?: number;
  /** ISO 8601 creation time to record; default now. */
  created?: string;
}

/** The JSON document, field by field (see docs/KEYFILE.md). */
interface KeyFileDoc {
  type: typeof KEYFILE_TYPE;
  version: typeof KEYFILE_VERSION;
  alg: 'ed25519';
  keyId: string;
  public: string;
  created: string;
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  cipher: { name: 'aes-256-gcm'; nonce: string };
  ciphertext: string;
  tag: string;
}

type KeyFileHeader = Omit<KeyFileDoc, 'ciphertext' | 'tag'>;

function malformed(message: string, expected: string, got: string): SignetError {
  return new SignetError('KEYFILE_MALFORMED', `not a valid Signet secret key file: ${message}`, {
    expected,
    got,
    hint: 'check that the path points to a key file written by `signet keygen`',
  });
}

function maxmem(n: number, r: number, p: number): number {
  // scrypt needs about 128·N·r bytes for V plus 128·r·p for B; leave generous room.
  return 128 * n * r + 128 * r * p + 32 * 1024 * 1024;
}

function deriveKey(passphrase: string, salt: Buffer, n: number, r: number, p: number): Buffer {
  // NFC so the same passphrase typed on systems with different Unicode normalisation matches.
  return scryptSync(Buffer.from(passphrase.normalize('NFC'), 'utf8'), salt, 32, { N: n, r, p, maxmem: maxmem(n, r, p) });
}

function checkPassphrase(passphrase: string): void {
  if (typeof passphrase !== 'string' || passphrase.length === 0) {
    throw new SignetError('PASSPHRASE_UNAVAILABLE', 'an empty passphrase cannot protect a secret key', {
      expected: 'a non-empty passphrase',
      got: 'an empty passphrase',
      hint: 'give a passphrase with --passphrase-file, SIGNET_PASSPHRASE (SIGNET_PASSPHRASE_<KEY ID> for one key), or at the prompt',
    });
  }
}

function isPowerOfTwo(n: number): boolean {
  return Number.isSafeInteger(n) && n > 0 && (n & (n - 1)) === 0;
}

function aad(header: KeyFileHeader): Buffer {
  return canonicalJsonBytes(header);
}

export function encryptKeyFile(key: Ed25519PrivateKey, passphrase: string, opts: KeyFileOptions = {}): string {
  checkPassphrase(passphrase);
  const n = opts.scryptN ?? DEFAULT_SCRYPT_N;
  if (!isPowerOfTwo(n) || n < MIN_SCRYPT_N || n > MAX_SCRYPT_N) {
    throw new SignetError('USAGE', 'scrypt N must be a power of two between 2^10 and 2^20', {
      expected: `a power of two in [${MIN_SCRYPT_N}, ${MAX_SCRYPT_N}]`,
      got: String(n),
    });
  }
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  const header: KeyFileHeader = {
    type: KEYFILE_TYPE,
    version: KEYFILE_VERSION,
    alg: 'ed25519',
    keyId: keyIdOf(key.publicKey),
    public: key.publicKey.raw.toString('base64'),
    created: opts.created ?? new Date().toISOString(),
    kdf: { name: 'scrypt', N: n, r: SCRYPT_R, p: SCRYPT_P, salt: salt.toString('base64') },
    cipher: { name: 'aes-256-gcm', nonce: nonce.toString('base64') },
  };
  const dk = deriveKey(passphrase, salt, n, SCRYPT_R, SCRYPT_P);
  const cipher = createCipheriv('aes-256-gcm', dk, nonce, { authTagLength: 16 });
  cipher.setAAD(aad(header));
  const seed = key.exportSeed();
  const ct = Buffer.concat([cipher.update(seed), cipher.final()]);
  seed.fill(0);
  dk.fill(0);
  const doc: KeyFileDoc = { ...header, ciphertext: ct.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
  return JSON.stringify(doc, null, 2) + '\n';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function exact(o: Record<string, unknown>, fields: readonly string[], where: string): void {
  const keys = Object.keys(o).sort();
  const want = [...fields].sort();
  if (keys.length !== want.length || keys.some((k, i) => k !== want[i])) {
    throw malformed(`${where} has the wrong fields`, want.join(', '), keys.join(', '));
  }
}

function b64Field(o: Record<string, unknown>, field: string, length: number | undefined, where: string): Buffer {
  const v = o[field];
  const b = typeof v === 'string' ? decodeCanonicalBase64(v) : undefined;
  if (b === undefined) throw malformed(`${where}.${field} is not standard base64`, 'standard base64', JSON.stringify(v));
  if (length !== undefined && b.length !== length) {
    throw malformed(`${where}.${field} has the wrong length`, `${length} bytes`, `${b.length} bytes`);
  }
  return b;
}

interface ParsedKeyFile {
  header: KeyFileHeader;
  publicKey: Ed25519PublicKey;
  salt: Buffer;
  nonce: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

function parseKeyFile(text: string): ParsedKeyFile {
  if (typeof text !== 'string') throw malformed('not text', 'a JSON document', typeof text);
  let json: unknown;
  try {
    json = parseJsonBounded(text, MAX_KEYFILE_BYTES);
  } catch {
    // Not the parser's message: it quotes the file's first characters, and a file given as a key may
    // hold a secret in another format.
    throw new SignetError('KEYFILE_MALFORMED', `not a valid Signet secret key file: it is not JSON (or is larger than ${MAX_KEYFILE_BYTES} bytes)`, {
      expected: 'a JSON key file written by `signet keygen`',
      got: 'something else',
      hint: 'give the key file `signet keygen --out FILE` wrote (a log, registry or witness key is another format: it stays in its data folder)',
    });
  }
  if (!isObject(json)) throw malformed('not a JSON object', 'an object', typeof json);
  if (json.type !== KEYFILE_TYPE) throw malformed('wrong "type"', JSON.stringify(KEYFILE_TYPE), JSON.stringify(json.type));
  if (json.version !== KEYFILE_VERSION) {
    throw malformed('unsupported "version"', String(KEYFILE_VERSION), JSON.stringify(json.version));
  }
  exact(json, ['type', 'version', 'alg', 'keyId', 'public', 'created', 'kdf', 'cipher', 'ciphertext', 'tag'], 'the file');
  if (json.alg !== 'ed25519') throw malformed('unsupported "alg"', '"ed25519"', JSON.stringify(json.alg));
  if (typeof json.created !== 'string') throw malformed('"created" is not a string', 'an ISO 8601 time', typeof json.created);
  const pubRaw = b64Field(json, 'public', 32, 'the file');
  const publicKey = Ed25519PublicKey.fromRaw(pubRaw);
  const keyId = keyIdOf(publicKey);
  if (json.keyId !== keyId) {
    throw new SignetError('KEYFILE_MALFORMED', 'the key file\'s "keyId" does not match its public key', {
      expected: keyId,
      got: JSON.stringify(json.keyId),
      attack: 'a key file whose public key or key ID was edited',
      hint: 'restore the key file from a backup',
    });
  }
  const kdf = json.kdf;
  if (!isObject(kdf)) throw malformed('"kdf" is not an object', 'an object', typeof kdf);
  exact(kdf, ['name', 'N', 'r', 'p', 'salt'], 'kdf');
  if (kdf.name !== 'scrypt') throw malformed('unsupported kdf', '"scrypt"', JSON.stringify(kdf.name));
  const n = kdf.N;
  if (typeof n !== 'number' || !isPowerOfTwo(n) || n < MIN_SCRYPT_N || n > MAX_SCRYPT_N) {
    throw malformed('kdf.N is out of range', `a power of two in [2^10, 2^20]`, JSON.stringify(n));
  }
  if (kdf.r !== SCRYPT_R || kdf.p !== SCRYPT_P) {
    throw malformed('unsupported scrypt r/p', `r=${SCRYPT_R}, p=${SCRYPT_P}`, `r=${String(kdf.r)}, p=${String(kdf.p)}`);
  }
  const salt = b64Field(kdf, 'salt', 16, 'kdf');
  const cipher = json.cipher;
  if (!isObject(cipher)) throw malformed('"cipher" is not an object', 'an object', typeof cipher);
  exact(cipher, ['name', 'nonce'], 'cipher');
  if (cipher.name !== 'aes-256-gcm') throw malformed('unsupported cipher', '"aes-256-gcm"', JSON.stringify(cipher.name));
  const nonce = b64Field(cipher, 'nonce', 12, 'cipher');
  const ciphertext = b64Field(json, 'ciphertext', 32, 'the file');
  const tag = b64Field(json, 'tag', 16, 'the file');
  const header: KeyFileHeader = {
    type: KEYFILE_TYPE,
    version: KEYFILE_VERSION,
    alg: 'ed25519',
    keyId,
    public: json.public as string,
    created: json.created,
    kdf: { name: 'scrypt', N: n, r: SCRYPT_R, p: SCRYPT_P, salt: kdf.salt as string },
    cipher: { name: 'aes-256-gcm', nonce: cipher.nonce as string },
  };
  return { header, publicKey, salt, nonce, ciphertext, tag };
}

export function decryptKeyFile(text: string, passphrase: string): Ed25519PrivateKey {
  checkPassphrase(passphrase);
  const f = parseKeyFile(text);
  const dk = deriveKey(passphrase, f.salt, f.header.kdf.N, SCRYPT_R, SCRYPT_P);
  let seed: Buffer;
  try {
    const d = createDecipheriv('aes-256-gcm', dk, f.nonce, { authTagLength: 16 });
    d.setAAD(aad(f.header));
    d.setAuthTag(f.tag);
    seed = Buffer.concat([d.update(f.ciphertext), d.final()]);
  } catch {
    throw new SignetError('KEYFILE_PASSPHRASE_WRONG', 'cannot decrypt the secret key: the passphrase is wrong, or the key file was modified', {
      expected: `the passphrase of key ${f.header.keyId}`,
      got: 'a passphrase that does not decrypt it (or an altered file)',
      hint: 'check the passphrase (--passphrase-file, SIGNET_PASSPHRASE_<KEY ID>, SIGNET_PASSPHRASE); if it is right, restore the key file from a backup',
    });
  } finally {
    dk.fill(0);
  }
  const key = Ed25519PrivateKey.fromSeed(seed);
  seed.fill(0);
  if (!key.publicKey.equals(f.publicKey)) {
    // Only reachable if someone produced a valid AEAD under our passphrase with a mismatched seed.
    throw new SignetError('KEYFILE_MALFORMED', 'the decrypted secret key does not match the public key in the file', {
      expected: f.header.keyId,
      got: keyIdOf(key.publicKey),
      attack: 'a key file crafted to sign with a different key than the one it names',
    });
  }
  return key;
}

/** The public facts of a key file, without the passphrase. */
export function keyFileInfo(text: string): { keyId: string; publicKey: Ed25519PublicKey; created?: string } {
  const f = parseKeyFile(text);
  return { keyId: f.header.keyId, publicKey: f.publicKey, created: f.header.created };
}
