import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { archiveFileName, archiveTopFolder, buildArchive, diffFiles, h1OfFiles, readZip, } from '../../src/archive/index.js';
import { isSignetError } from '../../src/errors.js';
import { makeRepo } from '../../testkit/git-repo.js';
import { REPO_ROOT } from '../../testkit/vectors.js';
const code = (c) => (e) => isSignetError(e, c);
const hasUnzip = spawnSync('unzip', ['-v'], { stdio: 'ignore' }).status === 0;
const CHILD = join(REPO_ROOT, 'dist/testkit/archive-child.js');
describe('buildArchive: a release archive from a git commit', () => {
    let repo;
    let commit;
    before(() => {
        repo = makeRepo();
        commit = repo.commit({
            'composer.json': '{"name":"acme/widget"}\n',
            'src/Widget.php': '<?php\nnamespace Acme;\nfinal class Widget {}\n',
            'bin/widget': '#!/usr/bin/env php\n<?php echo "hi";\n',
            'tests/WidgetTest.php': '<?php\n',
            '.gitattributes': '/tests export-ignore\n',
            'README.md': '# Widget\n',
        }, 'release 1.2.0', 
        // 23:59:59 UTC: the previous or next day in most zones, odd seconds.
        '2024-02-29T23:59:59Z');
        repo.git('tag', 'v1.2.0');
    });
    after(() => repo.remove());
    it('builds the same bytes twice, and reports their digests and h1', async () => {
        const a = await buildArchive(repo.dir, 'v1.2.0', { top: 'acme-widget-1234567' });
        const b = await buildArchive(repo.dir, commit, { top: 'acme-widget-1234567' });
        assert.ok(a.zip.equals(b.zip));
        assert.equal(a.commit, commit);
        assert.deepEqual(a.time, new Date('2024-02-29T23:59:59Z'));
        assert.equal(a.sha256, createHash('sha256').update(a.zip).digest('hex'));
        assert.equal(a.sha1, createHash('sha1').update(a.zip).digest('hex'));
        assert.match(a.sha1, /^[0-9a-f]{40}$/);
        assert.equal(a.h1, h1OfFiles(a.files));
    });
    it('the h1 is what the registry recomputes from the zip; the files round-trip', async () => {
        const built = await buildArchive(repo.dir, 'v1.2.0', { top: (c) => archiveTopFolder('acme/widget', c) });
        const read = await readZip(built.zip);
        assert.equal(read.top, `acme-widget-${commit.slice(0, 7)}`);
        assert.equal(h1OfFiles(read.files), built.h1);
        assert.deepEqual(read.files, built.files);
        assert.deepEqual(read.files.map((f) => f.path), ['.gitattributes', 'README.md', 'bin/widget', 'composer.json', 'src/Widget.php']);
        assert.deepEqual(diffFiles(built.files, read.files), { added: [], removed: [], changed: [] });
    });
    it('the bytes do not depend on the time zone (built in child processes)', () => {
        const results = ['UTC', 'Asia/Tokyo', 'America/St_Johns', 'Pacific/Kiritimati'].map((tz) => {
            const out = execFileSync(process.execPath, [CHILD, repo.dir, 'v1.2.0', 'top'], { env: { ...process.env, TZ: tz }, encoding: 'utf8' });
            return JSON.parse(out);
        });
        assert.equal(results[1]?.tz, 'Asia/Tokyo', 'the child really ran in another zone');
        assert.equal(new Set(results.map((r) => r.sha256)).size, 1);
        assert.equal(new Set(results.map((r) => r.h1)).size, 1);
    });
    it('unzip lists the commit time in UTC, the modes, and the entries in order', { skip: hasUnzip ? false : 'unzip is not installed (apt-get install unzip)' }, async () => {
        const built = await buildArchive(repo.dir, 'v1.2.0', { top: 'acme-widget-1234567' });
        const dir = mkdtempSync(join(tmpdir(), 'signet-zip-'));
        try {
            writeFileSync(join(dir, 'a.zip'), built.zip);
            const listing = execFileSync('unzip', ['-Z', join(dir, 'a.zip')], { encoding: 'utf8', env: { ...process.env, TZ: 'Asia/Tokyo' } });
            const rows = listing.split('\n').filter((l) => l.includes('acme-widget-1234567/')).map((l) => l.trim().split(/\s+/));
            assert.deepEqual(rows.map((r) => [r[0], r[6], r[7], r[8]]), [
                ['-rw-r--r--', '24-Feb-29', '23:59', 'acme-widget-1234567/.gitattributes'],
                ['-rw-r--r--', '24-Feb-29', '23:59', 'acme-widget-1234567/README.md'],
                ['-rwxr-xr-x', '24-Feb-29', '23:59', 'acme-widget-1234567/bin/widget'],
                ['-rw-r--r--', '24-Feb-29', '23:59', 'acme-widget-1234567/composer.json'],
                ['-rw-r--r--', '24-Feb-29', '23:59', 'acme-widget-1234567/src/Widget.php'],
            ]);
            assert.equal(spawnSync('unzip', ['-tq', join(dir, 'a.zip')]).status, 0);
        }
        finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
    it('refuses a commit that exports no files', async () => {
        const empty = makeRepo();
        try {
            empty.commit({ '.gitattributes': '* export-ignore\n' });
            await assert.rejects(buildArchive(empty.dir, 'HEAD', { top: 'top' }), code('ARCHIVE_LAYOUT'));
        }
        finally {
            empty.remove();
        }
    });
});
describe('archive names', () => {
    it('file name: vendor-name-version.zip', () => {
        assert.equal(archiveFileName('acme/widget', '1.2.0.0'), 'acme-widget-1.2.0.0.zip');
        assert.equal(archiveFileName('acme/widget-tools', '2.0.0.0-beta1'), 'acme-widget-tools-2.0.0.0-beta1.zip');
        for (const [pkg, version] of [['acme', '1.0'], ['acme/widget/x', '1.0'], ['/widget', '1.0'], ['acme/widget', '1.0/../x'], ['acme/widget', '1 0'], ['.acme/w', '1']]) {
            assert.throws(() => archiveFileName(pkg, version), code('NAME_INVALID'), `${pkg} ${version}`);
        }
    });
    it('top folder: vendor-name-<first 7 of the commit>, like a GitHub zipball', () => {
        const c = 'f8e464c8f6b9fca394c4f1e14969106340d4b2aa';
        assert.equal(archiveTopFolder('acme/widget', c), 'acme-widget-f8e464c');
        assert.throws(() => archiveTopFolder('acme/widget', 'XYZ'), code('NAME_INVALID'));
        assert.throws(() => archiveTopFolder('acme', c), code('NAME_INVALID'));
    });
});
describe('diffFiles', () => {
    const f = (path, data, mode = 0o644) => ({ path, mode, data: Buffer.from(data) });
    it('names added, removed and changed (content or mode) files, sorted bytewise', () => {
        const a = [f('same', '1'), f('gone', '1'), f('content', '1'), f('mode', '1'), f('Zgone', '')];
        const b = [f('z-new', '1'), f('mode', '1', 0o755), f('content', '2'), f('same', '1'), f('B-new', '')];
        assert.deepEqual(diffFiles(a, b), { added: ['B-new', 'z-new'], removed: ['Zgone', 'gone'], changed: ['content', 'mode'] });
        assert.deepEqual(diffFiles(b, a), { added: ['Zgone', 'gone'], removed: ['B-new', 'z-new'], changed: ['content', 'mode'] });
        assert.deepEqual(diffFiles(a, a), { added: [], removed: [], changed: [] });
    });
});
//# sourceMappingURL=archive.test.js.map