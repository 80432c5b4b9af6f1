/**
 * The registry end to end on real parts: the `signet` CLI in child processes, a real git repository, the
 * log and the registry on 127.0.0.1, Debian's Composer installing from the registry, and `signet tlog
 * verify` over the result. Each refusal is checked by its error code, and that it left nothing behind.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliResult } from '../../testkit/cli.js';
import { makeRepo, type TestRepo } from '../../testkit/git-repo.js';
import { api, errorCode, startStack, type Stack } from '../../testkit/registry.js';
import { composerSkipReason, createComposerProject, describeRun } from '../../testkit/composer.js';
import { craftZip, unixAttr } from '../../testkit/zip-craft.js';
import { archiveFileName, archiveTopFolder, buildArchive, writeZip, h1OfFiles, type ArchiveFile } from '../../src/archive/index.js';
import { PAYLOAD_TYPES, buildRelease, keySigner, signStatement } from '../../src/ledger/index.js';
import { decryptKeyFile } from '../../src/crypto/keyfile.js';
import { readFileSync } from 'node:fs';
import type { Ed25519PrivateKey } from '../../src/crypto/ed25519.js';

const PASS = 'correct horse battery staple';

/** The JSON a `--json` command printed: one document, or the last line after progress lines. */
function parseOut(stdout: string): Record<string, unknown> {
  const text = stdout.trim();
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return JSON.parse(text.split('\n').pop()!) as Record<string, unknown>;
  }
}

function json(r: CliResult): Record<string, unknown> {
  assert.equal(r.code, 0, `signet failed:\n${r.stdout}\n${r.stderr}`);
  return parseOut(r.stdout);
}

function failure(r: CliResult): { code: string; exit: number | null } {
  assert.notEqual(r.code, 0, `expected a failure, got:\n${r.stdout}`);
  const o = parseOut(r.stdout) as { ok: boolean; error: { code: string } };
  return { code: o.error.code, exit: r.code };
}

function sha(alg: 'sha1' | 'sha256', b: Uint8Array): string {
  return createHash(alg).update(b).digest('hex');
}

