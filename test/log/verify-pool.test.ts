import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Ed25519PrivateKey } from '../../src/crypto/ed25519.js';
import { VerifyPool } from '../../src/log/verify-pool.js';

const pool = new VerifyPool(2);
after(() => pool.close());

describe('VerifyPool', () => {
  it('verifies good signatures and refuses bad ones, in order, across many concurrent requests', async () => {
    const keys = Array.from({ length: 5 }, () => Ed25519PrivateKey.generate());
    const requests = Array.from({ length: 200 }, (_, i) => {
      const key = keys[i % keys.length]!;
      const message = Buffer.from(`message ${i}`);
      const signature = key.sign(message);
      const bad = Buffer.from(signature);
      bad[i % 64]! ^= 1;
      return [
        { publicKey: key.publicKey.raw, message, signature },
        { publicKey: key.publicKey.raw, message, signature: bad },
        { publicKey: keys[(i + 1) % keys.length]!.publicKey.raw, message, signature },
        { publicKey: key.publicKey.raw, message, signature: signature.subarray(0, 63) },
      ];
    });
    const results = await Promise.all(requests.map((r) => pool.verify(r)));
    for (const r of results) assert.deepEqual(r, [true, false, false, false]);
    assert.deepEqual(await pool.verify([]), []);
  });
});
