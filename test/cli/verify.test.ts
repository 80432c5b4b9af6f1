/**
 * The verifier's commands end to end: a real log on 127.0.0.1, real archives, the `signet` CLI in child
 * processes with its own state folder, and each attack of the issue staged by a hostile log or archive,
 * caught with its own error code and its evidence.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliResult } from '../../testkit/cli.js';
import { Signers, Statements } from '../../testkit/ledger.js';
import { project, release, startTestLog, writeConfig, type Release, type TestLog } from '../../testkit/verifier.js';
import { serveFolder } from '../../testkit/log.js';
import { cosigner, cosignatureVerifierKey } from '../../src/tlog/cosignature.js';
import { signNote, parseNote } from '../../src/crypto/note.js';
import { startMirrorServer } from '../../src/log/mirror.js';

function out(r: CliResult): Record<string, unknown> {
  try {
    return JSON.parse(r.stdout.trim()) as Record<string, unknown>;
  } catch {
    throw new Error(`not JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
}

function codes(r: CliResult): string[] {
  const o = out(r) as { results?: { error?: { code: string } }[]; error?: { code: string } };
  if (o.error) return [o.error.code];
  return (o.results ?? []).map((x) => x.error?.code ?? 'ok');
}

for (const mode of ['full', 'light'] as const) describe(`signet sync / verify / verify-archive / explain / bundle (${mode} mode)`, { timeout: 300_000 }, () => {
  const s = new Signers();
  const st = new Statements(s, new Date());
  let log: TestLog;
  let work: string;
  let env: NodeJS.ProcessEnv;
  let proj: string;
  const rel: Record<string, Release> = {};

  const cli = (args: string[], o: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CliResult> =>
    runCli([...args, '--json'], { env: { ...env, ...o.env }, cwd: o.cwd ?? proj });
  const archive = (r: Release, name = `${r.pkg.replace('/', '-')}-${r.version}.zip`, bytes: Buffer = r.zip): string => {
    const f = join(work, name);
    writeFileSync(f, bytes);
    return f;
  };
  const batch = (items: { file: string; package: string; version: string }[]): string => {
    const f = join(work, `batch-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(f, JSON.stringify({ archives: items }));
    return f;
  };

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'signet-verify-'));
    env = { XDG_STATE_HOME: join(work, 'state'), XDG_CONFIG_HOME: join(work, 'config'), HOME: work };
    log = await startTestLog(s);
    await log.add(st.vendor({ vendor: 'acme', keys: [['k1', 'full']] }));
    for (const [pkg, v] of [['acme/widget', '1.0.0'], ['acme/gadget', '1.0.0'], ['acme/util', '2.0.0']] as const) {
      rel[pkg] = release(st, pkg, v, ['k1']);
      await log.add(rel[pkg]!.entry);
    }
    await log.add(st.vendor({ vendor: 'beta', keys: [['kb', 'full']] }));
    rel['beta/thing'] = release(st, 'beta/thing', '1.0.0', ['kb']);
    await log.add(rel['beta/thing']!.entry);
    proj = project(s, log.log.log.verifierKey, log.log.url, { mode });
  });

  after(async () => {
    await log?.log.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('syncs the log, proving it against its checkpoint', async () => {
    const r = await cli(['sync']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const o = out(r) as { size: number; fetched: number; vendors: number; mode: string; firstUse: boolean };
    assert.equal(o.mode, mode);
    assert.deepEqual([o.size, o.fetched, o.vendors], mode === 'full' ? [6, 6, 2] : [6, 0, 0]);
    assert.equal(o.firstUse, true, 'no checkpoint was stored before: trusted on first use');
    const again = out(await cli(['sync'])) as { fetched: number; firstUse: boolean };
    assert.equal(again.fetched, 0);
    assert.equal(again.firstUse, false);
    // The text says which: a first checkpoint is not "consistent with" anything.
    const text = await runCli(['sync'], { env, cwd: proj });
    assert.equal(text.code, 0, text.stderr);
    assert.doesNotMatch(text.stdout, /trusted on first use/);
    if (mode === 'light') assert.match(text.stdout, /consistent with the checkpoint accepted before/);
    const first = await runCli(['sync'], { env: { ...env, XDG_STATE_HOME: join(work, 'state-first-use') }, cwd: proj });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /trusted on first use/);
    assert.doesNotMatch(first.stdout, /consistent with the checkpoint accepted before/);
  });

  it('verifies genuine archives in one batch (exit 0)', async () => {
    const items = ['acme/widget', 'acme/gadget', 'acme/util'].map((p) => ({ file: archive(rel[p]!), package: p, version: rel[p]!.version }));
    const r = await cli(['verify-archive', '--batch', batch(items)]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(codes(r), ['ok', 'ok', 'ok']);
  });

  it('verifies archives streamed on stdin (--batch -, what the Composer plugin sends), and refuses a stream cut short', async () => {
    const z = Buffer.from(rel['acme/gadget']!.zip);
    z[40]! ^= 0xff;
    const items = [
      { file: archive(rel['acme/widget']!), package: 'acme/widget', version: '1.0.0' },
      { file: archive(rel['acme/gadget']!, 'gadget-streamed-tampered.zip', z), package: 'acme/gadget', version: '1.0.0' },
      { file: archive(rel['beta/thing']!), package: 'beta/thing', version: '1.0.0' },
    ];
    const lines = items.map((i) => JSON.stringify(i) + '\n').join('');
    const stream = (input: string): Promise<CliResult> => runCli(['verify-archive', '--batch', '-', '--json'], { env, cwd: proj, input });
    const r = await stream(lines + '{"end": true}\n');
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.deepEqual(codes(r), ['ok', 'ARCHIVE_DIGEST_MISMATCH', 'ok']);
    assert.deepEqual((out(r) as { results: { file: string }[] }).results.map((x) => x.file), items.map((i) => i.file), 'one result per line, in order, naming its file');

    const genuine = await stream(JSON.stringify(items[0]) + '\n' + JSON.stringify(items[2]) + '\n{"end":true}');
    assert.equal(genuine.code, 0, genuine.stdout + genuine.stderr);
    assert.deepEqual(codes(genuine), ['ok', 'ok']);

    // The sender died before the end line: the batch may be incomplete, so nothing is verified.
    const cut = await stream(lines);
    assert.equal(cut.code, 2, cut.stdout + cut.stderr);
    assert.deepEqual(codes(cut), ['USAGE']);
    assert.match(String((out(cut) as { error: { message: string } }).error.message), /ended without its end line/);
    // A line that is not an archive request is named, and still the whole input is read.
    const bad = await stream(lines + '{"file": "x.zip", "package": 7}\n' + '{"end": true}\n');
    assert.equal(bad.code, 2, bad.stdout + bad.stderr);
    assert.match(String((out(bad) as { error: { message: string } }).error.message), /line 4 of the archive stream is not an archive request/);
  });

  it('catches a tampered archive (ARCHIVE_DIGEST_MISMATCH)', async () => {
    const z = Buffer.from(rel['acme/widget']!.zip);
    z[40]! ^= 0xff;
    const r = await cli(['verify-archive', archive(rel['acme/widget']!, 'tampered.zip', z), '--package', 'acme/widget', '--version', '1.0.0']);
    assert.equal(r.code, 1);
    assert.deepEqual(codes(r), ['ARCHIVE_DIGEST_MISMATCH']);
  });

  it("catches another package's genuine archive under this name (PACKAGE_MISMATCH: mix-and-match)", async () => {
    const r = await cli(['verify-archive', archive(rel['acme/gadget']!), '--package', 'acme/widget', '--version', '1.0.0']);
    assert.equal(r.code, 1);
    assert.deepEqual(codes(r), ['PACKAGE_MISMATCH']);
    assert.match(r.stdout, /acme\/gadget/);
  });

  it('catches a release that is not in the log (RELEASE_NOT_IN_LOG)', async () => {
    const ghost = release(st, 'acme/widget', '9.0.0', ['k1']);
    const r = await cli(['verify-archive', archive(ghost), '--package', 'acme/widget', '--version', '9.0.0']);
    assert.equal(r.code, 1);
    assert.deepEqual(codes(r), ['RELEASE_NOT_IN_LOG']);
  });

  it('verifies composer.lock (shasum and installed files), and catches a wrong shasum and altered files', async () => {
    const lock = (pkgs: Release[], shasum?: string) =>
      writeFileSync(join(proj, 'composer.lock'), JSON.stringify({ packages: pkgs.map((p) => ({ name: p.pkg, version: p.version, dist: { type: 'zip', shasum: shasum ?? p.sha1 } })), 'packages-dev': [] }));
    const w = rel['acme/widget']!;
    for (const f of w.files) {
      mkdirSync(join(proj, 'vendor', w.pkg, f.path, '..'), { recursive: true });
      writeFileSync(join(proj, 'vendor', w.pkg, f.path), f.data);
    }
    lock([w, rel['acme/gadget']!]);
    let r = await cli(['verify']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(codes(r), ['ok', 'ok']);
    // A "path" dist that no path repository of composer.json names: metadata (or an edited lock) pointing
    // a package at local files.
    const withPath = JSON.parse(readFileSync(join(proj, 'composer.lock'), 'utf8')) as { packages: unknown[] };
    withPath.packages.push({ name: 'local/tool', version: 'dev-main', dist: { type: 'path', url: '../tool' } });
    writeFileSync(join(proj, 'composer.lock'), JSON.stringify(withPath));
    r = await cli(['verify']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.deepEqual(codes(r), ['ok', 'ok', 'PATH_DIST_UNDECLARED']);
    // A package from a path repository of the project (a local folder, e.g. the plugin itself) has
    // nothing signed: skipped. A glob allows the folders under its fixed part.
    for (const url of ['../tool', '../*']) {
      writeFileSync(join(proj, 'composer.json'), JSON.stringify({ repositories: [{ type: 'path', url }] }));
      r = await cli(['verify']);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.equal((out(r) as { results: { skipped?: boolean }[] }).results[2]!.skipped, true);
    }
    rmSync(join(proj, 'composer.json'));
    lock([w]);
    r = await cli(['verify', '--installed']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    writeFileSync(join(proj, 'vendor', w.pkg, 'src/Main.php'), '<?php // backdoor\n');
    r = await cli(['verify', '--installed']);
    assert.equal(r.code, 1);
    assert.deepEqual(codes(r), ['INSTALLED_FILES_ALTERED']);
    lock([w], 'a'.repeat(40));
    r = await cli(['verify']);
    assert.deepEqual(codes(r), ['LOCK_SHASUM_MISMATCH']);
    // The right bytes but another commit pinned in the lock.
    writeFileSync(join(proj, 'composer.lock'), JSON.stringify({ packages: [{ name: w.pkg, version: w.version, dist: { type: 'zip', shasum: w.sha1, reference: 'b'.repeat(40) } }] }));
    r = await cli(['verify']);
    assert.deepEqual(codes(r), ['LOCK_SHASUM_MISMATCH']);
    assert.match(r.stdout, /commit b{40}/);
    // On a terminal: a table and a summary.
    const human = await runCli(['verify'], { env, cwd: proj });
    assert.equal(human.code, 1);
    assert.match(human.stderr, /0 verified, 1 failed, 0 skipped/);
  });

  it('catches a revoked release (RELEASE_REVOKED)', async () => {
    await log.add(st.releaseRevoke('acme/util', '2.0.0', ['k1'], 'compromised build'));
    const r = await cli(['verify-archive', archive(rel['acme/util']!), '--package', 'acme/util', '--version', '2.0.0']);
    assert.equal(r.code, 1);
    assert.deepEqual(codes(r), ['RELEASE_REVOKED']);
    assert.match(r.stdout, /compromised build/);
  });

  it('applies the break-glass policy: reject, accept, and a notice period', async () => {
    // The vendor beta lost its key; the core key installs a new one, which signs a release.
    await log.add(st.keyAdd({ vendor: 'beta', key: ['kb2', 'full'], signers: ['core'], seq: 1, breakGlass: { reason: 'vendor lost every key' } }));
    const r2 = release(st, 'beta/thing', '2.0.0', ['kb2']);
    await log.add(r2.entry);
    const args = ['verify-archive', archive(r2), '--package', 'beta/thing', '--version', '2.0.0'];
    let r = await cli(args);
    assert.equal(r.code, 1);
    assert.deepEqual(codes(r), ['BREAK_GLASS_REFUSED']);
    const other = project(s, log.log.log.verifierKey, log.log.url, { mode, breakGlass: 'accept' });
    r = await cli(args, { cwd: other });
    assert.equal(r.code, 0, r.stdout);
    writeConfig(other, s, log.log.log.verifierKey, log.log.url, { mode, breakGlass: { noticeDays: 30 } });
    r = await cli(args, { cwd: other });
    assert.deepEqual(codes(r), ['BREAK_GLASS_REFUSED']);
    assert.match(r.stdout, /notice period/);
  });

  it('explains the chain behind a verdict', async () => {
    const r = await cli(['explain', 'acme/widget', '1.0.0']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const o = out(r) as { verdict: string; release: { index: number; proof: string[] }; key: { id: string } };
    assert.equal(o.verdict, 'VERIFIED');
    assert.equal(o.release.index, 1);
    assert.equal(o.key.id, s.id('k1'));
    const human = await runCli(['explain', 'acme/util', '2.0.0'], { env, cwd: proj });
    assert.equal(human.code, 1);
    assert.match(human.stdout, /REFUSED RELEASE_REVOKED/);
  });

  it('makes a bundle that verifies offline, and refuses an altered one', async () => {
    const b = await runCli(['bundle', 'acme/widget', '1.0.0'], { env, cwd: proj });
    assert.equal(b.code, 0, b.stderr);
    const file = join(work, 'bundle.json');
    writeFileSync(file, b.stdout);
    const ok = await cli(['verify', '--bundle', file, '--offline']);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    const bundle = JSON.parse(b.stdout) as { entries: { entry: string }[] };
    const e = Buffer.from(bundle.entries[1]!.entry, 'base64');
    e[e.length - 5]! ^= 1;
    bundle.entries[1]!.entry = e.toString('base64');
    writeFileSync(file, JSON.stringify(bundle));
    const bad = await cli(['verify', '--bundle', file, '--offline']);
    assert.equal(bad.code, 1);
    assert.equal((out(bad) as { error: { code: string } }).error.code, 'INCLUSION_PROOF_INVALID');
  });

  it('catches a log that rewrote its history (CHECKPOINT_FORK, both checkpoints as evidence)', async () => {
    // An impostor with the log's own key, showing another history of a larger size.
    const fork = await startTestLog(s, { keyFrom: log.dir });
    try {
      await fork.add(st.vendor({ vendor: 'acme', keys: [['evil', 'full']] }));
      for (let i = 0; i < 12; i++) await fork.add(release(st, 'acme/widget', `1.0.${i}`, ['evil']).entry);
      writeConfig(proj, s, log.log.log.verifierKey, fork.log.url, { mode });
      const r = await cli(['sync']);
      assert.equal(r.code, 1, r.stdout);
      const e = (out(r) as { error: { code: string; evidence: { stored: string; served: string } } }).error;
      assert.equal(e.code, 'CHECKPOINT_FORK');
      assert.match(e.evidence.stored, /^signet\.test\/log\n/);
      assert.notEqual(e.evidence.stored, e.evidence.served);
    } finally {
      writeConfig(proj, s, log.log.log.verifierKey, log.log.url, { mode });
      await fork.log.close();
    }
  });

  it('catches a rollback (CHECKPOINT_ROLLBACK)', async () => {
    const short = await startTestLog(s, { keyFrom: log.dir });
    try {
      await short.add(st.vendor({ vendor: 'acme', keys: [['k1', 'full']] }));
      writeConfig(proj, s, log.log.log.verifierKey, short.log.url, { mode });
      const r = await cli(['verify-archive', archive(rel['acme/widget']!), '--package', 'acme/widget', '--version', '1.0.0']);
      assert.equal(r.code, 1);
      assert.deepEqual(codes(r), ['CHECKPOINT_ROLLBACK']);
    } finally {
      writeConfig(proj, s, log.log.log.verifierKey, log.log.url, { mode });
      await short.log.close();
    }
  });

  for (const [what, code, signer] of [
    ['a key revoked before it', 'KEY_REVOKED', 'k1'],
    ['a key of another vendor', 'KEY_UNAUTHORIZED', 'kb'],
  ] as const) {
    it(`catches a release signed by ${what} in a log that admitted it (${code})`, async () => {
      const bad = await startTestLog(s, { malicious: true });
      const state = mkdtempSync(join(tmpdir(), 'signet-vstate-'));
      try {
        await bad.add(st.vendor({ vendor: 'acme', keys: [['k1', 'full'], ['k2', 'full']] }));
        await bad.add(st.vendor({ vendor: 'beta', keys: [['kb', 'full']] }));
        await bad.add(st.keyRevoke({ vendor: 'acme', key: 'k1', signers: ['k2'], seq: 1 }));
        const r1 = release(st, 'acme/widget', '1.0.0', [signer]);
        await bad.add(r1.entry);
        const p = project(s, bad.log.log.verifierKey, bad.log.url, { mode });
        const r = await cli(['verify-archive', archive(r1, 'bad.zip'), '--package', 'acme/widget', '--version', '1.0.0'], { cwd: p, env: { XDG_STATE_HOME: state } });
        assert.equal(r.code, 1, r.stdout);
        const e = (out(r) as { error: { code: string; evidence: { index: number } } }).error;
        assert.equal(e.code, code);
        assert.equal(e.evidence.index, 3);
      } finally {
        await bad.log.close();
        rmSync(state, { recursive: true, force: true });
      }
    });
  }

  it('requires witness cosignatures and refuses a stale (frozen) checkpoint (CHECKPOINT_STALE)', async () => {
    const tiles = mkdtempSync(join(tmpdir(), 'signet-vtiles-'));
    const served = await startTestLog(s, { tilesDir: tiles });
    const w = s.key('witness');
    const wkey = cosignatureVerifierKey('witness.test', w.publicKey);
    try {
      await served.add(st.vendor({ vendor: 'acme', keys: [['k1', 'full']] }));
      await new Promise((r) => setTimeout(r, 300));
      const folder = mkdtempSync(join(tmpdir(), 'signet-vfolder-'));
      cpSync(tiles, folder, { recursive: true });
      const raw = readFileSync(join(folder, 'checkpoint'), 'utf8');
      const cosign = (age: number) => {
        const note = parseNote(raw);
        writeFileSync(join(folder, 'checkpoint'), signNote(note.text, [cosigner('witness.test', w, BigInt(Math.floor(Date.now() / 1000) - age))], note.signatures));
      };
      const site = await serveFolder(folder);
      const state = mkdtempSync(join(tmpdir(), 'signet-vstate-'));
      try {
        const p = project(s, served.log.log.verifierKey, site.url, { mode, witnesses: { keys: [wkey], required: 1 }, maxCheckpointAge: 3600 });
        const run = () => cli(['sync'], { cwd: p, env: { XDG_STATE_HOME: state } });
        let r = await run();
        assert.deepEqual(codes(r), ['COSIGNATURE_MISSING']);
        cosign(7200);
        r = await run();
        assert.deepEqual(codes(r), ['CHECKPOINT_STALE']);
        cosign(60);
        r = await run();
        assert.equal(r.code, 0, r.stdout);
      } finally {
        await site.close();
        rmSync(state, { recursive: true, force: true });
      }
    } finally {
      await served.log.close();
    }
  });

  it('asks the log and its mirrors and requires a quorum to agree (the Herd model), naming the one that disagrees', async () => {
    const mdir = mkdtempSync(join(tmpdir(), 'signet-vmirror-'));
    const mirror = await startMirrorServer({ dataDir: mdir, upstream: log.log.url, key: log.log.log.verifierKey, listen: { host: '127.0.0.1', port: 0 }, intervalMs: 60_000 });
    const fork = await startTestLog(s, { keyFrom: log.dir });
    const state = mkdtempSync(join(tmpdir(), 'signet-vstate-'));
    try {
      const args = ['verify-archive', archive(rel['acme/widget']!), '--package', 'acme/widget', '--version', '1.0.0'];
      const run = (mirrors: string[], quorum: number) => {
        const p = project(s, log.log.log.verifierKey, log.log.url, { mode });
        const cfg = JSON.parse(readFileSync(join(p, 'signet.json'), 'utf8')) as { logs: { mirrors: string[]; quorum?: number }[] };
        cfg.logs[0]!.mirrors = mirrors;
        cfg.logs[0]!.quorum = quorum;
        writeFileSync(join(p, 'signet.json'), JSON.stringify(cfg));
        return cli(args, { cwd: p, env: { XDG_STATE_HOME: state } });
      };
      let r = await run([mirror.url], 2);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      // A "mirror" showing another history under the log's key: a split view, named.
      await fork.add(st.vendor({ vendor: 'acme', keys: [['evil', 'full']] }));
      r = await run([mirror.url, fork.log.url], 2);
      assert.equal(r.code, 1, r.stdout);
      const e = (out(r) as { error: { code: string; message: string; evidence: Record<string, string> } }).error;
      assert.equal(e.code, 'CHECKPOINT_FORK');
      assert.ok(e.message.includes(fork.log.url), e.message);
      assert.equal(Object.keys(e.evidence).length, 2);
      // Too few sources reachable for the quorum: unavailable (exit 3) without a recent local state.
      await mirror.close();
      rmSync(state, { recursive: true, force: true });
      r = await run([mirror.url, 'http://127.0.0.1:9'], 2);
      assert.deepEqual([r.code, codes(r)], [3, ['QUORUM_NOT_MET']]);
    } finally {
      await fork.log.close();
      await mirror.close().catch(() => undefined);
      rmSync(state, { recursive: true, force: true });
      rmSync(mdir, { recursive: true, force: true });
    }
  });

  it('uses the local copy when the log is down, within maxCheckpointAge only', async () => {
    const down = 'http://127.0.0.1:9';
    writeConfig(proj, s, log.log.log.verifierKey, down, { mode });
    try {
      const args = ['verify-archive', archive(rel['acme/widget']!), '--package', 'acme/widget', '--version', '1.0.0'];
      const r = await cli(args);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      writeConfig(proj, s, log.log.log.verifierKey, down, { mode, maxCheckpointAge: 1 });
      await new Promise((r) => setTimeout(r, 1100));
      const stale = await cli(args);
      assert.deepEqual(codes(stale), ['CHECKPOINT_STALE']);
    } finally {
      writeConfig(proj, s, log.log.log.verifierKey, log.log.url, { mode });
    }
  });
});
