/** Loads encrypted key files for signing (asking for each one's passphrase as docs/KEYFILE.md says). */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { SignetError, isSignetError } from '../errors.js';
import { decryptKeyFile, keyFileInfo } from '../crypto/keyfile.js';
import type { Ed25519PrivateKey } from '../crypto/ed25519.js';
import { keyPassphraseEnv, passphraseSource, readPassphrase } from './passphrase.js';

export async function loadSigningKey(file: string, passphraseFile?: string): Promise<Ed25519PrivateKey> {
  const path = resolve(file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new SignetError('USAGE', `cannot read the key file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, {
      hint: 'create a key with `signet keygen --out FILE`, or pass the right --key',
      cause: e,
    });
  }
  const info = keyFileInfo(text);
  const from = { ...(passphraseFile === undefined ? {} : { passphraseFile }), keyId: info.keyId };
  const passphrase = await readPassphrase({ ...from, purpose: `key ${info.keyId.slice(0, 16)}… (${path})` });
  try {
    return decryptKeyFile(text, passphrase);
  } catch (e) {
    if (!isSignetError(e, 'KEYFILE_PASSPHRASE_WRONG')) throw e;
    // Say which passphrase was tried: with several sources, the one used may not be the one the user set.
    throw new SignetError('KEYFILE_PASSPHRASE_WRONG', `${e.message} (${path}, with the passphrase from ${passphraseSource(from)})`, {
      expected: `the passphrase of key ${info.keyId}`,
      got: `the passphrase from ${passphraseSource(from)}`,
      hint: `the order is --passphrase-file, then ${keyPassphraseEnv(info.keyId)}, then SIGNET_PASSPHRASE, then the prompt; if the passphrase is right, restore the key file from a backup`,
      cause: e,
    });
  }
}

export async function loadSigningKeys(files: readonly string[], passphraseFile?: string): Promise<Ed25519PrivateKey[]> {
  if (files.length === 0) {
    // commander cannot report a missing repeatable option that defaults to [].
    throw new SignetError('USAGE', 'no signing key: give --key FILE (repeat it for several keys)', { hint: 'create one with `signet keygen --out FILE`' });
  }
  const keys: Ed25519PrivateKey[] = [];
  for (const f of files) keys.push(await loadSigningKey(f, passphraseFile));
  return keys;
}
