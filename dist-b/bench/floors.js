/**
 * The floors: what this machine's crypto can do at best, measured in the same run as the figures
 * they bound. Everything Signet does is ultimately SHA-256 calls and Ed25519 verifications through
 * node:crypto, so a figure divided by its floor says how much of the machine the code actually uses.
 */
import * as nodeCrypto from 'node:crypto';
import { createHash } from 'node:crypto';
import { Ed25519PrivateKey } from '../src/crypto/ed25519.js';
import { measureRate } from './lib.js';
const oneShot = nodeCrypto.hash;
export const SHA256_PATH = oneShot === undefined ? 'createHash' : 'crypto.hash (one-shot)';
function sha256(data) {
    return oneShot === undefined ? createHash('sha256').update(data).digest() : oneShot('sha256', data, 'buffer');
}
/**
 * The two SHA-256 floors every tlog figure is compared with. Cheap enough (2 × `seconds`) to be
 * re-measured right before each figure, so that a figure and its floor see the same machine load.
 */
export function measureHashFloors(seconds, leafEntryBytes) {
    // Node hashes: chain the output into the next input so nothing can be hoisted.
    const node = Buffer.alloc(65, 0x33);
    node[0] = 0x01;
    const nodeHash = measureRate((n) => {
        for (let i = 0; i < n; i++)
            node.set(sha256(node), 1);
    }, { seconds, batchSize: 2000 });
    const entry = Buffer.alloc(1 + leafEntryBytes, 0x5a);
    entry[0] = 0x00;
    let sink = 0;
    const leafHash = measureRate((n) => {
        for (let i = 0; i < n; i++) {
            entry[1] = i & 0xff;
            sink ^= sha256(entry)[0];
        }
    }, { seconds, batchSize: 2000 });
    void sink;
    return { nodeHash, leafHash };
}
export function measureFloors(seconds, leafEntryBytes) {
    const { nodeHash, leafHash } = measureHashFloors(seconds, leafEntryBytes);
    let sink = 0;
    const mib = Buffer.alloc(1 << 20, 0xa5);
    const sha256Bulk = measureRate((n) => {
        for (let i = 0; i < n; i++)
            sink ^= sha256(mib)[0];
    }, { seconds, batchSize: 4 });
    const key = Ed25519PrivateKey.generate();
    const msg = Buffer.from('bench.signet.example/log\n1000000\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n', 'utf8');
    const sig = key.sign(msg);
    const pub = key.publicKey;
    let okCount = 0;
    const ed25519Verify = measureRate((n) => {
        for (let i = 0; i < n; i++)
            if (pub.verify(msg, sig))
                okCount++;
    }, { seconds, batchSize: 200 });
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
//# sourceMappingURL=floors.js.map