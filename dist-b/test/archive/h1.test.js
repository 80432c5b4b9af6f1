import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { crc32, crc32Table } from '../../src/archive/crc32.js';
import { h1OfFiles } from '../../src/archive/index.js';
import { compareBytes } from '../../src/archive/paths.js';
import { isSignetError } from '../../src/errors.js';
import { vectorPath } from '../../testkit/vectors.js';
const vectors = JSON.parse(readFileSync(vectorPath('dirhash.json'), 'utf8'));
const asFiles = (files) => Object.entries(files).map(([path, text]) => ({ path, data: Buffer.from(text, 'utf8') }));
describe('h1 (Go dirhash Hash1)', () => {
    it('has vectors to check against', () => {
        assert.ok(vectors.length >= 3);
    });
    for (const [i, v] of vectors.entries()) {
        it(`vector ${i}: ${Object.keys(v.files).join(', ')}`, () => {
            assert.equal(h1OfFiles(asFiles(v.files)), v.h1);
            // The order the files come in does not matter.
            assert.equal(h1OfFiles(asFiles(v.files).reverse()), v.h1);
        });
    }
    it('is the documented formula (sha256 of sorted "<hex>  <path>\\n" lines)', async () => {
        const { createHash } = await import('node:crypto');
        const files = [
            { path: 'b', data: Buffer.from('2') },
            { path: 'a', data: Buffer.from('1') },
        ];
        const line = (f) => `${createHash('sha256').update(f.data).digest('hex')}  ${f.path}\n`;
        const summary = createHash('sha256').update(line(files[1]) + line(files[0])).digest('base64');
        assert.equal(h1OfFiles(files), `h1:${summary}`);
    });
    it('sorts names bytewise over UTF-8, as Go does (not by UTF-16 code units)', () => {
        // U+FF5E (EF BD 9E) sorts before U+1F600 (F0 9F 98 80) in UTF-8, after it in UTF-16.
        assert.ok(compareBytes('\uff5e', '\u{1f600}') < 0);
        assert.ok('\uff5e' > '\u{1f600}');
        const a = [{ path: '\u{1f600}', data: Buffer.from('x') }, { path: '\uff5e', data: Buffer.from('y') }];
        assert.equal(h1OfFiles(a), h1OfFiles([...a].reverse()));
    });
    it('refuses a file name with a newline, as Go does', () => {
        assert.throws(() => h1OfFiles([{ path: 'a\nb', data: Buffer.alloc(0) }]), (e) => isSignetError(e, 'ARCHIVE_PATH_UNSAFE'));
    });
    it('CRC-32: the table implementation agrees with zlib', () => {
        for (const s of ['', 'a', '123456789', 'The quick brown fox jumps over the lazy dog']) {
            assert.equal(crc32Table(Buffer.from(s)), crc32(Buffer.from(s)));
        }
        assert.equal(crc32Table(Buffer.from('123456789')), 0xcbf43926);
        const big = Buffer.alloc(100_000);
        for (let i = 0; i < big.length; i++)
            big[i] = (i * 7919) & 0xff;
        assert.equal(crc32Table(big), crc32(big));
    });
});
//# sourceMappingURL=h1.test.js.map