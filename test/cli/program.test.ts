/**
 * The program wrapper every `signet` command runs in (src/cli/program.ts): exit codes, and a command
 * whose work is lost (nothing left that could settle it) fails instead of exiting 0 in silence.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const PROGRAM = fileURLToPath(new URL('../../src/cli/program.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'signet-program-'));
after(() => rmSync(work, { recursive: true, force: true }));
let n = 0;

/** Runs a tiny CLI with one command `job` whose action is `action` (JavaScript source). */
function runJob(action: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const script = `import { start } from ${JSON.stringify(PROGRAM)};
start((p) => p.command('job').option('--json').action(${action}));`;
  const file = join(work, `cli-${n++}.mjs`);
  writeFileSync(file, script);
  const r = spawnSync(process.execPath, [file, 'job', ...args], { encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the signet program', () => {
  it('exits 0 when the command finishes', () => {
    const r = runJob('async () => { await new Promise((res) => setTimeout(res, 10)); }', []);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
  });

  it('fails with INTERNAL, not a silent 0, when the work a command waits for is lost', () => {
    // A promise nothing can settle: what a lost worker thread's answer looks like to the command.
    const r = runJob('() => new Promise(() => undefined)', []);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /error INTERNAL: signet job stopped before it finished: the work it waited for was lost/);
    const j = runJob('() => new Promise(() => undefined)', ['--json']);
    assert.equal(j.status, 2);
    const out = JSON.parse(j.stdout) as { ok: boolean; error: { code: string } };
    assert.equal(out.ok, false);
    assert.equal(out.error.code, 'INTERNAL');
  });
});
