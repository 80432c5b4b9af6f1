import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { isSignetError } from '../../src/errors.js';
import {
  type ComposerMetadata,
  type ComposerVersion,
  composerVersionCompare,
  expandP2,
  expandVersions,
  minifyVersions,
  p2Json,
  NOTHING_PATTERN,
  packagesJson,
  versionMetadata,
} from '../../src/registry/composer-repo.js';
import { type ComposerProject, composerSkipReason, createComposerProject, describeRun } from '../../testkit/composer.js';
import { type StaticServer, serveStatic } from '../../testkit/static-server.js';

const REF_A = '1111111111111111111111111111111111111111';
const REF_B = '2222222222222222222222222222222222222222';
const SHA_A = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const SHA_B = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

function version(over: Partial<ComposerVersion> & Pick<ComposerVersion, 'prettyVersion' | 'normalizedVersion'>): ComposerVersion {
  return {
    composerJson: { name: 'acme/widget' },
    distUrl: `https://repo.example/dist/acme/widget/${over.prettyVersion}.zip`,
    sha1: SHA_A,
    reference: REF_A,
    time: '2026-11-27T10:00:00Z',
    ...over,
  };
}

const phpSkip = spawnSync('php', ['--version']).status === 0 ? false : 'php-cli is not installed';
const MINIFIER_PHP = '/usr/share/php/Composer/MetadataMinifier/MetadataMinifier.php';

