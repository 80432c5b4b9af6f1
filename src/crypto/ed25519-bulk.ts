/**
 * Ed25519 verification by raw key bytes, for bulk work: the threads that check every signature of the
 * log's submissions and of a verifier's full sync. Two backends, which give the same verdict on every
 * input (pinned by test/crypto/ed25519-bulk.test.ts, against forged edge cases):
 *
 *  - `libsodium`, through sodium-native's prebuilt addon (the library PHP's sodium extension wraps).
 *    It verifies in ~40 µs on this project's 2-core x86-64 VM against ~96 µs for OpenSSL 3.0, whose
 *    Ed25519 is the reference code on 32-bit limbs (libsodium computes on 51-bit limbs). Measured in
 *    bench/README.md; the log's ingest is bound by this check.
 *  - `openssl`, node:crypto with a bounded cache of KeyObjects (building one costs about a check).
 *
 * The verdict, for either: false when the key or the signature's R is a refused encoding
 * (pointEncodingWeakness: small order or not canonical); false when S is not below the group order
 * (both libraries check); otherwise the cofactorless equation [S]B = R + [k]A, with R compared as
 * bytes (both libraries do so). libsodium makes the first checks itself; they are made here for both
 * backends so that neither depends on the other's extra strictness.
 */
import { createPublicKey, verify as nodeVerify, type KeyObject } from 'node:crypto';
import { createRequire } from 'node:module';
import { SignetError } from '../errors.js';
import { pointEncodingWeakness } from './ed25519-points.js';

export type Ed25519Backend = 'libsodium' | 'openssl';
export const ED25519_BACKENDS: readonly Ed25519Backend[] = ['libsodium', 'openssl'];

/** The environment variable that picks a backend: `libsodium`, `openssl`, or unset (`auto`). */
export const BACKEND_ENV = 'SIGNET_ED25519';

export interface BulkVerifier {
  readonly backend: Ed25519Backend;
  /** True when `signature` is a valid Ed25519 signature of `message` under `publicKey`; never throws. */
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
}

/** The one function of sodium-native this module uses, as its addon exports it. */
export type SodiumVerify = (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => boolean;

let sodium: { verify: SodiumVerify } | { error: string } | undefined;

/**
 * Fixed checks a loaded libsodium must answer as OpenSSL does before it is used. The two refusals are
 * where a cofactored verifier ([8][S]B = [8]R + [8][k]A) would accept, so a libsodium built with another
 * verification equation (sodium-native builds libsodium's "stable" branch) is not used: the log and the
 * verifiers must agree on every entry. Made with testkit/ed25519-forge.ts; key = [a]B.
 */
const SELF_TEST = (() => {
  const key = '75ac954ee70411ad97719a5beef183ed8ed4662809b0a70deefa11ba23265112';
  const message = '7369676e6574206c6962736f6469756d2073656c662d74657374'; // "signet libsodium self-test"
  return [
    { what: 'an honest signature', key, message, ok: true, sig: '37285765143dc0515fa280e6edc1609c9c22f5b74c353c0c3344f257463a16f9a27c0eef4bbddb0eb029059f57a1d23d5222d41108ccf40d595521a72ceacf04' },
    { what: 'an R with a torsion component', key, message, ok: false, sig: 'cad11f2ce98002afee5d65a934ddac4b595f4ebf0e2768b216ca724b997bdcdea216871e539aec51f99744ec1b60f2e196d0b187bcdbf0cb6c08448ae6eb0f07' },
    {
      what: 'a key with a torsion component (k mod 8 = 7)',
      key: '2cc1c40db34e0b07355074c7d47abf3916738e1ef012016332219225e6d170c6',
      message,
      ok: false,
      sig: 'e4f0469cd42401ea4712b2bd448bb400a76d945fb33b5ecd8daa3c143aad92458d4d013647c74b5720800b84ae0d7d890d61d27e1e23f04764464ebf35bc8f0d',
    },
  ].map((t) => ({ ...t, key: Buffer.from(t.key, 'hex'), message: Buffer.from(t.message, 'hex'), sig: Buffer.from(t.sig, 'hex') }));
})();

/** Why `fn` must not be used (a self-test it fails), or undefined. */
export function sodiumSelfTestFailure(fn: SodiumVerify): string | undefined {
  for (const t of SELF_TEST) {
    let got: unknown;
    try {
      got = fn(t.sig, t.message, t.key);
    } catch (e) {
      got = `an exception (${e instanceof Error ? e.message : String(e)})`;
    }
    if (got !== t.ok) return `its self-test failed on ${t.what}: expected ${t.ok ? 'valid' : 'invalid'}, got ${String(got)}`;
  }
  return undefined;
}

/** Loads sodium-native once per thread and self-tests it; its function, or why it cannot be used. */
function loadSodium(): { verify: SodiumVerify } | { error: string } {
  if (sodium !== undefined) return sodium;
  try {
    const mod: unknown = createRequire(import.meta.url)('sodium-native');
    const fn = typeof mod === 'object' && mod !== null ? (mod as Record<string, unknown>)['crypto_sign_verify_detached'] : undefined;
    if (typeof fn !== 'function') {
      sodium = { error: 'sodium-native has no crypto_sign_verify_detached' };
    } else {
      const failure = sodiumSelfTestFailure(fn as SodiumVerify);
      sodium = failure === undefined ? { verify: fn as SodiumVerify } : { error: failure };
    }
  } catch (e) {
    sodium = { error: e instanceof Error ? e.message.split('\n')[0]! : String(e) };
  }
  return sodium;
}

/** The checks both backends make before the equation: lengths, and the encodings of the key and R. */
function refusedUpFront(publicKey: Uint8Array, signature: Uint8Array): boolean {
  return (
    publicKey.length !== 32 ||
    signature.length !== 64 ||
    pointEncodingWeakness(publicKey) !== undefined ||
    pointEncodingWeakness(signature.subarray(0, 32)) !== undefined
  );
}

function libsodiumVerifier(fn: SodiumVerify): BulkVerifier {
  return {
    backend: 'libsodium',
    verify(publicKey, message, signature) {
      if (refusedUpFront(publicKey, signature)) return false;
      try {
        return fn(signature, message, publicKey) === true;
      } catch {
        return false;
      }
    },
  };
}

/** Most KeyObjects kept by one OpenSSL verifier. */
const MAX_CACHED_KEYS = 10_000;

function opensslVerifier(): BulkVerifier {
  const cache = new Map<string, KeyObject>();
  // Checks come mostly in runs by one key (a vendor's releases): the last key is tried first.
  let lastRaw: Buffer | undefined;
  let lastKey: KeyObject | undefined;
  const keyObject = (raw: Uint8Array): KeyObject => {
    if (lastKey !== undefined && lastRaw!.equals(raw)) return lastKey;
    const copy = Buffer.from(raw);
    const id = copy.toString('latin1');
    let k = cache.get(id);
    if (k === undefined) {
      // JWK import is ~15x faster than DER here.
      k = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: copy.toString('base64url') }, format: 'jwk' });
      if (cache.size >= MAX_CACHED_KEYS) cache.delete(cache.keys().next().value as string);
      cache.set(id, k);
    }
    lastRaw = copy;
    lastKey = k;
    return k;
  };
  return {
    backend: 'openssl',
    verify(publicKey, message, signature) {
      if (refusedUpFront(publicKey, signature)) return false;
      try {
        return nodeVerify(null, message, keyObject(publicKey), signature);
      } catch {
        return false; // a key that is not a curve point
      }
    },
  };
}

