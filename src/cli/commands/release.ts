/**
 * `signet release` (and `release revoke`), `signet attest`, `signet reproduce`: the release statement is
 * built from the tagged commit on the vendor's machine, the archive is rebuilt reproducibly from git,
 * and nothing is reported as released before the log holds it.
 */
import { Option, type Command } from 'commander';
import { SignetError } from '../../errors.js';
import { out } from './vendor.js';

interface Flags {
  registry?: string;
  json?: boolean;
  passphraseFile?: string;
  key?: string;
}

async function client(flag: string | undefined) {
  const [{ resolveRegistry }, { RegistryClient }] = await Promise.all([import('../user-config.js'), import('../../client/registry-client.js')]);
  const r = await resolveRegistry(flag);
  return new RegistryClient(r.url, r.token);
}

function keyFile(flags: Flags): string {
  const k = flags.key ?? process.env.SIGNET_KEY;
  if (k === undefined || k === '') throw new SignetError('USAGE', 'no signing key given', { hint: 'pass --key FILE (made by `signet keygen`), or set SIGNET_KEY' });
  return k;
}

const registryOption = (): Option => new Option('--registry <url>', 'the registry (default: SIGNET_REGISTRY, else the one you logged in to)');
const passOption = (): Option => new Option('--passphrase-file <file>', 'read the key passphrase from this file (else SIGNET_PASSPHRASE_<KEY ID>, else SIGNET_PASSPHRASE, else a prompt)');

export interface ReleaseRecord {
  package: string;
  [k: string]: unknown;
}

