/**
 * Helpers for end-to-end tests of the Composer plugin (composer-plugin/) with the REAL Composer:
 *
 * - servePackageRepository: a static Composer v2 repository of small packages, each a real git
 *   repository (so a source install is possible) whose release zip is made with `git archive`;
 * - installPluginProject: a throwaway project that installs the plugin from this checkout as a path
 *   repository (copied, not symlinked) with `config.allow-plugins`, next to that repository;
 * - runComposer: runs Composer in such a project with extra environment variables (SIGNET_BIN, ...);
 * - fakeSignet: a stand-in for the `signet` CLI that records how it was called and answers per a
 *   scenario, for tests that must not depend on the real `signet verify-archive`.
 *
 * A test with the real signet can use the same repository and project helpers and point SIGNET_BIN
 * (or extra.signet.bin) at dist/signet.cjs.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ComposerVersion, p2Json, packagesJson } from '../src/registry/composer-repo.js';
import { type ComposerProject, type ComposerResult, createComposerProject, DEFAULT_COMPOSER_TIMEOUT_MS, runComposer as runComposerIn } from './composer.js';
import { gitEnv } from './git-repo.js';
import { type StaticServer, serveStatic } from './static-server.js';

/** The plugin's folder in this checkout (this file is compiled to dist/testkit/). */
export const PLUGIN_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'composer-plugin');
export const PLUGIN_NAME = 'signet/composer-plugin';
/** The version the path repository gives the plugin (so projects need no dev stability). */
export const PLUGIN_VERSION = '1.0.0';

// ---------------------------------------------------------------------------------------------------
// A Composer repository of real packages

export interface PackageSpec {
  /** `vendor/name`. */
  readonly name: string;
  /** The tag, e.g. `1.0.0`. */
  readonly version: string;
  /** The package's `require` (other packages of the repository). */
  readonly require?: Readonly<Record<string, string>>;
  /** More files (path → content; content starting with `#!` is made executable). */
  readonly files?: Readonly<Record<string, string>>;
  /** composer.json `bin`: files Composer links into vendor/bin. */
  readonly bin?: readonly string[];
}

export interface ServedPackage {
  readonly name: string;
  readonly version: string;
  /** The git repository the release was made from (the metadata's `source`). */
  readonly gitDir: string;
  readonly commit: string;
  /** The zip as served. */
  readonly zipFile: string;
  readonly sha1: string;
  readonly distUrl: string;
}

export interface PackageRepository {
  readonly server: StaticServer;
  /** The repository URL for composer.json (`packages.json` is at its root). */
  readonly url: string;
  readonly packages: readonly ServedPackage[];
  close(): Promise<void>;
}

