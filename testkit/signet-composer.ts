/**
 * Helpers for end-to-end tests of the Composer plugin with the REAL `signet` (test/e2e/):
 *
 * - serveRegistry: a Composer v2 repository written as static files (packages.json, p2/, dist/) and
 *   served on 127.0.0.1, from release archives made by testkit/verifier.ts. Each version says which
 *   bytes it serves and which SHA-1 its metadata announces, so a test can play a malicious registry
 *   (a tampered archive, another package's archive, a release that is not in the log);
 * - signetWrapper: an executable for SIGNET_BIN that runs this checkout's `signet` (dist/signet.cjs) with this
 *   node, after appending its arguments to a calls file, so a test can count the signet processes a
 *   Composer run started.
 */
import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { normalizeVersion } from '../src/ledger/index.js';
import { type ComposerVersion, p2Json, packagesJson } from '../src/registry/composer-repo.js';
import { CLI } from './cli.js';
import { type StaticServer, serveStatic } from './static-server.js';
import type { Release } from './verifier.js';

export interface RegistryVersion {
  /** The package name and version the metadata announces. */
  readonly name: string;
  readonly version: string;
  /** The archive the registry serves for it (by default: release.zip). */
  readonly zip: Buffer;
  /** The composer.json the metadata carries (by default the one inside the release). */
  readonly composerJson: Readonly<Record<string, unknown>>;
  /** The git commit the metadata names. */
  readonly reference: string;
  /**
   * The SHA-1 the metadata announces as `dist.shasum` (by default the SHA-1 of `zip`, as a registry
   * that rewrote the archive would announce: Composer checks it before the plugin sees the file).
   */
  readonly sha1?: string;
}

/** A release served as it was signed. */
export function genuine(r: Release): RegistryVersion {
  const composerJson = JSON.parse(r.files.find((f) => f.path === 'composer.json')!.data.toString('utf8')) as Record<string, unknown>;
  const reference = createHash('sha1').update(`${r.pkg}@${r.version}`).digest('hex');
  return { name: r.pkg, version: r.version, zip: r.zip, composerJson, reference };
}

export interface Registry {
  readonly url: string;
  readonly server: StaticServer;
  /** The dist URL of name@version. */
  distUrl(name: string, version: string): string;
  close(): Promise<void>;
}

/**
 * Writes the Composer repository of `versions` under `dir` and serves it. Every archive gets its own
 * URL (`dist/<vendor>/<name>/<version>.zip`), so Composer's cache (per project in these tests) never
 * mixes two registries' bytes.
 */
export async function serveRegistry(dir: string, versions: readonly RegistryVersion[]): Promise<Registry> {
  await mkdir(dir, { recursive: true });
  const server = await serveStatic(dir);
  const distUrl = (name: string, version: string): string => `${server.url}/dist/${name}/${version}.zip`;
  try {
    const byName = new Map<string, ComposerVersion[]>();
    for (const v of versions) {
      const file = join(dir, 'dist', v.name, `${v.version}.zip`);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, v.zip);
      const list = byName.get(v.name) ?? [];
      list.push({
        composerJson: v.composerJson,
        prettyVersion: v.version,
        normalizedVersion: normalizeVersion(v.version),
        distUrl: distUrl(v.name, v.version),
        sha1: v.sha1 ?? createHash('sha1').update(v.zip).digest('hex'),
        reference: v.reference,
        time: '2026-11-27T10:00:00Z',
      });
      byName.set(v.name, list);
    }
    await writeFile(join(dir, 'packages.json'), JSON.stringify(packagesJson({ packageNames: [...byName.keys()] })));
    for (const [name, list] of byName) {
      const file = join(dir, 'p2', `${name}.json`);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, JSON.stringify(p2Json(name, list)));
    }
  } catch (e) {
    await server.close();
    throw e;
  }
  return { url: server.url, server, distUrl, close: () => server.close() };
}

export interface SignetWrapper {
  /** The executable to give as SIGNET_BIN. */
  readonly bin: string;
  /** The argument lists of every run so far, oldest first (one line each, space-separated). */
  calls(): Promise<string[]>;
}

/**
 * Writes `dir/signet`: `#!/bin/sh`, appends "$*" to `dir/calls.log`, then execs this node on the
 * built `signet` (dist/signet.cjs) with the same arguments and environment.
 */
export async function signetWrapper(dir: string): Promise<SignetWrapper> {
  await mkdir(dir, { recursive: true });
  const bin = join(dir, 'signet');
  const log = join(dir, 'calls.log');
  const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  await writeFile(bin, `#!/bin/sh\nprintf '%s\\n' "$*" >> ${q(log)}\nexec ${q(process.execPath)} ${q(CLI)} "$@"\n`);
  await chmod(bin, 0o755);
  await writeFile(log, '');
  return {
    bin,
    calls: async () => (await readFile(log, 'utf8')).split('\n').filter((l) => l !== ''),
  };
}
