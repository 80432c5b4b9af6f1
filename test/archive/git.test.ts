import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { exportCommit } from '../../src/archive/git.js';
import { isSignetError, type ErrorCode } from '../../src/errors.js';
import { makeRepo, type TestRepo } from '../../testkit/git-repo.js';

const code = (c: ErrorCode) => (e: unknown): boolean => isSignetError(e, c);
const LONG = `${'d'.repeat(60)}/${'e'.repeat(60)}/${'f'.repeat(150)}.php`;

describe('exportCommit: the files of a git commit', () => {
  let repo: TestRepo;
  let first: string;
  let second: string;

  before(() => {
    repo = makeRepo();
    first = repo.commit(
      {
        'composer.json': '{"name":"acme/widget"}\n',
        'bin/widget': '#!/usr/bin/env php\n',
        'src/Widget.php': '<?php\n',
        'tests/WidgetTest.php': '<?php // not shipped\n',
        '.gitattributes': '/tests export-ignore\n/.gitattributes export-ignore\nVERSION export-subst\n',
        VERSION: '$Format:%H %ct$\n',
        [LONG]: 'long path\n',
        'docs/é.md': 'unicode\n',
        'win.txt': 'a\r\nb\n',
      },
      'first',
      '2024-05-06T07:08:09+09:00',
    );
    repo.git('tag', 'v1.0.0');
    repo.git('tag', '-a', '-m', 'annotated', 'v1.0.0-annotated');
    second = repo.commit({ 'src/Widget.php': '<?php // changed\n' }, 'second', '2024-06-01T00:00:00Z');
  });
  after(() => repo.remove());

  it('exports what git archive exports: export-ignore honoured, export-subst expanded, sorted', async () => {
    const x = await exportCommit(repo.dir, 'v1.0.0');
    assert.equal(x.commit, first);
    assert.deepEqual(x.time, new Date('2024-05-05T22:08:09Z'));
    assert.deepEqual(x.files.map((f) => f.path), ['VERSION', 'bin/widget', 'composer.json', LONG, 'docs/é.md', 'src/Widget.php', 'win.txt']);
    const get = (p: string) => x.files.find((f) => f.path === p)!;
    assert.equal(get('VERSION').data.toString(), `${first} ${Date.parse('2024-05-05T22:08:09Z') / 1000}\n`);
    assert.equal(get('src/Widget.php').data.toString(), '<?php\n');
    assert.equal(get('win.txt').data.toString(), 'a\r\nb\n', 'bytes as committed');
  });

  it('keeps the executable bit, and only that', async () => {
    const x = await exportCommit(repo.dir, first);
    assert.deepEqual(
      x.files.filter((f) => f.mode === 0o755).map((f) => f.path),
      ['bin/widget'],
    );
    assert.ok(x.files.every((f) => f.mode === 0o644 || f.mode === 0o755));
  });

  it('resolves branches, annotated tags, abbreviated ids and HEAD~1 to the commit', async () => {
    assert.equal((await exportCommit(repo.dir, 'v1.0.0-annotated')).commit, first);
    assert.equal((await exportCommit(repo.dir, first.slice(0, 10))).commit, first);
    assert.equal((await exportCommit(repo.dir, 'HEAD~1')).commit, first);
    const head = await exportCommit(repo.dir, 'main');
    assert.equal(head.commit, second);
    assert.equal(head.files.find((f) => f.path === 'src/Widget.php')?.data.toString(), '<?php // changed\n');
  });

  it('unknown revisions and option-like revisions are usage errors', async () => {
    for (const rev of ['v9.9.9', 'nope^{tree}', '-h', '--output=/tmp/x', '', 'HEAD:composer.json']) {
      await assert.rejects(exportCommit(repo.dir, rev), code('GIT_REVISION_UNKNOWN'), rev);
    }
  });

  it('a folder that is not a repository, or does not exist', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'signet-norepo-'));
    try {
      await assert.rejects(exportCommit(dir, 'HEAD'), (e: unknown) => isSignetError(e, 'GIT_NOT_REPOSITORY') && e.kind === 'usage');
      await assert.rejects(exportCommit(join(dir, 'missing'), 'HEAD'), code('GIT_NOT_REPOSITORY'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('git missing from PATH is an unavailable error', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await assert.rejects(exportCommit(repo.dir, 'HEAD'), (e: unknown) => isSignetError(e, 'GIT_UNAVAILABLE') && e.kind === 'unavailable');
    } finally {
      process.env.PATH = path;
    }
  });
});

