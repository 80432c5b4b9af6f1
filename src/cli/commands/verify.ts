/**
 * The verifier's commands: `signet sync`, `signet verify`, `signet verify-archive` (what the Composer
 * plugin calls), `signet explain` and `signet bundle`. They load no server code: every import but Node's
 * built-ins is lazy and comes from src/client, src/ledger, src/tlog and src/crypto. The `signet`
 * executable runs them from one bundled file (src/cli/bin.ts, scripts/bundle.ts), which the build
 * refuses to make if it would contain server code.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { SignetError } from '../../errors.js';
import type { ArchiveDigests } from '../../client/verify.js';
import type { ArchiveRequest } from '../archive-batch.js';

interface Common {
  config?: string;
  project?: string;
  json?: boolean;
  offline?: boolean;
}

const configOption = (): Option => new Option('--config <file>', 'the trust configuration (default: ./signet.json, else extra.signet in composer.json, over your user config)');
const projectOption = (): Option => new Option('--project <dir>', 'the Composer project folder (where the config and composer.lock are)').default('.');

interface Row {
  package: string;
  version: string;
  ok: boolean;
  skipped?: boolean;
  file?: string;
  index?: number;
  keyId?: string;
  notes?: readonly string[];
  /** verify-archive: the verified archive's composer.json (its sha256 is the signed one), for the plugin to compare with the metadata Composer installs by. */
  composerJson?: string;
  error?: Record<string, unknown>;
}

function exitFor(rows: readonly Row[], errors: readonly SignetError[]): number {
  if (errors.some((e) => e.kind === 'verification' || e.kind === 'format')) return 1;
  if (errors.some((e) => e.kind === 'unavailable')) return 3;
  if (errors.length > 0) return 2;
  return rows.every((r) => r.ok) ? 0 : 1;
}

async function open(flags: Common, progress: boolean, packages?: readonly string[] | PromiseLike<readonly string[]>) {
  const [{ openVerifier }, { progressReporter }] = await Promise.all([import('../../client/verifier.js'), import('../progress.js')]);
  const bar = progressReporter('syncing the log', 'entries', progress && !flags.json && process.stderr.isTTY === true);
  try {
    return await openVerifier({
      projectDir: path.resolve(flags.project ?? '.'),
      ...(flags.config === undefined ? {} : { configFile: flags.config }),
      offline: flags.offline === true,
      onProgress: (done, total) => bar.update(done, total),
      ...(packages === undefined ? {} : { packages }),
    });
  } finally {
    bar.done();
  }
}

