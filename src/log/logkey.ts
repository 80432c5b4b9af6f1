/**
 * The log's signing key, created in the data folder on first run. It is a Go sumdb/note signer key
 * (`PRIVATE+KEY+<origin>+<hash>+<base64>`) in a file of mode 0600: a server must start unattended, so
 * the file is protected by the file system, not by a passphrase (see docs/OPERATIONS.md).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { writeFileDurableSync } from '../durable-file.js';
import { join } from 'node:path';
import { SignetError } from '../errors.js';
import { Ed25519PrivateKey } from '../crypto/ed25519.js';
import { formatSignerKey, formatVerifierKey, isValidKeyName, parseSignerKey, type NoteSigner } from '../crypto/note.js';

export const LOG_KEY_FILE = 'log.key';

export interface LogKey {
  readonly origin: string;
  readonly signer: NoteSigner;
  readonly verifierKey: string;
}

function fromSkey(skey: string): LogKey {
  const signer = parseSignerKey(skey.trim());
  return { origin: signer.name, signer, verifierKey: formatVerifierKey(signer.name, signer.publicKey) };
}

/** Loads the key from `dir`, or creates it for `origin` on first run. */
export function loadOrCreateLogKey(dir: string, origin: string | undefined, defaultOrigin: string): LogKey {
  const path = join(dir, LOG_KEY_FILE);
  let existing: string | undefined;
  try {
    existing = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new SignetError('USAGE', `cannot read the log key ${path}: ${(e as Error).message}`, { cause: e });
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
export function createSignerKeyFile(path: string, name: string): string {
  const skey = formatSignerKey(name, Ed25519PrivateKey.generate());
  // Durable, folder included: a key lost in a power cut would have the next start make another one.
  writeFileDurableSync(path, skey + '\n', { mode: 0o600 });
  return skey;
}

/** Reads the key (for `signet log key`); never creates one. */
export function readLogKey(dir: string): LogKey {
  const path = join(dir, LOG_KEY_FILE);
  try {
    return fromSkey(readFileSync(path, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new SignetError('USAGE', `no log key in ${dir}`, { hint: 'start the log once with `signet log serve --data DIR` to create it' });
    }
    throw e;
  }
}
