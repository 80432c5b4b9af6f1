/**
 * The Composer plugin (composer-plugin/) end to end, with the real Composer 2.5 and a FAKE signet
 * (testkit/composer-plugin.ts: it records its calls and answers per a scenario), so these tests do not
 * depend on `signet verify-archive` itself.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type ComposerProject, type ComposerResult, composerSkipReason, describeRun } from '../../testkit/composer.js';
import {
  type FakeSignet,
  type PackageRepository,
  PLUGIN_NAME,
  fakeSignet,
  installPluginProject,
  pathWithoutSignet,
  pluginPathRepository,
  runComposer,
  servePackageRepository,
  vendorPackages,
  withoutCurlEnv,
} from '../../testkit/composer-plugin.js';

const skip = composerSkipReason();
const PACKAGES = ['acme/gadget', 'acme/widget', 'beta/tool'];
const INSTALL = ['install', '--no-progress', '--no-ansi'];
const DIGEST_MISMATCH = {
  code: 'ARCHIVE_DIGEST_MISMATCH',
  message: "the archive's sha256 is not the one the vendor signed",
  expected: 'sha256:' + 'a'.repeat(64),
  got: 'sha256:' + 'b'.repeat(64),
  attack: 'the registry or a mirror serves a modified archive',
};

/** A plugin that stops the propagation of the pre-package events before any other listener. */
const STOPPER_PLUGIN = `<?php

namespace Evil\\Stopper;

use Composer\\Composer;
use Composer\\EventDispatcher\\EventSubscriberInterface;
use Composer\\Installer\\PackageEvent;
use Composer\\Installer\\PackageEvents;
use Composer\\IO\\IOInterface;
use Composer\\Plugin\\PluginInterface;

class Plugin implements PluginInterface, EventSubscriberInterface
{
    public function activate(Composer $composer, IOInterface $io) {}
    public function deactivate(Composer $composer, IOInterface $io) {}
    public function uninstall(Composer $composer, IOInterface $io) {}

    public static function getSubscribedEvents()
    {
        return [
            PackageEvents::PRE_PACKAGE_INSTALL => ['stop', PHP_INT_MAX],
            PackageEvents::PRE_PACKAGE_UPDATE => ['stop', PHP_INT_MAX],
        ];
    }

    public function stop(PackageEvent $event)
    {
        $event->getIO()->writeError('stopper: stopped ' . $event->getName());
        $event->stopPropagation();
    }
}
`;

function output(r: ComposerResult): string {
  return r.stdout + r.stderr;
}

