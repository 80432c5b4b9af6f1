/** `signet mirror serve`: a verified copy that serves the same read API, and stops on a fork. */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../testkit/cli.js';
import { Signers, Statements } from '../../testkit/ledger.js';
import { release, startTestLog, type TestLog } from '../../testkit/verifier.js';
import { startMirrorServer, type RunningMirror } from '../../src/log/mirror.js';

describe('signet mirror serve', { timeout: 120_000 }, () => {
  const s = new Signers();
  const st = new Statements(s, new Date());
  const dirs: string[] = [];
  const closers: (() => Promise<void>)[] = [];
  after(async () => {
    for (const c of closers.reverse()) await c().catch(() => undefined);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  let upstream: TestLog;
  let mirror: RunningMirror;
  let closeUpstream: () => Promise<void> = async () => undefined;

  it('follows the log and serves the same checkpoint, tiles, entries, lookups and proofs', async () => {
    upstream = await startTestLog(s);
    let upstreamOpen = true;
    closeUpstream = async () => {
      if (upstreamOpen) await upstream.log.close();
      upstreamOpen = false;
    };
    closers.push(() => closeUpstream());
    await upstream.add(st.vendor({ vendor: 'acme', keys: [['k1', 'full']] }));
    for (let i = 0; i < 300; i++) await upstream.add(release(st, `acme/p${i % 7}`, `1.0.${i}`, ['k1']).entry);
    const dir = mkdtempSync(join(tmpdir(), 'signet-mirror-'));
    dirs.push(dir);
    mirror = await startMirrorServer({ dataDir: dir, upstream: upstream.log.url, key: upstream.log.log.verifierKey, listen: { host: '127.0.0.1', port: 0 }, intervalMs: 60_000 });
    closers.push(() => mirror.close());
    const same = async (path: string) => {
      const [a, b] = await Promise.all([fetch(upstream.log.url + path), fetch(mirror.url + path)]);
      assert.equal(b.status, a.status, path);
      assert.deepEqual(Buffer.from(await b.arrayBuffer()), Buffer.from(await a.arrayBuffer()), path);
    };
    for (const p of ['/checkpoint', '/tile/0/000', '/tile/0/001.p/45', '/tile/1/000.p/1', '/tile/entries/000', '/tile/entries/001.p/45', '/entry/7', '/lookup/vendor/acme', '/lookup/package/acme/p3', '/proof/inclusion?index=5&size=200', '/proof/entries?indexes=5,17,299&size=300', '/proof/consistency?from=10&to=301']) {
      await same(p);
    }
    const audit = await runCli(['tlog', 'verify', mirror.url, '--key', upstream.log.log.verifierKey]);
    assert.equal(audit.code, 0, audit.stderr);
    const post = await fetch(`${mirror.url}/add`, { method: 'POST', body: new Uint8Array(st.vendor({ vendor: 'beta', keys: [['kb', 'full']] })) });
    assert.equal(post.status, 405);
    assert.match(((await post.json()) as { error: { hint: string } }).error.hint, new RegExp(upstream.log.url.replace(/[.:/]/g, '\\$&')));
  });

  it('keeps following as the log grows', async () => {
    await upstream.add(st.vendor({ vendor: 'beta', keys: [['kb', 'full']] }));
    assert.equal(await mirror.follow(), 302);
    const info = (await (await fetch(`${mirror.url}/`)).json()) as { size: number; following: boolean; upstream: string };
    assert.deepEqual([info.size, info.following], [302, true]);
  });

  it('stops following a log that forks, keeps serving what it verified, and keeps the evidence', async () => {
    const port = Number(new URL(upstream.log.url).port);
    const keyDir = upstream.dir;
    await closeUpstream();
    // The same address and key, another history.
    const impostor = await startTestLog(s, { keyFrom: keyDir, port });
    closers.push(() => impostor.log.close());
    await impostor.add(st.vendor({ vendor: 'acme', keys: [['evil', 'full']] }));
    for (let i = 0; i < 310; i++) await impostor.add(release(st, 'acme/p0', `6.6.${i}`, ['evil']).entry);
    await assert.rejects(mirror.follow(), (e: { code?: string }) => e.code === 'CHECKPOINT_FORK');
    const info = (await (await fetch(`${mirror.url}/`)).json()) as { size: number; following: boolean; stopped: { error: { code: string; evidence: { stored: string; served: string } } } };
    assert.equal(info.following, false);
    assert.equal(info.size, 302, 'still serving the verified copy');
    assert.equal(info.stopped.error.code, 'CHECKPOINT_FORK');
    assert.match(info.stopped.error.evidence.served, /^signet\.test\/log\n311\n/);
    const file = JSON.parse(readFileSync(join(dirs[0]!, 'stopped.json'), 'utf8')) as { error: { code: string } };
    assert.equal(file.error.code, 'CHECKPOINT_FORK');
    await assert.rejects(mirror.follow(), (e: { code?: string }) => e.code === 'MIRROR_STOPPED');
    assert.ok(existsSync(join(dirs[0]!, 'stopped.json')));
  });
});