function git(dir: string, args: readonly string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { env: gitEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The PHP class a test package ships: `Vendor\Name\Hello::VERSION`. */
function phpNamespace(name: string): string {
  return name
    .split('/')
    .map((part) => part.replace(/(?:^|[-_.])([a-z0-9])/g, (_m, c: string) => c.toUpperCase()))
    .join('\\');
}

/**
 * Builds one git repository and one zip per package under `dir` and serves them as a Composer v2
 * repository (packages.json, p2/, dist/) on 127.0.0.1. Each package's metadata has a `source` (its git
 * repository and commit), so Composer could install it from source.
 */
export async function servePackageRepository(dir: string, specs: readonly PackageSpec[]): Promise<PackageRepository> {
  const site = join(dir, 'site');
  await mkdir(site, { recursive: true });
  const server = await serveStatic(site);
  try {
    const served: ServedPackage[] = [];
    const byName = new Map<string, ComposerVersion[]>();
    for (const spec of specs) {
      const gitDir = join(dir, 'git', spec.name);
      await mkdir(gitDir, { recursive: true });
      if (!existsSync(join(gitDir, '.git'))) {
        execFileSync('git', ['-c', 'init.defaultBranch=main', 'init', '-q', gitDir], { env: gitEnv() });
        git(gitDir, ['config', 'commit.gpgsign', 'false']);
        git(gitDir, ['config', 'tag.gpgsign', 'false']);
      }
      const ns = phpNamespace(spec.name);
      const composerJson = {
        name: spec.name,
        description: `Test package ${spec.name}`,
        license: 'MIT',
        ...(spec.require ? { require: spec.require } : {}),
        ...(spec.bin ? { bin: spec.bin } : {}),
        autoload: { 'psr-4': { [`${ns}\\`]: 'src/' } },
      };
      await mkdir(join(gitDir, 'src'), { recursive: true });
      await writeFile(join(gitDir, 'composer.json'), JSON.stringify(composerJson, null, 4) + '\n');
      await writeFile(join(gitDir, 'src', 'Hello.php'), `<?php\n\nnamespace ${ns};\n\nfinal class Hello\n{\n    public const VERSION = '${spec.version}';\n}\n`);
      for (const [path, content] of Object.entries(spec.files ?? {})) {
        const file = join(gitDir, path);
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, content);
        await chmod(file, content.startsWith('#!') ? 0o755 : 0o644);
      }
      git(gitDir, ['add', '-A']);
      git(gitDir, ['commit', '-q', '--allow-empty', '-m', `release ${spec.version}`]);
      git(gitDir, ['tag', spec.version]);
      const commit = git(gitDir, ['rev-parse', 'HEAD']).trim();
      const base = `${spec.name.replace('/', '-')}-${commit.slice(0, 7)}`;
      const rel = `dist/${spec.name}/${base}.zip`;
      const zipFile = join(site, rel);
      await mkdir(dirname(zipFile), { recursive: true });
      git(gitDir, ['archive', '--format=zip', `--prefix=${base}/`, '-o', zipFile, commit]);
      const sha1 = createHash('sha1').update(await readFile(zipFile)).digest('hex');
      const distUrl = `${server.url}/${rel}`;
      served.push({ name: spec.name, version: spec.version, gitDir, commit, zipFile, sha1, distUrl });
      const versions = byName.get(spec.name) ?? [];
      versions.push({
        composerJson,
        prettyVersion: spec.version,
        normalizedVersion: normalized(spec.version),
        distUrl,
        sha1,
        reference: commit,
        time: '2026-11-27T10:00:00Z',
        sourceUrl: gitDir,
      });
      byName.set(spec.name, versions);
    }
    await writeFile(join(site, 'packages.json'), JSON.stringify(packagesJson({ packageNames: [...byName.keys()] })));
    for (const [name, versions] of byName) {
      const file = join(site, 'p2', `${name}.json`);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, JSON.stringify(p2Json(name, versions)));
    }
    return { server, url: server.url, packages: served, close: () => server.close() };
  } catch (e) {
    await server.close();
    throw e;
  }
}

/** `1.2.3` → `1.2.3.0` (enough for the plain versions these tests use). */
function normalized(v: string): string {
  const m = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(v);
  if (!m) throw new Error(`test packages use plain x.y.z versions, got ${v}`);
  return `${m[1]}.${m[2]}.${m[3]}.0`;
}

// ---------------------------------------------------------------------------------------------------
// A project that installs the plugin

export interface PluginProjectOptions {
  /** The package repository (the plugin comes from a path repository listed before it). */
  readonly repositoryUrl: string;
  /** More requirements besides the plugin. */
  readonly require?: Readonly<Record<string, string>>;
  /** Require the plugin itself (default true). */
  readonly requirePlugin?: boolean;
  /** More top-level composer.json fields (`config` and `extra` are merged). */
  readonly composerJson?: Readonly<Record<string, unknown>>;
}

/** The path repository entry that installs composer-plugin/ from this checkout, copied. */
export function pluginPathRepository(): Record<string, unknown> {
  return { type: 'path', url: PLUGIN_DIR, options: { symlink: false, versions: { [PLUGIN_NAME]: PLUGIN_VERSION } } };
}

/**
 * A throwaway Composer project (testkit/composer.ts) whose composer.json requires the plugin from this
 * checkout and allows it (`config.allow-plugins`), plus `require`. Nothing is installed yet: run
 * `composer install` (or update) with runComposer.
 */
export async function installPluginProject(o: PluginProjectOptions): Promise<ComposerProject> {
  const { config, extra, ...rest } = (o.composerJson ?? {}) as { config?: Record<string, unknown>; extra?: Record<string, unknown> } & Record<string, unknown>;
  const require: Record<string, string> = { ...(o.requirePlugin === false ? {} : { [PLUGIN_NAME]: PLUGIN_VERSION }), ...(o.require ?? {}) };
  return createComposerProject({
    repositoryUrl: o.repositoryUrl,
    require,
    composerJson: {
      repositories: [pluginPathRepository(), { type: 'composer', url: o.repositoryUrl }, { 'packagist.org': false }],
      ...(extra ? { extra } : {}),
      ...rest,
      config: { 'allow-plugins': { [PLUGIN_NAME]: true }, ...(config ?? {}) },
    },
  });
}

/**
 * Runs `composer <args>` in the project with `env` on top of the project's environment (a value of
 * undefined removes the variable). Never rejects because of Composer's exit code.
 */
