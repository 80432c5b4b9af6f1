/** The read path's GET: gzip answers inflated within the cap, redirects followed within a limit. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { TooLarge, httpGet } from '../../src/client/http-get.js';

let server: Server;
let base: string;
let acceptEncoding: string | undefined;
before(async () => {
  server = createServer((req, res) => {
    acceptEncoding = req.headers['accept-encoding'];
    const path = req.url ?? '/';
    if (path === '/gz') res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('hello'));
    else if (path === '/bomb') res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(1 << 20)));
    else if (path === '/bad-gzip') res.writeHead(200, { 'content-encoding': 'gzip' }).end('not gzip at all');
    else if (path === '/br') res.writeHead(200, { 'content-encoding': 'br' }).end('x');
    else if (path === '/hop') res.writeHead(301, { location: '/gz' }).end();
    else if (path === '/loop') res.writeHead(302, { location: '/loop' }).end();
    else if (path === '/elsewhere') res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((r) => server.close(() => r())));

describe('httpGet', () => {
  it('asks for gzip or identity, and inflates a gzip answer', async () => {
    const r = await httpGet(`${base}/gz`, 1000, 5000);
    assert.equal(acceptEncoding, 'gzip, identity');
    assert.equal(r.status, 200);
    assert.equal(r.body.toString(), 'hello');
  });

  it('caps the inflated size (a small gzip answer that inflates to 1 MiB)', async () => {
    await assert.rejects(httpGet(`${base}/bomb`, 64 * 1024, 5000), (e: unknown) => e instanceof TooLarge);
  });

  it('refuses a broken gzip answer and an encoding it did not ask for', async () => {
    await assert.rejects(httpGet(`${base}/bad-gzip`, 1000, 5000), /gzip encoding is invalid/);
    await assert.rejects(httpGet(`${base}/br`, 1000, 5000), /Content-Encoding "br"/);
  });

  it('follows redirects, to http(s) only, at most 5', async () => {
    assert.equal((await httpGet(`${base}/hop`, 1000, 5000)).body.toString(), 'hello');
    await assert.rejects(httpGet(`${base}/loop`, 1000, 5000), /more than 5 redirects/);
    await assert.rejects(httpGet(`${base}/elsewhere`, 1000, 5000), /only http and https/);
  });
});
