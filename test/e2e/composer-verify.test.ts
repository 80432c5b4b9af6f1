/**
 * The issue "The verifier and the Composer plugin" end to end, with the real Composer 2.5, the plugin
 * from composer-plugin/ and the REAL `signet` (dist/signet.cjs, the bundled executable, behind SIGNET_BIN): a project that
 * requires three signed packages installs and `signet verify --installed` passes, in both modes; then
 * each attack, staged with a malicious registry (static files on 127.0.0.1) or a malicious log, makes
 * `composer install` fail with its named error and leaves vendor/ without the packages.
 *
 * Every scenario has its own project, COMPOSER_HOME (so its own Composer cache) and XDG_STATE_HOME
 * (signet's checkpoint store), which Composer passes on to signet. One honest log and one honest
 * registry are shared by the scenarios that do not need their own.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli, type CliResult } from '../../testkit/cli.js';
import { type ComposerProject, type ComposerResult, composerSkipReason, describeRun } from '../../testkit/composer.js';
import { PLUGIN_NAME, installPluginProject, runComposer, vendorPackages } from '../../testkit/composer-plugin.js';
import { Signers, Statements } from '../../testkit/ledger.js';
import { serveFolder } from '../../testkit/log.js';
import { type Registry, type RegistryVersion, type SignetWrapper, genuine, serveRegistry, signetWrapper } from '../../testkit/signet-composer.js';
import { type Release, type TestLog, release, startTestLog, writeConfig } from '../../testkit/verifier.js';
import { cosignatureVerifierKey, cosigner } from '../../src/tlog/cosignature.js';
import { parseNote, signNote } from '../../src/crypto/note.js';

const skip = composerSkipReason();
const INSTALL = ['install', '--no-progress', '--no-ansi'];
const THREE = ['acme/gadget', 'acme/util', 'acme/widget'];
type Mode = 'light' | 'full';

function output(r: ComposerResult): string {
  return r.stdout + r.stderr;
}

function json(r: CliResult): Record<string, unknown> {
  try {
    return JSON.parse(r.stdout) as Record<string, unknown>;
  } catch {
    throw new Error(`signet did not print JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
}

async function waitFor(what: string, cond: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('composer install with the plugin and the real signet', { skip, timeout: 600_000 }, () => {
  const s = new Signers();
  // The log refuses statements more than 5 minutes off its clock.
  const st = new Statements(s, new Date());
  let work: string;
  /** The honest log: acme (widget, gadget, util, legacy revoked), beta (a break-glass key signed thing 2.0.0). */
  let log: TestLog;
  let logKey: string;
  /** The folder the honest log writes its checkpoint and tiles to (for the static, witnessed copy). */
  let tiles: string;
  /** The honest registry: every release of the honest log, as signed. */
  let honest: Registry;
  const rel: Record<string, Release> = {};
  const cleanups: Array<() => Promise<void>> = [];

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'signet-e2e-composer-'));
    tiles = join(work, 'tiles');
    log = await startTestLog(s, { tilesDir: tiles });
    cleanups.push(() => log.log.close());
    logKey = log.log.log.verifierKey;
    await log.add(st.vendor({ vendor: 'acme', keys: [['k1', 'full']] }));
    for (const pkg of ['acme/widget', 'acme/gadget', 'acme/util', 'acme/legacy']) {
      rel[pkg] = release(st, pkg, '1.0.0', ['k1']);
      await log.add(rel[pkg]!.entry);
    }
    await log.add(st.releaseRevoke('acme/legacy', '1.0.0', ['k1'], 'compromised build'));
    await log.add(st.vendor({ vendor: 'beta', keys: [['kb', 'full']] }));
    // beta lost its key; the core key installs a new one, which signs a release.
    await log.add(st.keyAdd({ vendor: 'beta', key: ['kb2', 'full'], signers: ['core'], seq: 1, breakGlass: { reason: 'vendor lost every key' } }));
    rel['beta/thing'] = release(st, 'beta/thing', '2.0.0', ['kb2']);
    await log.add(rel['beta/thing']!.entry);
    honest = await serveRegistry(join(work, 'registry'), Object.values(rel).map(genuine));
    cleanups.push(() => honest.close());
  });

  after(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    if (work !== undefined) await rm(work, { recursive: true, force: true });
  });

  interface Scenario {
    readonly p: ComposerProject;
    /** This scenario's XDG_STATE_HOME. */
    readonly state: string;
    readonly signet: SignetWrapper;
    /** Rewrites signet.json: trust `logUrl` (with the scenario's log key) with `config` over the defaults. */
    configure(logUrl: string, config?: Record<string, unknown>): void;
    composer(args?: readonly string[]): Promise<ComposerResult>;
    cli(args: readonly string[]): Promise<CliResult>;
  }

  let count = 0;
  /**
   * A fresh project that requires the plugin and `require` from `registry`, with a signet.json trusting
   * `logUrl` in `mode`, its own state folder and its own signet wrapper. The plugin comes from a path
   * repository: the plugin lets path dists through (nothing downloaded), but `signet verify` reads the
   * whole composer.lock, has no such rule and would report RELEASE_NOT_IN_LOG for it, so the policy
   * skips it.
   */
  async function scenario(o: {
    require: readonly string[];
    mode: Mode;
    registry?: Registry;
    logUrl?: string;
    /** The log's verifier key (default: the honest log's). */
    verifierKey?: string;
    config?: Record<string, unknown>;
  }): Promise<Scenario> {
    const dir = join(work, `scenario-${++count}`);
    const state = join(dir, 'state');
    const configHome = join(dir, 'config');
    mkdirSync(state, { recursive: true });
    mkdirSync(configHome, { recursive: true });
    const signet = await signetWrapper(join(dir, 'bin'));
    const p = await installPluginProject({
      repositoryUrl: (o.registry ?? honest).url,
      require: Object.fromEntries(o.require.map((n) => [n, '^' + (n === 'beta/thing' ? '2.0' : '1.0')])),
    });
    cleanups.push(() => p.cleanup());
    const configure = (logUrl: string, config: Record<string, unknown> = {}): void =>
      writeConfig(p.dir, s, o.verifierKey ?? logKey, logUrl, { mode: o.mode, skip: [PLUGIN_NAME], ...o.config, ...config });
    configure(o.logUrl ?? log.log.url);
    const env = { SIGNET_BIN: signet.bin, XDG_STATE_HOME: state, XDG_CONFIG_HOME: configHome };
    return {
      p,
      state,
      signet,
      configure,
      composer: (args = INSTALL) => runComposer(p, args, env),
      cli: (args) => runCli(args, { cwd: p.dir, env: { ...env, HOME: p.root } }),
    };
  }

  /** Exactly one signet process for the run: verify-archive of a batch, for this project, as JSON. */
  async function assertOneVerifyArchive(sc: Scenario, r: ComposerResult): Promise<void> {
    const calls = await sc.signet.calls();
    assert.equal(calls.length, 1, `one signet process, got ${JSON.stringify(calls)}\n${describeRun(r)}`);
    assert.match(calls[0]!, /^verify-archive --batch - --project \S+ --json$/, calls[0]);
  }

  /**
   * Composer failed naming `code` (for `pkg`'s archive when given), and none of `packages` is in
   * vendor/ or in vendor/composer/installed.json: only the plugin is installed.
   */
  async function assertRefused(sc: Scenario, r: ComposerResult, code: string, packages: readonly string[], pkg?: string): Promise<void> {
    assert.notEqual(r.code, 0, describeRun(r));
    assert.ok(!r.timedOut, describeRun(r));
    const named = pkg === undefined ? new RegExp(`\\b${code}\\b`) : new RegExp(`${pkg.replace('/', '\\/')} [\\d.]+: ${code}\\b`);
    assert.match(output(r), named, describeRun(r));
    assert.match(output(r), /signet refused to let Composer install these archives/, describeRun(r));
    for (const name of packages) assert.ok(!existsSync(join(sc.p.dir, 'vendor', name)), `vendor/${name} must not exist\n${describeRun(r)}`);
    assert.deepEqual(vendorPackages(sc.p), [PLUGIN_NAME], describeRun(r));
    const installed = (await sc.p.readJson('vendor/composer/installed.json')) as { packages: Array<{ name: string }> };
    assert.deepEqual(installed.packages.map((x) => x.name), [PLUGIN_NAME]);
    await assertOneVerifyArchive(sc, r);
  }

  // ------------------------------------------------------------------------------------------------
  // The happy path

  for (const mode of ['light', 'full'] as const) {
    it(`${mode} mode: installs three signed packages with one signet process, then signet verify --installed passes`, async () => {
      const sc = await scenario({ require: THREE, mode });
      const r = await sc.composer();
      assert.equal(r.code, 0, describeRun(r));
      assert.deepEqual(vendorPackages(sc.p), [...THREE, PLUGIN_NAME].sort(), describeRun(r));
      assert.match(output(r), /signet: 3 archives verified/, describeRun(r));
      await assertOneVerifyArchive(sc, r);

      const v = await sc.cli(['verify', '--installed', '--json']);
      assert.equal(v.code, 0, v.stdout + v.stderr);
      const o = json(v) as { ok: boolean; log: { size: number }; results: Array<{ package: string; ok: boolean; skipped?: boolean; index?: number }> };
      assert.equal(o.ok, true);
      assert.equal(o.log.size, 9);
      const verified = o.results.filter((x) => x.ok && x.skipped !== true);
      assert.deepEqual(verified.map((x) => x.package).sort(), THREE, v.stdout);
      assert.deepEqual(verified.map((x) => x.index).sort(), [1, 2, 3]);
      assert.deepEqual(o.results.filter((x) => x.skipped === true).map((x) => x.package), [PLUGIN_NAME], 'the path-repository plugin is skipped by policy');
    });
  }

  // ------------------------------------------------------------------------------------------------
  // A malicious registry, the honest log

  /** A registry serving the three packages of acme, with `bad` in place of one of them. */
  async function evilRegistry(name: string, bad: RegistryVersion[], replace: readonly string[]): Promise<Registry> {
    const rest = ['acme/widget', 'acme/gadget', 'acme/util'].filter((n) => !replace.includes(n)).map((n) => genuine(rel[n]!));
    const reg = await serveRegistry(join(work, name), [...bad, ...rest]);
    cleanups.push(() => reg.close());
    return reg;
  }

  it('a tampered archive (light): ARCHIVE_DIGEST_MISMATCH', async () => {
    // The registry rewrote widget's archive (a backdoor in its code) and announces the new SHA-1, so
    // Composer's own checksum passes.
    const tampered = release(st, 'acme/widget', '1.0.0', ['k1'], 'backdoor()').zip;
    const reg = await evilRegistry('registry-tampered', [{ ...genuine(rel['acme/widget']!), zip: tampered }], ['acme/widget']);
    const sc = await scenario({ require: THREE, mode: 'light', registry: reg });
    const r = await sc.composer();
    await assertRefused(sc, r, 'ARCHIVE_DIGEST_MISMATCH', THREE, 'acme/widget');
  });

  it("another package's archive under this name, mix-and-match (light): PACKAGE_MISMATCH", async () => {
    const reg = await evilRegistry('registry-mixed', [{ ...genuine(rel['acme/widget']!), zip: rel['acme/gadget']!.zip }], ['acme/widget']);
    const sc = await scenario({ require: THREE, mode: 'light', registry: reg });
    const r = await sc.composer();
    await assertRefused(sc, r, 'PACKAGE_MISMATCH', THREE, 'acme/widget');
    assert.match(output(r), /is the signed archive of acme\/gadget 1\.0\.0/, describeRun(r));
  });

  it("the signed archive with altered metadata, a dependency and an autoloaded file added (light): METADATA_MISMATCH", async () => {
    // Composer installs by the repository's metadata, not by the composer.json in the archive: the
    // registry serves widget's genuine, signed archive, but says it requires acme/util and autoloads
    // one of its files (code run by every `require 'vendor/autoload.php'`).
    const g = genuine(rel['acme/widget']!);
    const composerJson = { ...g.composerJson, require: { 'acme/util': '^1.0' }, autoload: { files: ['composer.json'] } };
    const reg = await evilRegistry('registry-metadata', [{ ...g, composerJson }], ['acme/widget']);
    const sc = await scenario({ require: THREE, mode: 'light', registry: reg });
    const r = await sc.composer();
    assert.notEqual(r.code, 0, describeRun(r));
    assert.match(output(r), /acme\/widget 1\.0\.0: METADATA_MISMATCH autoload: signed .*, the repository says \{"files":\["composer\.json"\]\}/, describeRun(r));
    assert.match(output(r), /acme\/widget 1\.0\.0: METADATA_MISMATCH require: signed .*"acme\/util":"\^1\.0"/, describeRun(r));
    assert.deepEqual(vendorPackages(sc.p), [PLUGIN_NAME], describeRun(r));
    await assertOneVerifyArchive(sc, r);
  });

  it('a release missing from the log (light): RELEASE_NOT_IN_LOG', async () => {
    // Signed with the vendor's real key, but never logged: a targeted release. ^1.0 picks it.
    const ghost = release(st, 'acme/widget', '1.1.0', ['k1']);
    const reg = await evilRegistry('registry-ghost', [genuine(rel['acme/widget']!), genuine(ghost)], ['acme/widget']);
    const sc = await scenario({ require: THREE, mode: 'light', registry: reg });
    const r = await sc.composer();
    await assertRefused(sc, r, 'RELEASE_NOT_IN_LOG', THREE, 'acme/widget');
    assert.match(output(r), /acme\/widget 1\.1\.0: RELEASE_NOT_IN_LOG/, describeRun(r));
  });

  it('a revoked release (light): RELEASE_REVOKED', async () => {
    const sc = await scenario({ require: ['acme/widget', 'acme/gadget', 'acme/legacy'], mode: 'light' });
    const r = await sc.composer();
    await assertRefused(sc, r, 'RELEASE_REVOKED', ['acme/widget', 'acme/gadget', 'acme/legacy'], 'acme/legacy');
    assert.match(output(r), /compromised build/, describeRun(r));
  });

  it('a break-glass key the policy refuses (light): BREAK_GLASS_REFUSED', async () => {
    const sc = await scenario({ require: ['acme/widget', 'acme/gadget', 'beta/thing'], mode: 'light', config: { breakGlass: 'reject' } });
    const r = await sc.composer();
    await assertRefused(sc, r, 'BREAK_GLASS_REFUSED', ['acme/widget', 'acme/gadget', 'beta/thing'], 'beta/thing');
  });

  // ------------------------------------------------------------------------------------------------
  // A malicious log that admitted what the ledger forbids (the honest registry)

  for (const [mode, code, what, signer] of [
    ['full', 'KEY_REVOKED', 'a key revoked before it', 'k1'],
    ['light', 'KEY_UNAUTHORIZED', 'a key of another vendor', 'kb'],
  ] as const) {
    it(`a release signed by ${what}, admitted by a malicious log (${mode}): ${code}`, async () => {
      const bad = await startTestLog(s, { malicious: true });
      cleanups.push(() => bad.log.close());
      await bad.add(st.vendor({ vendor: 'acme', keys: [['k1', 'full'], ['k2', 'full']] }));
      await bad.add(st.vendor({ vendor: 'beta', keys: [['kb', 'full']] }));
      await bad.add(st.keyRevoke({ vendor: 'acme', key: 'k1', signers: ['k2'], seq: 1 }));
      // The same archives as the honest releases (release() is deterministic), so the registry is honest.
      await bad.add(release(st, 'acme/widget', '1.0.0', [signer]).entry);
      await bad.add(release(st, 'acme/gadget', '1.0.0', ['k2']).entry);
      await bad.add(release(st, 'acme/util', '1.0.0', ['k2']).entry);
      // The configured, trusted log is the one that turned malicious: its own key is trusted.
      const sc = await scenario({ require: THREE, mode, logUrl: bad.log.url, verifierKey: bad.log.log.verifierKey });
      const r = await sc.composer();
      await assertRefused(sc, r, code, THREE);
      // The evidence: the index of the entry that breaks the ledger's rules.
      assert.match(output(r), new RegExp(`${code} log entry 3 is in the signed log but breaks the ledger's rules`), describeRun(r));
    });
  }

  // ------------------------------------------------------------------------------------------------
  // A malicious log that shows an old view or another history (it has the honest log's key)

  /** A scenario whose state has accepted the honest log's checkpoint (a good `signet sync`). */
  async function synced(mode: Mode): Promise<{ sc: Scenario; stored: () => string; accepted: string }> {
    const sc = await scenario({ require: THREE, mode });
    const r = await sc.cli(['sync', '--json']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal((json(r) as { size: number }).size, 9);
    const logs = join(sc.state, 'signet', 'logs');
    const stored = (): string => readFileSync(join(logs, readdirSync(logs)[0]!, 'checkpoint'), 'utf8');
    return { sc, stored, accepted: stored() };
  }

  for (const mode of ['light', 'full'] as const) {
    it(`a rolled-back checkpoint (${mode}): CHECKPOINT_ROLLBACK`, async () => {
      const { sc, stored, accepted } = await synced(mode);
      // The log's own key, an older (shorter) view.
      const short = await startTestLog(s, { keyFrom: log.dir });
      cleanups.push(() => short.log.close());
      await short.add(st.vendor({ vendor: 'acme', keys: [['k1', 'full']] }));
      sc.configure(short.log.url);
      const r = await sc.composer();
      await assertRefused(sc, r, 'CHECKPOINT_ROLLBACK', THREE);
      assert.match(output(r), /the log now serves size 1, smaller than the 9/, describeRun(r));
      assert.equal(stored(), accepted, 'the accepted checkpoint is kept');
    });
  }

  for (const mode of ['full', 'light'] as const) {
    it(`a forked log (${mode}): CHECKPOINT_FORK, both notes kept`, async () => {
      const { sc, stored, accepted } = await synced(mode);
      // Another history under the log's own key, larger than the one accepted.
      const fork = await startTestLog(s, { keyFrom: log.dir });
      cleanups.push(() => fork.log.close());
      await fork.add(st.vendor({ vendor: 'acme', keys: [['k1', 'full'], ['evil', 'full']] }));
      for (const pkg of ['acme/widget', 'acme/gadget', 'acme/util']) await fork.add(release(st, pkg, '1.0.0', ['k1']).entry);
      for (let i = 0; i < 8; i++) await fork.add(release(st, 'acme/widget', `1.0.${i + 1}`, ['evil']).entry);
      sc.configure(fork.log.url);
      const r = await sc.composer();
      await assertRefused(sc, r, 'CHECKPOINT_FORK', THREE);
      assert.equal(stored(), accepted, 'the accepted checkpoint is kept, not replaced by the fork');

      // Both notes are the evidence: the one accepted before and the one the fork serves, printed by
      // Composer (through the plugin) and given by `signet sync --json`.
      const served = await (await fetch(`${fork.log.url}/checkpoint`)).text();
      assert.match(served, /^signet\.test\/log\n12\n/);
      const output = r.stdout + r.stderr;
      for (const note of [accepted, served]) {
        for (const line of note.trimEnd().split('\n')) assert.ok(output.includes(line), `Composer's output shows the line ${JSON.stringify(line)} of both notes:\n${output}`);
      }
      const again = await sc.cli(['sync', '--json']);
      assert.equal(again.code, 1, again.stdout + again.stderr);
      const e = (json(again) as { error: { code: string; evidence: { stored: string; served: string } } }).error;
      assert.equal(e.code, 'CHECKPOINT_FORK');
      assert.equal(e.evidence.stored, accepted);
      assert.equal(e.evidence.served, served);
      assert.equal(stored(), accepted);
    });
  }

  it('a stale (frozen) checkpoint, served statically with an old witness cosignature (full): CHECKPOINT_STALE', async () => {
    await waitFor('the tiles of all 9 entries', () => existsSync(join(tiles, 'checkpoint')) && /^signet\.test\/log\n9\n/.test(readFileSync(join(tiles, 'checkpoint'), 'utf8')));
    const folder = join(work, 'frozen');
    cpSync(tiles, folder, { recursive: true });
    const raw = readFileSync(join(folder, 'checkpoint'), 'utf8');
    const w = s.key('witness');
    const cosign = (age: number): void => {
      const note = parseNote(raw);
      writeFileSync(join(folder, 'checkpoint'), signNote(note.text, [cosigner('witness.test', w, BigInt(Math.floor(Date.now() / 1000) - age))], note.signatures));
    };
    cosign(7200);
    const site = await serveFolder(folder);
    cleanups.push(() => site.close());
    const witnesses = { witnesses: { keys: [cosignatureVerifierKey('witness.test', w.publicKey)], required: 1 }, maxCheckpointAge: 3600 };
    const sc = await scenario({ require: THREE, mode: 'full', logUrl: site.url, config: witnesses });
    const r = await sc.composer();
    await assertRefused(sc, r, 'CHECKPOINT_STALE', THREE);

    // The same folder with a fresh cosignature is accepted: only the age was wrong.
    cosign(60);
    const ok = await sc.cli(['sync', '--json']);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  });
});
