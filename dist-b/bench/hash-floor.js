/**
 * `node dist/bench/hash-floor.js <seconds> <entryBytes>`: measures the SHA-256 node- and leaf-hash
 * floors in a fresh process and prints them as JSON. Used as the floor of figures measured in a child
 * process (the auditor), so that figure and floor run under the same conditions.
 */
import { measureHashFloors } from './floors.js';
const seconds = Number(process.argv[2] ?? '0.5');
const entryBytes = Number(process.argv[3] ?? '100');
const h = measureHashFloors(seconds, entryBytes);
process.stdout.write(JSON.stringify({ nodeHashesPerSecond: h.nodeHash.perSecond, leafHashesPerSecond: h.leafHash.perSecond }) + '\n');
//# sourceMappingURL=hash-floor.js.map