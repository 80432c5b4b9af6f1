/**
 * API tokens: `signet_<id>_<secret>`. The registry stores the id and SHA-256(secret) only; a presented
 * token is found by its id and its secret's hash compared in constant time, so neither the database
 * nor timing reveals a usable token.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
const TOKEN = /^signet_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
export function newToken() {
    const id = randomBytes(9).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, '0').slice(0, 12);
    const secret = randomBytes(32).toString('base64url');
    return { id, token: `signet_${id}_${secret}`, hash: secretHash(secret) };
}
function secretHash(secret) {
    return createHash('sha256').update(secret, 'utf8').digest();
}
/** The id and secret hash of a presented token, or undefined when it is not shaped like one. */
export function parseToken(token) {
    const m = TOKEN.exec(token);
    return m === null ? undefined : { id: m[1], hash: secretHash(m[2]) };
}
export function hashesEqual(a, b) {
    return a.length === b.length && timingSafeEqual(a, b);
}
//# sourceMappingURL=tokens.js.map