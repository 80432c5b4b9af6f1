import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import { Ed25519PrivateKey } from '../../src/crypto/ed25519.js';
import { encryptKeyFile } from '../../src/crypto/keyfile.js';
import { keyIdOf } from '../../src/crypto/keys.js';
import { isSignetError } from '../../src/errors.js';
import { keyPassphraseEnv } from '../../src/cli/passphrase.js';
import { loadSigningKeys } from '../../src/cli/signing-key.js';

const work = mkdtempSync(join(tmpdir(), 'signet-signing-key-'));
after(() => rmSync(work, { recursive: true, force: true }));

const saved = { ...process.env };
afterEach(() => {
  for (const k of Object.keys(process.env)) if (k.startsWith('SIGNET_PASSPHRASE')) delete process.env[k];
  for (const [k, v] of Object.entries(saved)) if (k.startsWith('SIGNET_PASSPHRASE')) process.env[k] = v;
});

/** A key file encrypted with `passphrase` (the fastest scrypt cost the format allows). */
function keyFile(name: string, passphrase: string): { path: string; key: Ed25519PrivateKey; env: string } {
  const key = Ed25519PrivateKey.generate();
  const path = join(work, name);
  writeFileSync(path, encryptKeyFile(key, passphrase, { scryptN: 1024 }), { mode: 0o600 });
  return { path, key, env: keyPassphraseEnv(keyIdOf(key.publicKey)) };
}

describe('loadSigningKeys: passphrases of unattended runs', () => {
  it("unlocks keys with different passphrases, each from its own SIGNET_PASSPHRASE_<KEY ID> variable", async () => {
    const a = keyFile('a.key', 'passphrase of a');
    const b = keyFile('b.key', 'passphrase of b');
    assert.match(a.env, /^SIGNET_PASSPHRASE_[0-9A-F]{16}$/);
    process.env[a.env] = 'passphrase of a';
    process.env[b.env] = 'passphrase of b';
    process.env['SIGNET_PASSPHRASE'] = 'neither';
    const keys = await loadSigningKeys([a.path, b.path]);
    assert.deepEqual(keys.map((k) => k.publicKey.raw.toString('hex')), [a.key, b.key].map((k) => k.publicKey.raw.toString('hex')));
  });

  it('falls back to SIGNET_PASSPHRASE for a key without its own variable', async () => {
    const a = keyFile('c.key', 'own');
    const b = keyFile('d.key', 'shared');
    process.env[a.env] = 'own';
    process.env['SIGNET_PASSPHRASE'] = 'shared';
    assert.equal((await loadSigningKeys([a.path, b.path])).length, 2);
  });

  it('an empty per-key variable is refused, not passed over; a wrong one is KEYFILE_PASSPHRASE_WRONG naming the variable tried', async () => {
    const a = keyFile('e.key', 'right');
    process.env[a.env] = '';
    process.env['SIGNET_PASSPHRASE'] = 'right';
    await assert.rejects(loadSigningKeys([a.path]), (e: unknown) => isSignetError(e, 'PASSPHRASE_UNAVAILABLE') && (e as Error).message.includes(a.env));
    // A stale per-key variable wins over SIGNET_PASSPHRASE: the error says which one was tried.
    process.env[a.env] = 'wrong';
    await assert.rejects(loadSigningKeys([a.path]), (e: unknown) => isSignetError(e, 'KEYFILE_PASSPHRASE_WRONG') && (e as Error).message.includes(`with the passphrase from the ${a.env} variable`));
  });
});