/**
 * A verifier on `backend`. `libsodium` throws ED25519_BACKEND_UNAVAILABLE when sodium-native cannot be
 * loaded here (no prebuilt addon for this platform, or the package missing).
 */
export function bulkVerifier(backend: Ed25519Backend): BulkVerifier {
  if (backend === 'openssl') return opensslVerifier();
  const s = loadSodium();
  if ('error' in s) {
    throw new SignetError('ED25519_BACKEND_UNAVAILABLE', `libsodium could not be loaded: ${s.error}`, {
      expected: 'the sodium-native package with a prebuilt addon for this platform',
      got: `${process.platform}-${process.arch}`,
      hint: `reinstall with npm ci, or set ${BACKEND_ENV}=openssl to check signatures with node:crypto (the same verdicts, ~2.4x slower)`,
    });
  }
  return libsodiumVerifier(s.verify);
}

/** What to use: the backend, and a note when `auto` fell back to OpenSSL (for the operator's log). */
export interface BackendChoice {
  readonly backend: Ed25519Backend;
  readonly note?: string;
}

/**
 * Parses the SIGNET_ED25519 setting and picks the backend: the one named, or for `auto` (unset or
 * empty) the caller's `preferred` one, except that a preferred libsodium that does not load here falls
 * back to node:crypto, with a note saying why. A value naming no backend is a usage error; `libsodium`
 * named explicitly and not loadable fails (ED25519_BACKEND_UNAVAILABLE) rather than falling back.
 */
export function chooseEd25519Backend(setting: string | undefined, preferred: Ed25519Backend): BackendChoice {
  const v = (setting ?? '').trim();
  if (v === 'openssl') return { backend: 'openssl' };
  if (v === 'libsodium') {
    bulkVerifier('libsodium');
    return { backend: 'libsodium' };
  }
  if (v !== '' && v !== 'auto') {
    throw new SignetError('USAGE', `${BACKEND_ENV} must be libsodium, openssl or auto`, { expected: 'libsodium | openssl | auto', got: JSON.stringify(v) });
  }
  if (preferred === 'openssl') return { backend: 'openssl' };
  const s = loadSodium();
  if ('error' in s) return { backend: 'openssl', note: `libsodium could not be loaded (${s.error}); signatures are checked with node:crypto, ~2.4x slower` };
  return { backend: 'libsodium' };
}