describe('composerVersionCompare', () => {
  it('orders normalised versions as Composer does: dev < alpha < beta < RC < stable < patch, numbers by value', () => {
    const ascending = [
      '0.9.0.0',
      '1.0.0.0-dev',
      '1.0.0.0-alpha1',
      '1.0.0.0-alpha2',
      '1.0.0.0-beta2',
      '1.0.0.0-beta10',
      '1.0.0.0-RC1',
      '1.0.0.0',
      '1.0.0.0-patch1',
      '1.0.0.1',
      '1.2.0.0',
      '1.10.0.0',
      '9.0.0.0',
      '10.0.0.0',
      '2023.12.01.0',
    ];
    for (let i = 0; i < ascending.length; i++) {
      for (let j = 0; j < ascending.length; j++) {
        assert.equal(composerVersionCompare(ascending[i]!, ascending[j]!), Math.sign(i - j), `${ascending[i]} vs ${ascending[j]}`);
      }
    }
    // One release to Composer: separators and digit/letter boundaries do not matter.
    assert.equal(composerVersionCompare('1.0.0.0-beta2', '1.0.0.0-beta.2'), 0);
  });

  it('agrees with PHP version_compare on every pair, edge cases included', { skip: phpSkip }, () => {
    const base = [
      '1.0.0.0', '1.0.0.0-dev', '1.0.0.0-alpha', '1.0.0.0-alpha1', '1.0.0.0-beta2', '1.0.0.0-beta10', '1.0.0.0-RC1',
      '1.0.0.0-rc2', '1.0.0.0-patch1', '1.0.0.0-pl', '1.0.0.0-p2', '1.0.0.1', '10.0.0.0', '9.99.0.0', '1.0', '1.0.0',
      '1.', '.1', '1..0', '1-0', '1_0', '1+0', '1~0', '1.0.0.0-foo', '1.0.0.0-Alpha', 'abc', '1a', 'a1', '#N#',
      '1.0.0.0-beta.2', '99999999999999999999.0', '99999999999999999998.0', '2023.12.01.0', '1.0.0.0-a1', '1.0.0.0-b',
      'v1.0', '1.0.0.0-stable', '1.0.0.0-RC1-dev', '0', '00', '01.0', '1é0', '',
    ];
    const pairs = base.flatMap((a) => base.map((b) => [a, b] as const));
    const script = '$p = json_decode(stream_get_contents(STDIN), true); $o = []; foreach ($p as [$a, $b]) { $o[] = version_compare($a, $b); } echo json_encode($o);';
    const php = JSON.parse(execFileSync('php', ['-r', script], { input: JSON.stringify(pairs) }).toString()) as number[];
    const mismatches = pairs.filter(([a, b], i) => composerVersionCompare(a, b) !== php[i]).map(([a, b]) => `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    assert.deepEqual(mismatches, []);
  });
});

describe('packagesJson', () => {
  it('lists the packages, sorted and once each, with a host-relative v2 metadata-url', () => {
    const doc = packagesJson({ packageNames: ['zeta/z', 'acme/widget', 'acme/gadget', 'acme/widget'] });
    assert.equal(
      JSON.stringify(doc),
      '{"packages":[],"metadata-url":"/p2/%package%.json","available-packages":["acme/gadget","acme/widget","zeta/z"]}',
    );
  });

  it('puts a path prefix in front of the metadata-url (Composer drops the repository URL path)', () => {
    assert.equal(packagesJson({ packageNames: [], pathPrefix: '/composer/repo' })['metadata-url'], '/composer/repo/p2/%package%.json');
    for (const bad of ['/', 'composer', '/composer/', '/a/../b', '/a b', '//x']) {
      assert.throws(() => packagesJson({ packageNames: [], pathPrefix: bad }), (e) => isSignetError(e, 'COMPOSER_METADATA_INVALID'), bad);
    }
  });

  it('with no package, says so with a pattern that matches no name (an empty list would mean "ask me anything")', () => {
    const doc = packagesJson({ packageNames: [] });
    assert.deepEqual(doc['available-packages'], []);
    assert.deepEqual(doc['available-package-patterns'], [NOTHING_PATTERN]);
    assert.equal(packagesJson({ packageNames: ['acme/widget'] })['available-package-patterns'], undefined);
  });

  it('refuses names Composer would not accept', () => {
    assert.throws(() => packagesJson({ packageNames: ['Acme/Widget'] }), (e) => isSignetError(e, 'NAME_INVALID'));
  });
});

describe('versionMetadata (Packagist toV2Array)', () => {
  it('keeps the fields Packagist publishes, in its order, normalised as Composer loads them', () => {
    const meta = versionMetadata(
      'acme/widget',
      version({
        prettyVersion: 'v1.2.0',
        normalizedVersion: '1.2.0.0',
        sourceUrl: 'https://git.example/acme/widget.git',
        time: '2026-11-27T11:30:00.250+01:00',
        composerJson: {
          'require-dev': { 'PHPUnit/PHPUnit': '^10' },
          require: { php: '>=8.1', 'Acme/Core': '>=1.0@beta,<2.0', bad: 5 },
          name: 'acme/widget',
          type: 'Library',
          description: 'A \x1b[1mwidget\x1b[0m\n',
          keywords: ['widget', 'Widget', 'tool', 7, { no: 1 }],
          license: 'MIT',
          authors: [{ role: 'Lead', name: ' Ann ', email: 'ann@example.org', extra: 'x' }, { homepage: 'https://nobody' }, { email: ' ', name: 'Bob' }],
          support: { source: 'https://git.example/acme/widget', issues: 'https://git.example/acme/widget/issues' },
          funding: [{ type: 'github', url: 'https://github.com/z' }, { type: 'custom', url: 'https://pay.example' }],
          autoload: { 'psr-4': { 'Acme\\': 'src/' } },
          'autoload-dev': { 'psr-4': { 'Acme\\Tests\\': 'tests/' } },
          scripts: { test: 'phpunit' },
          config: { 'sort-packages': true },
          'minimum-stability': 'dev',
          extra: { 'branch-alias': { 'dev-main': '1.x-dev' } },
          bin: ['/bin/widget'],
          suggest: { 'acme/extras': 'self.version', 'ext-intl': 'for i18n' },
          conflict: {},
          homepage: 'https://acme.example',
        },
      }),
    );
    assert.deepEqual(Object.keys(meta), [
      'name', 'description', 'keywords', 'homepage', 'version', 'version_normalized', 'license', 'authors', 'source', 'dist',
      'type', 'support', 'funding', 'time', 'autoload', 'extra', 'bin', 'require', 'require-dev', 'suggest',
    ]);
    assert.equal(meta.description, 'A mwidgetm'); // Packagist's sanitize(): "\x1B[." and U+0001..U+001A removed, as PHP gives
    assert.deepEqual(meta.keywords, ['Widget', 'tool', '7']);
    assert.deepEqual(meta.license, ['MIT']);
    assert.deepEqual(meta.authors, [{ name: 'Ann', email: 'ann@example.org', role: 'Lead' }, { name: 'Bob' }]);
    assert.deepEqual(Object.keys((meta.authors as Record<string, unknown>[])[0]!), ['name', 'email', 'role']);
    assert.deepEqual(meta.source, { type: 'git', url: 'https://git.example/acme/widget.git', reference: REF_A });
    assert.deepEqual(meta.dist, { type: 'zip', url: 'https://repo.example/dist/acme/widget/v1.2.0.zip', reference: REF_A, shasum: SHA_A });
    assert.equal(meta.type, 'library');
    assert.deepEqual(Object.keys(meta.support as object), ['issues', 'source']);
    assert.deepEqual(meta.funding, [{ type: 'custom', url: 'https://pay.example' }, { type: 'github', url: 'https://github.com/z' }]);
    assert.equal(meta.time, '2026-11-27T10:30:00+00:00');
    assert.deepEqual(meta.bin, ['bin/widget']);
    assert.deepEqual(meta.require, { php: '>=8.1', 'acme/core': '>=1.0-beta,<2.0' });
    assert.deepEqual(meta['require-dev'], { 'phpunit/phpunit': '^10' });
    assert.deepEqual(meta.suggest, { 'acme/extras': 'v1.2.0', 'ext-intl': 'for i18n' });
  });

  it('fills the defaults Packagist always writes for a bare composer.json', () => {
    const meta = versionMetadata('acme/widget', version({ prettyVersion: '1.0.0', normalizedVersion: '1.0.0.0', composerJson: {} }));
    assert.equal(
      JSON.stringify(meta),
      '{"name":"acme/widget","description":"","keywords":[],"homepage":"","version":"1.0.0","version_normalized":"1.0.0.0",' +
        '"license":[],"authors":[],"dist":{"type":"zip","url":"https://repo.example/dist/acme/widget/1.0.0.zip",' +
        `"reference":"${REF_A}","shasum":"${SHA_A}"},"type":"library","funding":[],"time":"2026-11-27T10:00:00+00:00"}`,
    );
  });

  it('refuses inputs that would make wrong metadata', () => {
    const ok = { prettyVersion: '1.0.0', normalizedVersion: '1.0.0.0' };
    const cases: Array<[Partial<ComposerVersion>, string]> = [
      [{ sha1: SHA_A.toUpperCase() }, 'COMPOSER_METADATA_INVALID'],
      [{ sha1: 'abc' }, 'COMPOSER_METADATA_INVALID'],
      [{ reference: 'main' }, 'COMPOSER_METADATA_INVALID'],
      [{ distUrl: '/dist/x.zip' }, 'COMPOSER_METADATA_INVALID'],
      [{ distUrl: 'file:///etc/passwd' }, 'COMPOSER_METADATA_INVALID'],
      [{ time: '2026-02-30T10:00:00Z' }, 'COMPOSER_METADATA_INVALID'],
      [{ time: 'yesterday' }, 'COMPOSER_METADATA_INVALID'],
      [{ sourceUrl: '' }, 'COMPOSER_METADATA_INVALID'],
      [{ normalizedVersion: '1.0.0' }, 'VERSION_INVALID'],
      [{ prettyVersion: 'dev-main', normalizedVersion: 'dev-main' }, 'VERSION_NOT_RELEASE'],
    ];
    for (const [over, code] of cases) {
      assert.throws(() => versionMetadata('acme/widget', version({ ...ok, ...over })), (e) => isSignetError(e, code as 'VERSION_INVALID'), JSON.stringify(over));
    }
  });
});

describe('p2Json, minify and expand', () => {
  const v100 = version({ prettyVersion: '1.0.0', normalizedVersion: '1.0.0.0', composerJson: { autoload: { 'psr-4': { 'Acme\\': 'src/' } } } });
  const v110 = version({
    prettyVersion: 'v1.1.0',
    normalizedVersion: '1.1.0.0',
    sha1: SHA_B,
    reference: REF_B,
    time: '2026-11-28T10:00:00Z',
    composerJson: { description: 'Widgets', autoload: { 'psr-4': { 'Acme\\': 'src/' } }, require: { php: '>=8.1' } },
  });

  it('writes exactly these bytes for a small example: newest first, then only what changed, "__unset" for what went away', () => {
    const text = JSON.stringify(p2Json('acme/widget', [v100, v110]));
    assert.equal(
      text,
      '{"packages":{"acme/widget":[' +
        '{"name":"acme/widget","description":"Widgets","keywords":[],"homepage":"","version":"v1.1.0","version_normalized":"1.1.0.0",' +
        '"license":[],"authors":[],"dist":{"type":"zip","url":"https://repo.example/dist/acme/widget/v1.1.0.zip",' +
        `"reference":"${REF_B}","shasum":"${SHA_B}"},"type":"library","funding":[],"time":"2026-11-28T10:00:00+00:00",` +
        '"autoload":{"psr-4":{"Acme\\\\":"src/"}},"require":{"php":">=8.1"}},' +
        '{"description":"","version":"1.0.0","version_normalized":"1.0.0.0",' +
        '"dist":{"type":"zip","url":"https://repo.example/dist/acme/widget/1.0.0.zip",' +
        `"reference":"${REF_A}","shasum":"${SHA_A}"},"time":"2026-11-27T10:00:00+00:00","require":"__unset"}` +
        ']},"minified":"composer/2.0"}',
    );
    // Same input, same bytes; input order does not matter.
    assert.equal(JSON.stringify(p2Json('acme/widget', [v110, v100])), text);
    // And it expands back to the full metadata.
    const expanded = expandP2(JSON.parse(text) as unknown).get('acme/widget');
    assert.deepEqual(expanded, [versionMetadata('acme/widget', v110), versionMetadata('acme/widget', v100)]);
  });

  it('sorts by Composer version order, not text order', () => {
    const pretty = ['1.0.0-beta2', '1.0.0', '1.0.0-RC1', '10.0.0', '9.0.0', '1.0.0-alpha1', '1.0.1'];
    const norm = ['1.0.0.0-beta2', '1.0.0.0', '1.0.0.0-RC1', '10.0.0.0', '9.0.0.0', '1.0.0.0-alpha1', '1.0.1.0'];
    const doc = p2Json('acme/widget', pretty.map((p, i) => version({ prettyVersion: p, normalizedVersion: norm[i]! })));
    const order = expandP2(doc).get('acme/widget')!.map((v) => v.version);
    assert.deepEqual(order, ['10.0.0', '9.0.0', '1.0.1', '1.0.0', '1.0.0-RC1', '1.0.0-beta2', '1.0.0-alpha1']);
  });

  it('refuses one release listed twice (one version identity)', () => {
    assert.throws(
      () => p2Json('acme/widget', [version({ prettyVersion: '1.0.0', normalizedVersion: '1.0.0.0' }), version({ prettyVersion: 'v1.0.0', normalizedVersion: '1.0.0.0' })]),
      (e) => isSignetError(e, 'COMPOSER_METADATA_INVALID'),
    );
  });

  it('minify/expand follow MetadataMinifier, "__unset" and PHP isset included', () => {
    const versions: ComposerMetadata[] = [
      { name: 'a/b', version: '3', extra: { x: [1, 2] }, bin: ['x'] },
      { name: 'a/b', version: '2', extra: { x: [1, 2] } },
      { name: 'a/b', version: '1', extra: { x: [2, 1] }, bin: ['x'] },
    ];
    const min = minifyVersions(versions);
    assert.deepEqual(min, [versions[0], { version: '2', bin: '__unset' }, { version: '1', extra: { x: [2, 1] }, bin: ['x'] }]);
    assert.deepEqual(expandVersions(min), versions);
    // A null value counts as absent (isset): it is written as "__unset" and disappears on expansion.
    assert.deepEqual(minifyVersions([{ a: 1, b: 2 }, { a: 1, b: null }]), [{ a: 1, b: 2 }, { b: '__unset' }]);
    // A version identical to the previous one is an empty object.
    assert.deepEqual(minifyVersions([{ a: 1 }, { a: 1 }]), [{ a: 1 }, {}]);
    assert.deepEqual(expandVersions([{ a: 1 }, {}]), [{ a: 1 }, { a: 1 }]);
  });

  it('expand(minify(x)) = x for any list of versions', () => {
    const value = fc.oneof(
      fc.string().filter((s) => s !== '__unset'),
      fc.integer(),
      fc.boolean(),
      fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 3 }),
      fc.dictionary(fc.constantFrom('k', 'l'), fc.integer({ min: 0, max: 2 }), { minKeys: 1 }),
    );
    const versionArb = fc.dictionary(fc.constantFrom('name', 'version', 'require', 'extra', 'bin', 'type', 'time'), value);
    fc.assert(
      fc.property(fc.array(versionArb, { maxLength: 8 }), (versions) => {
        const plain = JSON.parse(JSON.stringify(versions)) as ComposerMetadata[]; // fast-check makes null-prototype objects
        assert.deepEqual(expandVersions(minifyVersions(plain)), plain);
      }),
      { numRuns: 300 },
    );
  });

  it('minify writes the same bytes as Composer\'s own MetadataMinifier', { skip: phpSkip || (existsSync(MINIFIER_PHP) ? false : `${MINIFIER_PHP} is missing`) }, () => {
    const lists: ComposerMetadata[][] = [
      expandP2(p2Json('acme/widget', [v100, v110])).get('acme/widget')!,
      [
        { name: 'a/b', version: '3', extra: { x: [1, 2] }, bin: ['x'], z: 'é/\u2603' },
        { name: 'a/b', version: '2', extra: { x: [1, 2] }, z: null },
        { version: '1', extra: { x: [2, 1] }, bin: ['x'], name: 'a/b' },
        {},
        { name: 'a/b', version: '0' },
      ],
    ];
    // PHP writes an empty array (an empty version object here) as [].
    const asPhp = (x: unknown): string => JSON.stringify(x, (_k, v: unknown) => (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0 ? [] : v));
    for (const list of lists) {
      const script = `require '${MINIFIER_PHP}'; echo json_encode(\\Composer\\MetadataMinifier\\MetadataMinifier::minify(json_decode(stream_get_contents(STDIN), true)), JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);`;
      const php = execFileSync('php', ['-r', script], { input: JSON.stringify(list) }).toString();
      assert.equal(asPhp(minifyVersions(list)), php);
      const back = `require '${MINIFIER_PHP}'; echo json_encode(\\Composer\\MetadataMinifier\\MetadataMinifier::expand(json_decode(stream_get_contents(STDIN), true)), JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);`;
      assert.equal(asPhp(expandVersions(JSON.parse(php) as ComposerMetadata[])), execFileSync('php', ['-r', back], { input: php }).toString());
    }
  });

  it('expandP2 reads what Composer reads and refuses malformed documents', () => {
    // Not minified: taken as is.
    assert.deepEqual(expandP2({ packages: { 'a/b': [{ version: '1' }, { name: 'a/b' }] } }).get('a/b'), [{ version: '1' }, { name: 'a/b' }]);
    for (const bad of [null, [], 'x', { packages: [] }, { packages: { 'a/b': {} } }, { packages: { 'a/b': [1] } }, { packages: { 'a/b': [[]] } }]) {
      assert.throws(() => expandP2(bad), (e) => isSignetError(e, 'COMPOSER_METADATA_INVALID'), JSON.stringify(bad));
    }
    // A "__proto__" key stays an ordinary key and cannot change a prototype.
    const doc = JSON.parse('{"minified":"composer/2.0","packages":{"a/b":[{"version":"2"},{"__proto__":{"polluted":true},"version":"1"}]}}') as unknown;
    const expanded = expandP2(doc).get('a/b')!;
    assert.equal(Object.getPrototypeOf(expanded[1]), Object.prototype);
    assert.equal((expanded[1] as { polluted?: unknown }).polluted, undefined);
    assert.deepEqual(Object.keys(expanded[1]!), ['version', '__proto__']);
  });
});

// ---------------------------------------------------------------------------------------------------
// The real Composer (Debian's 2.5) installing from these documents.

const composerSkip = composerSkipReason() || (spawnSync('git', ['--version']).status === 0 ? false : 'git is not installed');
const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Ann Vendor',
  GIT_AUTHOR_EMAIL: 'ann@acme.example',
  GIT_COMMITTER_NAME: 'Ann Vendor',
  GIT_COMMITTER_EMAIL: 'ann@acme.example',
  GIT_AUTHOR_DATE: '2026-11-27T10:00:00Z',
  GIT_COMMITTER_DATE: '2026-11-27T10:00:00Z',
};

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' }).trim();
}

interface Release {
  readonly pretty: string;
  readonly normalized: string;
  readonly commit: string;
  readonly fileName: string;
  readonly zip: Buffer;
  readonly sha1: string;
  readonly composerJson: Record<string, unknown>;
}

/** Commits `files` in the package repository and packs the commit as `git archive` does. */
async function release(repo: string, pretty: string, normalized: string, files: Record<string, string>): Promise<Release> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(repo, path)), { recursive: true });
    await writeFile(join(repo, path), text);
  }
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', `release ${pretty}`]);
  git(repo, ['tag', pretty]);
  const commit = git(repo, ['rev-parse', 'HEAD']);
  const zip = execFileSync('git', ['archive', '--format=zip', `--prefix=acme-widget-${commit.slice(0, 7)}/`, 'HEAD'], { cwd: repo, env: GIT_ENV, maxBuffer: 1 << 26 });
  return {
    pretty,
    normalized,
    commit,
    fileName: `acme-widget-${commit.slice(0, 7)}.zip`,
    zip,
    sha1: createHash('sha1').update(zip).digest('hex'),
    composerJson: JSON.parse(await readFile(join(repo, 'composer.json'), 'utf8')) as Record<string, unknown>,
  };
}

/** Writes a static Composer repository (packages.json, p2 file, zips) under `<dir><prefix>` and serves `dir`. */
async function serveRepository(
  dir: string,
  releases: readonly Release[],
  o: { prefix?: string; metadataPrefix?: string; sha1?: (r: Release) => string } = {},
): Promise<{ server: StaticServer; repositoryUrl: string }> {
  const prefix = o.prefix ?? '';
  const server = await serveStatic(dir);
  const site = join(dir, prefix);
  await mkdir(join(site, 'p2', 'acme'), { recursive: true });
  await mkdir(join(site, 'dist', 'acme', 'widget'), { recursive: true });
  await writeFile(join(site, 'packages.json'), JSON.stringify(packagesJson({ packageNames: ['acme/widget'], pathPrefix: o.metadataPrefix ?? prefix })));
  const versions: ComposerVersion[] = [];
  for (const r of releases) {
    await writeFile(join(site, 'dist', 'acme', 'widget', r.fileName), r.zip);
    versions.push({
      composerJson: r.composerJson,
      prettyVersion: r.pretty,
      normalizedVersion: r.normalized,
      distUrl: `${server.url}${prefix}/dist/acme/widget/${r.fileName}`,
      sha1: o.sha1 ? o.sha1(r) : r.sha1,
      reference: r.commit,
      time: '2026-11-27T10:00:00Z',
    });
  }
  await writeFile(join(site, 'p2', 'acme', 'widget.json'), JSON.stringify(p2Json('acme/widget', versions)));
  return { server, repositoryUrl: `${server.url}${prefix}` };
}

interface InstalledPackage {
  name: string;
  version: string;
  version_normalized: string;
  dist: { type: string; url: string; reference: string; shasum: string };
  require?: Record<string, string>;
}

async function installed(project: ComposerProject): Promise<InstalledPackage[]> {
  const doc = (await project.readJson('vendor/composer/installed.json')) as { packages: InstalledPackage[] };
  return doc.packages;
}

describe('Composer 2.5 installs from these documents', { skip: composerSkip, timeout: 600_000 }, () => {
  let work: string;
  let v100: Release;
  let v110: Release;
  const cleanups: Array<() => Promise<void>> = [];

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'signet-composer-repo-'));
    const repo = join(work, 'acme-widget');
    await mkdir(repo);
    git(repo, ['-c', 'init.defaultBranch=main', 'init', '-q']);
    v100 = await release(repo, '1.0.0', '1.0.0.0', {
      'composer.json': JSON.stringify({ name: 'acme/widget', autoload: { 'psr-4': { 'Acme\\': 'src/' } } }, null, 4) + '\n',
      'src/Widget.php': '<?php\n\nnamespace Acme;\n\nfinal class Widget\n{\n    public const VERSION = "1.0.0";\n}\n',
    });
    // 1.1.0 adds a description and a requirement, so 1.0.0 (listed second) carries "__unset" for it.
    v110 = await release(repo, '1.1.0', '1.1.0.0', {
      'composer.json':
        JSON.stringify({ name: 'acme/widget', description: 'Widgets', require: { php: '>=7.0' }, autoload: { 'psr-4': { 'Acme\\': 'src/' } } }, null, 4) + '\n',
      'src/Widget.php': '<?php\n\nnamespace Acme;\n\nfinal class Widget\n{\n    public const VERSION = "1.1.0";\n}\n',
    });
  });

  after(async () => {
    for (const c of cleanups) await c();
    if (work !== undefined) await rm(work, { recursive: true, force: true });
  });

  async function setUp(name: string, releases: readonly Release[], o: Parameters<typeof serveRepository>[2] & { composerJson?: Record<string, unknown> } = {}) {
    const { server, repositoryUrl } = await serveRepository(join(work, name), releases, o);
    cleanups.push(() => server.close());
    const project = await createComposerProject({ repositoryUrl, ...(o.composerJson ? { composerJson: o.composerJson } : {}) });
    cleanups.push(() => project.cleanup());
    return { server, project };
  }

  it('composer require acme/widget:1.0.0 installs the version listed second (read through "__unset" diffs) with its shasum', async () => {
    const { server, project } = await setUp('require-exact', [v100, v110]);
    const r = await project.require(['acme/widget:1.0.0']);
    assert.equal(r.code, 0, describeRun(r));
    assert.ok(existsSync(join(project.dir, 'vendor/acme/widget/src/Widget.php')), describeRun(r));
    const widget = (await installed(project)).find((p) => p.name === 'acme/widget');
    assert.ok(widget, 'acme/widget in installed.json');
    assert.equal(widget.version, '1.0.0');
    assert.equal(widget.version_normalized, '1.0.0.0');
    assert.equal(widget.dist.shasum, v100.sha1);
    assert.equal(widget.dist.reference, v100.commit);
    assert.equal(widget.require, undefined, 'the "__unset" require of 1.1.0 is gone');
    const text = await readFile(join(project.dir, 'vendor/acme/widget/src/Widget.php'), 'utf8');
    assert.match(text, /VERSION = "1\.0\.0"/);
    // What Composer 2.5 asked for: the index, the p2 file, the archive. With the default stability
    // (stable) it does not ask for p2/acme/widget~dev.json.
    const paths = server.requests.map((q) => `${q.method} ${q.path} ${q.status}`);
    assert.deepEqual(paths, ['GET /packages.json 200', 'GET /p2/acme/widget.json 200', `GET /dist/acme/widget/${v100.fileName} 200`]);
  });

  it('an empty registry listed first is asked for nothing but its index (Composer ignores an empty available-packages)', async () => {
    const emptyDir = join(work, 'empty-registry');
    await mkdir(emptyDir, { recursive: true });
    await writeFile(join(emptyDir, 'packages.json'), JSON.stringify(packagesJson({ packageNames: [] })));
    const empty = await serveStatic(emptyDir);
    cleanups.push(() => empty.close());
    const { server: other, repositoryUrl } = await serveRepository(join(work, 'beside-empty'), [v100]);
    cleanups.push(() => other.close());
    const project = await createComposerProject({
      repositoryUrl,
      composerJson: { repositories: [{ type: 'composer', url: empty.url }, { type: 'composer', url: repositoryUrl }, { 'packagist.org': false }] },
    });
    cleanups.push(() => project.cleanup());
    const r = await project.require(['acme/widget:1.0.0']);
    assert.equal(r.code, 0, describeRun(r));
    assert.ok(existsSync(join(project.dir, 'vendor/acme/widget/src/Widget.php')), describeRun(r));
    assert.deepEqual(empty.requests.map((q) => `${q.method} ${q.path}`), ['GET /packages.json'], 'no p2 file asked of the empty registry');
  });

  it('resolves ^1.0 to the newest release, 1.1.0, listed first in full', async () => {
    const { project } = await setUp('require-caret', [v100, v110]);
    const r = await project.require(['acme/widget:^1.0']);
    assert.equal(r.code, 0, describeRun(r));
    const widget = (await installed(project)).find((p) => p.name === 'acme/widget')!;
    assert.equal(widget.version, '1.1.0');
    assert.equal(widget.dist.shasum, v110.sha1);
    assert.deepEqual(widget.require, { php: '>=7.0' });
  });

  it('composer install from a composer.json works too, and a lock-file install checks the shasum again', async () => {
    const { server, project } = await setUp('install', [v100, v110]);
    await writeFile(
      join(project.dir, 'composer.json'),
      JSON.stringify({ ...(JSON.parse(await readFile(join(project.dir, 'composer.json'), 'utf8')) as object), require: { 'acme/widget': '1.1.0' } }),
    );
    const r = await project.install();
    assert.equal(r.code, 0, describeRun(r));
    assert.ok(existsSync(join(project.dir, 'vendor/acme/widget/src/Widget.php')));
    const lock = (await project.readJson('composer.lock')) as { packages: InstalledPackage[] };
    assert.equal(lock.packages[0]!.dist.shasum, v110.sha1);
    assert.ok(server.requests.some((q) => q.path === `/dist/acme/widget/${v110.fileName}`));
  });

  it('a wrong shasum makes Composer fail: it checks the SHA-1 of the archive', async () => {
    const wrong = createHash('sha1').update('not the archive').digest('hex');
    const { server, project } = await setUp('wrong-shasum', [v100], { sha1: () => wrong });
    const r = await project.require(['acme/widget:1.0.0']);
    assert.notEqual(r.code, 0, describeRun(r));
    assert.match(r.stdout + r.stderr, /checksum verification/i, describeRun(r));
    assert.ok(!existsSync(join(project.dir, 'vendor/acme/widget/src/Widget.php')), 'nothing installed');
    assert.ok(server.requests.some((q) => q.path === `/dist/acme/widget/${v100.fileName}` && q.status === 200), 'the archive was downloaded, then refused');
  });

  it('with minimum-stability dev Composer also asks for p2/<name>~dev.json, and a 404 there is fine', async () => {
    const { server, project } = await setUp('dev-stability', [v100], { composerJson: { 'minimum-stability': 'dev' } });
    const r = await project.require(['acme/widget:1.0.0']);
    assert.equal(r.code, 0, describeRun(r));
    const dev = server.requests.find((q) => q.path === '/p2/acme/widget~dev.json');
    assert.ok(dev, `requests: ${JSON.stringify(server.requests)}`);
    assert.equal(dev.status, 404);
  });

  it('a repository below a path prefix needs the prefix in metadata-url: Composer resolves "/p2/..." against the host only', async () => {
    // Right: the prefix is in the metadata-url.
    const good = await setUp('prefix-good', [v100], { prefix: '/composer/repo' });
    const r = await good.project.require(['acme/widget:1.0.0']);
    assert.equal(r.code, 0, describeRun(r));
    assert.deepEqual(
      good.server.requests.map((q) => q.path),
      ['/composer/repo/packages.json', '/composer/repo/p2/acme/widget.json', `/composer/repo/dist/acme/widget/${v100.fileName}`],
    );
    // Wrong: metadata-url without the prefix → Composer asks the host root, which has nothing.
    const bad = await setUp('prefix-bad', [v100], { prefix: '/composer/repo', metadataPrefix: '' });
    const rb = await bad.project.require(['acme/widget:1.0.0']);
    assert.notEqual(rb.code, 0, describeRun(rb));
    assert.ok(bad.server.requests.some((q) => q.path === '/p2/acme/widget.json' && q.status === 404), JSON.stringify(bad.server.requests));
  });
});
