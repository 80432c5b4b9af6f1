/**
 * C2SP tlog-cosignature, Ed25519 type (cosignature/v1): a witness's timestamped signature over
 * "cosignature/v1\ntime <T>\n" followed by the checkpoint body. The note signature is
 * keyID(4, computed with type byte 0x04) || timestamp (uint64 big-endian) || Ed25519 signature (64).
 */
import { SignetError } from '../errors.js';
import { Ed25519PrivateKey, Ed25519PublicKey } from '../crypto/ed25519.js';
import {
  type NoteSignature,
  type NoteSigner,
  type NoteVerifier,
  type VerifierKey,
  formatVerifierKey,
  keyHash,
  parseVerifierKey,
} from '../crypto/note.js';

export const COSIGNATURE_ALG = 0x04;
const MAX_TIMESTAMP = (1n << 63n) - 1n;

/** The message a cosigner signs for `body` (the checkpoint text, final newline included) at `timestamp`. */
export function cosignatureMessage(body: string | Uint8Array, timestamp: bigint): Buffer {
  const text = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
  return Buffer.concat([Buffer.from(`cosignature/v1\ntime ${timestamp}\n`, 'utf8'), text]);
}

export interface CosignatureVerifier extends NoteVerifier {
  readonly publicKey: Ed25519PublicKey;
  /** The verifier key string as configured. */
  readonly vkey: string;
}

/**
 * A note verifier for a witness's cosignatures. Accepts the witness key as a type 0x04 vkey (the
 * tlog-cosignature form) or as a type 0x01 vkey (as witnesses often publish it); either way the
 * signature lines are matched under the 0x04 key ID.
 */
export function cosignatureVerifier(vkey: string | VerifierKey): CosignatureVerifier {
  const vk = typeof vkey === 'string' ? parseVerifierKey(vkey) : vkey;
  if (vk.alg !== 0x01 && vk.alg !== COSIGNATURE_ALG) {
    throw new SignetError('VERIFIER_KEY_INVALID', `witness key ${vk.name} has signature type 0x${vk.alg.toString(16).padStart(2, '0')}`, {
      expected: 'type 0x04 (cosignature/v1) or 0x01 (Ed25519)',
      got: `0x${vk.alg.toString(16).padStart(2, '0')}`,
    });
  }
  const publicKey = Ed25519PublicKey.fromRaw(vk.publicKey);
  const hash = keyHash(vk.name, Buffer.concat([Buffer.from([COSIGNATURE_ALG]), publicKey.raw]));
  return {
    name: vk.name,
    keyHash: hash,
    publicKey,
    vkey: typeof vkey === 'string' ? vkey : formatVerifierKey(vk.name, publicKey, vk.alg),
    verify(text: Uint8Array, sig: Uint8Array): boolean {
      if (sig.length !== 8 + 64) return false;
      const ts = Buffer.from(sig.buffer, sig.byteOffset, 8).readBigUInt64BE(0);
      if (ts > MAX_TIMESTAMP) return false;
      return publicKey.verify(cosignatureMessage(text, ts), sig.subarray(8));
    },
  };
}

/**
 * Refuses one Ed25519 key configured as two witnesses (two names). A cosignature/v1 signature does not
 * cover the cosigner's name (tlog-cosignature: a cosigner operator MUST use distinct keys), so anyone
 * could copy one witness's line under the other name, and one witness would count twice.
 */
export function sameKeyTwice(verifiers: readonly CosignatureVerifier[]): void {
  const seen = new Map<string, string>();
  for (const v of verifiers) {
    const k = v.publicKey.raw.toString('base64');
    const other = seen.get(k);
    if (other !== undefined && other !== v.name) {
      throw new SignetError('USAGE', `the witness keys ${other} and ${v.name} are one Ed25519 key`, {
        expected: 'a distinct public key per witness',
        got: `${other} and ${v.name}: ${k}`,
        attack: 'one witness counted twice: its cosignature copied under the second name verifies too',
        hint: 'list each witness once, under the name it signs with',
      });
    }
    seen.set(k, v.name);
  }
}

/** Timestamp (seconds since the epoch) carried by a cosignature line's signature bytes. */
export function cosignatureTimestamp(sig: NoteSignature): bigint {
  if (sig.signature.length !== 8 + 64) {
    throw new SignetError('COSIGNATURE_INVALID', `cosignature by ${sig.name} is ${sig.signature.length} bytes`, {
      expected: '72 bytes (8-byte timestamp and 64-byte Ed25519 signature)',
      got: `${sig.signature.length} bytes`,
    });
  }
  return sig.signature.readBigUInt64BE(0);
}

/** A note signer that cosigns with a fixed timestamp (seconds). Use a new one per checkpoint. */
export function cosigner(name: string, key: Ed25519PrivateKey, timestamp: bigint): NoteSigner {
  if (timestamp < 0n || timestamp > MAX_TIMESTAMP) {
    throw new SignetError('USAGE', `cosignature timestamp ${timestamp} out of range`, { expected: `0..2^63-1`, got: String(timestamp) });
  }
  const hash = keyHash(name, Buffer.concat([Buffer.from([COSIGNATURE_ALG]), key.publicKey.raw]));
  return {
    name,
    keyHash: hash,
    sign(text: Uint8Array): Uint8Array {
      const ts = Buffer.alloc(8);
      ts.writeBigUInt64BE(timestamp);
      return Buffer.concat([ts, key.sign(cosignatureMessage(text, timestamp))]);
    },
  };
}

/** The witness's verifier key in the tlog-cosignature form: name+keyID+base64(0x04 || pub). */
export function cosignatureVerifierKey(name: string, key: Ed25519PublicKey): string {
  return formatVerifierKey(name, key, COSIGNATURE_ALG);
}
