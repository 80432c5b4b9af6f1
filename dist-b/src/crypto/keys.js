/** Signet key JSON (DESIGN.md format 5) and key IDs. */
import { createHash } from 'node:crypto';
import { SignetError } from '../errors.js';
import { decodeCanonicalBase64 } from './base64.js';
import { Ed25519PublicKey } from './ed25519.js';
/** Lowercase hex SHA-256 of the 32 raw public-key bytes. */
export function keyIdOf(pub) {
    const raw = pub instanceof Ed25519PublicKey ? pub.raw : pub;
    if (raw.length !== 32) {
        throw new SignetError('KEY_INVALID', 'a key ID is computed over a 32-byte Ed25519 public key', {
            expected: '32 bytes',
            got: `${raw.length} bytes`,
        });
    }
    return createHash('sha256').update(raw).digest('hex');
}
export function signetKey(pub, role) {
    if (role !== 'full' && role !== 'release') {
        throw new SignetError('KEY_INVALID', `unknown key role ${JSON.stringify(role)}`, {
            expected: '"full" or "release"',
            got: JSON.stringify(role),
        });
    }
    return { id: keyIdOf(pub), alg: 'ed25519', public: pub.raw.toString('base64'), role };
}
const FIELDS = ['alg', 'id', 'public', 'role'];
function bad(message, expected, got) {
    return new SignetError('KEY_INVALID', `invalid Signet key: ${message}`, { expected, got });
}
/** Parses a Signet key object strictly: exactly the four fields, a matching id, 32 canonical-base64 bytes. */
export function parseSignetKey(json) {
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
        throw bad('not a JSON object', 'an object {id, alg, public, role}', Array.isArray(json) ? 'an array' : typeof json);
    }
    const o = json;
    const keys = Object.keys(o).sort();
    if (keys.length !== FIELDS.length || keys.some((k, i) => k !== FIELDS[i])) {
        throw bad('wrong fields', 'exactly the fields alg, id, public, role', keys.join(', ') || '(none)');
    }
    if (o.alg !== 'ed25519')
        throw bad('unsupported algorithm', '"ed25519"', JSON.stringify(o.alg));
    if (o.role !== 'full' && o.role !== 'release')
        throw bad('unknown role', '"full" or "release"', JSON.stringify(o.role));
    if (typeof o.public !== 'string')
        throw bad('"public" is not a string', 'base64 of 32 bytes', typeof o.public);
    const raw = decodeCanonicalBase64(o.public);
    if (raw === undefined)
        throw bad('"public" is not canonical standard base64', 'padded standard base64', JSON.stringify(o.public));
    if (raw.length !== 32)
        throw bad('"public" is not 32 bytes', '32 bytes', `${raw.length} bytes`);
    const pub = Ed25519PublicKey.fromRaw(raw);
    const id = keyIdOf(pub);
    if (o.id !== id) {
        throw new SignetError('KEY_INVALID', 'invalid Signet key: "id" is not the SHA-256 of the public key', {
            expected: id,
            got: JSON.stringify(o.id),
            attack: 'a key presented under another key\'s ID',
        });
    }
    return { id, alg: 'ed25519', public: o.public, role: o.role };
}
export function publicKeyOf(k) {
    const raw = decodeCanonicalBase64(k.public);
    if (raw === undefined || raw.length !== 32) {
        throw bad('"public" is not base64 of 32 bytes', 'base64 of 32 bytes', JSON.stringify(k.public));
    }
    const pub = Ed25519PublicKey.fromRaw(raw);
    if (k.id !== keyIdOf(pub)) {
        throw new SignetError('KEY_INVALID', 'invalid Signet key: "id" is not the SHA-256 of the public key', {
            expected: keyIdOf(pub),
            got: JSON.stringify(k.id),
            attack: "a key presented under another key's ID",
        });
    }
    return pub;
}
//# sourceMappingURL=keys.js.map