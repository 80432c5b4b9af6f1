import { SignetError } from '../errors.js';
import { Ed25519PublicKey } from '../crypto/ed25519.js';
import { parseVerifierKey } from '../crypto/note.js';
import { parseSignetKey, publicKeyOf } from '../crypto/keys.js';
/**
 * A public key given on the command line: base64 of the 32 raw bytes, a verifier key
 * (name+hash+base64), or a Signet key JSON object.
 */
export function parsePublicKeyArg(value, flag) {
    const v = value.trim();
    try {
        if (v.startsWith('{'))
            return publicKeyOf(parseSignetKey(JSON.parse(v)));
        // Base64 of 32 bytes is 44 characters ending in one '='; a verifier key always has a name and a hash.
        if (v.includes('+') && !/^[A-Za-z0-9+/]{43}=$/.test(v)) {
            const vk = parseVerifierKey(v);
            if (vk.alg !== 0x01)
                throw new Error(`signature type 0x${vk.alg.toString(16)} is not Ed25519`);
            return Ed25519PublicKey.fromRaw(vk.publicKey);
        }
        const raw = Buffer.from(v, 'base64');
        if (raw.toString('base64') !== v)
            throw new Error('not canonical base64');
        return Ed25519PublicKey.fromRaw(raw);
    }
    catch (e) {
        throw new SignetError('USAGE', `${flag} is not an Ed25519 public key: ${e.message}`, {
            expected: 'base64 of the 32-byte key, a verifier key name+hash+base64, or a Signet key JSON object',
            got: v.length > 80 ? v.slice(0, 80) + '…' : v,
            cause: e,
        });
    }
}
//# sourceMappingURL=keyarg.js.map