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
import { p2Json, packagesJson } from '../src/registry/composer-repo.js';
import { CLI } from './cli.js';
import { serveStatic } from './static-server.js';
/** A release served as it was signed. */
export function genuine(r) {
    const composerJson = JSON.parse(r.files.find((f) => f.path === 'composer.json').data.toString('utf8'));
    const reference = createHash('sha1').update(`${r.pkg}@${r.version}`).digest('hex');
    return { name: r.pkg, version: r.version, zip: r.zip, composerJson, reference };
}
/**
 * Writes the Composer repository of `versions` under `dir` and serves it. Every archive gets its own
 * URL (`dist/<vendor>/<name>/<version>.zip`), so Composer's cache (per project in these tests) never
 * mixes two registries' bytes.
 */
export async function serveRegistry(dir, versions) {
    await mkdir(dir, { recursive: true });
    const server = await serveStatic(dir);
    const distUrl = (name, version) => `${server.url}/dist/${name}/${version}.zip`;
    try {
        const byName = new Map();
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
    }
    catch (e) {
        await server.close();
        throw e;
    }
    return { url: server.url, server, distUrl, close: () => server.close() };
}
/**
 * Writes `dir/signet`: `#!/bin/sh`, appends "$*" to `dir/calls.log`, then execs this node on the
 * built `signet` (dist/signet.cjs) with the same arguments and environment.
 */
export async function signetWrapper(dir) {
    await mkdir(dir, { recursive: true });
    const bin = join(dir, 'signet');
    const log = join(dir, 'calls.log');
    const q = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
    await writeFile(bin, `#!/bin/sh\nprintf '%s\\n' "$*" >> ${q(log)}\nexec ${q(process.execPath)} ${q(CLI)} "$@"\n`);
    await chmod(bin, 0o755);
    await writeFile(log, '');
    return {
        bin,
        calls: async () => (await readFile(log, 'utf8')).split('\n').filter((l) => l !== ''),
    };
}
//# sourceMappingURL=signet-composer.js.map