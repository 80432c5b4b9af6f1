/**
 * Worker thread for the Ed25519 floors: verifies one (key, message, signature) in a loop through
 * src/crypto/ed25519-bulk.ts on the given backend (libsodium, or node:crypto with a cached KeyObject):
 * the path the log's and the sync's verify workers take. It posts 'ready', waits for 'go' (so that every worker of an all-core
 * measurement runs at the same time), runs a 0.2 s warm-up, then verifies for `seconds` and posts
 * {ops, seconds, failed}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type Ed25519Backend, bulkVerifier } from '../src/crypto/ed25519-bulk.js';
import { measureRate } from './lib.js';

export interface FloorWorkerData {
  readonly publicKey: Uint8Array;
  readonly message: Uint8Array;
  readonly signature: Uint8Array;
  readonly seconds: number;
  readonly backend: Ed25519Backend;
}

export interface FloorWorkerResult {
  readonly ops: number;
  readonly seconds: number;
  /** Verifications (warm-up included) that returned false: must be 0, or the floor is meaningless. */
  readonly failed: number;
}

const data = workerData as FloorWorkerData;
const verifier = bulkVerifier(data.backend);
const pub = Buffer.from(data.publicKey);
const message = Buffer.from(data.message);
const signature = Buffer.from(data.signature);

parentPort!.once('message', () => {
  let failed = 0;
  const r = measureRate(
    (n) => {
      for (let i = 0; i < n; i++) if (!verifier.verify(pub, message, signature)) failed++;
    },
    { seconds: data.seconds, batchSize: 100 },
  );
  const result: FloorWorkerResult = { ops: r.ops, seconds: r.seconds, failed };
  parentPort!.postMessage(result);
});
parentPort!.postMessage('ready');
