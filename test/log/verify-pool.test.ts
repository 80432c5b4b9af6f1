import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Worker } from 'node:worker_threads';
import { isSignetError } from '../../src/errors.js';
import { Ed25519PrivateKey } from '../../src/crypto/ed25519.js';
import { VerifyPool } from '../../src/log/verify-pool.js';
import { BASE, edEncode, edMul, identityRSignature, scalarBytes } from '../../testkit/ed25519-forge.js';

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

  it('refuses a signature whose R is the identity point, as Ed25519PublicKey.verify does (OpenSSL alone accepts it)', async () => {
    const key = Ed25519PrivateKey.generate();
    const message = Buffer.from('release acme/widget 1.0.0');
    const forged = identityRSignature(key, message);
    assert.deepEqual(await pool.verify([{ publicKey: key.publicKey.raw, message, signature: forged }, { publicKey: key.publicKey.raw, message, signature: key.sign(message) }]), [false, true]);
  });

  it('gives the same answers on either Ed25519 backend (libsodium, node:crypto)', async () => {
    const key = Ed25519PrivateKey.generate();
    const message = Buffer.from('release acme/widget 2.0.0');
    const sig = key.sign(message);
    const bad = Buffer.from(sig);
    bad[40]! ^= 4;
    const checks = [
      { publicKey: key.publicKey.raw, message, signature: sig },
      { publicKey: key.publicKey.raw, message, signature: bad },
      { publicKey: key.publicKey.raw, message, signature: identityRSignature(key, message) },
      // The identity as the key, (R, S) = ([s]B, s): OpenSSL alone accepts it for any message.
      { publicKey: edEncode(edMul(0n, BASE)), message, signature: Buffer.concat([edEncode(edMul(424242n, BASE)), scalarBytes(424242n)]) },
    ];
    for (const backend of ['libsodium', 'openssl'] as const) {
      const p = new VerifyPool(1, { backend });
      try {
        assert.equal(p.backend, backend);
        assert.deepEqual(await p.verify(checks), [true, false, false, false], backend);
      } finally {
        await p.close();
      }
    }
    const saved = process.env['SIGNET_ED25519'];
    delete process.env['SIGNET_ED25519'];
    try {
      assert.equal(new VerifyPool(0).backend, 'openssl', 'without a choice, node:crypto');
    } finally {
      if (saved !== undefined) process.env['SIGNET_ED25519'] = saved;
    }
  });

  it('keeps the process alive while a request waits for its answers, and lets it exit once closed', () => {
    // A process whose only pending work is a verification: were the workers unref'd, Node would exit
    // (with 0, printing nothing) before the answer came back.
    const script = `
      import { VerifyPool } from ${JSON.stringify(new URL('../../src/log/verify-pool.js', import.meta.url).href)};
      import { Ed25519PrivateKey } from ${JSON.stringify(new URL('../../src/crypto/ed25519.js', import.meta.url).href)};
      const key = Ed25519PrivateKey.generate();
      const message = Buffer.from('alive');
      const pool = new VerifyPool(2);
      process.on('beforeExit', () => { if (!done) console.log('exited while waiting'); });
      let done = false;
      pool.verify([{ publicKey: key.publicKey.raw, message, signature: key.sign(message) }]).then((r) => {
        done = true;
        console.log(JSON.stringify(r));
        void pool.close();
      });`;
    // A file, not -e: worker threads inherit the parent's flags, and --input-type would stop them.
    const dir = mkdtempSync(join(tmpdir(), 'signet-pool-'));
    try {
      writeFileSync(join(dir, 'wait.mjs'), script);
      const out = execFileSync(process.execPath, [join(dir, 'wait.mjs')], { encoding: 'utf8', timeout: 30_000 });
      assert.equal(out.trim(), '[true]');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs its workers at a lower priority when asked (Linux), and still verifies', { skip: process.platform !== 'linux' }, async () => {
    const niceOf = (): number[] =>
      readdirSync('/proc/self/task').map((t) => {
        const stat = readFileSync(`/proc/self/task/${t}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]); // field 19: nice
      });
    const before = niceOf().filter((n) => n === 7).length;
    const low = new VerifyPool(2, { nice: 7 });
    try {
      const key = Ed25519PrivateKey.generate();
      const message = Buffer.from('m');
      assert.deepEqual(await low.verify([{ publicKey: key.publicKey.raw, message, signature: key.sign(message) }]), [true]);
      // Each worker sets its own nice value as it starts: wait (up to 10 s) for both.
      const deadline = Date.now() + 10_000;
      while (niceOf().filter((n) => n === 7).length - before < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.equal(niceOf().filter((n) => n === 7).length - before, 2);
      assert.equal(niceOf()[0], 0, 'the main thread keeps its priority');
    } finally {
      await low.close();
    }
  });

  it('fails every request, waiting or in flight, and every later one, when a worker thread dies', async () => {
    const doomed = new VerifyPool(2);
    try {
      const key = Ed25519PrivateKey.generate();
      const message = Buffer.from('m');
      const check = { publicKey: key.publicKey.raw, message, signature: key.sign(message) };
      assert.deepEqual(await doomed.verify([check]), [true]);
      const waiting = Array.from({ length: 20 }, () => doomed.verify(Array.from({ length: 50 }, () => check)));
      // A worker ending on its own (killed, out of memory): reached here through the pool's private list.
      await (doomed as unknown as { workers: Worker[] }).workers[0]!.terminate();
      const settled = await Promise.allSettled(waiting);
      assert.ok(settled.some((r) => r.status === 'rejected'), 'no request failed');
      for (const r of settled) if (r.status === 'rejected') assert.ok(isSignetError(r.reason, 'WORKER_FAILED'), String(r.reason));
      await assert.rejects(doomed.verify([check]), (e: unknown) => isSignetError(e, 'WORKER_FAILED') && /worker thread failed/.test((e as Error).message));
    } finally {
      await doomed.close();
    }
  });
});

