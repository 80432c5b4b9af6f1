/**
 * The floors: what this machine's crypto can do at best, measured in the same run as the figures
 * they bound. Everything Signet does is ultimately SHA-256 calls and Ed25519 verifications through
 * node:crypto, so a figure divided by its floor says how much of the machine the code actually uses.
 */
import { createHash } from 'node:crypto';
import { Ed25519PrivateKey } from '../src/crypto/ed25519.js';
import { type Rate, measureRate } from './lib.js';

export interface Floors {
  /** SHA-256 Merkle node hashes/s: createHash().update(0x01).update(l).update(r).digest(), 32-byte l and r. */
  readonly nodeHash: Rate;
  /** SHA-256 leaf hashes/s of `leafEntryBytes`-byte entries: createHash().update(0x00).update(entry).digest(). */
  readonly leafHash: Rate;
  readonly leafEntryBytes: number;
  /** SHA-256 throughput over 1 MiB buffers, in MB/s (10^6 bytes). */
  readonly sha256MBps: number;
  readonly sha256Bulk: Rate;
  /** Ed25519 verifications/s of a ~100-byte message, through src/crypto/ed25519.ts. */
  readonly ed25519Verify: Rate;
  /** True when the Ed25519 signature verified (false would make the floor meaningless). */
  readonly ed25519Ok: boolean;
}

const NODE_PREFIX = Buffer.from([0x01]);
const LEAF_PREFIX = Buffer.from([0x00]);

export interface HashFloors {
  readonly nodeHash: Rate;
  readonly leafHash: Rate;
}

/**
 * The two SHA-256 floors every tlog figure is compared with. Cheap enough (2 × `seconds`) to be
 * re-measured right before each figure, so that a figure and its floor see the same machine load.
 */
export function measureHashFloors(seconds: number, leafEntryBytes: number): HashFloors {
  // Node hashes: chain the output into the next input so nothing can be hoisted.
  let l: Buffer = createHash('sha256').update('left').digest();
  const r: Buffer = createHash('sha256').update('right').digest();
  const nodeHash = measureRate(
    (n) => {
      for (let i = 0; i < n; i++) l = createHash('sha256').update(NODE_PREFIX).update(l).update(r).digest();
    },
    { seconds, batchSize: 2000 },
  );
  const entry = Buffer.alloc(leafEntryBytes, 0x5a);
  let sink = 0;
  const leafHash = measureRate(
    (n) => {
      for (let i = 0; i < n; i++) {
        entry[0] = i & 0xff;
        sink ^= createHash('sha256').update(LEAF_PREFIX).update(entry).digest()[0]!;
      }
    },
    { seconds, batchSize: 2000 },
  );
  void sink;
  return { nodeHash, leafHash };
}

export function measureFloors(seconds: number, leafEntryBytes: number): Floors {
  const { nodeHash, leafHash } = measureHashFloors(seconds, leafEntryBytes);
  let sink = 0;
  const mib = Buffer.alloc(1 << 20, 0xa5);
  const sha256Bulk = measureRate(
    (n) => {
      for (let i = 0; i < n; i++) sink ^= createHash('sha256').update(mib).digest()[0]!;
    },
    { seconds, batchSize: 4 },
  );

  const key = Ed25519PrivateKey.generate();
  const msg = Buffer.from('bench.signet.example/log\n1000000\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n', 'utf8');
  const sig = key.sign(msg);
  const pub = key.publicKey;
  let okCount = 0;
  const ed25519Verify = measureRate(
    (n) => {
      for (let i = 0; i < n; i++) if (pub.verify(msg, sig)) okCount++;
    },
    { seconds, batchSize: 200 },
  );
  void sink;

  return {
    nodeHash,
    leafHash,
    leafEntryBytes,
    sha256Bulk,
    sha256MBps: (sha256Bulk.perSecond * (1 << 20)) / 1e6,
    ed25519Verify,
    ed25519Ok: okCount > 0,
  };
}
