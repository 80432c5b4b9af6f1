/**
 * Worker thread for VerifyPool: verifies batches of Ed25519 signatures. Public keys are cached as
 * KeyObjects (bounded), since building one costs about as much as a verification.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { pointEncodingWeakness } from '../crypto/ed25519-points.js';

// A pool may ask its threads to yield to the main thread (see VerifyPool's `nice`). On Linux a
// thread's nice value is set through its thread id, which /proc/thread-self names; elsewhere this is
// skipped, and so is any failure: it is a scheduling hint, never a condition for verifying.
const nice = (workerData as { nice?: unknown } | null)?.nice;
if (typeof nice === 'number' && nice > 0) {
  try {
    setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), nice);
  } catch {
    // not Linux, or not allowed: run at the process's priority
  }
}

const cache = new Map<string, KeyObject>();
const MAX_CACHED = 10_000;

export interface VerifyJob {
  readonly id: number;
  /** Concatenated 32-byte public keys, 64-byte signatures, and the messages with their offsets. */
  readonly keys: Uint8Array;
  readonly sigs: Uint8Array;
  readonly messages: Uint8Array;
  readonly offsets: Uint32Array;
}

let lastRaw: Buffer | undefined;
let lastKey: KeyObject | undefined;

function keyObject(raw: Buffer): KeyObject {
  // A job's checks are mostly by one key (a vendor's releases): the last one is checked first.
  if (lastKey !== undefined && lastRaw!.equals(raw)) return lastKey;
  const id = raw.toString('latin1');
  let k = cache.get(id);
  if (k === undefined) {
    k = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
    cache.set(id, k);
  }
  lastRaw = Buffer.from(raw);
  lastKey = k;
  return k;
}

parentPort?.on('message', (job: VerifyJob) => {
  const n = job.keys.length / 32;
  const out = new Uint8Array(n);
  const keys = Buffer.from(job.keys.buffer, job.keys.byteOffset, job.keys.length);
  const sigs = Buffer.from(job.sigs.buffer, job.sigs.byteOffset, job.sigs.length);
  const msgs = Buffer.from(job.messages.buffer, job.messages.byteOffset, job.messages.length);
  for (let i = 0; i < n; i++) {
    try {
      const message = msgs.subarray(job.offsets[i]!, job.offsets[i + 1]!);
      const sig = sigs.subarray(i * 64, i * 64 + 64);
      // As Ed25519PublicKey.verify: a signature whose R is of small order (or not canonical) fails.
      out[i] = pointEncodingWeakness(sig.subarray(0, 32)) === undefined && verify(null, message, keyObject(keys.subarray(i * 32, i * 32 + 32)), sig) ? 1 : 0;
    } catch {
      out[i] = 0;
    }
  }
  parentPort!.postMessage({ id: job.id, results: out }, [out.buffer]);
});