export function registerVerify(program: Command): void {
  program
    .command('sync')
    .description(
      'Bring the local copy of the trusted log up to date: fetch the new entry bundles, prove they give the\n' +
        "log's signed root (and so that the stored checkpoint is a prefix), replay each through the ledger's\n" +
        'state machine, and store them with the checkpoint. Resumable: fetched bundles are kept until proven.',
    )
    .addOption(configOption())
    .addOption(projectOption())
    .option('--json', 'print the result as JSON')
    .action(async (flags: Common) => {
      const v = await open(flags, true);
      try {
        const cp = v.checkpointParsed;
        const out = { ok: true, origin: v.log.origin, mode: v.mode, size: cp.size, root: cp.root.toString('base64'), fetched: v.fetched, vendors: v.state.vendors().length, firstUse: v.firstUse, notes: v.notes };
        // On first use there is no earlier checkpoint to be consistent with: say so rather than claim it.
        const against = v.firstUse
          ? 'the first checkpoint of this log on this machine, trusted on first use (later runs check that the log extends it)'
          : 'consistent with the checkpoint accepted before';
        process.stdout.write(
          flags.json
            ? JSON.stringify(out) + '\n'
            : (v.mode === 'full'
                ? `Synced ${v.log.origin}: ${cp.size} entries (${v.fetched} new), ${out.vendors} vendors, root ${out.root}${v.firstUse ? `; ${against}` : ''}\n`
                : `Checked ${v.log.origin} (light mode): size ${cp.size}, root ${out.root}, ${against}\n`) + v.notes.map((n) => `note: ${n}\n`).join(''),
        );
      } finally {
        v.close();
      }
    });

  program
    .command('verify')
    .description(
      'Verify every package of composer.lock against the transparency log: its release entry is in the log,\n' +
        "signed by a key that was the vendor's at that index, not revoked; the lock's dist.shasum is the signed\n" +
        'sha1; the attestation and break-glass policies hold; with --installed, the files under vendor/<package>\n' +
        'hash to the signed h1. Exit 0 verified, 1 a verification failed, 2 usage or config, 3 a service unavailable.',
    )
    .argument('[lockfile]', 'the composer.lock to verify', 'composer.lock')
    .option('--installed', 'also hash the installed files under the vendor folder')
    .option('--no-dev', 'skip packages-dev')
    .option('--bundle <file>', 'verify one release from a bundle made by `signet bundle` (use with --offline)')
    .option('--offline', 'use the local copy of the log only (no network)')
    .addOption(configOption())
    .addOption(projectOption())
    .option('--json', 'print the results as JSON')
    .action(async (lockfile: string, flags: Common & { installed?: boolean; dev: boolean; bundle?: string }) => {
      if (flags.bundle !== undefined) {
        const { verifyBundleFile } = await import('./verify-bundle.js');
        process.exitCode = await verifyBundleFile(flags.bundle, flags);
        return;
      }
      process.exitCode = await runVerifyLock(lockfile, flags);
    });

  program
    .command('verify-archive')
    .description(
      'Verify downloaded archives before they are installed (what the Composer plugin calls, once per run):\n' +
        'each archive must be the signed release of PACKAGE at VERSION in the log. With --batch FILE, FILE is\n' +
        '{"archives": [{"file", "package", "version"}, ...]}. With --batch -, the archives come on stdin, one\n' +
        '{"file", "package", "version"} per line, then the line {"end": true}: each is hashed as it arrives, and the\n' +
        'log is asked once the end line is read. Prints one JSON line with --json.',
    )
    .argument('[file]', 'the archive')
    .option('--package <name>', 'vendor/name')
    .option('--version <version>', 'the version')
    .option('--batch <file>', 'verify many archives listed in a JSON file, or streamed on stdin (-)')
    .option('--offline', 'use the local copy of the log only (no network)')
    .addOption(configOption())
    .addOption(projectOption())
    .option('--json', 'print one JSON line: {"ok", "results": [...]}')
    .action(async (file: string | undefined, flags: Common & { package?: string; version?: string; batch?: string }) => {
      process.exitCode = await runVerifyArchives(file, flags);
    });

  program
    .command('explain')
    .description("Show the chain behind a release's verdict: the release entry, the signing key and its history, the inclusion proof, attestations, revocations")
    .argument('<package>', 'vendor/name')
    .argument('<version>', 'the version')
    .option('--offline', 'use the local copy of the log only (no network)')
    .addOption(configOption())
    .addOption(projectOption())
    .option('--json', 'print the chain as JSON')
    .action(async (pkg: string, version: string, flags: Common) => {
      const { explain } = await import('./verify-explain.js');
      process.exitCode = await explain(pkg, version, flags, await open(flags, false, [pkg]));
    });

  program
    .command('bundle')
    .description(
      'Print everything needed to verify one release with no network: the checkpoint, the release entry, the\n' +
        "vendor's key entries, revocations and attestations, each with its inclusion proof. Verify it with\n" +
        '`signet verify --bundle FILE --offline`.',
    )
    .argument('<package>', 'vendor/name')
    .argument('<version>', 'the version')
    .option('--offline', 'use the local copy of the log only (no network)')
    .option('--json', 'errors as JSON on stdout too (the bundle itself is always JSON), as for the other commands')
    .addOption(configOption())
    .addOption(projectOption())
    .action(async (pkg: string, version: string, flags: Common) => {
      const { makeBundle } = await import('./verify-bundle.js');
      const v = await open(flags, false, [pkg]);
      try {
        process.stdout.write(JSON.stringify(await makeBundle(v, pkg, version), null, 1) + '\n');
      } finally {
        v.close();
      }
    });
}

