/** topComposerJson: the top folder's composer.json of an archive, and nothing else. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { topComposerJson } from '../../src/archive/composer-json-entry.js';
import { writeZip } from '../../src/archive/zip-write.js';
import { isSignetError } from '../../src/errors.js';

const file = (path: string, text: string) => ({ path, mode: 0o644 as const, data: Buffer.from(text) });
const T = new Date('2026-01-01T00:00:00Z');

describe('topComposerJson', () => {
  it('reads <top>/composer.json of a release archive, not a nested one', () => {
    const cj = JSON.stringify({ name: 'acme/widget', require: { php: '>=8.1' } }, null, 4);
    const zip = writeZip('acme-widget-1234567', [file('tests/fixture/composer.json', '{"name":"evil/fixture"}'), file('composer.json', cj), file('src/A.php', '<?php')], T);
    assert.equal(topComposerJson(zip)?.toString(), cj);
  });

  it('gives undefined when the top folder has none (a nested one does not count)', () => {
    assert.equal(topComposerJson(writeZip('acme-widget-1', [file('sub/composer.json', '{}'), file('README', 'x')], T)), undefined);
  });

  it('reads a zip written by another tool (Info-ZIP, stored and deflated entries)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'signet-cj-'));
    try {
      mkdirSync(join(dir, 'pkg-abc', 'src'), { recursive: true });
      const cj = JSON.stringify({ name: 'acme/gadget', autoload: { 'psr-4': { 'Acme\\\\': 'src/' } } }, null, 2);
      writeFileSync(join(dir, 'pkg-abc', 'composer.json'), cj);
      writeFileSync(join(dir, 'pkg-abc', 'src', 'B.php'), '<?php ' + 'x'.repeat(5000));
      for (const level of ['-0', '-9']) {
        execFileSync('zip', ['-qr', level, join(dir, `a${level}.zip`), 'pkg-abc'], { cwd: dir });
        assert.equal(topComposerJson(readFileSync(join(dir, `a${level}.zip`)))?.toString(), cj, `zip ${level}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses altered data (CRC-32) and what is not a zip, as ARCHIVE_INVALID', () => {
    const zip = writeZip('acme-widget-1', [file('composer.json', JSON.stringify({ name: 'acme/widget', description: 'x'.repeat(200) }))], T);
    const at = zip.indexOf(Buffer.from('composer.json')) + 'composer.json'.length + 5; // inside the local entry's data
    const bad = Buffer.from(zip);
    bad[at]! ^= 0xff;
    assert.throws(() => topComposerJson(bad), (e: unknown) => isSignetError(e, 'ARCHIVE_INVALID'));
    assert.throws(() => topComposerJson(Buffer.from('not a zip at all, just some bytes of text here')), (e: unknown) => isSignetError(e, 'ARCHIVE_INVALID'));
  });
});
