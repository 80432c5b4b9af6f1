/**
 * `signet registry serve --static-dir DIR`: the folder holds exactly what the registry serves
 * (packages.json and every p2 file, byte for byte) as soon as a release or a revocation is answered; a
 * revoked version leaves its p2 file, a package with no version left loses it, and the dist archive
 * (never mirrored) answers 410 from the registry. A restart rewrites nothing and clears what a crash or
 * an older registry left behind.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { startLogServer, type RunningLog } from '../../src/log/server.js';
import { createLedgerAdmission } from '../../src/log/ledger-admission.js';
import { loadOrCreateRegistryKey } from '../../src/registry/registry-key.js';
import { startRegistryServer, type RunningRegistry } from '../../src/registry/server.js';
import { RegistryDb } from '../../src/registry/db.js';
import { StaticDir } from '../../src/registry/static-dir.js';
import { SignetError } from '../../src/errors.js';
import { Ed25519PrivateKey } from '../../src/crypto/ed25519.js';
import { signetKey } from '../../src/crypto/keys.js';
import { PAYLOAD_TYPES, buildRelease, buildReleaseRevoke, buildVendorStatement, keySigner, signStatement } from '../../src/ledger/index.js';
import { archiveFileName, archiveTopFolder, h1OfFiles, writeZip, type ArchiveFile } from '../../src/archive/index.js';
import { api } from '../../testkit/registry.js';

function sha(alg: 'sha1' | 'sha256', b: Uint8Array): string {
  return createHash(alg).update(b).digest('hex');
}

/** Every file under `dir`, relative, with '/' separators. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => f.split(sep).join('/'))
    .sort();
}

async function fetchBytes(url: string): Promise<{ status: number; body: Buffer }> {
  const res = await fetch(url);
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
}

/** The folder holds exactly packages.json and the p2 file of every package it lists, as served. */
async function assertMirrors(base: string, dir: string): Promise<string[]> {
  const index = await fetchBytes(`${base}/packages.json`);
  assert.equal(index.status, 200);
  const names = (JSON.parse(index.body.toString('utf8')) as { 'available-packages': string[] })['available-packages'];
  const expected = new Map<string, Buffer>([['packages.json', index.body]]);
  for (const name of names) {
    const r = await fetchBytes(`${base}/p2/${name}.json`);
    assert.equal(r.status, 200, `GET /p2/${name}.json`);
    expected.set(`p2/${name}.json`, r.body);
  }
  assert.deepEqual(filesUnder(dir), [...expected.keys()].sort());
  for (const [path, body] of expected) assert.ok(readFileSync(join(dir, path)).equals(body), `${path} differs from what the registry serves`);
  return names;
}

function versionsIn(p2: Buffer, pkg: string): string[] {
  return (JSON.parse(p2.toString('utf8')) as { packages: Record<string, { version?: string }[]> }).packages[pkg]!.map((v) => v.version ?? '(same)');
}

