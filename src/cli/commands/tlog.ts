import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { SignetError } from '../../errors.js';
import { EXIT } from '../exit.js';
import { collect } from '../options.js';

interface TlogVerifyFlags {
  key: string;
  since?: string;
  witness: string[];
  witnessThreshold?: string;
  json?: boolean;
  quiet?: boolean;
}


export function registerTlog(program: Command): void {
  const tlog = program.command('tlog').description('Work with any transparency log in the C2SP tlog-tiles layout');

  tlog
    .command('verify')
    .description(
      'Audit a whole log: the checkpoint signature, every entry against its leaf hash, every hash tile,\n' +
        'the root, and optionally consistency with an older checkpoint and witness cosignatures.\n' +
        'Works on any C2SP tlog-tiles log (Signet, Tessera, ...). Memory stays constant whatever the size.',
    )
    .argument('<source>', 'the log: a URL prefix (https://log.example/) or a folder holding checkpoint and tile/')
    .requiredOption('--key <vkey>', "the log's verifier key (name+hash+base64, as Go's sumdb/note)")
    .option('--since <file>', 'an older checkpoint (signed note) that the current one must extend: catches rollbacks and forks')
    .option('--witness <vkey>', 'a witness verifier key whose cosignature is required (repeatable)', collect, [])
    .option('--witness-threshold <n>', 'how many of the --witness keys must have cosigned (default: all)')
    .option('--json', 'print one JSON object on stdout (for CI)')
    .option('-q, --quiet', 'no progress on stderr')
    .addHelpText(
      'after',
      '\nExit codes: 0 the log verified; 1 it did not (the error code says what failed: CHECKPOINT_SIGNATURE_INVALID,\n' +
        'CHECKPOINT_NOT_SIGNED, ROOT_MISMATCH, ENTRY_ALTERED, TILE_ALTERED, BUNDLE_TRUNCATED, CHECKPOINT_FORK,\n' +
        'CHECKPOINT_ROLLBACK, COSIGNATURE_MISSING, ...); 2 usage; 3 the log could not be read.\n\n' +
        'Example:\n  signet tlog verify ./log --key example.com/log+33d7b496+AeHT... --since ./checkpoint.old',
    )
    .action(async (where: string, flags: TlogVerifyFlags) => {
      const [{ auditLog, checkpointText }, { openLogSource }, { progressReporter }] = await Promise.all([
        import('../../tlog/audit.js'),
        import('../../client/source.js'),
        import('../progress.js'),
      ]);
      let threshold: number | undefined;
      if (flags.witnessThreshold !== undefined) {
        threshold = Number(flags.witnessThreshold);
        if (!Number.isInteger(threshold) || threshold < 0) {
          throw new SignetError('USAGE', `--witness-threshold must be a non-negative integer`, { got: flags.witnessThreshold });
        }
      }
      let since: string | undefined;
      if (flags.since !== undefined) {
        const bytes = await readFile(flags.since).catch((e: unknown) => {
          throw new SignetError('USAGE', `cannot read --since ${flags.since}: ${(e as Error).message}`, { cause: e });
        });
        since = checkpointText(bytes, `older checkpoint (--since ${flags.since})`);
      }
      const source = await openLogSource(where);
      const progress = progressReporter('tlog verify', 'entries', !flags.quiet);
      const started = performance.now();
      try {
        const report = await auditLog(source, {
          logKey: flags.key,
          ...(since === undefined ? {} : { since }),
          witnesses: flags.witness,
          ...(threshold === undefined ? {} : { witnessThreshold: threshold }),
          onProgress: progress.update,
        });
        progress.done();
        const seconds = (performance.now() - started) / 1000;
        if (flags.json) {
          process.stdout.write(JSON.stringify({ ok: true, ...report, seconds: Number(seconds.toFixed(3)) }, null, 2) + '\n');
        } else {
          const lines = [
            `verified ${report.origin} at size ${report.size.toLocaleString('en')}`,
            `  root          ${report.root}`,
            `  entries       ${report.entriesVerified.toLocaleString('en')} in ${report.bundlesVerified.toLocaleString('en')} bundle(s), each hashed to its leaf`,
            `  hash tiles    ${report.tilesVerified.toLocaleString('en')} checked against the entries`,
          ];
          if (report.since) {
            lines.push(`  since         size ${report.since.size} is ${report.since.relation === 'same' ? 'the same tree' : 'a prefix of this tree'} (no fork, no rollback)`);
          }
          for (const c of report.cosignatures) {
            lines.push(`  cosigned by   ${c.name} at ${new Date(c.timestamp * 1000).toISOString()}`);
          }
          lines.push(`  time          ${seconds.toFixed(2)} s`);
          process.stdout.write(lines.join('\n') + '\n');
        }
        process.exitCode = EXIT.OK;
      } finally {
        progress.done();
      }
    });
}
