/** The archive requests of `signet verify-archive`: the batch file and the stream on stdin, parsed at the edge. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { MAX_BATCH_ARCHIVES, MAX_STREAM_LINE, parseArchiveRequest, parseBatchFile, readArchiveStream } from '../../src/cli/archive-batch.js';
import { SignetError } from '../../src/errors.js';
const A = { file: '/tmp/a.zip', package: 'acme/widget', version: '1.0.0' };
const B = { file: '/tmp/b.zip', package: 'beta/tool', version: 'v2.0.0' };
/** Feeds `chunks` one by one and collects the requests. */
async function read(chunks) {
    const got = [];
    try {
        const count = await readArchiveStream(Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c))), (a) => got.push(a));
        return { got, count };
    }
    catch (e) {
        assert.ok(e instanceof SignetError, String(e));
        return { got, error: e };
    }
}
describe('parseArchiveRequest', () => {
    it('takes {file, package, version} and nothing less', () => {
        assert.deepEqual(parseArchiveRequest({ ...A, extra: 1 }, 'x'), A);
        for (const bad of [null, [], 'a', { ...A, file: '' }, { ...A, package: 3 }, { file: 'f', package: 'p' }, { ...A, file: 'a\0b' }, { ...A, version: 'v'.repeat(5000) }]) {
            assert.throws(() => parseArchiveRequest(bad, 'line 9'), (e) => e instanceof SignetError && e.code === 'USAGE' && /line 9 is not an archive request/.test(e.message), JSON.stringify(bad));
        }
    });
});
describe('parseBatchFile', () => {
    it('reads {"archives": [...]} and names what is wrong', () => {
        assert.deepEqual(parseBatchFile(JSON.stringify({ archives: [A, B] }), 'b.json'), [A, B]);
        assert.throws(() => parseBatchFile('{', 'b.json'), /the batch file b\.json is not JSON/);
        assert.throws(() => parseBatchFile('{"files": []}', 'b.json'), /has no "archives" list/);
        assert.throws(() => parseBatchFile(JSON.stringify({ archives: [A, { file: 'x' }] }), 'b.json'), /archives\[1\] of b\.json is not an archive request/);
    });
});
describe('readArchiveStream', () => {
    it('hands over each archive as soon as its line is complete, across chunk boundaries', async () => {
        const input = new PassThrough();
        const got = [];
        const done = readArchiveStream(input, (a) => got.push(a));
        const line = JSON.stringify(A) + '\n';
        input.write(line.slice(0, 10));
        await new Promise((r) => setImmediate(r));
        assert.equal(got.length, 0, 'half a line is not a request');
        input.write(line.slice(10) + JSON.stringify(B).slice(0, 5));
        await new Promise((r) => setImmediate(r));
        assert.deepEqual(got, [A], 'the first archive before the input ends');
        input.end(JSON.stringify(B).slice(5) + '\r\n\n{"end": true}\n');
        assert.equal(await done, 2);
        assert.deepEqual(got, [A, B]);
    });
    it('accepts an end line without a newline, and an empty batch', async () => {
        assert.deepEqual(await read([JSON.stringify(A) + '\n{"end":true}']), { got: [A], count: 1 });
        assert.deepEqual(await read(['{"end": true}\n']), { got: [], count: 0 });
    });
    it('refuses input without its end line: the sender stopped, the batch may be incomplete', async () => {
        for (const chunks of [[], [JSON.stringify(A) + '\n'], [JSON.stringify(A)], ['{"end": false}\n'], ['{"end": true, "x": 1}\n']]) {
            const r = await read(chunks);
            assert.match(r.error?.message ?? 'no error', /ended without its end line|not an archive request/, JSON.stringify(chunks));
        }
    });
    it('refuses a line after the end line, a line that is not JSON, and reads the input to its end anyway', async () => {
        const after = await read(['{"end": true}\n' + JSON.stringify(A) + '\n']);
        assert.match(after.error.message, /line 2 of the archive stream comes after its end line/);
        assert.deepEqual(after.got, []);
        const input = new PassThrough();
        const notJson = readArchiveStream(input, () => undefined);
        input.write('not json\n');
        input.write(JSON.stringify(A) + '\n');
        let settled = false;
        notJson.then(() => (settled = true), () => (settled = true));
        await new Promise((r) => setImmediate(r));
        assert.equal(settled, false, 'a bad line does not end the reading: the writer must not find the pipe closed');
        input.end('{"end": true}\n');
        await assert.rejects(notJson, /line 1 of the archive stream is not JSON/);
    });
    it('caps the length of a line, whole or split across chunks', async () => {
        const long = JSON.stringify({ ...A, file: '/' + 'x'.repeat(MAX_STREAM_LINE) });
        for (const chunks of [[long + '\n{"end": true}\n'], [long.slice(0, 1000), long.slice(1000, 40_000), long.slice(40_000) + '\n', '{"end": true}\n'], [long]]) {
            const r = await read(chunks);
            assert.match(r.error?.message ?? 'no error', new RegExp(`line 1 of the archive stream is longer than ${MAX_STREAM_LINE} bytes`));
            assert.deepEqual(r.got, []);
        }
        // Just under the cap is fine.
        const fits = JSON.stringify({ ...A, file: '/' + 'y'.repeat(4000) });
        assert.equal((await read([fits + '\n{"end": true}\n'])).count, 1);
    });
    it(`caps the number of archives at ${MAX_BATCH_ARCHIVES}`, async () => {
        const line = Buffer.from(JSON.stringify(A) + '\n');
        const chunk = Buffer.concat(Array.from({ length: 1000 }, () => line));
        const chunks = [...Array.from({ length: MAX_BATCH_ARCHIVES / 1000 }, () => chunk), line, Buffer.from('{"end": true}\n')];
        const r = await read(chunks);
        assert.match(r.error?.message ?? 'no error', new RegExp(`more than ${MAX_BATCH_ARCHIVES} archives`));
        assert.equal(r.got.length, MAX_BATCH_ARCHIVES);
    });
    it('reports a failure of the callback (e.g. an unreadable archive) as a usage error of that line', async () => {
        const input = Readable.from([Buffer.from(JSON.stringify(A) + '\n{"end": true}\n')]);
        await assert.rejects(readArchiveStream(input, () => {
            throw new Error('boom');
        }), /line 1 of the archive stream: boom/);
    });
});
//# sourceMappingURL=archive-batch.test.js.map