describe('registry --static-dir', { timeout: 120_000 }, () => {
  let root: string;
  let registryDir: string;
  let staticDir: string;
  let log: RunningLog;
  let registry: RunningRegistry;
  let token: string;
  const vendorKey = Ed25519PrivateKey.generate();

  const start = (port = 0): Promise<RunningRegistry> =>
    startRegistryServer({ dataDir: registryDir, listen: { host: '127.0.0.1', port }, logUrl: log.url, followIntervalMs: 500, staticDir });

  function release(pkg: string, version: string): { envelope: unknown; archive: string } {
    const commit = sha('sha1', Buffer.from(`${pkg}@${version}`));
    const files: ArchiveFile[] = [
      { path: 'composer.json', mode: 0o644, data: Buffer.from(JSON.stringify({ name: pkg, description: 'test', license: 'MIT', require: { php: '>=8.1' } }) + '\n') },
      { path: 'src/A.php', mode: 0o644, data: Buffer.from(`<?php // ${version}\n`) },
    ];
    const zip = writeZip(archiveTopFolder(pkg, commit), files, new Date('2026-01-01T00:00:00Z'));
    const stmt = buildRelease({
      package: pkg,
      prettyVersion: version,
      subjects: [{ name: archiveFileName(pkg, `${version}.0`), digest: { sha256: sha('sha256', zip), sha1: sha('sha1', zip) } }],
      h1: h1OfFiles(files),
      source: { url: 'https://git.example/acme.git', reference: commit },
      composerJsonSha256: sha('sha256', files[0]!.data),
    });
    return { envelope: JSON.parse(signStatement(PAYLOAD_TYPES.release, stmt, [keySigner(vendorKey)]).toString('utf8')) as unknown, archive: zip.toString('base64') };
  }

  async function publish(pkg: string, version: string): Promise<void> {
    const r = await api(registry.url, '/api/releases', token, release(pkg, version));
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }

  async function revoke(pkg: string, version: string): Promise<void> {
    const stmt = buildReleaseRevoke({ package: pkg, version, reason: 'broken build' });
    const r = await api(registry.url, '/api/releases/revoke', token, signStatement(PAYLOAD_TYPES['release-revoke'], stmt, [keySigner(vendorKey)]).toString('utf8'));
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'signet-static-'));
    registryDir = join(root, 'registry');
    staticDir = join(root, 'static');
    const key = loadOrCreateRegistryKey(registryDir);
    const { admission, lookupKeys } = createLedgerAdmission({ registryKeys: [key.publicKey] });
    log = await startLogServer({
      dataDir: join(root, 'log'),
      listen: { host: '127.0.0.1', port: 0 },
      origin: 'signet.test/log',
      admission,
      lookupKeys,
      verifyThreads: 0,
      info: { ledger: { registryKeys: [key.publicKey.raw.toString('base64')], coreKey: null } },
    });
    const db = new RegistryDb(join(registryDir, 'registry.db'));
    try {
      token = db.createToken('alice').token;
    } finally {
      db.close();
    }
    registry = await start();
  });

  after(async () => {
    await registry?.close();
    await log?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('starts with the empty repository in the folder', async () => {
    assert.deepEqual(await assertMirrors(registry.url, staticDir), []);
  });

  it('holds every p2 file as served once a release is answered', async () => {
    const stmt = buildVendorStatement({ vendor: 'acme', keys: [signetKey(vendorKey.publicKey, 'full')], threshold: 1 });
    const claim = await api(registry.url, '/api/vendors', token, signStatement(PAYLOAD_TYPES.vendor, stmt, [keySigner(vendorKey)]).toString('utf8'));
    assert.equal(claim.status, 200, JSON.stringify(claim.body));
    await publish('acme/widget', '1.0.0');
    assert.deepEqual(await assertMirrors(registry.url, staticDir), ['acme/widget']);
    await publish('acme/widget', '1.1.0');
    await publish('acme/gadget', '1.0.0');
    assert.deepEqual(await assertMirrors(registry.url, staticDir), ['acme/gadget', 'acme/widget']);
    assert.deepEqual(versionsIn(readFileSync(join(staticDir, 'p2/acme/widget.json')), 'acme/widget'), ['1.1.0', '1.0.0']);
    assert.equal(registry.staticDir?.pending, 0);
    // Readable by another user (nginx's), whatever the umask.
    assert.equal(statSync(join(staticDir, 'p2/acme/widget.json')).mode & 0o777, 0o644);
    for (const d of ['', 'p2', 'p2/acme']) assert.equal(statSync(join(staticDir, d)).mode & 0o777, 0o755, `folder ${d || '.'}`);
  });

  it('answers the metadata with its ETag and caching headers, and 304 to If-None-Match', async () => {
    for (const path of ['/packages.json', '/p2/acme/widget.json']) {
      const res = await fetch(registry.url + path);
      const body = Buffer.from(await res.arrayBuffer());
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/json');
      assert.equal(res.headers.get('cache-control'), 'public, max-age=60');
      assert.equal(res.headers.get('content-length'), String(body.length));
      const etag = res.headers.get('etag')!;
      assert.match(etag, /^"[A-Za-z0-9_-]{27}"$/);
      const again = await fetch(registry.url + path, { headers: { 'if-none-match': etag } });
      assert.equal(again.status, 304);
      assert.equal(again.headers.get('etag'), etag);
      assert.equal(again.headers.get('cache-control'), 'public, max-age=60');
      assert.equal((await again.arrayBuffer()).byteLength, 0);
      assert.equal((await fetch(registry.url + path, { headers: { 'if-none-match': '"other"' } })).status, 200);
      // Composer revalidates with If-Modified-Since only, and uses its cache offline only with a Last-Modified.
      const lastModified = res.headers.get('last-modified')!;
      assert.ok(Number.isFinite(Date.parse(lastModified)), `Last-Modified ${lastModified}`);
      const since = await fetch(registry.url + path, { headers: { 'if-modified-since': lastModified } });
      assert.equal(since.status, 304);
      assert.equal(since.headers.get('last-modified'), lastModified);
      const before = new Date(Date.parse(lastModified) - 1000).toUTCString();
      assert.equal((await fetch(registry.url + path, { headers: { 'if-modified-since': before } })).status, 200);
      // If-None-Match decides when both are sent (RFC 9110 §13.1.3).
      assert.equal((await fetch(registry.url + path, { headers: { 'if-modified-since': lastModified, 'if-none-match': '"other"' } })).status, 200);
      const head = await fetch(registry.url + path, { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(head.headers.get('etag'), etag);
      assert.equal((await head.arrayBuffer()).byteLength, 0);
    }
    for (const path of ['/p2/acme/nothing.json', '/p2/acme/widget', '/p2/acme/.json', '/p2/ACME/widget.json']) {
      const res = await fetch(registry.url + path);
      assert.equal(res.status, 404, path);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'NOT_FOUND');
    }
  });

  it('drops a revoked version from its p2 file; its dist (never mirrored) answers 410 from the registry', async () => {
    const p2 = JSON.parse(readFileSync(join(staticDir, 'p2/acme/widget.json'), 'utf8')) as { packages: Record<string, { dist?: { url: string } }[]> };
    const distUrl = p2.packages['acme/widget']!.map((v) => v.dist?.url).find((u) => u?.includes('1.0.0.0'))!;
    await revoke('acme/widget', '1.0.0');
    assert.deepEqual(await assertMirrors(registry.url, staticDir), ['acme/gadget', 'acme/widget']);
    assert.deepEqual(versionsIn(readFileSync(join(staticDir, 'p2/acme/widget.json')), 'acme/widget'), ['1.1.0']);
    assert.equal((await fetch(distUrl)).status, 410);
    assert.ok(!existsSync(join(staticDir, 'dist')), 'dist archives are not mirrored');
  });

  it('removes the p2 file of a package with no version left, and unlists it', async () => {
    await revoke('acme/gadget', '1.0.0');
    assert.deepEqual(await assertMirrors(registry.url, staticDir), ['acme/widget']);
    assert.ok(!existsSync(join(staticDir, 'p2/acme/gadget.json')));
    assert.equal((await fetch(`${registry.url}/p2/acme/gadget.json`)).status, 404);
  });

  it('rewrites nothing at a restart, and clears stale p2 files and temporary files', async () => {
    const port = Number(new URL(registry.url).port);
    await registry.close();
    mkdirSync(join(staticDir, 'p2/gone'), { recursive: true });
    writeFileSync(join(staticDir, 'p2/gone/package.json'), '{}');
    writeFileSync(join(staticDir, 'p2/acme/.widget.json.0123456789ab.tmp'), '{"half');
    registry = await start(port);
    assert.equal(registry.staticDir?.writes, 0);
    assert.equal(registry.staticDir?.removals, 1);
    assert.deepEqual(await assertMirrors(registry.url, staticDir), ['acme/widget']);
    await publish('acme/widget', '2.0.0');
    assert.deepEqual(versionsIn(readFileSync(join(staticDir, 'p2/acme/widget.json')), 'acme/widget'), ['2.0.0', '1.1.0']);
    await assertMirrors(registry.url, staticDir);
  });
});

describe('StaticDir', () => {
  it('writes a burst of changes once, with the last content, at the end of the task', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'signet-static-unit-'));
    try {
      const s = new StaticDir(dir);
      s.update('p2/acme/a.json', Buffer.from('a1'));
      s.update('packages.json', Buffer.from('i1'));
      s.update('p2/acme/a.json', Buffer.from('a2'));
      s.update('packages.json', Buffer.from('i2'));
      assert.equal(s.pending, 2);
      assert.ok(!existsSync(join(dir, 'packages.json')), 'nothing written inside the task');
      await Promise.resolve();
      assert.equal(s.pending, 0);
      assert.equal(readFileSync(join(dir, 'packages.json'), 'utf8'), 'i2');
      assert.equal(readFileSync(join(dir, 'p2/acme/a.json'), 'utf8'), 'a2');
      assert.equal(s.writes, 2);
      s.update('p2/acme/a.json', undefined);
      s.close();
      assert.ok(!existsSync(join(dir, 'p2/acme/a.json')));
      assert.deepEqual(filesUnder(dir), ['packages.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses any path but packages.json and p2/<vendor>/<name>.json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'signet-static-unit-'));
    try {
      const s = new StaticDir(dir);
      for (const p of ['../x.json', 'p2/../../x.json', 'p2/acme/../../../x.json', '/etc/passwd', 'dist/acme/a/a.zip', 'p2/acme.json', 'p2/Acme/A.json']) {
        assert.throws(() => s.update(p, Buffer.from('x')), /not a repository document path/, p);
      }
      assert.deepEqual(readdirSync(dir), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails at start-up with USAGE when the folder cannot be created', () => {
    const dir = mkdtempSync(join(tmpdir(), 'signet-static-unit-'));
    try {
      writeFileSync(join(dir, 'file'), 'x');
      assert.throws(
        () => new StaticDir(join(dir, 'file', 'static')),
        (e: unknown) => e instanceof SignetError && e.code === 'USAGE',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
