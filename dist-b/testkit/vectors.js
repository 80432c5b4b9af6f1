/** Access to the shared test vectors (../shared/vectors beside the repository). */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
/** dist/testkit/vectors.js → the repository root is two levels up. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const VECTORS = process.env.SIGNET_VECTORS ?? resolve(REPO_ROOT, '../shared/vectors');
export function vectorPath(...parts) {
    return join(VECTORS, ...parts);
}
/** JSON.parse that keeps integers beyond 2^53 exact, as bigint (the Merkle vectors use 2^64-1). */
export function readJsonExact(path) {
    const text = readFileSync(path, 'utf8').replace(/(:\s*)(\d{16,})(\s*[,}\n])/g, '$1"#big:$2"$3');
    return JSON.parse(text, (_k, v) => typeof v === 'string' && v.startsWith('#big:') ? BigInt(v.slice(5)) : v);
}
/** Every file under `dir`, recursively, sorted. */
export function filesUnder(dir) {
    const out = [];
    for (const name of readdirSync(dir).sort()) {
        const p = join(dir, name);
        if (statSync(p).isDirectory())
            out.push(...filesUnder(p));
        else
            out.push(p);
    }
    return out;
}
export function b64(s) {
    return Buffer.from(s, 'base64');
}
export function readVector(rel) {
    return readFileSync(join(VECTORS, rel), 'utf8');
}
//# sourceMappingURL=vectors.js.map