export function registerRelease(program: Command): void {
  const release = program
    .command('release')
    .description(
      'Sign and publish the release VERSION of the package in --dir (default: the current folder).\n' +
        'Checks that the working tree is clean and that HEAD is the tag VERSION (or vVERSION), builds the\n' +
        'reproducible archive of that commit (docs/ARCHIVES.md), computes its sha256, sha1 and h1 hash, signs\n' +
        'the release statement with --key, uploads both, and waits until the log holds the statement.\n\n' +
        '  signet release 1.2.0 --key ~/.signet/acme.key\n' +
        '  signet release revoke acme/widget 1.2.0 --reason "leaked key" --key acme.key',
    )
    .argument('<version>', 'the version to release (its git tag)')
    .option('--dir <dir>', 'the package’s git checkout', '.')
    .option('--key <file>', 'the vendor key to sign with (default: SIGNET_KEY)')
    .option('--dry-run', 'build and show everything, sign and upload nothing')
    .option('--source-url <url>', 'the git URL recorded in the statement (default: the origin remote)')
    .addOption(registryOption())
    .addOption(passOption())
    .option('--json', 'print the result as JSON')
    .action(async (version: string, flags: Flags & { dir: string; dryRun?: boolean; sourceUrl?: string }) => {
      await runRelease(version, flags);
    });

  release
    .command('revoke <package> <version>')
    .description('Revoke a release: verifiers refuse it and the registry stops serving its archive (HTTP 410)')
    .requiredOption('--reason <text>', 'why (public, in the log)')
    .option('--key <file>', 'a current key of the vendor (default: SIGNET_KEY)')
    .addOption(registryOption())
    .addOption(passOption())
    .option('--json', 'print the result as JSON')
    .action(async (pkg: string, version: string, flags: Flags & { reason: string }) => {
      const [{ loadSigningKey }, ledger] = await Promise.all([import('../signing-key.js'), import('../../ledger/index.js')]);
      const c = await client(flags.registry);
      const key = await loadSigningKey(keyFile(flags), flags.passphraseFile);
      const stmt = ledger.buildReleaseRevoke({ package: pkg, version, reason: flags.reason });
      const entry = ledger.signStatement(ledger.PAYLOAD_TYPES['release-revoke'], stmt, [ledger.keySigner(key)]);
      const a = (await c.post('/api/releases/revoke', entry.toString('utf8'))) as { index: number; size: number };
      out(flags.json, { package: pkg, version, index: a.index, size: a.size }, `Revoked ${pkg} ${version} at log index ${a.index}`);
    });

  program
    .command('attest')
    .description(
      'Publish an attestation about a release, signed with your key (any key: the attester is the key).\n' +
        'KIND is reproduced, code-review, sec-audit, spot-check or vote-against.',
    )
    .argument('<kind>', 'reproduced | code-review | sec-audit | spot-check | vote-against')
    .argument('<package>', 'vendor/name')
    .argument('<version>', 'the version')
    .option('--key <file>', 'your key (default: SIGNET_KEY)')
    .option('--note <text>', 'a short public note')
    .addOption(registryOption())
    .addOption(passOption())
    .option('--json', 'print the result as JSON')
    .action(async (kind: string, pkg: string, version: string, flags: Flags & { note?: string }) => {
      const [{ loadSigningKey }, ledger] = await Promise.all([import('../signing-key.js'), import('../../ledger/index.js')]);
      if (!(ledger.ATTESTATION_KINDS as readonly string[]).includes(kind)) {
        throw new SignetError('USAGE', `unknown attestation kind ${JSON.stringify(kind)}`, { expected: ledger.ATTESTATION_KINDS.join(' | '), got: kind });
      }
      const c = await client(flags.registry);
      const rel = (await c.get(`/api/packages/${pkg}/${encodeURIComponent(version)}`)) as { subjects: { name: string; digest: { sha256: string; sha1: string } }[]; version: string };
      if (rel.version !== ledger.normalizeVersion(version)) {
        throw new SignetError('FETCH_FAILED', `the registry answered with ${pkg} ${String(rel.version)} for ${version}`, {
          expected: ledger.normalizeVersion(version),
          got: String(rel.version),
          attack: "a registry steering an attestation onto another version",
        });
      }
      const key = await loadSigningKey(keyFile(flags), flags.passphraseFile);
      const stmt = ledger.buildAttestation({
        attestation: kind as (typeof ledger.ATTESTATION_KINDS)[number],
        package: pkg,
        version: rel.version,
        subjects: rel.subjects,
        attester: key.publicKey,
        ...(flags.note === undefined ? {} : { note: flags.note }),
      });
      const entry = ledger.signStatement(ledger.PAYLOAD_TYPES.attestation, stmt, [ledger.keySigner(key)]);
      const a = (await c.post('/api/attestations', entry.toString('utf8'))) as { index: number; size: number };
      out(flags.json, { package: pkg, version: rel.version, kind, index: a.index, size: a.size }, `Attested ${kind} for ${pkg} ${version} at log index ${a.index}`);
    });

  program
    .command('reproduce')
    .description(
      'Rebuild a release from the git commit named in the log (the log and its key from your trust\n' +
        'configuration: run `signet init --registry URL` first) and compare: the h1 content hash must match;\n' +
        'the archive bytes match too when built with the same archiver version. On a mismatch, lists the\n' +
        'files that differ. Exit 0 reproduced, 1 not reproduced.',
    )
    .argument('<package>', 'vendor/name')
    .argument('<version>', 'the version')
    .requiredOption('--git <dir-or-url>', 'a clone of the package, or its git URL (cloned to a temporary folder)')
    .addOption(registryOption())
    .option('--json', 'print the result as JSON')
    .action(async (pkg: string, version: string, flags: Flags & { git: string }) => {
      await runReproduce(pkg, version, flags);
    });
}

