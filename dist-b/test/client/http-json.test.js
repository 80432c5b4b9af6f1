/**
 * JSON over HTTP for the clients: a server's typed error comes back with its code (and only codes we
 * know), bodies are size-capped whatever the server declares, and every network failure, including one
 * in the middle of a body, is FETCH_FAILED (kind "unavailable").
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { httpRequest, remoteError, requestJson } from '../../src/client/http-json.js';
import { rejectsWith } from '../../testkit/assert-error.js';
import { fakeHttp, rawHttp, refusedUrl, sendJson } from '../../testkit/fake-server.js';
const URL_ = 'http://registry.test/api/x';
const body = (v) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));
describe('remoteError', () => {
    it("turns a server's error into a SignetError with the server's code and details", () => {
        const e = remoteError(URL_, 403, body({
            error: { code: 'NOT_VENDOR_OWNER', kind: 'verification', message: 'acme belongs to another account', expected: 'owner', got: 'bob', attack: 'a', hint: 'h', evidence: { vendor: 'acme' } },
        }));
        assert.equal(e.code, 'NOT_VENDOR_OWNER');
        assert.equal(e.kind, 'verification');
        assert.equal(e.message, 'acme belongs to another account');
        assert.equal(e.details.expected, 'owner');
        assert.equal(e.details.got, 'bob');
        assert.equal(e.details.attack, 'a');
        assert.equal(e.details.hint, 'h');
        assert.deepEqual(e.details.evidence, { vendor: 'acme', url: URL_, status: 403 });
    });
    it('keeps the URL and status it saw, whatever evidence the server claims', () => {
        const e = remoteError(URL_, 409, body({ error: { code: 'RELEASE_EXISTS', message: 'm', evidence: { url: 'http://elsewhere/', status: 200, index: 7 } } }));
        assert.equal(e.code, 'RELEASE_EXISTS');
        assert.deepEqual(e.details.evidence, { url: URL_, status: 409, index: 7 });
    });
    it('does not believe codes it does not know, nor names inherited by every object', () => {
        for (const code of ['NO_SUCH_CODE', 'toString', '__proto__', 'constructor', 'hasOwnProperty', 42, null, ['USAGE']]) {
            const e = remoteError(URL_, 400, body({ error: { code, message: 'refused' } }));
            assert.equal(e.code, 'FETCH_FAILED', `code ${JSON.stringify(code)}`);
            assert.equal(e.kind, 'unavailable');
            assert.match(e.message, /unknown code/);
            assert.ok(e.message.includes(JSON.stringify(code)), e.message);
            assert.match(e.message, /refused$/);
        }
    });
    it('answers for bodies that are not an error document: FETCH_FAILED for 5xx, USAGE otherwise', () => {
        const cases = [
            [502, body('<html>Bad Gateway</html>'), 'FETCH_FAILED'],
            [500, body(''), 'FETCH_FAILED'],
            [404, body('not found'), 'USAGE'],
            [400, body({ ok: false }), 'USAGE'],
            [400, body({ error: 'a string, not an object' }), 'USAGE'],
            [400, body('null'), 'USAGE'],
            [503, Buffer.from([0xff, 0xfe, 0x00]), 'FETCH_FAILED'],
        ];
        for (const [status, b, code] of cases) {
            const e = remoteError(URL_, status, b);
            assert.equal(e.code, code, `HTTP ${status} ${b.toString('utf8')}`);
            assert.deepEqual(e.details.evidence, { url: URL_, status });
            assert.match(String(e.details.got), new RegExp(`^HTTP ${status}`));
        }
        const long = remoteError(URL_, 404, body('x'.repeat(10_000)));
        assert.ok(String(long.details.got).length < 300, 'the body is quoted, not copied whole');
    });
    it('caps the strings it copies and falls back when the message is not a string', () => {
        const e = remoteError(URL_, 400, body({ error: { code: 'USAGE', message: 'm'.repeat(10_000), expected: 5, got: 'g'.repeat(5000) } }));
        assert.equal(e.message.length, 4000);
        assert.equal(e.details.got?.length, 4000);
        assert.equal(e.details.expected, undefined);
        assert.equal(remoteError(URL_, 418, body({ error: { code: 'USAGE', message: { no: 1 } } })).message, 'HTTP 418');
    });
});
describe('requestJson and httpRequest against real sockets', () => {
    let server;
    before(async () => {
        server = await fakeHttp(async (req, res) => {
            const path = req.url;
            if (path === '/json')
                return sendJson(res, 200, { hello: 'world', method: req.method, body: req.body.toString('utf8') });
            if (path === '/created')
                return sendJson(res, 201, { created: true });
            if (path === '/not-json') {
                res.writeHead(200, { 'content-type': 'application/json' });
                return void res.end('<html>surprise</html>');
            }
            if (path === '/refuse')
                return sendJson(res, 409, { error: { code: 'RELEASE_EXISTS', message: 'acme/widget 1.0.0 exists' } });
            if (path === '/refuse-unknown')
                return sendJson(res, 400, { error: { code: 'TEAPOT', message: 'no' } });
            if (path === '/big-declared') {
                res.writeHead(200, { 'content-type': 'application/json', 'content-length': 2000 });
                return void res.end(`"${'a'.repeat(1998)}"`);
            }
            if (path === '/big-chunked') {
                // No Content-Length: 64 KiB chunks until the client hangs up (it must, long before the end).
                res.writeHead(200, { 'content-type': 'application/json' });
                let sent = 0;
                const chunk = Buffer.alloc(64 * 1024, 0x61);
                const pump = () => {
                    while (sent < 64 * 1024 * 1024) {
                        sent += chunk.length;
                        if (!res.write(chunk))
                            return void res.once('drain', pump);
                    }
                    res.end();
                };
                res.on('close', () => (sent = Infinity));
                return pump();
            }
            if (path === '/stall-headers')
                return; // never answers
            if (path === '/stall-body') {
                res.writeHead(200, { 'content-type': 'application/json', 'content-length': 100 });
                return void res.write('{"partial":');
            }
            res.writeHead(404).end();
        });
    });
    after(() => server.close());
    it('sends the method, body and content type, and parses a 2xx JSON answer', async () => {
        assert.deepEqual(await requestJson(`${server.url}/json`, { method: 'POST', body: '{"a":1}', contentType: 'application/json', headers: { authorization: 'Bearer t' } }), {
            hello: 'world',
            method: 'POST',
            body: '{"a":1}',
        });
        const seen = server.requests.at(-1);
        assert.equal(seen.headers['content-type'], 'application/json');
        assert.equal(seen.headers.authorization, 'Bearer t');
        assert.deepEqual(await requestJson(`${server.url}/created`), { created: true });
        assert.deepEqual(await requestJson(`${server.url}/json`, { method: 'PUT', body: new Uint8Array([0x7b, 0x7d]) }), { hello: 'world', method: 'PUT', body: '{}' });
    });
    it('refuses a 2xx answer that is not JSON', async () => {
        const e = await rejectsWith(requestJson(`${server.url}/not-json`), 'FETCH_FAILED');
        assert.match(String(e.details.got), /surprise/);
    });
    it("throws the server's refusal with its code, and FETCH_FAILED for a code it does not know", async () => {
        const e = await rejectsWith(requestJson(`${server.url}/refuse`, { method: 'POST', body: '{}' }), 'RELEASE_EXISTS');
        assert.equal(e.message, 'acme/widget 1.0.0 exists');
        assert.deepEqual(e.details.evidence, { url: `${server.url}/refuse`, status: 409 });
        await rejectsWith(requestJson(`${server.url}/refuse-unknown`), 'FETCH_FAILED');
        await rejectsWith(requestJson(`${server.url}/nothing-here`), 'USAGE');
    });
    it('refuses a body larger than maxBytes, declared or streamed', async () => {
        await rejectsWith(httpRequest(`${server.url}/big-declared`, { maxBytes: 1999 }), 'FETCH_FAILED');
        assert.equal((await httpRequest(`${server.url}/big-declared`, { maxBytes: 2000 })).body.length, 2000);
        const e = await rejectsWith(requestJson(`${server.url}/big-chunked`, { maxBytes: 256 * 1024 }), 'FETCH_FAILED');
        assert.match(e.message, /more than 262144 bytes/);
    });
    it('times out a server that does not answer, or stops in the middle of a body', async () => {
        const a = await rejectsWith(requestJson(`${server.url}/stall-headers`, { timeoutMs: 200 }), 'FETCH_FAILED');
        assert.equal(a.kind, 'unavailable');
        const b = await rejectsWith(requestJson(`${server.url}/stall-body`, { timeoutMs: 300 }), 'FETCH_FAILED');
        assert.equal(b.kind, 'unavailable');
    });
    it('is FETCH_FAILED (unavailable) when nobody listens', async () => {
        const url = await refusedUrl();
        const e = await rejectsWith(requestJson(`${url}/json`), 'FETCH_FAILED');
        assert.equal(e.kind, 'unavailable');
        assert.match(e.message, /ECONNREFUSED/);
    });
});
describe('a server that lies about Content-Length', () => {
    let raw;
    before(async () => {
        raw = await rawHttp((path, socket) => {
            if (path === '/declares-less') {
                // Declares 7 bytes, then keeps sending: only the declared body is read.
                socket.write(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 7\r\n\r\n"short"${'x'.repeat(1 << 20)}`);
                socket.end();
            }
            else if (path === '/declares-more') {
                // Declares 1000 bytes, sends 10 and hangs up.
                socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"a":"bcd"');
                socket.end();
            }
            else {
                socket.end('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n');
            }
        });
    });
    after(() => raw.close());
    it('reads no more than the declared length (so the cap holds)', async () => {
        const a = await httpRequest(`${raw.url}/declares-less`, { maxBytes: 100 });
        assert.equal(a.body.toString('utf8'), '"short"');
        assert.equal(await requestJson(`${raw.url}/declares-less`, { maxBytes: 100 }), 'short');
    });
    it('is FETCH_FAILED when the body ends before the declared length', async () => {
        const e = await rejectsWith(httpRequest(`${raw.url}/declares-more`), 'FETCH_FAILED');
        assert.equal(e.kind, 'unavailable');
        await rejectsWith(requestJson(`${raw.url}/declares-more`), 'FETCH_FAILED');
    });
});
//# sourceMappingURL=http-json.test.js.map