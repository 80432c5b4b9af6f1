/** Loads encrypted key files for signing (asking for each one's passphrase as docs/KEYFILE.md says). */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { SignetError } from '../errors.js';
import { decryptKeyFile, keyFileInfo } from '../crypto/keyfile.js';
import { readPassphrase } from './passphrase.js';
export async function loadSigningKey(file, passphraseFile) {
    const path = resolve(file);
    let text;
    try {
        text = await readFile(path, 'utf8');
    }
    catch (e) {
        throw new SignetError('USAGE', `cannot read the key file ${path}: ${e.code ?? e.message}`, {
            hint: 'create a key with `signet keygen --out FILE`, or pass the right --key',
            cause: e,
        });
    }
    const info = keyFileInfo(text);
    const passphrase = await readPassphrase({ ...(passphraseFile === undefined ? {} : { passphraseFile }), purpose: `key ${info.keyId.slice(0, 16)}… (${path})` });
    return decryptKeyFile(text, passphrase);
}
export async function loadSigningKeys(files, passphraseFile) {
    const keys = [];
    for (const f of files)
        keys.push(await loadSigningKey(f, passphraseFile));
    return keys;
}
//# sourceMappingURL=signing-key.js.map