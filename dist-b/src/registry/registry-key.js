/**
 * The registry's namespace-authority key: it countersigns vendor claims for the accounts it checked.
 * Created on first run in the data folder as a Go note signer key (`PRIVATE+KEY+<name>+...`) in a file
 * of mode 0600, like the log key: a server starts unattended (docs/OPERATIONS.md).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignetError } from '../errors.js';
import { parseSignerKey } from '../crypto/note.js';
import { createSignerKeyFile } from '../log/logkey.js';
import { keyIdOf } from '../crypto/keys.js';
export const REGISTRY_KEY_FILE = 'registry.key';
const KEY_NAME = 'signet-registry';
function fromSkey(skey) {
    const s = parseSignerKey(skey.trim());
    const keyId = keyIdOf(s.publicKey);
    return { publicKey: s.publicKey, keyId, signer: { keyid: keyId, sign: (m) => Buffer.from(s.sign(m)) } };
}
export function loadOrCreateRegistryKey(dir) {
    const path = join(dir, REGISTRY_KEY_FILE);
    try {
        return fromSkey(readFileSync(path, 'utf8'));
    }
    catch (e) {
        if (e.code !== 'ENOENT') {
            if (e instanceof SignetError)
                throw e;
            throw new SignetError('USAGE', `cannot read the registry key ${path}: ${e.message}`, { cause: e });
        }
    }
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return fromSkey(createSignerKeyFile(path, KEY_NAME));
}
//# sourceMappingURL=registry-key.js.map