/** Project Wycheproof's Ed25519 verification vectors (test/fixtures/wycheproof) through each of Signet's verifiers. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ed25519PublicKey } from '../../src/crypto/ed25519.js';
import { bulkVerifier } from '../../src/crypto/ed25519-bulk.js';
import { REPO_ROOT } from '../../testkit/vectors.js';

interface WycheproofCase {
  readonly tcId: number;
  readonly comment: string;
  readonly msg: string;
  readonly sig: string;
  readonly result: 'valid' | 'invalid';
}
interface WycheproofFile {
  readonly numberOfTests: number;
  readonly testGroups: readonly { readonly type: string; readonly key: { readonly pk: string }; readonly tests: readonly WycheproofCase[] }[];
}

const file = JSON.parse(readFileSync(join(REPO_ROOT, 'test/fixtures/wycheproof/eddsa_test.json'), 'utf8')) as WycheproofFile;
const cases = file.testGroups.flatMap((g) => g.tests.map((t) => ({ ...t, pk: Buffer.from(g.key.pk, 'hex'), type: g.type })));

describe('Wycheproof eddsa_test.json', () => {
  it('holds the cases it says it holds', () => {
    assert.equal(cases.length, file.numberOfTests);
    assert.ok(cases.every((c) => c.type === 'EddsaVerify'));
    assert.ok(cases.some((c) => c.result === 'valid') && cases.some((c) => c.result === 'invalid'));
  });

  const verifiers: [string, (pk: Buffer, msg: Buffer, sig: Buffer) => boolean][] = [
    ['libsodium (the log, a mirror)', (pk, msg, sig) => bulkVerifier('libsodium').verify(pk, msg, sig)],
    ['node:crypto on worker threads (a verifier\'s sync)', (pk, msg, sig) => bulkVerifier('openssl').verify(pk, msg, sig)],
    ['Ed25519PublicKey.verify (every other check)', (pk, msg, sig) => Ed25519PublicKey.fromRaw(pk).verify(msg, sig)],
  ];
  for (const [name, verify] of verifiers) {
    it(`${name}: every verdict is Wycheproof's`, () => {
      const wrong = cases.filter((c) => verify(c.pk, Buffer.from(c.msg, 'hex'), Buffer.from(c.sig, 'hex')) !== (c.result === 'valid'));
      assert.deepEqual(wrong.map((c) => `tcId ${c.tcId} (${c.comment || 'no comment'}): expected ${c.result}`), []);
    });
  }
});
