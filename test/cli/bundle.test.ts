/**
 * The `signet` executable (made by `npm run build`): one bundled file (dist/signet.bundle.cjs, loaded by
 * the bin dist/signet.cjs) that runs the verification commands with no server code, and hands every
 * other command to the full CLI.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Metafile } from 'esbuild';
import { buildProgram } from '../../src/cli/program.js';
import { registerVerify } from '../../src/cli/commands/verify.js';
import { registerCommands } from '../../src/cli/commands/index.js';
import { VERIFIER_COMMANDS } from '../../src/cli/verifier-commands.js';
import { BIN, BUNDLED_PACKAGES, METAFILE, OUTFILE, RESOLVED_AT_RUN_TIME, SQLITE_ADDON_LOADER, serverInputs } from '../../scripts/bundle-rules.js';
import { REPO_ROOT } from '../../testkit/vectors.js';
import { CLI } from '../../testkit/cli.js';

function run(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input: '' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the signet executable (dist/signet.cjs)', () => {
  it('is the package bin, executable, and what the CLI tests run', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    assert.equal(join(REPO_ROOT, pkg.bin.signet!), BIN);
    assert.equal(CLI, BIN);
    assert.ok(statSync(BIN).mode & 0o100, 'not executable');
    assert.ok(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n'));
  });

  it('runs exactly the commands registerVerify registers from the bundle', () => {
    const verifier = buildProgram(registerVerify).commands.map((c) => c.name());
    assert.deepEqual([...verifier].sort(), [...VERIFIER_COMMANDS].sort());
    // Each of them is also a command of the full CLI, with the same options.
    const full = new Map(buildProgram(registerCommands).commands.map((c) => [c.name(), c]));
    for (const c of buildProgram(registerVerify).commands) {
      assert.deepEqual(
        c.options.map((o) => o.flags),
        full.get(c.name())?.options.map((o) => o.flags),
        c.name(),
      );
    }
  });

  it("contains no server code: only the verifier and its packages, better-sqlite3's native addon loaded at run time", () => {
    const meta = JSON.parse(readFileSync(METAFILE, 'utf8')) as Metafile;
    assert.deepEqual(serverInputs(meta), []);
    const inputs = Object.keys(meta.inputs);
    for (const f of inputs) {
      const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f)?.[1];
      if (pkg !== undefined) assert.ok(BUNDLED_PACKAGES.includes(pkg), `${f} is bundled`);
      else assert.match(f, /^dist\/src\/(?:cli|client|crypto|ledger|tlog|archive)\/|^dist\/src\/(?:errors|durable-file)\.js$|^dist\/src\/log\/verify-pool\.js$/, f);
    }
    // The full CLI (every command's registration) is not in it: it is loaded for the other commands only.
    assert.ok(!inputs.includes('dist/src/cli/commands/index.js'));
    assert.ok(!inputs.includes('dist/src/cli/main.js'));
    const external = Object.values(meta.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
    for (const p of external) {
      assert.ok(isBuiltin(p) || RESOLVED_AT_RUN_TIME.includes(p) || p === './src/cli/main.js', `the bundle imports ${p}`);
    }
    // better-sqlite3's addon is loaded from its package folder, not found by `bindings` (which would look
    // beside the bundle): the CLI tests, which all run the bundle, open their databases through it.
    assert.ok(inputs.some((f) => SQLITE_ADDON_LOADER.test('/' + f)), 'better-sqlite3/lib/database.js is bundled');
    const text = readFileSync(OUTFILE, 'utf8');
    assert.ok(!text.includes("require('bindings')('better_sqlite3.node')") && !text.includes('require("bindings")("better_sqlite3.node")'), 'bindings is still called');
    assert.match(text, /"build", "Release", "better_sqlite3\.node"/);
  });

  it('answers --version and --help, and hands the other commands to the full CLI', () => {
    const v = run(['--version']);
    assert.equal(v.status, 0, v.stderr);
    assert.equal(v.stdout.trim(), '0.1.0');
    const help = run(['--help']);
    assert.equal(help.status, 0, help.stderr);
    for (const c of ['keygen', 'log', 'verify-archive', 'witness']) assert.match(help.stdout, new RegExp(`^  ${c}\\b`, 'm'), c);
    const keygen = run(['keygen', '--help']);
    assert.equal(keygen.status, 0, keygen.stderr);
    assert.match(keygen.stdout, /^Usage: signet keygen/m);
  });

  it('runs a verification command from the bundle, with the same usage errors as the full CLI', () => {
    const help = run(['verify-archive', '--help']);
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /^Usage: signet verify-archive \[options\] \[file\]/m);
    const bad = run(['verify-archive', '--no-such-option']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown option '--no-such-option'/);
    assert.match(bad.stderr, /run with --help for usage/);
    const usage = run(['verify-archive', '--json']);
    assert.equal(usage.status, 2);
    assert.equal((JSON.parse(usage.stdout) as { error: { code: string } }).error.code, 'USAGE');
  });
});
