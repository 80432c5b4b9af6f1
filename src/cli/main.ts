#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { EXIT, reportError } from './exit.js';
import { registerCommands } from './commands/index.js';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('signet')
    .description(
      'Signed Composer releases, a public transparency log, and the tools to verify both.\n' +
        'Exit codes: 0 ok, 1 verification failed, 2 usage or configuration, 3 service unavailable.',
    )
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    // Options belong to the command they follow: `release --key F` and `release revoke ... --key F` do not collide.
    .enablePositionalOptions()
    .exitOverride();
  registerCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit through here with code 0; usage errors were already printed.
      return e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    return reportError(e, argv.includes('--json'));
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.exitCode = reportError(e, false);
  },
);