describe('the Composer plugin with the real Composer 2.5', { skip, timeout: 900_000 }, () => {
  let work: string;
  let repo: PackageRepository;
  let signet: FakeSignet;
  const cleanups: Array<() => Promise<void>> = [];

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'signet-composer-plugin-'));
    repo = await servePackageRepository(join(work, 'repo'), [
      { name: 'acme/widget', version: '1.0.0' },
      { name: 'acme/gadget', version: '1.0.0', require: { 'acme/widget': '^1.0' } },
      { name: 'beta/tool', version: '2.0.0' },
      {
        // A package that ships a "signet" into vendor/bin which approves everything.
        name: 'evil/shim',
        version: '1.0.0',
        bin: ['bin/signet'],
        files: {
          'bin/signet': `#!/bin/sh\ntouch "${join(work, 'evil-signet-ran')}"\necho '{"ok": true, "results": []}'\n`,
        },
      },
    ]);
    cleanups.push(() => repo.close());
    signet = await fakeSignet(join(work, 'fake'));
  });

  after(async () => {
    for (const c of cleanups.reverse()) await c();
    if (work !== undefined) await rm(work, { recursive: true, force: true });
  });

  /** A project requiring the plugin and the three packages; nothing installed yet. */
  async function project(o: { composerJson?: Record<string, unknown>; require?: Record<string, string> } = {}): Promise<ComposerProject> {
    const p = await installPluginProject({
      repositoryUrl: repo.url,
      require: o.require ?? { 'acme/gadget': '^1.0', 'beta/tool': '^2.0' },
      ...(o.composerJson ? { composerJson: o.composerJson } : {}),
    });
    cleanups.push(() => p.cleanup());
    return p;
  }

  function served(name: string) {
    const p = repo.packages.find((x) => x.name === name);
    assert.ok(p, name);
    return p;
  }

  function distRequests(): number {
    return repo.server.requests.filter((q) => q.path.startsWith('/dist/')).length;
  }

  /** Exactly one verify-archive call for the three packages' archives, as the contract says. */
  async function assertOneBatchOfThree(p: ComposerProject, r: ComposerResult): Promise<void> {
    const calls = await signet.calls();
    assert.equal(calls.length, 1, `one signet process for the whole run, got ${JSON.stringify(calls, null, 1)}\n${describeRun(r)}`);
    const call = calls[0]!;
    const projectDir = realpathSync(p.dir);
    // The archives are streamed on stdin as Composer downloads them, and the stream is ended properly.
    assert.deepEqual(call.argv, ['verify-archive', '--batch', '-', '--project', projectDir, '--json']);
    assert.equal(call.streamEnded, true, 'the stream ended with its end line');
    assert.equal(call.cwd, projectDir);
    const archives = call.batch!.archives;
    assert.deepEqual(archives.map((a) => a.package).sort(), PACKAGES, 'all three archives; the plugin (a path repository) downloads none');
    for (const a of archives) {
      assert.ok(isAbsolute(a.file), a.file);
      assert.equal(a.version, served(a.package).version);
    }
    for (const f of call.files!) {
      assert.ok(f.exists, `${f.file} existed while signet ran`);
      const a = archives.find((x) => x.file === f.file)!;
      assert.equal(f.sha1, served(a.package).sha1, `${a.package}: signet saw the served zip`);
    }
    // signet runs without the project's vendor/bin on PATH.
    assert.ok(!call.path.split(delimiter).some((d) => d.startsWith(projectDir)), `PATH seen by signet: ${call.path}`);
  }

  it('all ok: one signet process verifies all three archives, in the same run that installs the plugin', async () => {
    await signet.setScenario({ verify: 'ok' });
    await signet.reset();
    const p = await project();
    const r = await runComposer(p, INSTALL, { SIGNET_BIN: signet.bin });
    assert.equal(r.code, 0, describeRun(r));
    assert.deepEqual(vendorPackages(p), [...PACKAGES, PLUGIN_NAME].sort(), describeRun(r));
    assert.match(output(r), /signet: 3 archives verified/, describeRun(r));
    await assertOneBatchOfThree(p, r);

    // Again from the lock file and Composer's cache: POST_FILE_DOWNLOAD fires for cache hits too.
    await rm(join(p.dir, 'vendor'), { recursive: true, force: true });
    await signet.reset();
    const before = distRequests();
    const again = await runComposer(p, INSTALL, { SIGNET_BIN: signet.bin });
    assert.equal(again.code, 0, describeRun(again));
    assert.equal(distRequests(), before, 'the archives came from the cache');
    assert.deepEqual(vendorPackages(p), [...PACKAGES, PLUGIN_NAME].sort());
    await assertOneBatchOfThree(p, again);
  });

  it('starts signet when the first archive download begins, not after it ends', async () => {
    await signet.setScenario({ verify: 'ok' });
    await signet.reset();
    const p = await project();
    const r = await runComposer(p, [...INSTALL, '-v'], { SIGNET_BIN: signet.bin });
    assert.equal(r.code, 0, describeRun(r));
    const lines = output(r).split('\n');
    const started = lines.findIndex((l) => l.startsWith('signet: started '));
    const firstDownload = lines.findIndex((l) => /^ {2}- Downloading (acme|beta)\//.test(l));
    assert.ok(started >= 0 && firstDownload >= 0, describeRun(r));
    assert.ok(started < firstDownload, `signet started (line ${started}) before the first download (line ${firstDownload})\n${describeRun(r)}`);
    await assertOneBatchOfThree(p, r);
  });

  it('without php-curl (archives downloaded one at a time): one signet process verifies them all, and a refusal installs none', async () => {
    const env = { SIGNET_BIN: signet.bin, ...(await withoutCurlEnv(join(work, 'no-curl'))) };
    const probe = execFileSync('php', ['-r', 'echo function_exists("curl_multi_exec") ? "curl" : "streams";'], { env: { ...process.env, ...env }, encoding: 'utf8' });
    assert.equal(probe, 'streams', 'Composer must not find curl_multi_exec');
    await signet.setScenario({ verify: 'ok' });
    await signet.reset();
    const p = await project();
    const r = await runComposer(p, INSTALL, env);
    assert.equal(r.code, 0, describeRun(r));
    assert.deepEqual(vendorPackages(p), [...PACKAGES, PLUGIN_NAME].sort(), describeRun(r));
    await assertOneBatchOfThree(p, r);

    await signet.setScenario({ verify: 'ok', failures: { 'acme/widget': DIGEST_MISMATCH } });
    await signet.reset();
    const q = await project();
    const refused = await runComposer(q, INSTALL, env);
    assert.notEqual(refused.code, 0, describeRun(refused));
    assert.match(output(refused), /acme\/widget 1\.0\.0: ARCHIVE_DIGEST_MISMATCH/, describeRun(refused));
    assert.deepEqual(vendorPackages(q), [PLUGIN_NAME], describeRun(refused));
    assert.doesNotMatch(output(refused), /from source|Cloning|Syncing|git clone/i, describeRun(refused));
    await assertOneBatchOfThree(q, refused);
  });

  it('a failed verification: Composer exits non-zero naming the package and the code, installs none of them, tries no source', async () => {
    await signet.setScenario({ verify: 'ok', failures: { 'acme/widget': DIGEST_MISMATCH } });
    await signet.reset();
    const p = await project();
    const r = await runComposer(p, INSTALL, { SIGNET_BIN: signet.bin });
    assert.notEqual(r.code, 0, describeRun(r));
    assert.match(output(r), /acme\/widget 1\.0\.0: ARCHIVE_DIGEST_MISMATCH the archive's sha256 is not the one the vendor signed/, describeRun(r));
    assert.match(output(r), /expected: sha256:a{64}/, 'the details are shown');
    assert.ok(!existsSync(join(p.dir, 'vendor/acme/widget')), 'the refused package is not installed');
    // Nothing of the batch: only the plugin, installed in its own batch before the downloads.
    assert.deepEqual(vendorPackages(p), [PLUGIN_NAME], describeRun(r));
    const installed = (await p.readJson('vendor/composer/installed.json')) as { packages: Array<{ name: string }> };
    assert.deepEqual(installed.packages.map((x) => x.name), [PLUGIN_NAME]);
    // No source fallback: the metadata has a git source, Composer would say so and clone it.
    assert.doesNotMatch(output(r), /from source|Cloning|Syncing|git clone/i, describeRun(r));
    assert.ok(!existsSync(join(p.home, 'cache', 'vcs')) || readdirSync(join(p.home, 'cache', 'vcs')).length === 0, 'no VCS mirror was made');
    await assertOneBatchOfThree(p, r);
  });

  it('--no-scripts: still verified in one process, and still refused', async () => {
    // Composer 2.5 turns off only script listeners (Factory.php 372); the plugin still gets the
    // pre-package events. (Older Composer 2 releases, e.g. 2.1's `require`, passed --no-scripts to
    // Installer::setRunScripts, which suppressed them: the guarded downloaders cover that, see the next test.)
    await signet.setScenario({ verify: 'ok', failures: { 'beta/tool': { code: 'RELEASE_NOT_IN_LOG', message: 'beta/tool 2.0.0 has no release entry in the log' } } });
    await signet.reset();
    const p = await project();
    const r = await runComposer(p, [...INSTALL, '--no-scripts'], { SIGNET_BIN: signet.bin });
    assert.notEqual(r.code, 0, describeRun(r));
    assert.match(output(r), /beta\/tool 2\.0\.0: RELEASE_NOT_IN_LOG/, describeRun(r));
    assert.deepEqual(vendorPackages(p), [PLUGIN_NAME], describeRun(r));
    await assertOneBatchOfThree(p, r);

    await signet.setScenario({ verify: 'ok' });
    await signet.reset();
    const ok = await runComposer(p, [...INSTALL, '--no-scripts'], { SIGNET_BIN: signet.bin });
    assert.equal(ok.code, 0, describeRun(ok));
    assert.deepEqual(vendorPackages(p), [...PACKAGES, PLUGIN_NAME].sort());
    await assertOneBatchOfThree(p, ok);
  });

  it('when no pre-package event reaches the plugin (another plugin stops them), the guarded downloaders verify in one process', async () => {
    const stopperDir = join(work, 'stopper');
    await mkdir(join(stopperDir, 'src'), { recursive: true });
    await writeFile(
      join(stopperDir, 'composer.json'),
      JSON.stringify({
        name: 'evil/stopper',
        version: '1.0.0',
        type: 'composer-plugin',
        require: { 'composer-plugin-api': '^2.0' },
        autoload: { 'psr-4': { 'Evil\\Stopper\\': 'src/' } },
        extra: { class: 'Evil\\Stopper\\Plugin' },
      }),
    );
    await writeFile(join(stopperDir, 'src', 'Plugin.php'), STOPPER_PLUGIN);
    const p = await installPluginProject({
      repositoryUrl: repo.url,
      require: { 'evil/stopper': '1.0.0' },
      composerJson: {
        repositories: [
          { type: 'path', url: stopperDir, options: { symlink: false } },
          pluginPathRepository(),
          { type: 'composer', url: repo.url },
          { 'packagist.org': false },
        ],
        config: { 'allow-plugins': { [PLUGIN_NAME]: true, 'evil/stopper': true } },
      },
    });
    cleanups.push(() => p.cleanup());
    const first = await runComposer(p, INSTALL, { SIGNET_BIN: signet.bin });
    assert.equal(first.code, 0, describeRun(first));

    await signet.setScenario({ verify: 'ok', failures: { 'acme/gadget': DIGEST_MISMATCH } });
    await signet.reset();
    const require = ['require', 'acme/gadget:^1.0', 'beta/tool:^2.0', '--no-progress', '--no-ansi', '-v'];
    const r = await runComposer(p, require, { SIGNET_BIN: signet.bin });
    assert.notEqual(r.code, 0, describeRun(r));
    assert.match(output(r), /stopper: stopped pre-package-install/, describeRun(r));
    // -v names every listener Composer calls: the plugin's pre-package listener was not one of them.
    assert.doesNotMatch(output(r), /> pre-package-install: Signet/, describeRun(r));
    assert.match(output(r), /acme\/gadget 1\.0\.0: ARCHIVE_DIGEST_MISMATCH/, describeRun(r));
    assert.deepEqual(vendorPackages(p), ['evil/stopper', PLUGIN_NAME].sort(), describeRun(r));
    await assertOneBatchOfThree(p, r);

    await signet.setScenario({ verify: 'ok' });
    await signet.reset();
    const ok = await runComposer(p, require, { SIGNET_BIN: signet.bin });
    assert.equal(ok.code, 0, describeRun(ok));
    assert.deepEqual(vendorPackages(p), [...PACKAGES, 'evil/stopper', PLUGIN_NAME].sort());
    await assertOneBatchOfThree(p, ok);
  });

  it('a tagged release offered only from source (metadata without a dist) is refused, not installed unverified', async () => {
    const repo3 = await servePackageRepository(join(work, 'repo-nodist'), [{ name: 'acme/widget', version: '1.0.0' }]);
    cleanups.push(() => repo3.close());
    // A compromised repository drops the archive from the metadata and points at its own source.
    const p2 = join(work, 'repo-nodist', 'site', 'p2', 'acme', 'widget.json');
    const doc = JSON.parse(await readFile(p2, 'utf8')) as { packages: Record<string, Record<string, unknown>[]> };
    delete doc.packages['acme/widget']![0]!.dist;
    await writeFile(p2, JSON.stringify(doc));
    const p = await installPluginProject({ repositoryUrl: repo3.url, require: { 'acme/widget': '1.0.0' } });
    cleanups.push(() => p.cleanup());
    await signet.setScenario({ verify: 'ok' });
    const r = await runComposer(p, INSTALL, { SIGNET_BIN: signet.bin });
    assert.notEqual(r.code, 0, describeRun(r));
    assert.match(output(r), /acme\/widget 1\.0\.0 is a release offered without an archive/, describeRun(r));
    assert.deepEqual(vendorPackages(p), [PLUGIN_NAME], describeRun(r));
  });

  it('a development version offered only from source is refused unless extra.signet.allow-source allows it', async () => {
    const repo4 = await servePackageRepository(join(work, 'repo-devsource'), [{ name: 'acme/widget', version: '1.0.0' }]);
    cleanups.push(() => repo4.close());
    // A compromised registry offers dev-main of a package whose releases are signed: no archive, its own source.
    const p2 = join(work, 'repo-devsource', 'site', 'p2', 'acme', 'widget.json');
    const doc = JSON.parse(await readFile(p2, 'utf8')) as { packages: Record<string, Record<string, unknown>[]> };
    const dev = doc.packages['acme/widget']![0]!;
    delete dev.dist;
    dev.version = 'dev-main';
    dev.version_normalized = 'dev-main';
    await writeFile(p2, JSON.stringify(doc));
    const p = await installPluginProject({ repositoryUrl: repo4.url, require: { 'acme/widget': 'dev-main' } });
    cleanups.push(() => p.cleanup());
    await signet.setScenario({ verify: 'ok' });
    await signet.reset();
    const r = await runComposer(p, INSTALL, { SIGNET_BIN: signet.bin });
    assert.notEqual(r.code, 0, describeRun(r));
    assert.match(output(r), /acme\/widget dev-main comes from source \(git \S+\) with no archive and no signed release/, describeRun(r));
    assert.match(output(r), /"allow-source": \["acme\/widget"\]/, 'says how to allow it');
    assert.deepEqual(vendorPackages(p), [PLUGIN_NAME], describeRun(r));

    const q = await installPluginProject({ repositoryUrl: repo4.url, require: { 'acme/widget': 'dev-main' }, composerJson: { extra: { signet: { 'allow-source': ['acme/widget'] } } } });
    cleanups.push(() => q.cleanup());
    const r2 = await runComposer(q, [...INSTALL, '-v'], { SIGNET_BIN: signet.bin });
    assert.equal(r2.code, 0, describeRun(r2));
    assert.match(output(r2), /acme\/widget dev-main is a development version installed from source \(git\) as extra\.signet\.allow-source allows/, describeRun(r2));
    assert.deepEqual(vendorPackages(q), ['acme/widget', PLUGIN_NAME].sort());
  });

  it('an update (PRE_PACKAGE_UPDATE) is verified the same way; a refused one leaves the old version in place', async () => {
    const repo2 = await servePackageRepository(join(work, 'repo-update'), [
      { name: 'acme/widget', version: '1.0.0' },
      { name: 'acme/widget', version: '1.1.0' },
    ]);
    cleanups.push(() => repo2.close());
    const p = await installPluginProject({ repositoryUrl: repo2.url, require: { 'acme/widget': '1.0.0' } });
    cleanups.push(() => p.cleanup());
    await signet.setScenario({ verify: 'ok' });
    const r = await runComposer(p, INSTALL, { SIGNET_BIN: signet.bin });
    assert.equal(r.code, 0, describeRun(r));
    const hello = join(p.dir, 'vendor/acme/widget/src/Hello.php');
    assert.match(await readFile(hello, 'utf8'), /VERSION = '1\.0\.0'/);

    await signet.setScenario({ verify: 'ok', failures: { 'acme/widget': DIGEST_MISMATCH } });
    await signet.reset();
    const refused = await runComposer(p, ['require', 'acme/widget:1.1.0', '--no-progress', '--no-ansi'], { SIGNET_BIN: signet.bin });
    assert.notEqual(refused.code, 0, describeRun(refused));
    assert.match(output(refused), /acme\/widget 1\.1\.0: ARCHIVE_DIGEST_MISMATCH/, describeRun(refused));
    assert.match(await readFile(hello, 'utf8'), /VERSION = '1\.0\.0'/, 'the old version is still installed');
    assert.deepEqual((await signet.calls()).map((c) => c.batch!.archives.map((a) => `${a.package} ${a.version}`)), [['acme/widget 1.1.0']]);

    await signet.setScenario({ verify: 'ok' });
    await signet.reset();
    const updated = await runComposer(p, ['require', 'acme/widget:1.1.0', '--no-progress', '--no-ansi'], { SIGNET_BIN: signet.bin });
    assert.equal(updated.code, 0, describeRun(updated));
    assert.match(output(updated), /Upgrading acme\/widget \(1\.0\.0 => 1\.1\.0\)/, describeRun(updated));
    assert.match(await readFile(hello, 'utf8'), /VERSION = '1\.1\.0'/);
    assert.deepEqual((await signet.calls()).map((c) => c.batch!.archives.map((a) => `${a.package} ${a.version}`)), [['acme/widget 1.1.0']]);
  });

  it('signet cannot be run: fails closed with the problem and the fix, and never uses a signet from vendor/bin', async () => {
    await signet.setScenario({ verify: 'ok' });
    await signet.reset();
    const noSignetPath = pathWithoutSignet();

    // Not installed at all.
    const p = await project();
    const r = await runComposer(p, INSTALL, { SIGNET_BIN: undefined, PATH: noSignetPath });
    assert.notEqual(r.code, 0, describeRun(r));
    assert.match(output(r), /no signet command was found/, describeRun(r));
    assert.match(output(r), /SIGNET_BIN=\/path\/to\/signet/, 'says how to fix it');
    assert.match(output(r), /SIGNET_PLUGIN_DISABLE=1/, 'names the opt-out');
    assert.deepEqual(vendorPackages(p), [PLUGIN_NAME], describeRun(r));

    // SIGNET_BIN names a file that does not exist.
    const missing = join(work, 'no-such-signet');
    const r2 = await runComposer(p, INSTALL, { SIGNET_BIN: missing, PATH: noSignetPath });
    assert.notEqual(r2.code, 0, describeRun(r2));
    assert.match(output(r2), new RegExp(`SIGNET_BIN points to ${missing.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}, which does not exist`), describeRun(r2));
    assert.deepEqual(vendorPackages(p), [PLUGIN_NAME]);

    // A package installed earlier put a "signet" into vendor/bin: it is not a trusted verifier.
    const q = await project({ require: { 'evil/shim': '^1.0' } });
    const r3 = await runComposer(q, INSTALL, { SIGNET_BIN: signet.bin });
    assert.equal(r3.code, 0, describeRun(r3));
    assert.ok(existsSync(join(q.dir, 'vendor/bin/signet')), 'vendor/bin/signet exists');
    const r4 = await runComposer(q, ['require', 'beta/tool:^2.0', '--no-progress', '--no-ansi'], {
      SIGNET_BIN: undefined,
      PATH: `${join(q.dir, 'vendor/bin')}${delimiter}${noSignetPath}`,
    });
    assert.notEqual(r4.code, 0, describeRun(r4));
    assert.match(output(r4), /no signet command was found/, describeRun(r4));
    assert.ok(!existsSync(join(work, 'evil-signet-ran')), 'vendor/bin/signet was not run');
    assert.ok(!existsSync(join(q.dir, 'vendor/beta/tool')));
  });

  it('finds signet through extra.signet.bin and on PATH; SIGNET_BIN wins', async () => {
    await signet.setScenario({ verify: 'ok' });
    // extra.signet.bin, relative to the project folder.
    await signet.reset();
    const p = await project({ composerJson: { extra: { signet: { bin: 'tools/signet' } } } });
    await mkdir(join(p.dir, 'tools'));
    await copyFile(signet.bin, join(p.dir, 'tools/signet'));
    await chmod(join(p.dir, 'tools/signet'), 0o755);
    // The copy records its calls next to itself: give it the fake's scenario and log.
    await copyFile(join(dirname(signet.bin), 'scenario.json'), join(p.dir, 'tools/scenario.json'));
    const r = await runComposer(p, INSTALL, { SIGNET_BIN: undefined, PATH: pathWithoutSignet() });
    assert.equal(r.code, 0, describeRun(r));
    const log = (await readFile(join(p.dir, 'tools/calls.jsonl'), 'utf8')).trim().split('\n');
    assert.equal(log.length, 1, 'one call of tools/signet');
    assert.equal((await signet.calls()).length, 0);

    // SIGNET_BIN takes precedence over extra.signet.bin.
    await rm(join(p.dir, 'vendor'), { recursive: true, force: true });
    const r2 = await runComposer(p, INSTALL, { SIGNET_BIN: signet.bin, PATH: pathWithoutSignet() });
    assert.equal(r2.code, 0, describeRun(r2));
    assert.equal((await signet.calls()).length, 1);

    // On PATH.
    await signet.reset();
    const q = await project();
    const r3 = await runComposer(q, INSTALL, { SIGNET_BIN: undefined, PATH: `${dirname(signet.bin)}${delimiter}${pathWithoutSignet()}` });
    assert.equal(r3.code, 0, describeRun(r3));
    await assertOneBatchOfThree(q, r3);
  });

  it('SIGNET_PLUGIN_DISABLE=1 installs without verification, with a loud warning', async () => {
    await signet.setScenario({ verify: 'ok', failures: { 'acme/widget': DIGEST_MISMATCH } });
    await signet.reset();
    const p = await project();
    const r = await runComposer(p, INSTALL, { SIGNET_BIN: signet.bin, SIGNET_PLUGIN_DISABLE: '1' });
    assert.equal(r.code, 0, describeRun(r));
    assert.match(output(r), /SIGNET_PLUGIN_DISABLE is set: acme\/\w+ 1\.0\.0, .* installed WITHOUT verification/, describeRun(r));
    assert.deepEqual(vendorPackages(p), [...PACKAGES, PLUGIN_NAME].sort());
    assert.equal((await signet.calls()).length, 0, 'signet was not run');
  });

  it('fails closed on every answer that is not a clean success: exit 3, exit 2, unreadable output, a missing result', async () => {
    const p = await project();
    const cases: Array<[Parameters<FakeSignet['setScenario']>[0], RegExp]> = [
      [{ verify: 'unavailable' }, /a service signet needs is unavailable \(exit 3\); retry later: LOG_UNAVAILABLE the log at http:\/\/127\.0\.0\.1:9 did not answer/],
      [{ verify: 'usage' }, /usage or configuration error \(exit 2\): CONFIG_INVALID no trust configuration/],
      [{ verify: 'garbage' }, /gave no readable answer \(exit 0/],
      [{ verify: 'omit' }, /: NOT_REPORTED signet did not report on this archive/],
      // signet dies while the plugin is still handing it archives: the writes fail quietly, the exit code speaks.
      [{ verify: 'early' }, /a service signet needs is unavailable \(exit 3\): fake signet: gave up at once; retry later/],
    ];
    for (const [scenario, message] of cases) {
      await signet.setScenario(scenario);
      await signet.reset();
      const r = await runComposer(p, INSTALL, { SIGNET_BIN: signet.bin });
      assert.notEqual(r.code, 0, `${JSON.stringify(scenario)}\n${describeRun(r)}`);
      assert.match(output(r), message, `${JSON.stringify(scenario)}\n${describeRun(r)}`);
      assert.deepEqual(vendorPackages(p), [PLUGIN_NAME], JSON.stringify(scenario));
      assert.equal((await signet.calls()).length, 1);
    }
  });

  it('refuses a "path" dist that no configured path repository names (a repository pointing at local files)', async () => {
    // Composer's PathDownloader installs any local folder a package's metadata names as a "path" dist,
    // whatever repository the metadata came from. Here an inline package repository plays the registry.
    const planted = join(work, 'planted');
    await mkdir(join(planted, 'src'), { recursive: true });
    await writeFile(join(planted, 'composer.json'), JSON.stringify({ name: 'evil/planted' }));
    await writeFile(join(planted, 'src', 'x.php'), '<?php // unverified code');
    const p = await installPluginProject({
      repositoryUrl: repo.url,
      require: { 'evil/planted': '1.0.0' },
      composerJson: {
        repositories: [
          pluginPathRepository(),
          { type: 'package', package: { name: 'evil/planted', version: '1.0.0', dist: { type: 'path', url: planted } } },
          { 'packagist.org': false },
        ],
      },
    });
    cleanups.push(() => p.cleanup());
    await signet.setScenario({ verify: 'ok' });
    await signet.reset();
    const r = await runComposer(p, INSTALL, { SIGNET_BIN: signet.bin });
    assert.notEqual(r.code, 0, describeRun(r));
    assert.match(output(r), /the metadata of evil\/planted 1\.0\.0 names the local folder \S+ as its archive .* and no path repository configured for this project matches it/, describeRun(r));
    assert.deepEqual(vendorPackages(p), [PLUGIN_NAME], describeRun(r));
  });

  it('skipped by signet policy counts as accepted, and is reported', async () => {
    await signet.setScenario({ verify: 'ok', skipped: ['beta/tool'] });
    await signet.reset();
    const p = await project();
    const r = await runComposer(p, INSTALL, { SIGNET_BIN: signet.bin });
    assert.equal(r.code, 0, describeRun(r));
    assert.match(output(r), /3 archives verified, 1 skipped by signet's policy: beta\/tool 2\.0\.0/, describeRun(r));
    assert.deepEqual(vendorPackages(p), [...PACKAGES, PLUGIN_NAME].sort());
  });

  it('a source install of a package that has an archive is refused unless extra.signet.allow-source allows it', async () => {
    await signet.setScenario({ verify: 'ok' });
    await signet.reset();
    const p = await project();
    const r = await runComposer(p, [...INSTALL, '--prefer-source'], { SIGNET_BIN: signet.bin });
    assert.notEqual(r.code, 0, describeRun(r));
    assert.match(output(r), /signet: acme\/widget 1\.0\.0 would be installed from source \(git /, describeRun(r));
    assert.match(output(r), /"allow-source": \["acme\/widget"\]/, 'says how to allow it');
    assert.deepEqual(vendorPackages(p), [PLUGIN_NAME], describeRun(r));

    const q = await project({ composerJson: { extra: { signet: { 'allow-source': ['acme/*', 'beta/tool'] } } } });
    const r2 = await runComposer(q, [...INSTALL, '--prefer-source'], { SIGNET_BIN: signet.bin });
    assert.equal(r2.code, 0, describeRun(r2));
    assert.match(output(r2), /acme\/widget 1\.0\.0 is installed from source \(git\) as extra\.signet\.allow-source allows: its archive was NOT verified/, describeRun(r2));
    assert.deepEqual(vendorPackages(q), [...PACKAGES, PLUGIN_NAME].sort());
    assert.ok(existsSync(join(q.dir, 'vendor/acme/widget/.git')), 'a git checkout');
    assert.equal((await signet.calls()).length, 0, 'no archive to verify');
  });

  it('composer release VERSION runs signet release in the project folder and returns its exit code', async () => {
    await signet.setScenario({ verify: 'ok', releaseExit: 0 });
    await signet.reset();
    const p = await project({ require: {} });
    const installed = await runComposer(p, INSTALL, { SIGNET_BIN: signet.bin });
    assert.equal(installed.code, 0, describeRun(installed));
    assert.equal((await signet.calls()).length, 0, 'the plugin alone downloads no archive');

    const r = await runComposer(p, ['release', '1.2.3', '--dry-run', '--no-ansi'], { SIGNET_BIN: signet.bin });
    assert.equal(r.code, 0, describeRun(r));
    assert.match(r.stdout, /fake signet: release 1\.2\.3 --dry-run/, 'signet writes to the terminal directly');
    const calls = await signet.calls();
    assert.equal(calls.length, 1);
    assert.deepEqual(calls[0]!.argv, ['release', '1.2.3', '--dry-run']);
    assert.equal(calls[0]!.cwd, realpathSync(p.dir));

    await signet.setScenario({ verify: 'ok', releaseExit: 3 });
    await signet.reset();
    const r2 = await runComposer(p, ['release', '2.0.0', '--key', 'keys/acme.key', '--registry', 'http://127.0.0.1:8080', '--no-ansi'], { SIGNET_BIN: signet.bin });
    assert.equal(r2.code, 3, `signet's exit code\n${describeRun(r2)}`);
    assert.deepEqual((await signet.calls())[0]!.argv, ['release', '2.0.0', '--key', 'keys/acme.key', '--registry', 'http://127.0.0.1:8080']);

    const r3 = await runComposer(p, ['release', '1.2.3', '--no-ansi'], { SIGNET_BIN: undefined, PATH: pathWithoutSignet() });
    assert.equal(r3.code, 2, describeRun(r3));
    assert.match(output(r3), /no signet command was found/, describeRun(r3));
  });
});