async function runVerifyLock(lockfile: string, flags: Common & { installed?: boolean; dev: boolean }): Promise<number> {
  const [{ SignetError }, { verifyRelease }, { isSkipped }] = await Promise.all([
    import('../../errors.js'),
    import('../../client/verify.js'),
    import('../../client/config.js'),
  ]);
  const project = path.resolve(flags.project ?? '.');
  const lockPath = path.resolve(project, lockfile);
  let lock: { packages?: unknown; 'packages-dev'?: unknown };
  try {
    lock = JSON.parse(await readFile(lockPath, 'utf8')) as typeof lock;
  } catch (e) {
    throw new SignetError('USAGE', `cannot read ${lockPath}: ${(e as Error).message}`, { hint: 'run composer install (or composer update --lock) to make composer.lock', cause: e });
  }
  type LockPkg = { name?: unknown; version?: unknown; dist?: { shasum?: unknown; type?: unknown; reference?: unknown }; source?: { reference?: unknown } };
  const list = [...(Array.isArray(lock.packages) ? lock.packages : []), ...(flags.dev && Array.isArray(lock['packages-dev']) ? lock['packages-dev'] : [])] as LockPkg[];
  let vendorDir = path.join(project, 'vendor');
  /** The folders of the project's path repositories: a path dist is let through only inside one of them. */
  const pathFolders: string[] = [];
  try {
    const cj = JSON.parse(await readFile(path.join(project, 'composer.json'), 'utf8')) as { config?: { 'vendor-dir'?: string }; repositories?: unknown };
    if (typeof cj.config?.['vendor-dir'] === 'string') vendorDir = path.resolve(project, cj.config['vendor-dir']);
    for (const r of Array.isArray(cj.repositories) ? cj.repositories : []) {
      const repo = r as { type?: unknown; url?: unknown };
      if (repo.type !== 'path' || typeof repo.url !== 'string') continue;
      // A glob (packages/*) allows the folders under its fixed part, the url itself otherwise.
      const glob = repo.url.search(/[*?[{]/);
      pathFolders.push(path.resolve(project, glob < 0 ? repo.url : repo.url.slice(0, repo.url.lastIndexOf('/', glob) + 1) || '.'));
    }
  } catch {
    // no composer.json: the default vendor folder, and no path repository
  }
  const inPathFolder = (url: unknown): boolean => {
    if (typeof url !== 'string') return false;
    const p = path.resolve(project, url);
    return pathFolders.some((f) => p === f || p.startsWith(f.endsWith(path.sep) ? f : f + path.sep));
  };
  const v = await open(flags, true, list.map((p) => String(p.name)));
  const rows: Row[] = [];
  const errors: InstanceType<typeof SignetError>[] = [];
  try {
    for (const p of list) {
      const name = String(p.name);
      const version = String(p.version);
      if (isSkipped(v.config, name)) {
        rows.push({ package: name, version, ok: true, skipped: true });
        continue;
      }
      try {
        if (p.dist?.type === 'path') {
          // A path repository of this project: a local folder, nothing downloaded or signed (the plugin
          // allows it too). Any other "path" dist is what a repository's metadata (or an edited lock) said.
          if (!inPathFolder((p.dist as { url?: unknown }).url)) {
            throw new SignetError('PATH_DIST_UNDECLARED', `composer.lock installs ${name} ${version} from a local folder that no path repository of composer.json names`, {
              expected: `a folder of a "repositories": [{"type": "path", ...}] entry${pathFolders.length > 0 ? ` (${pathFolders.join(', ')})` : ''}`,
              got: String((p.dist as { url?: unknown }).url),
              attack: 'metadata or a lock file pointing a package at local files, installed unverified',
            });
          }
          rows.push({ package: name, version, ok: true, skipped: true, notes: ['installed from a path repository: nothing signed to check'] });
          continue;
        }
        const sha1 = typeof p.dist?.shasum === 'string' && p.dist.shasum !== '' ? p.dist.shasum : undefined;
        const verdict = await verifyRelease(
          v.state,
          { package: name, version, ...(sha1 === undefined ? {} : { sha1 }), ...(flags.installed ? { installedDir: path.join(vendorDir, name) } : {}) },
          v.config,
          { digests: v.digests },
        );
        // The lock also pins a commit: it must be the one the release names.
        for (const ref of [p.dist?.reference, p.source?.reference]) {
          if (typeof ref === 'string' && /^[0-9a-f]{40}$/.test(ref) && ref !== verdict.commit) {
            throw new SignetError('LOCK_SHASUM_MISMATCH', `composer.lock pins ${name} ${version} to commit ${ref}, not the signed release's`, {
              expected: verdict.commit,
              got: ref,
              attack: 'a lock file or metadata pointing at other code than the signed release',
            });
          }
        }
        const notes = sha1 === undefined && !flags.installed ? [...verdict.notes, 'composer.lock has no dist.shasum: the archive bytes were not checked (add --installed)'] : verdict.notes;
        rows.push({ package: name, version, ok: true, index: verdict.index, keyId: verdict.keyId, notes });
      } catch (e) {
        if (!(e instanceof SignetError)) throw e;
        errors.push(e);
        rows.push({ package: name, version, ok: false, error: e.toJSON() });
      }
    }
  } finally {
    v.close();
  }
  const code = exitFor(rows, errors);
  const cp = v.checkpointParsed;
  if (flags.json) {
    process.stdout.write(JSON.stringify({ ok: code === 0, log: { origin: v.log.origin, size: cp.size }, results: rows, notes: v.notes }) + '\n');
    return code;
  }
  const w = Math.max(8, ...rows.map((r) => r.package.length));
  const lines = [`${'PACKAGE'.padEnd(w)}  ${'VERSION'.padEnd(12)}  RESULT`];
  for (const r of rows) {
    const result = r.skipped ? 'skipped (config)' : r.ok ? `verified (log #${r.index})${r.notes?.length ? ' — ' + r.notes.join('; ') : ''}` : `FAILED ${String(r.error?.code)}: ${String(r.error?.message)}`;
    lines.push(`${r.package.padEnd(w)}  ${r.version.padEnd(12)}  ${result}`);
  }
  const ok = rows.filter((r) => r.ok && !r.skipped).length;
  const skipped = rows.filter((r) => r.skipped).length;
  const failed = rows.length - ok - skipped;
  lines.push('', `${ok} verified, ${failed} failed, ${skipped} skipped, against ${v.log.origin} at size ${cp.size}.`);
  for (const n of v.notes) lines.push(`note: ${n}`);
  for (const e of errors) {
    if (e.details.attack) lines.push(`${e.code}: ${e.details.attack}`);
  }
  (code === 0 ? process.stdout : process.stderr).write(lines.join('\n') + '\n');
  return code;
}

async function runVerifyArchives(file: string | undefined, flags: Common & { package?: string; version?: string; batch?: string }): Promise<number> {
  const [{ SignetError }, { verifyRelease, archiveDigests }, { isSkipped }, { parseBatchFile, readArchiveStream }, { topComposerJson }] = await Promise.all([
    import('../../errors.js'),
    import('../../client/verify.js'),
    import('../../client/config.js'),
    import('../archive-batch.js'),
    import('../../archive/composer-json-entry.js'),
  ]);
  type Item = ArchiveRequest & ({ readonly digests: ArchiveDigests; readonly composerJson: Buffer | Error | undefined } | { readonly readError: SignetError });
  /** Each archive is read and hashed as soon as it is named; only its digests and its composer.json are kept. */
  const hashed = (a: ArchiveRequest): Item => {
    try {
      // Synchronously: a batch is hundreds of small files, and an awaited read of each costs a few
      // thread-pool round trips (~0.3 ms per archive, most of a 200-archive batch's time).
      const bytes = readFileSync(path.resolve(a.file));
      let composerJson: Buffer | Error | undefined;
      try {
        composerJson = topComposerJson(bytes);
      } catch (e) {
        composerJson = e instanceof Error ? e : new Error(String(e));
      }
      return { ...a, digests: archiveDigests(bytes), composerJson };
    } catch (e) {
      return { ...a, readError: new SignetError('USAGE', `cannot read the archive ${a.file}: ${(e as Error).message}`, { cause: e }) };
    }
  };
  let items: Item[];
  let v: Awaited<ReturnType<typeof open>>;
  if (flags.batch === '-') {
    // The stream: the archives arrive while Composer is still downloading the others. Each is hashed as
    // it arrives, and the verifier opens meanwhile (config, checkpoint, consistency proof, local cache);
    // only the vendors' part waits for the end line, which says the batch is complete.
    const list: Item[] = [];
    items = list;
    const stream = readArchiveStream(process.stdin, (a) => list.push(hashed(a)));
    const packages = stream.then(() => list.map((i) => i.package));
    packages.catch(() => undefined); // the failure is reported from `stream` below
    // The whole stream is read before anything is answered, whatever happens to the opening: the
    // writer on the other end of the pipe must never find it closed.
    const [opened, read] = await Promise.allSettled([open(flags, false, packages), stream]);
    if (read.status === 'rejected') {
      if (opened.status === 'fulfilled') opened.value.close();
      throw read.reason;
    }
    if (opened.status === 'rejected') throw opened.reason;
    v = opened.value;
  } else {
    if (flags.batch !== undefined) {
      let text: string;
      try {
        text = await readFile(flags.batch, 'utf8');
      } catch (e) {
        throw new SignetError('USAGE', `cannot read the batch file ${flags.batch}: ${(e as Error).message}`, { cause: e });
      }
      items = parseBatchFile(text, flags.batch).map(hashed);
    } else {
      if (file === undefined || flags.package === undefined || flags.version === undefined) {
        throw new SignetError('USAGE', 'give FILE --package P --version V, or --batch FILE, or --batch - (a stream on stdin)', { hint: 'signet verify-archive widget.zip --package acme/widget --version 1.0.0' });
      }
      items = [hashed({ file, package: flags.package, version: flags.version })];
    }
    v = await open(flags, false, items.map((i) => i.package));
  }
  const rows: Row[] = [];
  const errors: InstanceType<typeof SignetError>[] = [];
  try {
    for (const it of items) {
      if (isSkipped(v.config, it.package)) {
        rows.push({ package: it.package, version: it.version, file: it.file, ok: true, skipped: true });
        continue;
      }
      try {
        if ('readError' in it) throw it.readError;
        const verdict = await verifyRelease(v.state, { package: it.package, version: it.version, archiveDigests: it.digests }, v.config, { digests: v.digests });
        // The archive is the signed one, so its composer.json is too; its sha256 is checked all the same
        // (against the signed one), as this is what the plugin compares Composer's metadata with.
        const cj = it.composerJson;
        const cjSha = cj instanceof Buffer ? createHash('sha256').update(cj).digest('hex') : undefined;
        if (cjSha !== verdict.composerJsonSha256) {
          throw new SignetError('COMPOSER_JSON_MISMATCH', `the archive of ${it.package} ${it.version} has ${cj instanceof Buffer ? 'another composer.json than the signed one' : cj === undefined ? 'no composer.json in its top folder' : `no readable composer.json (${(cj as Error).message})`}`, {
            expected: `<top folder>/composer.json with sha256 ${verdict.composerJsonSha256}`,
            got: cjSha === undefined ? 'none' : `sha256 ${cjSha}`,
          });
        }
        rows.push({ package: it.package, version: it.version, file: it.file, ok: true, index: verdict.index, keyId: verdict.keyId, notes: verdict.notes, composerJson: (cj as Buffer).toString('utf8') });
      } catch (e) {
        if (!(e instanceof SignetError)) throw e;
        errors.push(e);
        rows.push({ package: it.package, version: it.version, file: it.file, ok: false, error: e.toJSON() });
      }
    }
  } finally {
    v.close();
  }
  const code = exitFor(rows, errors);
  if (flags.json) process.stdout.write(JSON.stringify({ ok: code === 0, results: rows }) + '\n');
  else {
    for (const r of rows) {
      const line = `${r.package} ${r.version}: ${r.skipped ? 'skipped (config)' : r.ok ? `verified (log #${r.index})` : `FAILED ${String(r.error?.code)}: ${String(r.error?.message)}`}\n`;
      (r.ok ? process.stdout : process.stderr).write(line);
    }
  }
  return code;
}
