/**
 * The logs a witness cosigns for: for each origin, the note verifier keys its checkpoints must be
 * signed with. A log is given as its verifier key (`name+hash+base64`, Ed25519 type 0x01), and its
 * origin is the key name, unless an origin follows the key after one space (for logs whose key name
 * is not their origin, such as the Go checksum database: `sum.golang.org+033de0ae+Ac4z… go.sum database tree`).
 * A log may be listed with several keys (a key rotation); every listed key is trusted for its origin.
 */
import { readFileSync } from 'node:fs';
import { SignetError } from '../errors.js';
import { ALG_ED25519, ed25519NoteVerifier, parseVerifierKey } from '../crypto/note.js';
/** One log line: `<verifier key>` or `<verifier key> <origin>`. */
export function parseLogSpec(spec, where) {
    const line = spec.trim();
    const sp = line.indexOf(' ');
    const key = sp < 0 ? line : line.slice(0, sp);
    const explicitOrigin = sp < 0 ? undefined : line.slice(sp + 1).trim();
    let verifier;
    try {
        const vk = parseVerifierKey(key);
        if (vk.alg !== ALG_ED25519) {
            throw new SignetError('VERIFIER_KEY_INVALID', `signature type 0x${vk.alg.toString(16).padStart(2, '0')} is not supported for logs`, {
                expected: 'an Ed25519 note verifier key (type 0x01)',
                got: `type 0x${vk.alg.toString(16).padStart(2, '0')}`,
            });
        }
        verifier = ed25519NoteVerifier(vk);
    }
    catch (e) {
        throw new SignetError('USAGE', `${where}: not a log verifier key: ${e.message}`, {
            expected: "a log's verifier key name+hash+base64, optionally followed by one space and the log's origin",
            got: line.length > 120 ? line.slice(0, 120) + '…' : line,
            cause: e,
        });
    }
    const origin = explicitOrigin === undefined || explicitOrigin === '' ? verifier.name : explicitOrigin;
    if (origin.includes('\n'))
        throw new SignetError('USAGE', `${where}: an origin is one line`, { got: JSON.stringify(origin) });
    return { origin, key, verifier };
}
/** Reads a log list file: one log per line as in `parseLogSpec`; blank lines and `#` comments are skipped. */
export function readLogFile(path) {
    let text;
    try {
        text = readFileSync(path, 'utf8');
    }
    catch (e) {
        throw new SignetError('USAGE', `cannot read the log list ${path}: ${e.message}`, { cause: e });
    }
    return text
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#'));
}
/** Builds the trusted-log table from log lines; `where(i)` names line i in errors. */
export function trustedLogs(specs) {
    const byOrigin = new Map();
    for (const { spec, where } of specs) {
        const { origin, key, verifier } = parseLogSpec(spec, where);
        const entry = byOrigin.get(origin) ?? { keys: [], verifiers: [] };
        const same = entry.verifiers.findIndex((v) => v.name === verifier.name && v.keyHash === verifier.keyHash);
        if (same >= 0) {
            if (entry.keys[same] === key)
                continue; // the same key listed twice
            throw new SignetError('USAGE', `${where}: two different keys named ${verifier.name} with the same key hash for ${origin}`, {
                expected: 'one key per name and key hash',
                got: `${entry.keys[same]} and ${key}`,
                hint: 'one of them is mistyped; copy the key again from the log',
            });
        }
        entry.keys.push(key);
        entry.verifiers.push(verifier);
        byOrigin.set(origin, entry);
    }
    return new Map([...byOrigin].map(([origin, e]) => [origin, { origin, keys: e.keys, verifiers: e.verifiers }]));
}
//# sourceMappingURL=logs.js.map