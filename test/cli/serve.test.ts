/** `signet serve`, the README's main job, and `signet log serve` / `signet log key` as an operator runs them. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../../testkit/cli.js';
import { freePort, startServerProcess } from '../../testkit/server-process.js';

const work = mkdtempSync(join(tmpdir(), 'signet-serve-'));
after(() => rmSync(work, { recursive: true, force: true }));

describe('signet serve', () => {
  it('runs the local log under ./signet-data, prints its URLs and verifier key, and stops cleanly', { timeout: 60_000 }, async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const data = join(work, 'signet-data');
    const server = await startServerProcess(['serve', '--data', data, '--listen', `127.0.0.1:${port}`], url);
    await new Promise((r) => setTimeout(r, 100));
    const out = server.output();
    assert.match(out, new RegExp(`log +${url}/`));
    const key = /verifier key +(\S+)/.exec(out)?.[1];
    assert.ok(key, out);
    // The printed key is the one `signet log key` reads, and the log verifies under it.
    assert.equal((await runCli(['log', 'key', '--data', join(data, 'log')])).stdout.trim(), key);
    const verified = await runCli(['tlog', 'verify', url, '--key', key!]);
    assert.equal(verified.code, 0, verified.stderr);
    // Secrets stay private.
    assert.equal(statSync(join(data, 'log', 'log.key')).mode & 0o077, 0);
    server.child.kill('SIGINT');
    assert.equal(await server.exited, 0, server.output());
    // The tiles folder holds a log that the auditor accepts too.
    const files = await runCli(['tlog', 'verify', join(data, 'log-tiles'), '--key', key!]);
    assert.equal(files.code, 0, files.stderr);
  });

  it('is installed as an executable `signet` (the README runs `npx signet serve`)', async () => {
    const { CLI } = await import('../../testkit/cli.js');
    assert.ok((statSync(CLI).mode & 0o111) !== 0, `${CLI} is not executable: npx signet would fail`);
    const { readFileSync } = await import('node:fs');
    assert.ok(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node'));
  });

  it('refuses to listen beyond loopback', async () => {
    const r = await runCli(['serve', '--data', join(work, 'x'), '--listen', '0.0.0.0:8080']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /loopback/);
  });

  it('signet log key without a log says how to create one (exit 2)', async () => {
    const r = await runCli(['log', 'key', '--data', join(work, 'none')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /signet log serve/);
  });

  it('every server command has --help', async () => {
    for (const cmd of [['serve'], ['log', 'serve'], ['log', 'key']]) {
      const r = await runCli([...cmd, '--help']);
      assert.equal(r.code, 0);
      assert.match(r.stdout, /Usage: signet/);
    }
  });
});
