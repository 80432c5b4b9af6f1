import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { inflateRawSync } from 'node:zlib';
import { crc32 } from '../../src/archive/crc32.js';
import { fromDosDateTime, toDosDateTime } from '../../src/archive/dos-time.js';
import { readZip } from '../../src/archive/zip-read.js';
import { writeZip } from '../../src/archive/zip-write.js';
import { isSignetError } from '../../src/errors.js';
import { inspectZip } from '../../testkit/zip-inspect.js';
const code = (c) => (e) => isSignetError(e, c);
const T = new Date('2024-05-06T07:08:09Z');
const FILES = [
    { path: 'src/Widget.php', mode: 0o644, data: Buffer.from('<?php\nnamespace Acme;\nfinal class Widget {}\n'.repeat(20)) },
    { path: 'composer.json', mode: 0o644, data: Buffer.from('{"name":"acme/widget"}\n') },
    { path: 'bin/widget', mode: 0o755, data: Buffer.from('#!/usr/bin/env php\n<?php echo 1;\n') },
    { path: 'empty.txt', mode: 0o644, data: Buffer.alloc(0) },
    { path: 'docs/é.md', mode: 0o644, data: Buffer.from('unicode\n') },
    { path: 'Z.txt', mode: 0o644, data: Buffer.from('capital sorts first\n') },
];
const hasUnzip = spawnSync('unzip', ['-v'], { stdio: 'ignore' }).status === 0;
describe('writeZip: the deterministic zip writer', () => {
    it('same input → same bytes, whatever the order of the files', () => {
        const a = writeZip('acme-widget-1234567', FILES, T);
        const b = writeZip('acme-widget-1234567', [...FILES].reverse(), new Date(T.getTime()));
        assert.ok(a.equals(b));
    });
    it('entries: only files, under the top folder, in byte order of path', () => {
        const { entries } = inspectZip(writeZip('top', FILES, T));
        assert.deepEqual(entries.map((e) => e.name), ['top/Z.txt', 'top/bin/widget', 'top/composer.json', 'top/docs/é.md', 'top/empty.txt', 'top/src/Widget.php']);
    });
    it('every header field has its documented value', () => {
        const zip = writeZip('top', FILES, T);
        const { entries, end } = inspectZip(zip);
        const { date, time } = toDosDateTime(T);
        let offset = 0;
        for (const e of entries) {
            const file = FILES.find((f) => `top/${f.path}` === e.name);
            const stored = file.data.length === 0;
            const ascii = /^[\x20-\x7e]*$/.test(e.name);
            const common = {
                needed: stored ? 10 : 20,
                flags: ascii ? 0 : 0x0800,
                method: stored ? 0 : 8,
                time,
                date,
                crc: crc32(file.data),
                size: file.data.length,
                nameLength: Buffer.byteLength(e.name),
                extraLength: 0,
            };
            assert.deepEqual(e.local, { signature: 0x04034b50, ...common, compressedSize: e.central.compressedSize });
            assert.deepEqual(e.central, {
                signature: 0x02014b50,
                madeBy: 0x031e,
                ...common,
                compressedSize: e.central.compressedSize,
                commentLength: 0,
                diskStart: 0,
                internal: 0,
                external: ((0o100000 | file.mode) << 16) >>> 0,
                offset,
            });
            // The body is the raw deflate stream of the content (or the content itself when empty).
            const body = zip.subarray(offset + 30 + common.nameLength, offset + 30 + common.nameLength + e.central.compressedSize);
            assert.deepEqual(stored ? body : inflateRawSync(body), file.data);
            offset += 30 + common.nameLength + e.central.compressedSize;
        }
        assert.deepEqual(end, {
            signature: 0x06054b50,
            disk: 0,
            centralDisk: 0,
            entriesOnDisk: FILES.length,
            entries: FILES.length,
            centralSize: zip.length - 22 - offset,
            centralOffset: offset,
            commentLength: 0,
        });
    });
    it('DOS time stamps are UTC, 2-second resolution rounded down, clamped to 1980..2107', () => {
        assert.deepEqual(fromDosDateTime(toDosDateTime(T)), new Date('2024-05-06T07:08:08Z'));
        assert.deepEqual(toDosDateTime(new Date('2024-05-06T07:08:09.999Z')), toDosDateTime(new Date('2024-05-06T07:08:08Z')));
        // 2024-05-06 = ((44 << 9) | (5 << 5) | 6); 07:08:08 = ((7 << 11) | (8 << 5) | 4)
        assert.deepEqual(toDosDateTime(T), { date: (44 << 9) | (5 << 5) | 6, time: (7 << 11) | (8 << 5) | 4 });
        assert.deepEqual(toDosDateTime(new Date('1970-01-01T00:00:00Z')), { date: (0 << 9) | (1 << 5) | 1, time: 0 });
        assert.deepEqual(fromDosDateTime(toDosDateTime(new Date('2200-01-01T00:00:00Z'))), new Date('2107-12-31T23:59:58Z'));
        // Just before midnight UTC is the same day in the DOS fields, whatever the local zone says.
        assert.deepEqual(fromDosDateTime(toDosDateTime(new Date('2024-12-31T23:59:59Z'))), new Date('2024-12-31T23:59:58Z'));
        assert.throws(() => toDosDateTime(new Date(NaN)), code('USAGE'));
    });
    it('the complete example of docs/ARCHIVES.md (stored only, so independent of the zlib version)', () => {
        const zip = writeZip('top', [{ path: 'a', mode: 0o644, data: Buffer.alloc(0) }], new Date('2024-02-29T23:59:59Z'));
        assert.equal(zip.length, 108);
        assert.equal(createHash('sha256').update(zip).digest('hex'), 'faad431777b2deca6fd9983c73550b7b9dfac5d81d249656a367d416a9e9ccac');
        assert.deepEqual(toDosDateTime(new Date('2024-02-29T23:59:59Z')), { date: 0x585d, time: 0xbf7d });
    });
    it('round-trips through the upload reader', async () => {
        const zip = writeZip('acme-widget-1234567', FILES, T);
        const read = await readZip(zip);
        assert.equal(read.top, 'acme-widget-1234567');
        assert.deepEqual(read.files, [...FILES].sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path))));
    });
    it('refuses unsafe paths, duplicates, a file that is also a folder, and a bad top folder', () => {
        const f = (path) => ({ path, mode: 0o644, data: Buffer.from('x') });
        for (const bad of ['../x', '/abs', 'a\\b', 'a//b', 'a/./b', 'C:/x', 'a\nb', '', 'dir/']) {
            assert.throws(() => writeZip('top', [f(bad)], T), code('ARCHIVE_PATH_UNSAFE'), bad);
        }
        assert.throws(() => writeZip('top', [f('a'), f('a')], T), code('ARCHIVE_DUPLICATE_PATH'));
        assert.throws(() => writeZip('top', [f('a'), f('a/b')], T), code('ARCHIVE_DUPLICATE_PATH'));
        assert.throws(() => writeZip('..', [f('a')], T), code('ARCHIVE_PATH_UNSAFE'));
        assert.throws(() => writeZip('a/b', [f('a')], T), code('USAGE'));
        assert.throws(() => writeZip('top', [{ path: 'a', mode: 0o600, data: Buffer.alloc(0) }], T), code('USAGE'));
    });
    it('refuses more files than a zip without zip64 can hold', () => {
        const many = Array.from({ length: 65_536 }, (_, i) => ({ path: `f${i}`, mode: 0o644, data: Buffer.alloc(0) }));
        assert.throws(() => writeZip('top', many, T), code('ARCHIVE_TOO_LARGE'));
    });
    it('is what Info-ZIP unzip lists: Unix 3.0, modes, times, methods', { skip: hasUnzip ? false : 'unzip is not installed (apt-get install unzip)' }, () => {
        const dir = mkdtempSync(join(tmpdir(), 'signet-zip-'));
        try {
            const path = join(dir, 'a.zip');
            writeFileSync(path, writeZip('top', FILES, T));
            const listing = execFileSync('unzip', ['-Z', path], { encoding: 'utf8', env: { ...process.env, TZ: 'Asia/Tokyo' } });
            const lines = listing.split('\n').filter((l) => l.includes(' top/'));
            const fields = lines.map((l) => l.trim().split(/\s+/));
            assert.deepEqual(fields.map((x) => [x[0], x[1], x[2], x[5], x[6], x[7], x[8]]), [
                ['-rw-r--r--', '3.0', 'unx', 'defN', '24-May-06', '07:08', 'top/Z.txt'],
                ['-rwxr-xr-x', '3.0', 'unx', 'defN', '24-May-06', '07:08', 'top/bin/widget'],
                ['-rw-r--r--', '3.0', 'unx', 'defN', '24-May-06', '07:08', 'top/composer.json'],
                ['-rw-r--r--', '3.0', 'unx', 'defN', '24-May-06', '07:08', 'top/docs/é.md'],
                ['-rw-r--r--', '3.0', 'unx', 'stor', '24-May-06', '07:08', 'top/empty.txt'],
                ['-rw-r--r--', '3.0', 'unx', 'defN', '24-May-06', '07:08', 'top/src/Widget.php'],
            ]);
            const test = spawnSync('unzip', ['-t', path], { encoding: 'utf8' });
            assert.equal(test.status, 0, test.stdout + test.stderr);
            assert.match(test.stdout, /No errors detected/);
        }
        finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
//# sourceMappingURL=zip-write.test.js.map