describe('exportCommit: what a release cannot hold', () => {
  it('refuses a symbolic link, unless it is export-ignore', async () => {
    const repo = makeRepo();
    try {
      repo.commit({ 'composer.json': '{}\n' });
      repo.symlink('link', '/etc/passwd');
      repo.commit({}, 'add a link');
      await assert.rejects(exportCommit(repo.dir, 'HEAD'), (e: unknown) => {
        assert.ok(isSignetError(e, 'ARCHIVE_SYMLINK'));
        assert.match(e.details.hint ?? '', /export-ignore/);
        return true;
      });
      repo.commit({ '.gitattributes': '/link export-ignore\n' }, 'ignore the link');
      assert.deepEqual((await exportCommit(repo.dir, 'HEAD')).files.map((f) => f.path), ['.gitattributes', 'composer.json']);
    } finally {
      repo.remove();
    }
  });

  it('refuses a path with a backslash (legal in git, unsafe in a zip)', async () => {
    const repo = makeRepo();
    try {
      repo.commit({ 'composer.json': '{}\n', 'a\\b.txt': 'x' });
      await assert.rejects(exportCommit(repo.dir, 'HEAD'), code('ARCHIVE_PATH_UNSAFE'));
    } finally {
      repo.remove();
    }
  });

  it('leaves submodules out', async () => {
    const sub = makeRepo();
    const repo = makeRepo();
    try {
      sub.commit({ 'lib.php': '<?php\n' });
      repo.commit({ 'composer.json': '{}\n' });
      repo.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub.dir, 'vendor/lib');
      repo.commit({}, 'add a submodule');
      assert.deepEqual((await exportCommit(repo.dir, 'HEAD')).files.map((f) => f.path), ['.gitmodules', 'composer.json']);
    } finally {
      repo.remove();
      sub.remove();
    }
  });
});

describe("git runs without Signet's secrets in its environment", () => {
  it('a repository-configured command (core.fsmonitor) sees neither SIGNET_TOKEN nor any SIGNET_PASSPHRASE variable', async () => {
    const { writeFileSync, readFileSync, chmodSync, existsSync } = await import('node:fs');
    const { assertClean } = await import('../../src/cli/git-state.js');
    const repo = makeRepo();
    try {
      repo.commit({ 'composer.json': '{"name":"acme/widget"}\n' });
      // What a hostile repository's config can make git run on `git status`, with git's environment.
      const out = join(repo.dir, '..', `${repo.dir.split('/').pop()}-env.txt`);
      const hook = join(repo.dir, '.git', 'fsmon.sh');
      writeFileSync(hook, `#!/bin/sh\nenv > '${out}'\nexit 1\n`);
      chmodSync(hook, 0o755);
      repo.git('config', 'core.fsmonitor', hook);
      const names = ['SIGNET_TOKEN', 'SIGNET_PASSPHRASE', 'SIGNET_PASSPHRASE_0123456789ABCDEF', 'SIGNET_REGISTRY'];
      const saved = names.map((n) => process.env[n]);
      for (const n of names) process.env[n] = `value of ${n}`;
      try {
        await assertClean(repo.dir);
      } finally {
        names.forEach((n, i) => (saved[i] === undefined ? delete process.env[n] : (process.env[n] = saved[i])));
      }
      assert.ok(existsSync(out), 'git ran the configured command');
      const env = readFileSync(out, 'utf8');
      rmSync(out, { force: true });
      assert.match(env, /^SIGNET_REGISTRY=value of SIGNET_REGISTRY$/m, 'other variables pass');
      for (const n of names.slice(0, 3)) assert.doesNotMatch(env, new RegExp(`value of ${n}$`, 'm'), n);
    } finally {
      rmSync(repo.dir, { recursive: true, force: true });
    }
  });
});
