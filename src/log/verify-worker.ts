/**
 * Worker thread for VerifyPool: verifies batches of Ed25519 signatures with the backend the pool chose
 * (src/crypto/ed25519-bulk.ts: libsodium, or node:crypto with its KeyObject cache).
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { type Ed25519Backend, bulkVerifier } from '../crypto/ed25519-bulk.js';

export interface VerifyWorkerData {
  /** Lower the thread's priority by this much (Linux), see VerifyPool's `nice`. */
  readonly nice: number;
  readonly backend: Ed25519Backend;
}

const data = workerData as VerifyWorkerData;

// A pool may ask its threads to yield to the main thread (see VerifyPool's `nice`). On Linux a
// thread's nice value is set through its thread id, which /proc/thread-self names; elsewhere this is
// skipped, and so is any failure: it is a scheduling hint, never a condition for verifying.
if (data.nice > 0) {
  try {
    setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), data.nice);
  } catch {
    // not Linux, or not allowed: run at the process's priority
  }
}

// Throws (and so fails the pool with WORKER_FAILED) if the backend the pool chose does not load here.
const verifier = bulkVerifier(data.backend);

export interface VerifyJob {
  readonly id: number;
  /** Concatenated 32-byte public keys, 64-byte signatures, and the messages with their offsets. */
  readonly keys: Uint8Array;
  readonly sigs: Uint8Array;
  readonly messages: Uint8Array;
  readonly offsets: Uint32Array;
}

parentPort?.on('message', (job: VerifyJob) => {
  const n = job.keys.length / 32;
  const out = new Uint8Array(n);
  const keys = Buffer.from(job.keys.buffer, job.keys.byteOffset, job.keys.length);
  const sigs = Buffer.from(job.sigs.buffer, job.sigs.byteOffset, job.sigs.length);
  const msgs = Buffer.from(job.messages.buffer, job.messages.byteOffset, job.messages.length);
  for (let i = 0; i < n; i++) {
    const message = msgs.subarray(job.offsets[i]!, job.offsets[i + 1]!);
    out[i] = verifier.verify(keys.subarray(i * 32, i * 32 + 32), message, sigs.subarray(i * 64, i * 64 + 64)) ? 1 : 0;
  }
  parentPort!.postMessage({ id: job.id, results: out }, [out.buffer]);
});
