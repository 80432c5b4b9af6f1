/** The log's HTTP API with an admission that accepts any entry: the read path, proofs, errors, the tiles folder. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FolderSource, HttpSource } from '../../src/client/source.js';
import { OpenAdmission } from '../../src/log/admission.js';
import { type RunningLog, parseListen, startLogServer } from '../../src/log/server.js';
import { auditLog } from '../../src/tlog/audit.js';
import { parseCheckpoint } from '../../src/tlog/checkpoint.js';
import { leafHash } from '../../src/tlog/hash.js';
import { verifyConsistency, verifyInclusion } from '../../src/tlog/proof.js';
import { isSignetError } from '../../src/errors.js';
import { runCli } from '../../testkit/cli.js';

const work = mkdtempSync(join(tmpdir(), 'signet-log-http-'));
let server: RunningLog;
const lookupKeys = { vendor: (v: string) => `vendor:${v}`, package: (v: string, n: string) => `package:${v}/${n}`, release: (v: string, n: string, r: string) => `release:${v}/${n}@${r}` };

before(async () => {
  server = await startLogServer({
    dataDir: join(work, 'data'),
    listen: parseListen('127.0.0.1:0'),
    origin: 'test.example/http-log',
    admission: new OpenAdmission(),
    lookupKeys,
    tilesDir: join(work, 'tiles'),
  });
});
after(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

async function add(body: string | Buffer): Promise<Response> {
  return fetch(`${server.url}/add`, { method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body), headers: { 'content-type': 'application/json' } });
}

function cp(note: string) {
  return parseCheckpoint(note.slice(0, note.lastIndexOf('\n\n') + 1));
}

describe('log HTTP API', () => {
  it('POST /add answers with the index, the checkpoint and an inclusion proof', async () => {
    const res = await add('{"hello":"world"}');
    assert.equal(res.status, 200);
    const r = (await res.json()) as { index: number; size: number; proof: string[]; checkpoint: string; leafHash: string };
    assert.equal(r.index, 0);
    const c = cp(r.checkpoint);
    verifyInclusion(r.index, c.size, leafHash(Buffer.from('{"hello":"world"}')), r.proof.map((p) => Buffer.from(p, 'base64')), c.root);
  });

  it('takes 300 concurrent submissions over HTTP; the read path passes the auditor, over HTTP and as files', async () => {
    const old = await (await fetch(`${server.url}/checkpoint`)).text();
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => add(`{"n":${i}}`).then((r) => r.json() as Promise<{ index: number }>)));
    assert.equal(new Set(results.map((r) => r.index)).size, 300);
    const key = server.log.verifierKey;
    const web = await auditLog(new HttpSource(server.url), { logKey: key, since: old });
    assert.equal(web.size, 301);
    // The folder follows the log asynchronously (each file fsynced): wait for its checkpoint to reach 301.
    for (let waited = 0; !readFileSync(join(work, 'tiles', 'checkpoint'), 'utf8').includes('\n301\n') && waited < 10_000; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const files = await auditLog(new FolderSource(join(work, 'tiles')), { logKey: key, since: old });
    assert.equal(files.size, 301);
    // The CLI agrees.
    const cli = await runCli(['tlog', 'verify', server.url, '--key', key, '--json']);
    assert.equal(cli.code, 0, cli.stderr);
  });

  it('answers an unknown route or method in the API\'s error shape (404 NOT_FOUND)', async () => {
    for (const [method, path] of [['GET', '/nope'], ['PUT', '/add']] as const) {
      const res = await fetch(`${server.url}${path}`, { method });
      assert.equal(res.status, 404);
      assert.equal(((await res.json()) as { error: { code: string; kind: string } }).error.code, 'NOT_FOUND');
    }
  });

  it('serves the read path with the caching rules of tlog-tiles', async () => {
    const checkpoint = await fetch(`${server.url}/checkpoint`);
    assert.equal(checkpoint.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.match(checkpoint.headers.get('cache-control') ?? '', /max-age=[0-5]\b/);
    const tile = await fetch(`${server.url}/tile/0/000`);
    assert.equal(tile.status, 200);
    assert.equal(tile.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal((await tile.arrayBuffer()).byteLength, 8192);
    assert.equal((await fetch(`${server.url}/tile/0/005`)).status, 404);
    assert.equal((await fetch(`${server.url}/tile/0/x000/005`)).status, 404, 'non-canonical path');
    const bundle = await fetch(`${server.url}/tile/entries/000`);
    assert.equal(bundle.headers.get('content-type'), 'application/octet-stream');
    const entry = await fetch(`${server.url}/entry/0`);
    assert.equal(await entry.text(), '{"hello":"world"}');
    assert.equal((await fetch(`${server.url}/entry/100000`)).status, 404);
  });

  it('serves inclusion and consistency proofs that verify against signed checkpoints', async () => {
    const note = await (await fetch(`${server.url}/checkpoint`)).text();
    const c = cp(note);
    const inc = (await (await fetch(`${server.url}/proof/inclusion?index=7&size=${c.size}`)).json()) as { leafHash: string; proof: string[] };
    verifyInclusion(7, c.size, Buffer.from(inc.leafHash, 'base64'), inc.proof.map((p) => Buffer.from(p, 'base64')), c.root);
    const entry7 = Buffer.from(await (await fetch(`${server.url}/entry/7`)).arrayBuffer());
    assert.equal(inc.leafHash, leafHash(entry7).toString('base64'));
    const con = (await (await fetch(`${server.url}/proof/consistency?from=1&to=${c.size}`)).json()) as { proof: string[] };
    verifyConsistency(1, c.size, server.log.rootAt(1), c.root, con.proof.map((p) => Buffer.from(p, 'base64')));
    const bad = await fetch(`${server.url}/proof/inclusion?index=1&size=999999`);
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { error: { code: string } }).error.code, 'INDEX_OUT_OF_RANGE');
    assert.equal((await fetch(`${server.url}/proof/inclusion?index=-1`)).status, 400);
  });

  it('serves several entries with their inclusion proofs in one answer (GET /proof/entries), and refuses malformed lists', async () => {
    const c = cp(await (await fetch(`${server.url}/checkpoint`)).text());
    const res = await fetch(`${server.url}/proof/entries?indexes=0,7,250&size=${c.size}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    const body = (await res.json()) as { size: number; entries: { index: number; entry: string; proof: string[] }[] };
    assert.equal(body.size, c.size);
    assert.deepEqual(body.entries.map((e) => e.index), [0, 7, 250]);
    for (const e of body.entries) {
      const data = Buffer.from(e.entry, 'base64');
      assert.deepEqual(data, Buffer.from(await (await fetch(`${server.url}/entry/${e.index}`)).arrayBuffer()));
      verifyInclusion(e.index, c.size, leafHash(data), e.proof.map((p) => Buffer.from(p, 'base64')), c.root);
    }
    const code = async (q: string): Promise<[number, string]> => {
      const r = await fetch(`${server.url}/proof/entries?${q}`);
      return [r.status, ((await r.json()) as { error: { code: string } }).error.code];
    };
    assert.deepEqual(await code('indexes=7,7'), [400, 'USAGE'], 'an index twice');
    assert.deepEqual(await code('indexes=9,7'), [400, 'USAGE'], 'out of order');
    assert.deepEqual(await code('indexes=07'), [400, 'USAGE'], 'not canonical');
    assert.deepEqual(await code('indexes='), [400, 'USAGE'], 'empty');
    assert.deepEqual(await code(`indexes=${Array.from({ length: 257 }, (_, i) => i).join(',')}`), [400, 'USAGE'], '257 indexes');
    assert.deepEqual(await code(`indexes=1,${c.size}&size=${c.size}`), [400, 'INDEX_OUT_OF_RANGE'], 'beyond the size');
    assert.deepEqual(await code(`indexes=1&size=${c.size + 1000}`), [400, 'INDEX_OUT_OF_RANGE'], 'a size not published');
  });

  it('refuses an entry over 64 KiB with 413 and an empty body with 400, changing nothing', async () => {
    const before = server.log.size;
    const big = await add(Buffer.alloc(65536, 0x61));
    assert.equal(big.status, 413);
    assert.equal(((await big.json()) as { error: { code: string } }).error.code, 'ENTRY_TOO_LARGE');
    const empty = await add('');
    assert.equal(empty.status, 400);
    assert.equal(server.log.size, before);
  });

  it('writes the tiles folder in the layout the auditor reads', () => {
    const note = readFileSync(join(work, 'tiles', 'checkpoint'), 'utf8');
    assert.ok(cp(note).size >= 1);
    assert.ok(readFileSync(join(work, 'tiles', 'tile', 'entries', '000.p/1')).length > 0, 'partial bundles of earlier checkpoints stay');
  });

  it('refuses a second server on the same data folder, and a change of origin', async () => {
    await assert.rejects(
      startLogServer({ dataDir: join(work, 'data'), listen: parseListen('127.0.0.1:0'), admission: new OpenAdmission(), lookupKeys }),
      (e: unknown) => isSignetError(e, 'LOG_LOCKED'),
    );
    const other = join(work, 'other');
    const s = await startLogServer({ dataDir: other, listen: parseListen('127.0.0.1:0'), admission: new OpenAdmission(), lookupKeys, origin: 'a.example/log' });
    await s.close();
    await assert.rejects(
      startLogServer({ dataDir: other, listen: parseListen('127.0.0.1:0'), admission: new OpenAdmission(), lookupKeys, origin: 'b.example/log' }),
      (e: unknown) => isSignetError(e, 'USAGE'),
    );
    // The lock was released by the failed start: the right origin starts again.
    const again = await startLogServer({ dataDir: other, listen: parseListen('127.0.0.1:0'), admission: new OpenAdmission(), lookupKeys });
    await again.close();
  });
});

describe('the tiles folder', () => {
  it('is rebuilt from the database when it was deleted', async () => {
    const dir = join(work, 'rebuild');
    const tiles = join(dir, 'tiles');
    const start = () =>
      startLogServer({ dataDir: join(dir, 'data'), listen: parseListen('127.0.0.1:0'), admission: new OpenAdmission(), lookupKeys, tilesDir: tiles });
    const first = await start();
    await Promise.all(Array.from({ length: 40 }, (_, i) => first.log.submit(Buffer.from(`r${i}`))));
    const key = first.log.verifierKey;
    await first.close();
    rmSync(tiles, { recursive: true, force: true });
    const second = await start();
    const r = await auditLog(new FolderSource(tiles), { logKey: key });
    assert.equal(r.size, 40);
    await second.close();
  });
});
