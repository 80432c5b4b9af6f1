import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { deflateRawSync } from 'node:zlib';
import { DEFAULT_ZIP_LIMITS, readZip } from '../../src/archive/zip-read.js';
import { writeZip } from '../../src/archive/zip-write.js';
import { isSignetError } from '../../src/errors.js';
import { makeRepo } from '../../testkit/git-repo.js';
import { craftZip, unicodePathExtra, unixAttr } from '../../testkit/zip-craft.js';
const file = (name, data = 'x', more = {}) => ({ name, data: Buffer.from(data), ...more });
const ok = [file('top/composer.json', '{}')];
async function refused(zip, c, limits = {}, attack) {
    await assert.rejects(readZip(zip, limits), (e) => {
        assert.ok(isSignetError(e), `not a SignetError: ${String(e)}`);
        assert.equal(e.code, c, e.message);
        if (attack !== undefined)
            assert.match(e.details.attack ?? '', attack);
        return true;
    });
}
const MiB = 1024 * 1024;
const hasZip = spawnSync('zip', ['-v'], { stdio: 'ignore' }).status === 0;
describe('readZip: well-formed archives', () => {
    it('has the documented default limits', () => {
        assert.deepEqual(DEFAULT_ZIP_LIMITS, { maxArchiveBytes: 32 * MiB, maxEntries: 20_000, maxFileBytes: 64 * MiB, maxTotalBytes: 256 * MiB, maxRatio: 200 });
        assert.ok(Object.isFrozen(DEFAULT_ZIP_LIMITS));
    });
    it('strips the top folder; folders produce no file; modes from the Unix attributes (0644 when none)', async () => {
        const zip = craftZip([
            { name: 'top/', external: unixAttr(0o040755) },
            { name: 'top/src/', madeBy: 0x0014, external: 0x10 },
            file('top/src/a.php', '<?php', { madeBy: 0x0014, external: 0x20 }),
            file('top/bin/run', '#!/bin/sh', { external: unixAttr(0o100775) }),
            file('top/b.txt', 'b', { external: 0 }),
            file('top/empty', ''),
        ]);
        const { top, files } = await readZip(zip);
        assert.equal(top, 'top');
        assert.deepEqual(files, [
            { path: 'b.txt', mode: 0o644, data: Buffer.from('b') },
            { path: 'bin/run', mode: 0o755, data: Buffer.from('#!/bin/sh') },
            { path: 'empty', mode: 0o644, data: Buffer.alloc(0) },
            { path: 'src/a.php', mode: 0o644, data: Buffer.from('<?php') },
        ]);
    });
    it('accepts a zip comment, a data descriptor flag, a matching Unicode Path field', async () => {
        const zip = craftZip([
            file('top/README', 'a', { flags: 0x0008 }),
            file('top/notes', 'b', { extra: unicodePathExtra('top/notes', 'top/notes') }),
        ], { comment: Buffer.from('commit 0123456') });
        assert.deepEqual((await readZip(zip)).files.map((f) => f.path), ['README', 'notes']);
    });
    it('refuses names that differ only in letter case or Unicode form (one file on macOS and Windows)', async () => {
        await assert.rejects(readZip(craftZip([file('top/README', 'a'), file('top/readme', 'b')])), (e) => e.code === 'ARCHIVE_DUPLICATE_PATH');
        const nfc = 'top/caf\u00e9.php';
        const nfd = 'top/cafe\u0301.php';
        await assert.rejects(readZip(craftZip([file(nfc, 'a', { flags: 0x0800 }), file(nfd, 'b', { flags: 0x0800 })])), (e) => e.code === 'ARCHIVE_DUPLICATE_PATH');
    });
    it('reads what `git archive --format=zip --prefix=<top>/` writes', async () => {
        const repo = makeRepo();
        try {
            repo.commit({ 'composer.json': '{"name":"acme/widget"}\n', 'bin/tool': '#!/bin/sh\necho hi\n', 'src/A.php': '<?php\n'.repeat(100) });
            const zip = execFileSync('git', ['-C', repo.dir, 'archive', '--format=zip', '--prefix=acme-widget-1234567/', 'HEAD']);
            const { top, files } = await readZip(zip);
            assert.equal(top, 'acme-widget-1234567');
            assert.deepEqual(files.map((f) => [f.path, f.mode.toString(8), f.data.toString()]), [
                ['bin/tool', '755', '#!/bin/sh\necho hi\n'],
                ['composer.json', '644', '{"name":"acme/widget"}\n'],
                ['src/A.php', '644', '<?php\n'.repeat(100)],
            ]);
        }
        finally {
            repo.remove();
        }
    });
    it('reads what Info-ZIP `zip -r` writes, and refuses its stored symlinks (zip -y)', { skip: hasZip ? false : 'zip is not installed' }, async () => {
        const dir = mkdtempSync(join(tmpdir(), 'signet-zip-'));
        try {
            mkdirSync(join(dir, 'pkg/src'), { recursive: true });
            writeFileSync(join(dir, 'pkg/src/A.php'), '<?php\n'.repeat(50));
            writeFileSync(join(dir, 'pkg/run'), '#!/bin/sh\n', { mode: 0o755 });
            // With and without Info-ZIP's extra fields (-X leaves out the time stamp and uid/gid fields).
            for (const flags of [['-X'], []]) {
                execFileSync('zip', ['-q', '-r', ...flags, 'a.zip', 'pkg'], { cwd: dir });
                const { top, files } = await readZip(readFileSync(join(dir, 'a.zip')));
                assert.equal(top, 'pkg');
                assert.deepEqual(files.map((f) => [f.path, f.mode]), [['run', 0o755], ['src/A.php', 0o644]]);
                rmSync(join(dir, 'a.zip'));
            }
            symlinkSync('/etc/passwd', join(dir, 'pkg/link'));
            execFileSync('zip', ['-q', '-r', '-y', 'b.zip', 'pkg'], { cwd: dir });
            await refused(readFileSync(join(dir, 'b.zip')), 'ARCHIVE_SYMLINK', {}, /symlink/);
        }
        finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
describe('readZip: hostile archives', () => {
    it('zip slip: "..", absolute paths, backslashes, empty segments, drive letters, control characters', async () => {
        const names = ['../evil', 'top/../../evil', '/abs/x', '/top/x', 'top/a\\b', 'top\\..\\evil', 'top//a', 'top/./a', 'C:/x', 'top/C:x', 'top/a\nb', 'top/a\0b'];
        for (const name of names)
            await refused(craftZip([...ok, file(name)]), 'ARCHIVE_PATH_UNSAFE', {}, /path traversal \(zip slip\)/);
    });
    it('names: invalid UTF-8, a second name in a Unicode Path field or in the local header', async () => {
        await refused(craftZip([...ok, file(Buffer.from([0x74, 0x6f, 0x70, 0x2f, 0xff, 0xfe]))]), 'ARCHIVE_PATH_UNSAFE');
        await refused(craftZip([file('top/a', 'x', { extra: unicodePathExtra('top/a', '../../evil') })]), 'ARCHIVE_PATH_UNSAFE', {}, /two names/);
        await refused(craftZip([file('top/a', 'x', { localExtra: unicodePathExtra('top/a', 'top/b') })]), 'ARCHIVE_PATH_UNSAFE', {}, /two names/);
        await refused(craftZip([file('top/a', 'x', { localName: 'top/b' })]), 'ARCHIVE_PATH_UNSAFE', {}, /two names/);
        // A UTF-8 name without the UTF-8 flag: extractors would read it as CP437.
        await refused(craftZip([...ok, file('top/caf\u00e9.php', 'x', { flags: 0 })]), 'ARCHIVE_PATH_UNSAFE', {}, /CP437/);
        assert.equal((await readZip(craftZip([...ok, file('top/caf\u00e9.php', 'x', { flags: 0x0800 })]))).files.length, 2);
    });
    it('bytes hidden between entries, where a streaming extractor would find another one', async () => {
        const zip = craftZip([file('top/a', 'x'), file('top/b', 'y')]);
        // Move the second entry (and what follows) 40 bytes on, with the offsets in the central directory.
        const second = zip.indexOf(Buffer.from('PK\x03\x04', 'latin1'), 4);
        const central = zip.indexOf(Buffer.from('PK\x01\x02', 'latin1'));
        const padded = Buffer.concat([zip.subarray(0, second), Buffer.alloc(40), zip.subarray(second)]);
        const c2 = padded.indexOf(Buffer.from('PK\x01\x02', 'latin1'), central + 40 + 1);
        padded.writeUInt32LE(padded.readUInt32LE(c2 + 42) + 40, c2 + 42);
        const end = padded.lastIndexOf(Buffer.from('PK\x05\x06', 'latin1'));
        padded.writeUInt32LE(padded.readUInt32LE(end + 16) + 40, end + 16);
        await refused(padded, 'ARCHIVE_INVALID', {}, /hidden between entries/);
    });
    it('symbolic links and other special files', async () => {
        await refused(craftZip([...ok, file('top/link', '/etc/passwd', { external: unixAttr(0o120777) })]), 'ARCHIVE_SYMLINK', {}, /outside/);
        await refused(craftZip([...ok, { name: 'top/dirlink/', external: unixAttr(0o120777) }]), 'ARCHIVE_SYMLINK');
        await refused(craftZip([...ok, file('top/fifo', '', { external: unixAttr(0o010644) })]), 'ARCHIVE_INVALID');
        await refused(craftZip([...ok, file('top/dir', '', { external: unixAttr(0o040755) })]), 'ARCHIVE_INVALID');
        await refused(craftZip([...ok, { name: 'top/d/', data: Buffer.from('content') }]), 'ARCHIVE_INVALID');
    });
    it('duplicate names, exact or after a folder swallows a file', async () => {
        await refused(craftZip([file('top/a', '1'), file('top/a', '2')]), 'ARCHIVE_DUPLICATE_PATH', {}, /two files under one name/);
        await refused(craftZip([file('top/a', '1'), file('top/a/b', '2')]), 'ARCHIVE_DUPLICATE_PATH');
        await refused(craftZip([file('top/a', '1'), { name: 'top/a/' }]), 'ARCHIVE_DUPLICATE_PATH');
    });
    it('layout: two top folders, a file at the top level, no files at all', async () => {
        await refused(craftZip([file('one/a'), file('two/b')]), 'ARCHIVE_LAYOUT');
        await refused(craftZip([file('top/a'), file('composer.json')]), 'ARCHIVE_LAYOUT');
        await refused(craftZip([file('composer.json')]), 'ARCHIVE_LAYOUT');
        await refused(craftZip([{ name: 'top/' }, { name: 'top/src/' }]), 'ARCHIVE_LAYOUT');
        await refused(craftZip([]), 'ARCHIVE_LAYOUT');
    });
    it('a deflate bomb: 50 MB of zeros, refused by the ratio, by the total and by the file size', async () => {
        const zeros = Buffer.alloc(50_000_000);
        const bomb = craftZip([...ok, { name: 'top/zeros', data: zeros }]);
        assert.ok(bomb.length < 100_000);
        await refused(bomb, 'ARCHIVE_TOO_LARGE', {}, /zip bomb/);
        await refused(bomb, 'ARCHIVE_TOO_LARGE', { maxRatio: 1e9, maxTotalBytes: 10 * MiB }, /zip bomb/);
        await refused(bomb, 'ARCHIVE_TOO_LARGE', { maxRatio: 1e9, maxFileBytes: 10 * MiB }, /zip bomb/);
        // Many small entries: the overall ratio.
        const many = craftZip(Array.from({ length: 50 }, (_, i) => ({ name: `top/z${i}`, data: Buffer.alloc(MiB) })));
        await refused(many, 'ARCHIVE_TOO_LARGE', {}, /zip bomb/);
        // Within the limits when they allow it.
        const { files } = await readZip(bomb, { maxRatio: 1e9 });
        assert.equal(files.find((f) => f.path === 'zeros')?.data.length, 50_000_000);
    });
    it('sizes that lie: inflation stops at the declared size', async () => {
        const body = deflateRawSync(Buffer.alloc(50_000_000), { level: 9 });
        const started = process.hrtime.bigint();
        await refused(craftZip([{ name: 'top/a', data: Buffer.alloc(1000), body }]), 'ARCHIVE_INVALID', {}, /sizes that lie/);
        assert.ok(process.hrtime.bigint() - started < 2000000000n, 'inflating stopped early');
        await refused(craftZip([{ name: 'top/a', data: Buffer.from('abc'), size: 10 }]), 'ARCHIVE_INVALID', {}, /sizes that lie/);
        await refused(craftZip([{ name: 'top/a', data: Buffer.from('abc'), method: 0, compressedSize: 3, size: 2 }]), 'ARCHIVE_INVALID');
        // The local header says other sizes than the central directory.
        const zip = craftZip([file('top/a', 'hello')]);
        zip.writeUInt32LE(99, 22);
        await refused(zip, 'ARCHIVE_INVALID', {}, /sizes that lie/);
    });
    it('limits on the archive size and the number of entries', async () => {
        const zip = craftZip([file('top/a'), file('top/b'), file('top/c')]);
        await refused(zip, 'ARCHIVE_TOO_LARGE', { maxArchiveBytes: zip.length - 1 });
        await refused(zip, 'ARCHIVE_TOO_LARGE', { maxEntries: 2 });
        assert.equal((await readZip(zip, { maxEntries: 3, maxArchiveBytes: zip.length })).files.length, 3);
    });
    it('overlapping entries (a bomb without recursion)', async () => {
        const a = file('top/a', 'aaaa', { method: 0 });
        const b = file('top/b', 'bbbb', { method: 0 });
        // a claims 4 more bytes than it has, running into b's local header.
        const zip = craftZip([{ ...a, compressedSize: 8, size: 8, crc: 0 }, b]);
        await refused(zip, 'ARCHIVE_INVALID', {}, /overlapping/);
    });
    it('bad data: CRC, deflate stream, bytes after the stream, encryption, unknown methods', async () => {
        await refused(craftZip([file('top/a', 'hello', { crc: 1 })]), 'ARCHIVE_INVALID');
        await refused(craftZip([{ name: 'top/a', data: Buffer.from('hello'), body: Buffer.from([0xff, 0xff, 0xff]) }]), 'ARCHIVE_INVALID');
        const body = deflateRawSync(Buffer.from('hello'));
        await refused(craftZip([{ name: 'top/a', data: Buffer.from('hello'), body: Buffer.concat([body, Buffer.from('hidden')]) }]), 'ARCHIVE_INVALID', {}, /hidden/);
        await refused(craftZip([file('top/a', 'hello', { flags: 0x0001 })]), 'ARCHIVE_INVALID');
        await refused(craftZip([file('top/a', 'hello', { method: 12, body: Buffer.from('hello') })]), 'ARCHIVE_INVALID');
    });
    it('not a zip: empty, garbage, truncated, bytes before or after, zip64', async () => {
        const good = writeZip('top', [{ path: 'a', mode: 0o644, data: Buffer.from('hello hello hello') }], new Date(0));
        assert.equal((await readZip(good)).files.length, 1);
        await refused(Buffer.alloc(0), 'ARCHIVE_INVALID');
        await refused(Buffer.from('PK\x03\x04 this is not really a zip file at all, just text'), 'ARCHIVE_INVALID');
        for (const cut of [1, 10, 22, 40, good.length - 30])
            await refused(good.subarray(0, good.length - cut), 'ARCHIVE_INVALID');
        await refused(Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n'), good]), 'ARCHIVE_INVALID');
        await refused(craftZip(ok, { prepend: Buffer.from('MZ') }), 'ARCHIVE_INVALID');
        await refused(Buffer.concat([good, Buffer.from('trailer')]), 'ARCHIVE_INVALID');
        // The end record says there are more entries than the central directory holds, or fewer.
        await refused(craftZip(ok, { count: 2 }), 'ARCHIVE_INVALID');
        await refused(craftZip([...ok, file('top/b')], { count: 1 }), 'ARCHIVE_INVALID');
        // A zip64 end locator right before the end record.
        const locator = Buffer.alloc(20);
        locator.writeUInt32LE(0x07064b50, 0);
        const zip64 = craftZip(ok);
        const at = zip64.length - 22;
        const patched = Buffer.concat([zip64.subarray(0, at), locator, zip64.subarray(at)]);
        await refused(patched, 'ARCHIVE_INVALID');
        // Every single-byte corruption is either refused with a code or read as a consistent archive.
        for (let i = 0; i < good.length; i++) {
            const bad = Buffer.from(good);
            bad[i] = bad[i] ^ 0x55;
            try {
                await readZip(bad);
            }
            catch (e) {
                assert.ok(isSignetError(e), `byte ${i}: ${String(e)}`);
            }
        }
    });
});
//# sourceMappingURL=zip-read.test.js.map