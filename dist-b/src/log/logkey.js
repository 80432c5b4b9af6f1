/**
 * The log's signing key, created in the data folder on first run. It is a Go sumdb/note signer key
 * (`PRIVATE+KEY+<origin>+<hash>+<base64>`) in a file of mode 0600: a server must start unattended, so
 * the file is protected by the file system, not by a passphrase (see docs/OPERATIONS.md).
 */
import { mkdirSync, readFileSync, writeFileSync, renameSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { SignetError } from '../errors.js';
import { Ed25519PrivateKey } from '../crypto/ed25519.js';
import { formatSignerKey, formatVerifierKey, isValidKeyName, parseSignerKey } from '../crypto/note.js';
export const LOG_KEY_FILE = 'log.key';
function fromSkey(skey) {
    const signer = parseSignerKey(skey.trim());
    return { origin: signer.name, signer, verifierKey: formatVerifierKey(signer.name, signer.publicKey) };
}
/** Loads the key from `dir`, or creates it for `origin` on first run. */
export function loadOrCreateLogKey(dir, origin, defaultOrigin) {
    const path = join(dir, LOG_KEY_FILE);
    let existing;
    try {
        existing = readFileSync(path, 'utf8');
    }
    catch (e) {
        if (e.code !== 'ENOENT') {
            throw new SignetError('USAGE', `cannot read the log key ${path}: ${e.message}`, { cause: e });
        }
    }
    if (existing !== undefined) {
        const key = fromSkey(existing);
        if (origin !== undefined && origin !== key.origin) {
            throw new SignetError('USAGE', `this log's origin is ${key.origin}; a log cannot change its origin`, {
                expected: key.origin,
                got: origin,
                hint: 'drop --origin, or start a new log in another --data folder',
            });
        }
        return key;
    }
    const name = origin ?? defaultOrigin;
    if (!isValidKeyName(name)) {
        throw new SignetError('USAGE', `${JSON.stringify(name)} cannot be a log origin`, {
            expected: 'a non-empty name without spaces or "+", e.g. log.example.com/signet',
            got: name,
        });
    }
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return fromSkey(createSignerKeyFile(path, name));
}
/**
 * Generates a key and writes it as a Go note signer key (`PRIVATE+KEY+<name>+...`) to `path`, mode 0600,
 * fsynced before it is renamed into place. Returns the signer key string (secret: never print it).
 */
export function createSignerKeyFile(path, name) {
    const skey = formatSignerKey(name, Ed25519PrivateKey.generate());
    const tmp = `${path}.tmp-${process.pid}`;
    writeFileSync(tmp, skey + '\n', { mode: 0o600, flag: 'wx' });
    const fd = openSync(tmp, 'r');
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, path);
    return skey;
}
/** Reads the key (for `signet log key`); never creates one. */
export function readLogKey(dir) {
    const path = join(dir, LOG_KEY_FILE);
    try {
        return fromSkey(readFileSync(path, 'utf8'));
    }
    catch (e) {
        if (e.code === 'ENOENT') {
            throw new SignetError('USAGE', `no log key in ${dir}`, { hint: 'start the log once with `signet log serve --data DIR` to create it' });
        }
        throw e;
    }
}
//# sourceMappingURL=logkey.js.map