/**
 * Worker thread for the `log` scenario's Ed25519 floor: verifies one (key, message, signature) in a
 * loop through src/crypto/ed25519.ts (node:crypto with a cached KeyObject, the path the log's
 * verify workers take). It posts 'ready', waits for 'go' (so that every worker of an all-core
 * measurement runs at the same time), runs a 0.2 s warm-up, then verifies for `seconds` and posts
 * {ops, seconds, failed}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Ed25519PublicKey } from '../src/crypto/ed25519.js';
import { measureRate } from './lib.js';
const data = workerData;
const pub = Ed25519PublicKey.fromRaw(Buffer.from(data.publicKey));
const message = Buffer.from(data.message);
const signature = Buffer.from(data.signature);
parentPort.once('message', () => {
    let failed = 0;
    const r = measureRate((n) => {
        for (let i = 0; i < n; i++)
            if (!pub.verify(message, signature))
                failed++;
    }, { seconds: data.seconds, batchSize: 100 });
    const result = { ops: r.ops, seconds: r.seconds, failed };
    parentPort.postMessage(result);
});
parentPort.postMessage('ready');
//# sourceMappingURL=ed25519-floor-worker.js.map