/**
 * The program wrapper every `signet` command runs in (src/cli/program.ts): exit codes, a command whose
 * work is lost (nothing left that could settle it) fails instead of exiting 0 in silence, a closed
 * output pipe stops it quietly, and help text is wrapped as paragraphs.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { buildProgram, reflow, summaryOf } from '../../src/cli/program.js';
import { registerCommands } from '../../src/cli/commands/index.js';

const PROGRAM = fileURLToPath(new URL('../../src/cli/program.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'signet-program-'));
after(() => rmSync(work, { recursive: true, force: true }));
let n = 0;

/** Runs a tiny CLI with one command `job` whose action is `action` (JavaScript source). */
function jobScript(action: string): string {
  const script = `import { start } from ${JSON.stringify(PROGRAM)};
start((p) => p.command('job').option('--json').action(${action}));`;
  const file = join(work, `cli-${n++}.mjs`);
  writeFileSync(file, script);
  return file;
}

function runJob(action: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [jobScript(action), 'job', ...args], { encoding: 'utf8', timeout: 20_000 });
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

describe('a closed output pipe', () => {
  it('stops the command with 141 and no stack trace, as SIGPIPE stops a Unix tool', async () => {
    // 64 MiB in all, far more than a pipe holds: the writes outlast the reader.
    const file = jobScript("async () => { for (let i = 0; i < 1024; i++) { process.stdout.write('x'.repeat(65535) + '\\n'); await new Promise((r) => setImmediate(r)); } }");
    const child = spawn(process.execPath, [file, 'job'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const status = await new Promise<number | null>((res) => child.on('close', (code) => res(code)));
    assert.equal(status, 141);
    assert.equal(stderr, '');
  });
});

describe('help text', () => {
  it('reflow joins the lines of a paragraph and keeps blank lines and indented examples', () => {
    assert.equal(reflow('one\ntwo.\n\nThree\n  example --flag\nfour'), 'one two.\n\nThree\n  example --flag four');
    assert.equal(reflow('a,\n(b)'), 'a, (b)');
  });

  it('lists each command by its first clause (a "." or ":" outside parentheses), on one line', () => {
    assert.equal(summaryOf('Sign and publish VERSION (default: the\ncurrent folder). Checks that the tree is clean.'), 'Sign and publish VERSION (default: the current folder)');
    assert.equal(summaryOf('Run a C2SP tlog-witness: cosign checkpoints'), 'Run a C2SP tlog-witness');
    assert.equal(summaryOf('v1.2.0 is a tag. Done'), 'v1.2.0 is a tag');
    assert.ok(summaryOf('word '.repeat(40)).length <= 100);
    // Every top-level command's line fits: no summary longer than 100 characters.
    for (const c of buildProgram(registerCommands).commands) assert.ok((c.summary() || summaryOf(c.description())).length <= 100, c.name());
  });

  it("wraps every command's description as paragraphs: no line ends before the next word would have fitted", () => {
    const width = 80;
    const all = (c: Command): Command[] => [c, ...c.commands.flatMap(all)];
    const commands = all(buildProgram(registerCommands));
    assert.ok(commands.length > 30, `${commands.length} commands`);
    for (const c of commands) {
      c.configureOutput({ ...c.configureOutput(), getOutHelpWidth: () => width });
      const lines = c.helpInformation().split('\n');
      // The description: from the line after the usage's blank line to the next section heading.
      const end = lines.findIndex((l, i) => i > 1 && /^(?:Arguments|Options|Commands):$/.test(l));
      const text = lines.slice(2, end < 0 ? lines.length : end);
      for (let i = 0; i + 1 < text.length; i++) {
        const line = text[i]!;
        const next = text[i + 1]!;
        // An indented line (an example) that does not fit is wrapped onto an unindented one.
        assert.ok(!(/^\s/.test(line) && next !== '' && !/^\s/.test(next)), `signet ${c.name()} --help: the example "${line.trim()}" is wider than ${width} columns`);
        if (line === '' || next === '' || /^\s/.test(next)) continue;
        const word = next.split(' ')[0]!;
        assert.ok(line.length + 1 + word.length > width, `signet ${c.name()} --help: "${line}" ends before "${word}", which fits`);
      }
    }
  });
});
