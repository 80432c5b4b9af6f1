import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { LeanConnection } from '../../bench/lean-http.js';

/** A server answering POST with the request body reversed, in many small writes (so answers arrive split). */
function echoServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).reverse();
      res.writeHead(req.url === '/missing' ? 404 : 200, { 'content-type': 'application/octet-stream', 'content-length': body.length, 'x-path': req.url ?? '' });
      for (let at = 0; at < body.length; at += 1000) res.write(body.subarray(at, at + 1000));
      res.end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as net.AddressInfo).port, close: () => new Promise((r) => server.close(() => r())) })),
  );
}

describe('LeanConnection (the log benchmark load generator)', () => {
  let srv: { port: number; close: () => Promise<void> };
  before(async () => {
    srv = await echoServer();
  });
  after(() => srv.close());

  it('sends requests one after another on one connection and reads each whole answer', async () => {
    const conn = await LeanConnection.open('127.0.0.1', srv.port);
    try {
      for (const size of [0, 1, 999, 70_000, 300_000]) {
        const body = Buffer.alloc(size);
        for (let i = 0; i < size; i++) body[i] = (i * 7) & 0xff;
        const a = await conn.post('/echo', 'application/octet-stream', body);
        assert.equal(a.status, 200);
        assert.deepEqual(a.body, Buffer.from(body).reverse(), `a ${size}-byte body`);
      }
      const missing = await conn.post('/missing', 'text/plain', Buffer.from('abc'));
      assert.equal(missing.status, 404);
      assert.equal(missing.body.toString(), 'cba');
    } finally {
      conn.close();
    }
  });

  it('fails, naming it, on an answer without a Content-Length, and on a second request in flight', async () => {
    const chunked = http.createServer((_req, res) => {
      res.write('a');
      res.end('b');
    });
    await new Promise<void>((r) => chunked.listen(0, '127.0.0.1', r));
    const conn = await LeanConnection.open('127.0.0.1', (chunked.address() as net.AddressInfo).port);
    try {
      const first = conn.post('/', 'text/plain', Buffer.from('x'));
      await assert.rejects(conn.post('/', 'text/plain', Buffer.from('y')), /one request at a time/);
      await assert.rejects(first, /without a Content-Length/);
    } finally {
      conn.close();
      await new Promise((r) => chunked.close(r));
    }
  });
});
