/**
 * The witness's cosigning key, created in the data folder on first run: a Go note signer key
 * (`PRIVATE+KEY+<name>+<hash>+<base64(0x01||seed)>`) in a 0600 file, as the log keeps its key
 * (src/log/logkey.ts). The same Ed25519 key signs cosignature/v1 lines; what the witness publishes is
 * its tlog-cosignature verifier key, `<name>+<key ID with type 0x04>+base64(0x04||public key)`.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignetError } from '../errors.js';
import { decodeStdBase64 } from '../crypto/base64.js';
import { Ed25519PrivateKey } from '../crypto/ed25519.js';
import { isValidKeyName, parseSignerKey } from '../crypto/note.js';
import { cosignatureVerifierKey, cosigner } from '../tlog/cosignature.js';
import { createSignerKeyFile } from '../log/logkey.js';
export const WITNESS_KEY_FILE = 'witness.key';
function fromSkey(skey) {
    const trimmed = skey.trim();
    // parseSignerKey checks the whole string (prefix, name, hash, algorithm, seed length) first.
    const signer = parseSignerKey(trimmed);
    // PRIVATE+KEY+<name>+<hash>+<base64>: neither the name nor the hash holds a '+', the base64 may.
    let at = -1;
    for (let i = 0; i < 4; i++)
        at = trimmed.indexOf('+', at + 1);
    const seed = decodeStdBase64(trimmed.slice(at + 1)).subarray(1);
    const key = Ed25519PrivateKey.fromSeed(seed);
    const name = signer.name;
    return {
        name,
        verifierKey: cosignatureVerifierKey(name, key.publicKey),
        cosigner: (timestamp) => cosigner(name, key, timestamp),
    };
}
function readKeyFile(path) {
    try {
        return readFileSync(path, 'utf8');
    }
    catch (e) {
        if (e.code === 'ENOENT')
            return undefined;
        throw new SignetError('USAGE', `cannot read the witness key ${path}: ${e.message}`, { cause: e });
    }
}
/** Loads the key from `dir`, or creates it named `name` (or `defaultName`) on first run. */
export function loadOrCreateWitnessKey(dir, name, defaultName) {
    const path = join(dir, WITNESS_KEY_FILE);
    const existing = readKeyFile(path);
    if (existing !== undefined) {
        const key = fromSkey(existing);
        if (name !== undefined && name !== key.name) {
            throw new SignetError('USAGE', `this witness is named ${key.name}; a witness cannot change its name`, {
                expected: key.name,
                got: name,
                hint: 'drop --name (logs and verifiers already trust the witness under its name), or start a new witness in another --data folder',
            });
        }
        return key;
    }
    const chosen = name ?? defaultName;
    if (!isValidKeyName(chosen)) {
        throw new SignetError('USAGE', `${JSON.stringify(chosen)} cannot be a witness name`, {
            expected: 'a non-empty name without spaces or "+", e.g. witness.example.com/w1',
            got: chosen,
        });
    }
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return fromSkey(createSignerKeyFile(path, chosen));
}
/** Reads the key (for `signet witness key`); never creates one. */
export function readWitnessKey(dir) {
    const path = join(dir, WITNESS_KEY_FILE);
    const skey = readKeyFile(path);
    if (skey === undefined) {
        throw new SignetError('USAGE', `no witness key in ${dir}`, {
            hint: 'start the witness once with `signet witness serve --data DIR --log KEY` to create it',
        });
    }
    return fromSkey(skey);
}
//# sourceMappingURL=key.js.map