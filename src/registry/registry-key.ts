/**
 * The registry's namespace-authority key: it countersigns vendor claims for the accounts it checked.
 * Created on first run in the data folder as a Go note signer key (`PRIVATE+KEY+<name>+...`) in a file
 * of mode 0600, like the log key: a server starts unattended (docs/OPERATIONS.md).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignetError } from '../errors.js';
import type { Ed25519PublicKey } from '../crypto/ed25519.js';
import { parseSignerKey } from '../crypto/note.js';
import { createSignerKeyFile } from '../log/logkey.js';
import { keyIdOf } from '../crypto/keys.js';
import type { DsseSigner } from '../crypto/dsse.js';

export const REGISTRY_KEY_FILE = 'registry.key';
const KEY_NAME = 'signet-registry';

export interface RegistryKey {
  readonly publicKey: Ed25519PublicKey;
  /** Signet key ID (hex SHA-256 of the public key), the DSSE keyid of its signatures. */
  readonly keyId: string;
  readonly signer: DsseSigner;
}

function fromSkey(skey: string): RegistryKey {
  const s = parseSignerKey(skey.trim());
  const keyId = keyIdOf(s.publicKey);
  return { publicKey: s.publicKey, keyId, signer: { keyid: keyId, sign: (m) => Buffer.from(s.sign(m)) } };
}

export function loadOrCreateRegistryKey(dir: string): RegistryKey {
  const path = join(dir, REGISTRY_KEY_FILE);
  try {
    return fromSkey(readFileSync(path, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      if (e instanceof SignetError) throw e;
      throw new SignetError('USAGE', `cannot read the registry key ${path}: ${(e as Error).message}`, { cause: e });
    }
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return fromSkey(createSignerKeyFile(path, KEY_NAME));
}