export function runComposer(
  project: ComposerProject,
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
  timeoutMs = DEFAULT_COMPOSER_TIMEOUT_MS,
): Promise<ComposerResult> {
  const full: Record<string, string> = { ...project.env };
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete full[k];
    else full[k] = v;
  }
  return runComposerIn([...args], project.dir, full, timeoutMs);
}

/**
 * Environment that makes Composer download without php-curl (one archive at a time through PHP's
 * streams, as on a machine without the extension), where it is installed: an extra ini file in `dir`
 * disables `curl_multi_exec`, which Composer's HttpDownloader::isCurlEnabled() requires. The leading
 * separator keeps PHP's own scan folder (where the extensions are enabled).
 */
export async function withoutCurlEnv(dir: string): Promise<Record<string, string>> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'zz-signet-test-no-curl.ini'), 'disable_functions = curl_multi_exec\n');
  return { PHP_INI_SCAN_DIR: `${process.env.PHP_INI_SCAN_DIR ?? ''}${delimiter}${dir}` };
}

/** PATH without any folder that holds a `signet` executable (to test "signet is not installed"). */
export function pathWithoutSignet(path = process.env.PATH ?? ''): string {
  return path
    .split(delimiter)
    .filter((d) => {
      try {
        const f = join(d, 'signet');
        return !(existsSync(f) && statSync(f).isFile());
      } catch {
        return true;
      }
    })
    .join(delimiter);
}

/** The package folders under vendor/ (`vendor/name`), without vendor/composer and vendor/bin. */
export function vendorPackages(project: ComposerProject): string[] {
  const vendor = join(project.dir, 'vendor');
  if (!existsSync(vendor)) return [];
  const out: string[] = [];
  for (const v of readdirSync(vendor)) {
    if (v === 'composer' || v === 'bin' || v === 'autoload.php' || !statSync(join(vendor, v)).isDirectory()) continue;
    for (const n of readdirSync(join(vendor, v))) out.push(`${v}/${n}`);
  }
  return out.sort();
}

// ---------------------------------------------------------------------------------------------------
// A fake signet

export interface FakeError {
  readonly code: string;
  readonly message: string;
  readonly expected?: string;
  readonly got?: string;
  readonly attack?: string;
  readonly hint?: string;
}

export interface FakeSignetScenario {
  /**
   * How `verify-archive` answers: `ok` (exit 0, every archive ok except `failures`, which make it exit 1),
   * `unavailable` (exit 3, an error without results), `usage` (exit 2), `garbage` (exit 0, not JSON),
   * `omit` (exit 0, {"ok": true} but the first archive missing from the results), `early` (exit 3 at
   * once, without reading the archives: a signet that dies while the plugin is still writing to it).
   */
  readonly verify?: 'ok' | 'unavailable' | 'usage' | 'garbage' | 'omit' | 'early';
  /** Package name → the error its archive fails with. */
  readonly failures?: Readonly<Record<string, FakeError>>;
  /** Package names signet "skips by policy". */
  readonly skipped?: readonly string[];
  /** Exit code of `release` (default 0). */
  readonly releaseExit?: number;
}

export interface FakeSignetCall {
  /** The arguments after the program name. */
  readonly argv: string[];
  readonly cwd: string;
  /** The archives asked about: the batch file's content (`--batch FILE`) or the stream's lines (`--batch -`). */
  readonly batch?: { archives: Array<{ file: string; package: string; version: string }> };
  /** For `--batch -`: whether the stream ended with its end line {"end": true}. */
  readonly streamEnded?: boolean;
  /** For each archive of the batch: whether the file existed when signet ran, and its SHA-1. */
  readonly files?: Array<{ file: string; exists: boolean; sha1?: string }>;
  /** PATH as signet saw it. */
  readonly path: string;
}

export interface FakeSignet {
  /** The executable to give as SIGNET_BIN. */
  readonly bin: string;
  setScenario(s: FakeSignetScenario): Promise<void>;
  /** Every call so far, oldest first. */
  calls(): Promise<FakeSignetCall[]>;
  /** Forgets the calls. */
  reset(): Promise<void>;
}

/**
 * Writes a fake `signet` (a node script; the shebang names this node) into `dir`. It appends one JSON
 * line per call to `dir/calls.jsonl` and answers from `dir/scenario.json`, both found next to itself.
 */