async function runRelease(version: string, flags: Flags & { dir: string; dryRun?: boolean; sourceUrl?: string }): Promise<void> {
  const [{ readFile }, path, gitState, archive, ledger, { createHash }] = await Promise.all([
    import('node:fs/promises'),
    import('node:path'),
    import('../git-state.js'),
    import('../../archive/index.js'),
    import('../../ledger/index.js'),
    import('node:crypto'),
  ]);
  const dir = await gitState.repoRoot(path.resolve(flags.dir));
  let composer: { name?: unknown };
  try {
    composer = JSON.parse(await readFile(path.join(dir, 'composer.json'), 'utf8')) as { name?: unknown };
  } catch (e) {
    throw new SignetError('USAGE', `cannot read ${path.join(dir, 'composer.json')}: ${(e as Error).message}`, { hint: 'run in the root of a Composer package, or pass --dir', cause: e });
  }
  if (typeof composer.name !== 'string' || !ledger.isValidPackageName(composer.name)) {
    throw new SignetError('USAGE', 'composer.json has no valid "name"', { expected: 'vendor/name', got: JSON.stringify(composer.name) });
  }
  const pkg = composer.name;
  await gitState.assertClean(dir);
  const { tag, commit } = await gitState.tagAtHead(dir, version);
  const normalized = ledger.normalizeVersion(tag, 'version');
  const progress = flags.json ? () => undefined : (s: string) => process.stderr.write(`· ${s}\n`);
  progress(`building the archive of ${pkg} ${tag} from commit ${commit.slice(0, 12)}`);
  const built = await archive.buildArchive(dir, commit, { top: archive.archiveTopFolder(pkg, commit) });
  const cj = built.files.find((f) => f.path === 'composer.json');
  if (cj === undefined) throw new SignetError('USAGE', 'composer.json is not in the archive', { hint: 'is it marked export-ignore in .gitattributes?' });
  const sourceUrl = flags.sourceUrl ?? (await gitState.originUrl(dir)) ?? `file://${dir}`;
  const fileName = archive.archiveFileName(pkg, normalized);
  const stmt = ledger.buildRelease({
    package: pkg,
    prettyVersion: tag,
    subjects: [{ name: fileName, digest: { sha256: built.sha256, sha1: built.sha1 } }],
    h1: built.h1,
    source: { url: sourceUrl, reference: commit },
    composerJsonSha256: createHash('sha256').update(cj.data).digest('hex'),
  });
  const summary = {
    package: pkg,
    version: tag,
    normalizedVersion: normalized,
    commit,
    archive: fileName,
    bytes: built.zip.length,
    files: built.files.length,
    sha256: built.sha256,
    sha1: built.sha1,
    h1: built.h1,
    source: sourceUrl,
  };
  const verifyText =
    `  package   ${pkg} ${tag} (${normalized})\n` +
    `  commit    ${commit}\n` +
    `  archive   ${fileName}, ${built.files.length} files, ${built.zip.length} bytes\n` +
    `  sha256    ${built.sha256}\n` +
    `  sha1      ${built.sha1}   (Composer's dist shasum)\n` +
    `  h1        ${built.h1}   (the installed files)\n`;
  if (flags.dryRun) {
    out(flags.json, { dryRun: true, ...summary, statement: stmt }, `Dry run: nothing signed or uploaded. The release would be:\n${verifyText}`);
    return;
  }
  const [{ loadSigningKey }] = await Promise.all([import('../signing-key.js')]);
  const c = await client(flags.registry);
  const key = await loadSigningKey(keyFile(flags), flags.passphraseFile);
  const entry = ledger.signStatement(ledger.PAYLOAD_TYPES.release, stmt, [ledger.keySigner(key)]);
  progress(`uploading to ${c.url} and waiting for the log`);
  const a = (await c.post('/api/releases', { envelope: JSON.parse(entry.toString('utf8')) as unknown, archive: built.zip.toString('base64') })) as {
    index: number;
    size: number;
    dist: string;
  };
  out(
    flags.json,
    { ...summary, keyId: ledger.keySigner(key).keyid, index: a.index, size: a.size, dist: c.url + a.dist },
    `Released ${pkg} ${tag}: log index ${a.index} (log size ${a.size}), signed by key ${ledger.keySigner(key).keyid}.\n` +
      `Users who install it will verify:\n${verifyText}` +
      `  dist      ${c.url}${a.dist}\n`,
  );
}

