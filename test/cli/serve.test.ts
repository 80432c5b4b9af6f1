/** `signet serve`, the README's main job, and `signet log serve` / `signet log key` as an operator runs them. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../../testkit/cli.js';
import { freePort, startServerProcess } from '../../testkit/server-process.js';

const work = mkdtempSync(join(tmpdir(), 'signet-serve-'));
after(() => rmSync(work, { recursive: true, force: true }));

describe('signet serve', () => {
  it('runs the registry and its log under ./signet-data, prints their URLs and keys, and stops cleanly', { timeout: 60_000 }, async () => {
    const [port, logPort] = [await freePort(), await freePort()];
    const url = `http://127.0.0.1:${port}`;
    const logUrl = `http://127.0.0.1:${logPort}`;
    const data = join(work, 'signet-data');
    const server = await startServerProcess(['serve', '--data', data, '--listen', `127.0.0.1:${port}`, '--log-listen', `127.0.0.1:${logPort}`], logUrl);
    for (let i = 0; i < 200 && !server.output().includes('Press Ctrl-C'); i++) await new Promise((r) => setTimeout(r, 50));
    const out = server.output();
    assert.match(out, new RegExp(`registry +${url}/`));
    assert.match(out, new RegExp(`log +${logUrl}/`));
    const key = /log verifier key +(\S+)/.exec(out)?.[1];
    assert.ok(key, out);
    // The printed key is the one `signet log key` reads, the registry publishes, and the log verifies under.
    assert.equal((await runCli(['log', 'key', '--data', join(data, 'log')])).stdout.trim(), key);
    const wk = (await (await fetch(`${url}/.well-known/signet`)).json()) as { log: { url: string; verifierKey: string }; registry: { key: string } };
    assert.deepEqual([wk.log.url, wk.log.verifierKey], [logUrl, key]);
    assert.match(out, new RegExp(`registry key +${wk.registry.key.replace(/[+/]/g, (c) => `\\${c}`)}`));
    // The log trusts the registry's key for vendor claims.
    const logInfo = (await (await fetch(`${logUrl}/`)).json()) as { ledger: { registryKeys: string[] } };
    assert.deepEqual(logInfo.ledger.registryKeys, [wk.registry.key]);
    const index = (await (await fetch(`${url}/packages.json`)).json()) as { 'metadata-url': string };
    assert.equal(index['metadata-url'], '/p2/%package%.json');
    const verified = await runCli(['tlog', 'verify', logUrl, '--key', key!]);
    assert.equal(verified.code, 0, verified.stderr);
    // Secrets stay private.
    assert.equal(statSync(join(data, 'log', 'log.key')).mode & 0o077, 0);
    assert.equal(statSync(join(data, 'registry', 'registry.key')).mode & 0o077, 0);
    server.child.kill('SIGINT');
    assert.equal(await server.exited, 0, server.output());
    // The tiles folder holds a log that the auditor accepts too.
    const files = await runCli(['tlog', 'verify', join(data, 'log-tiles'), '--key', key!]);
    assert.equal(files.code, 0, files.stderr);
  });

  it('creates account tokens shown once and stored hashed', async () => {
    const dir = join(work, 'tokens');
    const r = await runCli(['registry', 'token', 'create', 'alice', '--data', dir, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const t = JSON.parse(r.stdout) as { token: string; account: string };
    assert.equal(t.account, 'alice');
    const { readFileSync } = await import('node:fs');
    const db = readFileSync(join(dir, 'registry.db'));
    // signet_<id>_<secret>: the secret is base64url, so it may itself hold '_' (split('_') would cut it
    // short, and a short fragment can turn up in the database by chance).
    const secret = /^signet_[a-z0-9]{12}_([A-Za-z0-9_-]{43})$/.exec(t.token)?.[1];
    assert.ok(secret !== undefined, `a token of the documented form, not ${t.token}`);
    assert.equal(db.includes(Buffer.from(secret)), false, 'the secret is not stored');
    const bad = await runCli(['registry', 'token', 'create', 'Not An Account', '--data', dir]);
    assert.equal(bad.code, 2);
  });

  it('lists tokens by id, account and date (never a secret), and revokes them by id', async () => {
    const dir = join(work, 'token-list');
    const made = [];
    for (const account of ['alice', 'bob', 'alice']) {
      const r = await runCli(['registry', 'token', 'create', account, '--data', dir, '--json']);
      made.push(JSON.parse(r.stdout) as { token: string; tokenId: string; account: string });
    }
    const list = async (...extra: string[]) => {
      const r = await runCli(['registry', 'token', 'list', '--data', dir, '--json', ...extra]);
      assert.equal(r.code, 0, r.stderr);
      return JSON.parse(r.stdout) as { tokenId: string; account: string; created: string }[];
    };
    const all = await list();
    assert.deepEqual(all.map((t) => t.tokenId).sort(), made.map((t) => t.tokenId).sort());
    for (const t of all) assert.match(t.created, /^\d{4}-\d\d-\d\dT/);
    assert.deepEqual((await list('--account', 'alice')).map((t) => t.tokenId).sort(), [made[0]!.tokenId, made[2]!.tokenId].sort());
    const text = await runCli(['registry', 'token', 'list', '--data', dir]);
    for (const t of made) {
      assert.match(text.stdout, new RegExp(`${t.tokenId} .* ${t.account}`));
      assert.equal(text.stdout.includes(t.token), false, 'no secret printed');
    }
    const revoked = await runCli(['registry', 'token', 'revoke', made[0]!.tokenId, '--data', dir, '--json']);
    assert.deepEqual(JSON.parse(revoked.stdout), { revoked: made[0]!.tokenId });
    assert.deepEqual((await list('--account', 'alice')).map((t) => t.tokenId), [made[2]!.tokenId]);
    const again = await runCli(['registry', 'token', 'revoke', made[0]!.tokenId, '--data', dir]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /no token with id/);
    // A wrong --data is refused, not answered with an empty list (nor turned into a new registry).
    const wrong = await runCli(['registry', 'token', 'list', '--data', join(work, 'no-registry')]);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /holds no registry/);
    assert.equal(existsSync(join(work, 'no-registry')), false);
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

  it('signet log serve says where it checks signatures: libsodium by default, node:crypto with SIGNET_ED25519=openssl', { timeout: 60_000 }, async () => {
    for (const [setting, expected] of [[undefined, /signatures +libsodium on 2 threads/], ['openssl', /signatures +node:crypto \(OpenSSL\) on 2 threads/]] as const) {
      const port = await freePort();
      const env = { ...process.env };
      if (setting === undefined) delete env['SIGNET_ED25519'];
      else env['SIGNET_ED25519'] = setting;
      const args = ['log', 'serve', '--data', join(work, `ed-${setting ?? 'default'}`), '--listen', `127.0.0.1:${port}`, '--verify-threads', '2'];
      const server = await startServerProcess(args, `http://127.0.0.1:${port}`, 20_000, '/checkpoint', env);
      for (let i = 0; i < 100 && !/signatures/.test(server.output()); i++) await new Promise((r) => setTimeout(r, 50));
      assert.match(server.output(), expected);
      server.child.kill('SIGTERM');
      assert.equal(await server.exited, 0, server.output());
    }
    // Judged at start, whatever the number of threads (with 0 the main thread checks, with node:crypto).
    for (const threads of ['2', '0']) {
      const bad = await runCli(['log', 'serve', '--data', join(work, 'ed-bad'), '--listen', '127.0.0.1:0', '--verify-threads', threads], { env: { ...process.env, SIGNET_ED25519: 'fast' } });
      assert.equal(bad.code, 2, bad.stderr);
      assert.match(bad.stderr, /SIGNET_ED25519 must be libsodium, openssl or auto/);
    }
    const vkey = (await runCli(['log', 'key', '--data', join(work, 'ed-default')])).stdout.trim();
    const mirror = await runCli(['mirror', 'serve', '--data', join(work, 'ed-mirror'), '--listen', '127.0.0.1:0', '--upstream', 'http://127.0.0.1:9', '--key', vkey], { env: { ...process.env, SIGNET_ED25519: 'fast' } });
    assert.equal(mirror.code, 2, mirror.stderr);
    assert.match(mirror.stderr, /SIGNET_ED25519 must be libsodium, openssl or auto/);
  });

  it('signet log key without a log says how to create one (exit 2)', async () => {
    const r = await runCli(['log', 'key', '--data', join(work, 'none')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /signet log serve/);
  });

  it('every server command has --help', async () => {
    for (const cmd of [
      ['serve'], ['log', 'serve'], ['log', 'key'], ['registry', 'serve'], ['registry', 'key'], ['registry', 'token', 'create'], ['registry', 'token', 'list'], ['registry', 'token', 'revoke'],
      ['login'], ['vendor', 'claim'], ['key', 'add'], ['key', 'revoke'], ['key', 'list'], ['policy', 'threshold'], ['release'], ['release', 'revoke'], ['attest'], ['reproduce'],
    ]) {
      const r = await runCli([...cmd, '--help']);
      assert.equal(r.code, 0, cmd.join(' '));
      assert.match(r.stdout, /Usage: signet/);
    }
  });
});
