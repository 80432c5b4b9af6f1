/**
 * The `signet` command line as a commander program: its name, description, version and error handling,
 * with the commands a caller registers. The full CLI (main.ts) registers every command; the verifier's
 * fast path (bin.ts) registers only the verification commands, so it loads nothing else.
 */
import { Command, CommanderError } from 'commander';
import { SignetError } from '../errors.js';
import { EXIT, reportError } from './exit.js';

export type Register = (program: Command) => void;

/**
 * A description as commander should wrap it: the sources break long sentences to fit the code, and
 * commander keeps every newline, so a single newline before text joins the lines; a blank line (a new
 * paragraph) and a newline before an indented line (an example) stay.
 */
export function reflow(text: string): string {
  return text.replace(/([^\n])\n(?=[^\s])/g, '$1 ');
}

/**
 * What a command list shows for a command without a summary: its description's first sentence (or up to
 * its first colon), on one line; the whole description stays for the command's own --help.
 */
export function summaryOf(description: string): string {
  const text = reflow(description).split('\n')[0]!.trim();
  // The first "." or ":" that ends a clause: followed by a space or the end, outside parentheses.
  let end = text.length;
  for (let i = 0, depth = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if ((c === '.' || c === ':') && depth === 0 && (i + 1 === text.length || text[i + 1] === ' ')) {
      end = i;
      break;
    }
  }
  const first = text.slice(0, end);
  return first.length <= 100 ? first : first.slice(0, 99).replace(/\s+\S*$/, '') + '…';
}

export function buildProgram(register: Register): Command {
  const program = new Command();
  program
    .name('signet')
    .description(
      'Signed Composer releases, a public transparency log, and the tools to verify both.\n\n' +
        'Exit codes: 0 ok, 1 verification failed, 2 usage or configuration, 3 service unavailable.',
    )
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    // Set before the commands are added, so that every command inherits it.
    .configureHelp({
      commandDescription: (cmd) => reflow(cmd.description()),
      subcommandDescription: (cmd) => cmd.summary() || summaryOf(cmd.description()),
    })
    // Options belong to the command they follow: `release --key F` and `release revoke ... --key F` do not collide.
    .enablePositionalOptions()
    .exitOverride();
  register(program);
  return program;
}

/** Runs the program on `argv` (the arguments after the script) and resolves with the exit code. */
export async function runProgram(argv: string[], register: Register): Promise<number> {
  const program = buildProgram(register);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit through here with code 0; usage errors were already printed (to
      // stderr), and with --json they are also answered on stdout, so that `| jq` in CI sees one.
      if (e.exitCode === 0) return EXIT.OK;
      if (argv.includes('--json')) {
        const message = e.message.replace(/^error: /, '');
        process.stdout.write(JSON.stringify({ ok: false, error: { code: 'USAGE', kind: 'usage', message } }, null, 2) + '\n');
      }
      return EXIT.USAGE;
    }
    return reportError(e, argv.includes('--json'));
  }
}

/**
 * Runs the program on this process's arguments and sets its exit code. A command whose work was lost
 * (a promise nothing will ever settle, e.g. after a worker thread died) would let Node exit with 0 and
 * no output; it fails instead, saying so.
 */
export function start(register: Register): void {
  const argv = process.argv.slice(2);
  let settled = false;
  const stranded = (): void => {
    if (settled) return;
    settled = true;
    process.exitCode = reportError(
      new SignetError('INTERNAL', `${argv[0] === undefined ? 'signet' : `signet ${argv[0]}`} stopped before it finished: the work it waited for was lost`, {
        hint: 'a worker thread or a connection ended without an answer; retry, and report it if it happens again',
      }),
      argv.includes('--json'),
    );
  };
  process.once('beforeExit', stranded);
  // A reader that stops early (`signet verify --json | head -1`) closes the pipe: stop there, quietly,
  // with the status of a Unix tool killed by SIGPIPE (128 + 13), which Node ignores.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      settled = true;
      process.exit(EXIT.BROKEN_PIPE);
    });
  }
  runProgram(argv, register).then(
    (code) => {
      settled = true;
      process.exitCode = code;
    },
    (e: unknown) => {
      settled = true;
      process.exitCode = reportError(e, false);
    },
  );
}