async function runReproduce(pkg: string, version: string, flags: Flags & { git: string }): Promise<void> {
  const [{ mkdtemp, rm, stat }, { tmpdir }, path, archive, ledger, { LogClient }, gitState, { httpRequest, remoteError }] = await Promise.all([
    import('node:fs/promises'),
    import('node:os'),
    import('node:path'),
    import('../../archive/index.js'),
    import('../../ledger/index.js'),
    import('../../client/log-client.js'),
    import('../git-state.js'),
    import('../../client/http-json.js'),
  ]);
  // A local folder that is not there is the user's mistake (exit 2), found before anything is fetched;
  // a URL is cloned, and its failure is the remote's (exit 3). As git reads it: scheme://..., or the
  // scp-like [user@]host:path, a colon before any slash (C:\ and C:/ are Windows folders).
  const remote = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(flags.git) || (/^[^/]+:/.test(flags.git) && !/^[A-Za-z]:[\\/]/.test(flags.git));
  if (!remote && !(await stat(flags.git).then(() => true, () => false))) {
    throw new SignetError('USAGE', `--git ${flags.git}: no such folder`, {
      expected: 'a clone of the package (a folder) or its git URL',
      got: path.resolve(flags.git),
      hint: 'give the folder of a clone of the package, or a URL such as https://github.com/acme/widget.git',
    });
  }
  const c = await client(flags.registry);
  // The log and its key come from your trust configuration (signet init), never from the registry: the
  // registry only says where to look (the entry's index), and the log proves it.
  const { loadTrustConfig } = await import('../../client/config.js');
  const trust = await loadTrustConfig({ projectDir: process.cwd() });
  const rel = (await c.get(`/api/packages/${pkg}/${encodeURIComponent(version)}`)) as { index: number; dist: string | null };
  const logTrust = trust.logs[0]!;
  const log = new LogClient(logTrust.url, logTrust.verifierKey);
  const proven = await log.provenEntry(rel.index);
  const s = ledger.parseEntry(proven.bytes).statement;
  if (s.kind !== 'release' || s.package !== pkg || s.version !== ledger.normalizeVersion(version)) {
    throw new SignetError('ENTRY_ALTERED', `log entry ${rel.index} is not the release of ${pkg} ${version}`, { attack: 'a registry pointing at another entry' });
  }
  const subject = s.subjects[0]!;
  let repo = flags.git;
  let tmp: string | undefined;
  const isDir = await stat(repo).then((st) => st.isDirectory(), () => false);
  const progress = flags.json ? () => undefined : (m: string) => process.stderr.write(`· ${m}\n`);
  try {
    if (!isDir) {
      tmp = await mkdtemp(path.join(tmpdir(), 'signet-reproduce-'));
      progress(`cloning ${repo}`);
      const r = await gitState.git(tmp, ['clone', '--bare', '--quiet', repo, path.join(tmp, 'repo.git')]);
      if (r.code !== 0) throw new SignetError('FETCH_FAILED', `git clone ${repo} failed: ${r.stderr.trim()}`);
      repo = path.join(tmp, 'repo.git');
    }
    progress(`rebuilding ${pkg} ${s.prettyVersion} from commit ${s.source.reference.slice(0, 12)}`);
    const built = await archive.buildArchive(repo, s.source.reference, { top: archive.archiveTopFolder(pkg, s.source.reference) });
    const h1Match = built.h1 === s.h1;
    const bytesMatch = built.sha256 === subject.digest.sha256;
    let diff: { added: string[]; removed: string[]; changed: string[] } | undefined;
    if (!h1Match && rel.dist !== null) {
      const url = c.url + rel.dist;
      const a = await httpRequest(url, { maxBytes: 512 * 1024 * 1024 });
      if (a.status !== 200) throw remoteError(url, a.status, a.body);
      const published = await archive.readZip(a.body);
      diff = archive.diffFiles(published.files, built.files);
    }
    const result = { package: pkg, version: s.prettyVersion, index: rel.index, commit: s.source.reference, h1: { logged: s.h1, rebuilt: built.h1, match: h1Match }, bytes: { logged: subject.digest.sha256, rebuilt: built.sha256, match: bytesMatch }, diff: diff ?? null };
    if (!h1Match) {
      const list = diff === undefined ? '(the published archive is not available to compare)' : [...diff.changed.map((f) => `changed ${f}`), ...diff.added.map((f) => `only in the rebuild ${f}`), ...diff.removed.map((f) => `only in the published archive ${f}`)].join('\n  ');
      throw new SignetError('REPRODUCE_MISMATCH', `${pkg} ${s.prettyVersion} does not rebuild from commit ${s.source.reference.slice(0, 12)}: the files differ`, {
        expected: s.h1,
        got: built.h1,
        attack: 'a released archive that is not the source it names (a build-time or registry-side injection)',
        evidence: { ...result, files: list },
        hint: `files that differ:\n  ${list}`,
      });
    }
    out(
      flags.json,
      { reproduced: true, ...result },
      `Reproduced ${pkg} ${s.prettyVersion} (log index ${rel.index}) from commit ${s.source.reference}:\n` +
        `  h1     ${built.h1}  matches the log\n` +
        `  bytes  ${bytesMatch ? 'identical archive (sha256 matches)' : `differ (sha256 ${built.sha256}): a different archiver version; the files are the same`}\n`,
    );
  } finally {
    if (tmp !== undefined) await rm(tmp, { recursive: true, force: true });
  }
}