describe('registry end to end', { timeout: 600_000 }, () => {
  let stack: Stack;
  let work: string;
  let repo: TestRepo;
  let aliceEnv: NodeJS.ProcessEnv;
  let bobEnv: NodeJS.ProcessEnv;
  let aliceToken: string;
  let bobToken: string;
  let k1: Ed25519PrivateKey;
  let tag100: string;

  const keyFile = (n: string): string => join(work, `${n}.key`);
  const alice = (args: string[]): Promise<CliResult> => runCli([...args, '--json'], { env: aliceEnv, cwd: work });
  const bob = (args: string[]): Promise<CliResult> => runCli([...args, '--json'], { env: bobEnv, cwd: work });
  const archives = (): string[] => {
    const dir = join(stack.registryDir, 'archives');
    return readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.zip'));
  };

  /** A release statement for `files` (as if committed at `commit`), signed with `key`, and its archive. */
  function handMadeRelease(o: { pkg: string; version: string; files: ArchiveFile[]; commit: string; key: Ed25519PrivateKey; h1?: string; sha256?: string }) {
    const zip = writeZip(archiveTopFolder(o.pkg, o.commit), o.files, new Date('2026-01-01T00:00:00Z'));
    const cj = o.files.find((f) => f.path === 'composer.json')!;
    const stmt = buildRelease({
      package: o.pkg,
      prettyVersion: o.version,
      subjects: [{ name: archiveFileName(o.pkg, `${o.version}.0`), digest: { sha256: o.sha256 ?? sha('sha256', zip), sha1: sha('sha1', zip) } }],
      h1: o.h1 ?? h1OfFiles(o.files),
      source: { url: 'https://git.example/acme/widget.git', reference: o.commit },
      composerJsonSha256: sha('sha256', cj.data),
    });
    const envelope = JSON.parse(signStatement(PAYLOAD_TYPES.release, stmt, [keySigner(o.key)]).toString('utf8')) as unknown;
    return { zip, envelope };
  }

  before(async () => {
    stack = await startStack();
    work = mkdtempSync(join(tmpdir(), 'signet-e2e-'));
    const common = { SIGNET_PASSPHRASE: PASS, HOME: work, SIGNET_REGISTRY: stack.registry.url };
    aliceEnv = { ...common, XDG_CONFIG_HOME: join(work, 'alice-config') };
    bobEnv = { ...common, XDG_CONFIG_HOME: join(work, 'bob-config') };
    aliceToken = stack.token('alice');
    bobToken = stack.token('bob');
    for (const k of ['k1', 'k2', 'kb']) json(await runCli(['keygen', '--out', keyFile(k), '--json'], { env: aliceEnv, cwd: work }));
    k1 = decryptKeyFile(readFileSync(keyFile('k1'), 'utf8'), PASS);
    repo = makeRepo();
    repo.commit({
      'composer.json': JSON.stringify({ name: 'acme/widget', description: 'A widget', license: 'MIT', autoload: { 'psr-4': { 'Acme\\': 'src/' } } }, null, 2) + '\n',
      'src/Widget.php': '<?php\nnamespace Acme;\nfinal class Widget {}\n',
      'tests/WidgetTest.php': '<?php // not shipped\n',
      '.gitattributes': '/tests export-ignore\n',
    });
    repo.git('tag', '1.0.0');
    tag100 = repo.git('rev-parse', 'HEAD').trim();
  });

  after(async () => {
    await stack?.close();
    repo?.remove();
  });

  it('publishes its keys and its log at /.well-known/signet', async () => {
    const wk = (await (await fetch(`${stack.registry.url}/.well-known/signet`)).json()) as { registry: { key: string }; log: { url: string; verifierKey: string } };
    assert.equal(wk.registry.key, stack.registry.registryKey);
    assert.equal(wk.log.url, stack.log.url);
    assert.equal(wk.log.verifierKey, stack.log.log.verifierKey);
  });

  it('logs in with a token checked by the registry, stored with mode 0600', async () => {
    const r = json(await alice(['login', '--registry', stack.registry.url, '--token', aliceToken]));
    assert.equal(r.account, 'alice');
    const { statSync } = await import('node:fs');
    assert.equal(statSync(r.file as string).mode & 0o777, 0o600);
    assert.ok(!(await alice(['login', '--registry', stack.registry.url, '--token', 'signet_aaaaaaaaaaaa_' + 'x'.repeat(43)])).stdout.includes(aliceToken));
    const bad = failure(await alice(['login', '--registry', stack.registry.url, '--token', 'signet_aaaaaaaaaaaa_' + 'x'.repeat(43)]));
    assert.equal(bad.code, 'AUTH_REQUIRED');
    json(await alice(['login', '--registry', stack.registry.url, '--token', aliceToken]));
    json(await bob(['login', '--registry', stack.registry.url, '--token', bobToken]));
  });

  it('claims a vendor: countersigned by the registry, in the log', async () => {
    const r = json(await alice(['vendor', 'claim', 'acme', '--key', keyFile('k1')]));
    assert.equal(r.index, 0);
  });

  it('refuses a claim of an already claimed vendor (VENDOR_ALREADY_CLAIMED)', async () => {
    const f = failure(await bob(['vendor', 'claim', 'acme', '--key', keyFile('kb')]));
    assert.equal(f.code, 'VENDOR_ALREADY_CLAIMED');
    assert.equal(f.exit, 1);
  });

  it("refuses another account's token adding keys to the vendor, even with the vendor's signature (NOT_VENDOR_OWNER)", async () => {
    const f = failure(await bob(['key', 'add', keyFile('kb'), '--vendor', 'acme', '--key', keyFile('k1')]));
    assert.equal(f.code, 'NOT_VENDOR_OWNER');
    const list = json(await alice(['key', 'list', 'acme']));
    assert.equal((list.keys as unknown[]).length, 1);
  });

  it('releases a tagged commit: the p2 metadata lists it with the sha1 of the served archive', async () => {
    const r = json(await alice(['release', '1.0.0', '--dir', repo.dir, '--key', keyFile('k1')]));
    assert.equal(r.index, 1);
    assert.equal(r.package, 'acme/widget');
    const p2 = (await (await fetch(`${stack.registry.url}/p2/acme/widget.json`)).json()) as { packages: Record<string, { version: string; dist: { url: string; shasum: string } }[]> };
    const v = p2.packages['acme/widget']!;
    assert.deepEqual(v.map((x) => x.version), ['1.0.0']);
    const dist = await fetch(v[0]!.dist.url);
    assert.equal(dist.status, 200);
    assert.equal(dist.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    const bytes = Buffer.from(await dist.arrayBuffer());
    assert.equal(v[0]!.dist.shasum, sha('sha1', bytes));
    assert.equal(r.sha1, sha('sha1', bytes));
    const index = (await (await fetch(`${stack.registry.url}/packages.json`)).json()) as { 'available-packages': string[]; 'metadata-url': string };
    assert.deepEqual(index['available-packages'], ['acme/widget']);
    assert.equal(index['metadata-url'], '/p2/%package%.json');
  });

  it('refuses a dirty tree and a HEAD that is not the tag, saying how to fix it', async () => {
    writeFileSync(join(repo.dir, 'src/Widget.php'), '<?php // edited\n');
    const dirty = failure(await alice(['release', '1.0.0', '--dir', repo.dir, '--key', keyFile('k1'), '--dry-run']));
    assert.equal(dirty.code, 'RELEASE_TREE_DIRTY');
    assert.equal(dirty.exit, 2);
    repo.git('checkout', '--', 'src/Widget.php');
    const untagged = failure(await alice(['release', '9.9.9', '--dir', repo.dir, '--key', keyFile('k1'), '--dry-run']));
    assert.equal(untagged.code, 'RELEASE_TAG_MISMATCH');
    const human = await runCli(['release', '9.9.9', '--dir', repo.dir, '--key', keyFile('k1'), '--dry-run'], { env: aliceEnv, cwd: work });
    assert.match(human.stderr, /git tag 9\.9\.9/);
  });

  it('refuses a second release of a version (RELEASE_EXISTS)', async () => {
    const f = failure(await alice(['release', '1.0.0', '--dir', repo.dir, '--key', keyFile('k1')]));
    assert.equal(f.code, 'RELEASE_EXISTS');
  });

  it('installs with a real Composer 2 from the registry, packagist.org disabled', { skip: process.env.CI ? false : composerSkipReason() }, async () => {
    const project = await createComposerProject({ repositoryUrl: stack.registry.url, require: { 'acme/widget': '^1.0' } });
    try {
      const r = await project.install();
      assert.equal(r.code, 0, describeRun(r));
      const installed = (await project.readJson('vendor/composer/installed.json')) as { packages: { name: string; version: string; dist: { shasum: string } }[] };
      const w = installed.packages.find((p) => p.name === 'acme/widget')!;
      assert.equal(w.version, '1.0.0');
      const { existsSync } = await import('node:fs');
      assert.ok(existsSync(join(project.dir, 'vendor/acme/widget/src/Widget.php')));
      assert.ok(!existsSync(join(project.dir, 'vendor/acme/widget/tests')), 'export-ignore is honoured');
    } finally {
      await project.cleanup();
    }
  });

  describe('uploads that do not match their statement are refused and leave nothing behind', () => {
    const files = (extra: Record<string, string> = {}, name = 'acme/widget'): ArchiveFile[] =>
      Object.entries({ 'composer.json': JSON.stringify({ name }) + '\n', 'src/Widget.php': '<?php\n', ...extra })
        .map(([path, data]) => ({ path, mode: 0o644 as const, data: Buffer.from(data) }))
        .sort((a, b) => (a.path < b.path ? -1 : 1));

    async function refused(body: unknown, code: string, status: number): Promise<void> {
      const before = archives();
      const r = await api(stack.registry.url, '/api/releases', aliceToken, body);
      assert.equal(errorCode(r.body), code, JSON.stringify(r.body));
      assert.equal(r.status, status);
      assert.deepEqual(archives(), before, 'no archive was stored');
      const meta = (await (await fetch(`${stack.registry.url}/api/packages/acme/widget/2.0.0`)).json()) as { error?: { code: string } };
      assert.equal(meta.error?.code, 'NOT_FOUND', 'no release was recorded');
    }

    it('a tampered archive (ARCHIVE_DIGEST_MISMATCH)', async () => {
      const { zip, envelope } = handMadeRelease({ pkg: 'acme/widget', version: '2.0.0', files: files(), commit: tag100, key: k1 });
      const tampered = Buffer.from(zip);
      tampered[tampered.length - 30]! ^= 1;
      await refused({ envelope, archive: tampered.toString('base64') }, 'ARCHIVE_DIGEST_MISMATCH', 403);
    });

    it('a statement whose digest does not match the archive (ARCHIVE_DIGEST_MISMATCH)', async () => {
      const { zip, envelope } = handMadeRelease({ pkg: 'acme/widget', version: '2.0.0', files: files(), commit: tag100, key: k1, sha256: 'ab'.repeat(32) });
      await refused({ envelope, archive: zip.toString('base64') }, 'ARCHIVE_DIGEST_MISMATCH', 403);
    });

    it('files whose h1 is not the signed one (ARCHIVE_H1_MISMATCH)', async () => {
      const { zip, envelope } = handMadeRelease({ pkg: 'acme/widget', version: '2.0.0', files: files(), commit: tag100, key: k1, h1: h1OfFiles(files({ 'x.php': '' })) });
      await refused({ envelope, archive: zip.toString('base64') }, 'ARCHIVE_H1_MISMATCH', 403);
    });

    it("an archive whose composer.json names another package (COMPOSER_JSON_MISMATCH)", async () => {
      const { zip, envelope } = handMadeRelease({ pkg: 'acme/widget', version: '2.0.0', files: files({}, 'acme/gadget'), commit: tag100, key: k1 });
      await refused({ envelope, archive: zip.toString('base64') }, 'COMPOSER_JSON_MISMATCH', 403);
    });

    it('a path escaping the top folder (ARCHIVE_PATH_UNSAFE)', async () => {
      const zip = craftZip([
        { name: 'acme-widget-1/composer.json', data: Buffer.from('{"name":"acme/widget"}\n') },
        { name: 'acme-widget-1/../../evil.php', data: Buffer.from('<?php\n') },
      ]);
      const { envelope } = handMadeRelease({ pkg: 'acme/widget', version: '2.0.0', files: files(), commit: tag100, key: k1 });
      // Sign the crafted archive's digests so the refusal comes from the archive check itself.
      const env = envelope as { payload: string };
      const stmt = JSON.parse(Buffer.from(env.payload, 'base64').toString('utf8')) as { subject: { digest: { sha256: string; sha1: string } }[] };
      stmt.subject[0]!.digest = { sha256: sha('sha256', zip), sha1: sha('sha1', zip) };
      const signed = JSON.parse(signStatement(PAYLOAD_TYPES.release, stmt, [keySigner(k1)]).toString('utf8')) as unknown;
      await refused({ envelope: signed, archive: zip.toString('base64') }, 'ARCHIVE_PATH_UNSAFE', 400);
    });

    /** Signs the crafted archive's real digests, so that the refusal comes from the archive check itself. */
    function signedFor(zip: Buffer): unknown {
      const { envelope } = handMadeRelease({ pkg: 'acme/widget', version: '2.0.0', files: files(), commit: tag100, key: k1 });
      const stmt = JSON.parse(Buffer.from((envelope as { payload: string }).payload, 'base64').toString('utf8')) as { subject: { digest: unknown }[] };
      stmt.subject[0]!.digest = { sha256: sha('sha256', zip), sha1: sha('sha1', zip) };
      return JSON.parse(signStatement(PAYLOAD_TYPES.release, stmt, [keySigner(k1)]).toString('utf8')) as unknown;
    }

    it('a symlink in the archive (ARCHIVE_SYMLINK)', async () => {
      const zip = craftZip([
        { name: 'acme-widget-1/composer.json', data: Buffer.from('{"name":"acme/widget"}\n') },
        { name: 'acme-widget-1/src/passwd', data: Buffer.from('/etc/passwd'), method: 0, external: unixAttr(0o120777) },
      ]);
      await refused({ envelope: signedFor(zip), archive: zip.toString('base64') }, 'ARCHIVE_SYMLINK', 400);
    });

    it('a zip bomb (ARCHIVE_TOO_LARGE, 413)', async () => {
      const zip = craftZip([
        { name: 'acme-widget-1/composer.json', data: Buffer.from('{"name":"acme/widget"}\n') },
        { name: 'acme-widget-1/zeros.bin', data: Buffer.alloc(64 * 1024 * 1024) },
      ]);
      assert.ok(zip.length < 200_000, `a small upload: ${zip.length} bytes`);
      await refused({ envelope: signedFor(zip), archive: zip.toString('base64') }, 'ARCHIVE_TOO_LARGE', 413);
    });

    it('duplicate names in the archive (ARCHIVE_DUPLICATE_PATH)', async () => {
      const zip = craftZip([
        { name: 'acme-widget-1/composer.json', data: Buffer.from('{"name":"acme/widget"}\n') },
        { name: 'acme-widget-1/src/A.php', data: Buffer.from('<?php // one\n') },
        { name: 'acme-widget-1/src/A.php', data: Buffer.from('<?php // two\n') },
      ]);
      await refused({ envelope: signedFor(zip), archive: zip.toString('base64') }, 'ARCHIVE_DUPLICATE_PATH', 400);
    });

    it('an upload without a valid token (AUTH_REQUIRED, 401)', async () => {
      const { zip, envelope } = handMadeRelease({ pkg: 'acme/widget', version: '2.0.0', files: files(), commit: tag100, key: k1 });
      const r = await api(stack.registry.url, '/api/releases', 'signet_aaaaaaaaaaaa_' + 'y'.repeat(43), { envelope, archive: zip.toString('base64') });
      assert.equal(r.status, 401);
      assert.equal(errorCode(r.body), 'AUTH_REQUIRED');
    });

    it('an oversize body (BODY_TOO_LARGE, 413)', async () => {
      const big = 'A'.repeat(Math.ceil((33 * 1024 * 1024 * 4) / 3) + 300 * 1024);
      const r = await api(stack.registry.url, '/api/releases', aliceToken, `{"envelope":{},"archive":"${big}"}`);
      assert.equal(r.status, 413);
      assert.equal(errorCode(r.body), 'BODY_TOO_LARGE');
    });

    it('the token is checked before an upload body is read: an anonymous oversize upload gets 401, not 413', async () => {
      const big = 'A'.repeat(Math.ceil((33 * 1024 * 1024 * 4) / 3) + 300 * 1024);
      const r = await api(stack.registry.url, '/api/releases', 'signet_aaaaaaaaaaaa_' + 'y'.repeat(43), `{"envelope":{},"archive":"${big}"}`);
      assert.equal(r.status, 401);
      assert.equal(errorCode(r.body), 'AUTH_REQUIRED');
    });
  });

  it('manages keys: add, revoke, threshold; a release signed by a revoked key is refused (KEY_REVOKED)', async () => {
    const add = json(await alice(['key', 'add', keyFile('k2'), '--vendor', 'acme', '--key', keyFile('k1')]));
    const k2id = add.keyId as string;
    json(await alice(['policy', 'threshold', '1', '--vendor', 'acme', '--key', keyFile('k2')]));
    json(await alice(['key', 'revoke', k1KeyId(), '--vendor', 'acme', '--key', keyFile('k2'), '--reason', 'laptop stolen']));
    const list = json(await alice(['key', 'list', 'acme'])) as { keys: { id: string; until: number | null }[]; history: unknown[] };
    assert.deepEqual(
      list.keys.map((k) => [k.id, k.until === null]),
      [
        [k1KeyId(), false],
        [k2id, true],
      ],
    );
    repo.commit({ 'src/Widget.php': '<?php\nnamespace Acme;\nfinal class Widget { public const V = 11; }\n' });
    repo.git('tag', 'v1.1.0');
    const f = failure(await alice(['release', '1.1.0', '--dir', repo.dir, '--key', keyFile('k1')]));
    assert.equal(f.code, 'KEY_REVOKED');
    assert.equal(archives().length, 1, 'the refused archive is gone');
    const ok = json(await alice(['release', '1.1.0', '--dir', repo.dir, '--key', keyFile('k2')]));
    assert.equal(ok.version, 'v1.1.0');
  });

  function k1KeyId(): string {
    return keySigner(k1).keyid;
  }

  it('publishes attestations from any account', async () => {
    const r = json(await bob(['attest', 'reproduced', 'acme/widget', '1.0.0', '--key', keyFile('kb'), '--note', 'rebuilt from git']));
    assert.equal(r.kind, 'reproduced');
    const rel = (await (await fetch(`${stack.registry.url}/api/packages/acme/widget/1.0.0`)).json()) as { attestations: unknown[] };
    assert.equal(rel.attestations.length, 1);
  });

  it('reproduces a release from git, and names the files of a release that is not its commit', async () => {
    // The log to trust comes from the user's configuration, not from the registry.
    json(await alice(['init', '--registry', stack.registry.url, '--force']));
    const ok = json(await alice(['reproduce', 'acme/widget', '1.0.0', '--git', repo.dir]));
    assert.equal((ok.h1 as { match: boolean }).match, true);
    assert.equal((ok.bytes as { match: boolean }).match, true);
    // A release whose archive carries a file its commit does not have (an injected backdoor).
    const head = repo.git('rev-parse', 'HEAD').trim();
    const built = await buildArchive(repo.dir, head, { top: archiveTopFolder('acme/widget', head) });
    const injected = [...built.files, { path: 'src/Backdoor.php', mode: 0o644 as const, data: Buffer.from('<?php // evil\n') }].sort((a, b) => (a.path < b.path ? -1 : 1));
    const k2 = decryptKeyFile(readFileSync(keyFile('k2'), 'utf8'), PASS);
    const { zip, envelope } = handMadeRelease({ pkg: 'acme/widget', version: '1.2.0', files: injected, commit: head, key: k2 });
    const up = await api(stack.registry.url, '/api/releases', aliceToken, { envelope, archive: zip.toString('base64') });
    assert.equal(up.status, 200, JSON.stringify(up.body));
    const r = await alice(['reproduce', 'acme/widget', '1.2.0', '--git', repo.dir]);
    const f = failure(r);
    assert.equal(f.code, 'REPRODUCE_MISMATCH');
    assert.match(r.stdout, /src\/Backdoor\.php/);
  });

  it('revokes a release: gone from the metadata, its dist answers 410', async () => {
    const p2 = (await (await fetch(`${stack.registry.url}/p2/acme/widget.json`)).json()) as { packages: Record<string, { dist: { url: string } }[]> };
    const distUrl = p2.packages['acme/widget']!.find((v) => v.dist.url.includes('1.0.0.0'))!.dist.url;
    json(await alice(['release', 'revoke', 'acme/widget', '1.0.0', '--reason', 'broken build', '--key', keyFile('k2')]));
    const after = (await (await fetch(`${stack.registry.url}/p2/acme/widget.json`)).json()) as { packages: Record<string, { version: string }[]> };
    assert.ok(!after.packages['acme/widget']!.some((v) => v.version === '1.0.0'));
    const gone = await fetch(distUrl);
    assert.equal(gone.status, 410);
    assert.equal(((await gone.json()) as { error: { code: string } }).error.code, 'RELEASE_REVOKED');
  });

  it('settles a submission left pending by a crash, at restart', async () => {
    // As if the registry crashed after storing the archive and the pending row, before the log answered.
    const { RegistryDb } = await import('../../src/registry/db.js');
    const { BlobStore } = await import('../../src/registry/blobs.js');
    const k2 = decryptKeyFile(readFileSync(keyFile('k2'), 'utf8'), PASS);
    const files = [
      { path: 'composer.json', mode: 0o644 as const, data: Buffer.from('{"name":"acme/widget"}\n') },
      { path: 'src/W.php', mode: 0o644 as const, data: Buffer.from('<?php\n') },
    ];
    const landed = handMadeRelease({ pkg: 'acme/widget', version: '3.0.0', files, commit: tag100, key: k2 });
    const lost = handMadeRelease({ pkg: 'acme/widget', version: '3.1.0', files: [...files, { path: 'src/X.php', mode: 0o644 as const, data: Buffer.from('<?php\n') }], commit: tag100, key: k1 /* revoked: the log refuses it */ });
    await stack.registry.close();
    const db = new RegistryDb(join(stack.registryDir, 'registry.db'));
    const blobs = new BlobStore(join(stack.registryDir, 'archives'));
    const { canonicalJsonBytes } = await import('../../src/crypto/canonical.js');
    for (const [r, v] of [[landed, '3.0.0'], [lost, '3.1.0']] as const) {
      await blobs.put(sha('sha256', r.zip), r.zip);
      db.addPendingRelease({
        package: 'acme/widget', version: `${v}.0`, prettyVersion: v, fileName: `acme-widget-${v}.0.zip`, sha256: sha('sha256', r.zip), sha1: sha('sha1', r.zip),
        reference: tag100, time: new Date().toISOString(), composerJson: '{"name":"acme/widget"}', entry: canonicalJsonBytes(r.envelope),
      });
    }
    db.close();
    // The log got the first one before the crash.
    const res = await fetch(`${stack.log.url}/add`, { method: 'POST', body: new Uint8Array(canonicalJsonBytes(landed.envelope)) });
    assert.equal(res.status, 200);
    await stack.restartRegistry();
    const p2 = (await (await fetch(`${stack.registry.url}/p2/acme/widget.json`)).json()) as { packages: Record<string, { version: string }[]> };
    const versions = p2.packages['acme/widget']!.map((v) => v.version);
    assert.ok(versions.includes('3.0.0'), `the logged release is served: ${versions.join(', ')}`);
    assert.ok(!versions.includes('3.1.0'));
    assert.ok(!archives().some((f) => f.includes(sha('sha256', lost.zip))), 'the refused archive was removed');
  });

  it('leaves a log that passes `signet tlog verify`', async () => {
    const r = await runCli(['tlog', 'verify', stack.log.url, '--key', stack.log.log.verifierKey, '--json']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const o = JSON.parse(r.stdout) as { size: number };
    assert.ok(o.size >= 9);
  });
});
