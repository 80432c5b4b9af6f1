/**
 * Edge-case Ed25519 signatures for tests: what a malicious signer can make that OpenSSL and Go accept
 * and libsodium refuses. Not for anything but tests.
 */
import { createHash } from 'node:crypto';
import type { Ed25519PrivateKey } from '../src/crypto/ed25519.js';

/** The group order L. */
const L = 2n ** 252n + 27742317777372353535851937790883648493n;

function le(b: Uint8Array): bigint {
  let n = 0n;
  for (let i = b.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(b[i]!);
  return n;
}

function le32(n: bigint): Buffer {
  const out = Buffer.alloc(32);
  for (let i = 0; i < 32; i++, n >>= 8n) out[i] = Number(n & 0xffn);
  return out;
}

/** The identity point's encoding (y = 1). */
export const IDENTITY = Buffer.concat([Buffer.from([1]), Buffer.alloc(31)]);

/**
 * A signature of `message` by `key` whose R is the identity point: S = k·a mod L with
 * k = SHA-512(R ‖ A ‖ M), so [S]B = R + [k]A holds and a cofactorless verifier (OpenSSL, Go) accepts it,
 * while libsodium refuses a small-order R.
 */
export function identityRSignature(key: Ed25519PrivateKey, message: Uint8Array): Buffer {
  const h = createHash('sha512').update(key.exportSeed()).digest();
  const a = Buffer.from(h.subarray(0, 32));
  a[0]! &= 248;
  a[31]! &= 127;
  a[31]! |= 64;
  const k = le(createHash('sha512').update(IDENTITY).update(key.publicKey.raw).update(message).digest()) % L;
  return Buffer.concat([IDENTITY, le32((k * le(a)) % L)]);
}

// ------------------------------------------------------------------ curve arithmetic (slow, BigInt)
// Enough of edwards25519 to make keys and signatures no honest signer makes: points with a torsion
// component. Extended coordinates (X:Y:Z:T), the unified addition of Hisil–Wong–Carter–Dawson (a = −1).

const P = 2n ** 255n - 19n;
const mod = (a: bigint): bigint => ((a % P) + P) % P;
function pow(b: bigint, e: bigint): bigint {
  let r = 1n;
  b = mod(b);
  for (; e > 0n; e >>= 1n, b = (b * b) % P) if (e & 1n) r = (r * b) % P;
  return r;
}
const inv = (a: bigint): bigint => pow(a, P - 2n);
const D = mod(-121665n * inv(121666n));
const SQRT_M1 = pow(2n, (P - 1n) / 4n);

export interface EdPoint {
  readonly X: bigint;
  readonly Y: bigint;
  readonly Z: bigint;
  readonly T: bigint;
}

export function edAdd(p: EdPoint, q: EdPoint): EdPoint {
  const a = mod((p.Y - p.X) * (q.Y - q.X));
  const b = mod((p.Y + p.X) * (q.Y + q.X));
  const c = mod(p.T * 2n * D * q.T);
  const d = mod(p.Z * 2n * q.Z);
  const e = b - a;
  const f = d - c;
  const g = d + c;
  const h = b + a;
  return { X: mod(e * f), Y: mod(g * h), Z: mod(f * g), T: mod(e * h) };
}

const IDENTITY_POINT: EdPoint = { X: 0n, Y: 1n, Z: 1n, T: 0n };

/** [k]p, k ≥ 0 (double and add; not constant time: test keys only). */
export function edMul(k: bigint, p: EdPoint): EdPoint {
  let r = IDENTITY_POINT;
  for (let q = p; k > 0n; k >>= 1n, q = edAdd(q, q)) if (k & 1n) r = edAdd(r, q);
  return r;
}

/** The 32-byte encoding: y little-endian, the sign of x in the top bit. */
export function edEncode(p: EdPoint): Buffer {
  const zi = inv(p.Z);
  const x = mod(p.X * zi);
  const out = le32(mod(p.Y * zi));
  out[31]! |= Number(x & 1n) << 7;
  return out;
}

/** The point an encoding names (y reduced mod p, as a lenient decoder reads it), or undefined when it names none. */
export function edDecode(enc: Uint8Array): EdPoint | undefined {
  const sign = BigInt(enc[31]! >> 7);
  const yBytes = Buffer.from(enc);
  yBytes[31]! &= 0x7f;
  const y = mod(le(yBytes));
  const u = mod(y * y - 1n);
  const v = mod(D * y * y + 1n);
  let x = mod(u * pow(v, 3n) * pow(u * pow(v, 7n), (P - 5n) / 8n));
  if (mod(v * x * x) !== u) {
    if (mod(v * x * x) !== mod(-u)) return undefined;
    x = mod(x * SQRT_M1);
  }
  if (x === 0n && sign === 1n) return undefined;
  if ((x & 1n) !== sign) x = P - x;
  return { X: x, Y: y, Z: 1n, T: mod(x * y) };
}

/** The base point B (y = 4/5, x even). */
export const BASE: EdPoint = edDecode(le32(mod(4n * inv(5n))))!;

/** A point of order 8 (y = c7176a70…). */
export const TORSION8: EdPoint = edDecode(Buffer.from('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a', 'hex'))!;

/** k = SHA-512(R ‖ A ‖ M) mod L, the challenge every Ed25519 verifier computes. */
export function challenge(r: Uint8Array, a: Uint8Array, message: Uint8Array): bigint {
  return le(createHash('sha512').update(r).update(a).update(message).digest()) % L;
}

/**
 * The signature (R, S) = (encoding of `nonce`, r + k·a mod L) that a signer holding the scalar `a`
 * makes for the key encoding `publicKey` with the nonce r: for an honest key ([a]B) and nonce ([r]B)
 * this is an ordinary signature; with torsion added to the key or the nonce it is not.
 */
export function signWithScalar(a: bigint, publicKey: Uint8Array, r: bigint, nonce: EdPoint, message: Uint8Array): Buffer {
  const rEnc = edEncode(nonce);
  return Buffer.concat([rEnc, le32((r + challenge(rEnc, publicKey, message) * a) % L)]);
}

export { L as GROUP_ORDER };

/** A little-endian 32-byte scalar (for S + L and similar). */
export function scalarBytes(n: bigint): Buffer {
  return le32(n);
}

/** The little-endian integer of bytes. */
export function scalarOf(b: Uint8Array): bigint {
  return le(b);
}