export async function fakeSignet(dir: string): Promise<FakeSignet> {
  await mkdir(dir, { recursive: true });
  const bin = join(dir, 'signet');
  const callsFile = join(dir, 'calls.jsonl');
  const scenarioFile = join(dir, 'scenario.json');
  await writeFile(bin, `#!${process.execPath}\n${FAKE_SIGNET_SOURCE}`);
  await chmod(bin, 0o755);
  await writeFile(scenarioFile, JSON.stringify({ verify: 'ok' }));
  await writeFile(callsFile, '');
  return {
    bin,
    setScenario: (s) => writeFile(scenarioFile, JSON.stringify(s)),
    calls: async () =>
      (await readFile(callsFile, 'utf8'))
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as FakeSignetCall),
    reset: () => writeFile(callsFile, ''),
  };
}

const FAKE_SIGNET_SOURCE = String.raw`
'use strict';
// A fake signet for the Composer plugin's tests (testkit/composer-plugin.ts).
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const here = path.dirname(fs.realpathSync(process.argv[1]));
const argv = process.argv.slice(2);
const scenario = JSON.parse(fs.readFileSync(path.join(here, 'scenario.json'), 'utf8'));
const call = { argv, cwd: process.cwd(), path: process.env.PATH || '' };
const out = (obj) => process.stdout.write(JSON.stringify(obj) + '\n');
// As signet does for a verified archive: the composer.json of its top folder, for the plugin to compare
// with Composer's metadata (read with unzip, which the tests' Composer needs anyway).
const composerJsonOf = (file) => {
  try {
    const { execFileSync } = require('node:child_process');
    const name = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).split('\n').find((n) => /^[^/]+\/composer\.json$/.test(n));
    return name === undefined ? undefined : execFileSync('unzip', ['-p', file, name], { encoding: 'utf8' });
  } catch {
    return undefined;
  }
};
let exit = 0;
if (argv[0] === 'verify-archive' && scenario.verify === 'early') {
  fs.appendFileSync(path.join(here, 'calls.jsonl'), JSON.stringify(call) + '\n');
  process.stderr.write('fake signet: gave up at once\n');
  process.exit(3);
} else if (argv[0] === 'verify-archive') {
  const i = argv.indexOf('--batch');
  let batch;
  if (argv[i + 1] === '-') {
    // The stream: one archive per line, then {"end": true}. Read to the end, as signet does.
    const lines = fs.readFileSync(0, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
    call.streamEnded = lines.length > 0 && lines[lines.length - 1].end === true;
    batch = { archives: lines.filter((l) => l.end !== true) };
  } else {
    batch = JSON.parse(fs.readFileSync(argv[i + 1], 'utf8'));
  }
  call.batch = batch;
  call.files = batch.archives.map((a) => {
    const exists = fs.existsSync(a.file);
    return exists ? { file: a.file, exists, sha1: crypto.createHash('sha1').update(fs.readFileSync(a.file)).digest('hex') } : { file: a.file, exists };
  });
  if (argv[i + 1] === '-' && !call.streamEnded) {
    fs.appendFileSync(path.join(here, 'calls.jsonl'), JSON.stringify(call) + '\n');
    out({ ok: false, error: { code: 'USAGE', message: 'the archive stream ended without its end line' } });
    process.exit(2);
  }
  const mode = scenario.verify || 'ok';
  if (mode === 'unavailable') {
    out({ ok: false, error: { code: 'LOG_UNAVAILABLE', message: 'the log at http://127.0.0.1:9 did not answer', hint: 'check your network' } });
    exit = 3;
  } else if (mode === 'usage') {
    out({ ok: false, error: { code: 'CONFIG_INVALID', message: 'no trust configuration', hint: 'run signet trust init' } });
    exit = 2;
  } else if (mode === 'garbage') {
    process.stdout.write('this is not JSON\n');
  } else {
    const failures = scenario.failures || {};
    const skipped = scenario.skipped || [];
    let results = batch.archives.map((a) => {
      const f = failures[a.package];
      if (f) return { package: a.package, version: a.version, file: a.file, ok: false, error: f };
      if (skipped.includes(a.package)) return { package: a.package, version: a.version, file: a.file, ok: true, skipped: true };
      return { package: a.package, version: a.version, file: a.file, ok: true, composerJson: composerJsonOf(a.file) };
    });
    if (mode === 'omit') results = results.slice(1);
    const ok = results.every((r) => r.ok);
    out({ ok, results });
    exit = ok ? 0 : 1;
  }
} else if (argv[0] === 'release') {
  process.stdout.write('fake signet: release ' + argv.slice(1).join(' ') + '\n');
  exit = typeof scenario.releaseExit === 'number' ? scenario.releaseExit : 0;
} else {
  process.stderr.write('fake signet: unknown command ' + argv[0] + '\n');
  exit = 2;
}
fs.appendFileSync(path.join(here, 'calls.jsonl'), JSON.stringify(call) + '\n');
process.exitCode = exit;
`;
