import type { Command } from 'commander';
import { SignetError } from '../../errors.js';
import { collect } from '../options.js';


export interface LogServeFlags {
  data: string;
  listen: string;
  origin?: string;
  registryKey: string[];
  coreKey?: string;
  tilesDir?: string;
  verifyThreads?: string;
  verbose?: boolean;
  witness?: string[];
  witnessMin?: string;
}

/** Starts the log with the ledger's admission rules; resolves once it listens. */
export async function startLogFromFlags(flags: LogServeFlags) {
  const [{ startLogServer, parseListen }, { createLedgerAdmission }, { parsePublicKeyArg }, { parseWitnessArg }] = await Promise.all([
    import('../../log/server.js'),
    import('../../log/ledger-admission.js'),
    import('../keyarg.js'),
    import('../../log/witness-client.js'),
  ]);
  const witnesses = (flags.witness ?? []).map(parseWitnessArg);
  const registryKeys = flags.registryKey.map((k) => parsePublicKeyArg(k, '--registry-key'));
  const coreKey = flags.coreKey === undefined ? undefined : parsePublicKeyArg(flags.coreKey, '--core-key');
  const { admission, lookupKeys } = createLedgerAdmission({ registryKeys, ...(coreKey === undefined ? {} : { coreKey }) });
  if (flags.witnessMin !== undefined) {
    const min = Number(flags.witnessMin);
    // Checked here too: without --witness there is no witness client to check it, and it would be ignored.
    if (!Number.isInteger(min) || min < 0 || min > witnesses.length) {
      throw new SignetError('USAGE', `--witness-min ${flags.witnessMin} with ${witnesses.length} --witness`, {
        expected: `an integer from 0 to ${witnesses.length} (the number of --witness given)`,
        got: flags.witnessMin,
        hint: witnesses.length === 0 ? 'give the witnesses with --witness URL=KEY' : undefined,
      });
    }
  }
  return startLogServer({
    dataDir: flags.data,
    listen: parseListen(flags.listen),
    ...(flags.origin === undefined ? {} : { origin: flags.origin }),
    ...(flags.tilesDir === undefined ? {} : { tilesDir: flags.tilesDir }),
    admission,
    lookupKeys,
    logger: flags.verbose === true,
    ...(witnesses.length === 0 ? {} : { witnesses }),
    ...(flags.witnessMin === undefined ? {} : { witnessMin: Number(flags.witnessMin) }),
    // The ledger's trust roots are public: registries and verifiers replaying the log need them.
    info: { ledger: { registryKeys: registryKeys.map((k) => k.raw.toString('base64')), coreKey: coreKey === undefined ? null : coreKey.raw.toString('base64') } },
    ...(flags.verifyThreads === undefined ? {} : { verifyThreads: parseThreads(flags.verifyThreads) }),
  });
}

function parseThreads(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 64) {
    throw new SignetError('USAGE', '--verify-threads must be an integer from 0 to 64', { got: v });
  }
  return n;
}

/** Keeps a server running until SIGINT/SIGTERM, then closes it cleanly (queued entries are settled first). */
export async function runUntilSignal(close: () => Promise<void>, label: string): Promise<void> {
  await new Promise<void>((resolve) => {
    const stop = (sig: string): void => {
      process.stderr.write(`${label}: ${sig}, closing\n`);
      close().then(resolve, (e: unknown) => {
        process.stderr.write(`${label}: error while closing: ${(e as Error).message}\n`);
        resolve();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

export function registerLog(program: Command): void {
  const log = program.command('log').description('Run the transparency log (the Chronicle role)');

  log
    .command('serve')
    .description(
      'Run the transparency log: POST /add checks each signed statement against the ledger rules, stores it\n' +
        'durably, and answers with its index, a signed checkpoint and an inclusion proof. Serves the C2SP\n' +
        'tlog-tiles read path, lookups and proofs (docs/API.md). The first run creates the log key in --data.',
    )
    .requiredOption('--data <dir>', 'data folder: the log key and the SQLite database')
    .option('--listen <host:port>', 'address to listen on', '127.0.0.1:8080')
    .option('--origin <name>', "the log's origin (checkpoint first line and key name); fixed at the first run")
    .option('--registry-key <key>', 'a registry namespace-authority public key trusted to vouch for vendor claims (repeatable)', collect, [])
    .option('--core-key <key>', 'the core break-glass public key; without it no break-glass statement is accepted')
    .option('--tiles-dir <dir>', 'also write the immutable tiles, bundles and checkpoint as files, for nginx or a CDN')
    .option('--verify-threads <n>', 'worker threads checking signatures (0: on the main thread; default: one per core)')
    .option('--witness <url=key>', 'a witness (C2SP tlog-witness) to send each new checkpoint to; its cosignature is published with it (repeatable)', collect, [])
    .option('--witness-min <n>', 'cosignatures a checkpoint needs before it is published (default 0: a witness that is down never stops the log)')
    .option('-v, --verbose', 'log every request')
    .addHelpText('after', '\nKeys are base64 of the 32-byte Ed25519 public key, a verifier key (name+hash+base64), or a Signet key JSON.')
    .action(async (flags: LogServeFlags) => {
      const running = await startLogFromFlags(flags);
      process.stdout.write(
        `signet log serving ${running.log.origin} at ${running.url}\n` +
          `  verifier key  ${running.log.verifierKey}\n` +
          `  size          ${running.log.size}\n` +
          `  signatures    ${running.signatureChecks}\n` +
          (flags.tilesDir ? `  tiles folder  ${flags.tilesDir}\n` : ''),
      );
      if (running.signatureChecksNote !== undefined) process.stderr.write(`signet log: ${running.signatureChecksNote}\n`);
      await runUntilSignal(() => running.close(), 'signet log');
    });

  log
    .command('key')
    .description("Print the log's verifier key (to configure clients, witnesses and `signet tlog verify --key`)")
    .requiredOption('--data <dir>', 'the log data folder')
    .option('--json', 'print {origin, verifierKey} as JSON')
    .action(async (flags: { data: string; json?: boolean }) => {
      const { readLogKey } = await import('../../log/logkey.js');
      const key = readLogKey(flags.data);
      if (flags.json) process.stdout.write(JSON.stringify({ origin: key.origin, verifierKey: key.verifierKey }) + '\n');
      else process.stdout.write(key.verifierKey + '\n');
    });
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description(
      'Run the all-in-one local installation: the registry (Composer repository and API) and its transparency\n' +
        'log, data under ./signet-data, listening on 127.0.0.1. Prints the URLs, the keys, and how to get a token.',
    )
    .option('--data <dir>', 'data folder', './signet-data')
    .option('--listen <host:port>', 'address of the registry', '127.0.0.1:8080')
    .option('--log-listen <host:port>', 'address of the log', '127.0.0.1:8081')
    .option('--registry-key <key>', 'another registry public key the log trusts for vendor claims (repeatable)', collect, [])
    .option('--core-key <key>', 'the core break-glass public key')
    .option('--json', 'print the URLs and keys as one JSON line once running')
    .action(async (flags: { data: string; listen: string; logListen: string; registryKey: string[]; coreKey?: string; json?: boolean }) => {
      const [{ join, resolve }, { loadOrCreateRegistryKey }, { startRegistryFromFlags }] = await Promise.all([
        import('node:path'),
        import('../../registry/registry-key.js'),
        import('./registry.js'),
      ]);
      for (const [flag, v] of [['--listen', flags.listen], ['--log-listen', flags.logListen]] as const) {
        if (!v.startsWith('127.') && !v.startsWith('[::1]') && !v.startsWith('localhost:')) {
          throw new SignetError('USAGE', `\`signet serve\` is the local installation and listens on loopback only (${flag})`, {
            got: v,
            hint: 'use `signet log serve` and `signet registry serve` to run public services',
          });
        }
      }
      const registryKey = loadOrCreateRegistryKey(join(flags.data, 'registry'));
      const log = await startLogFromFlags({
        data: join(flags.data, 'log'),
        listen: flags.logListen,
        registryKey: [registryKey.publicKey.raw.toString('base64'), ...flags.registryKey],
        ...(flags.coreKey === undefined ? {} : { coreKey: flags.coreKey }),
        tilesDir: join(flags.data, 'log-tiles'),
      });
      if (log.signatureChecksNote !== undefined) process.stderr.write(`signet serve: ${log.signatureChecksNote}\n`);
      let registry;
      try {
        registry = await startRegistryFromFlags({ data: join(flags.data, 'registry'), listen: flags.listen, log: log.url, logKey: log.log.verifierKey });
      } catch (e) {
        await log.close();
        throw e;
      }
      const dataDir = resolve(flags.data);
      if (flags.json) {
        process.stdout.write(
          JSON.stringify({ registry: registry.url, log: log.url, logOrigin: log.log.origin, logVerifierKey: log.log.verifierKey, registryKey: registry.registryKey, data: dataDir }) + '\n',
        );
      } else {
        process.stdout.write(
          `Signet is running (data in ${dataDir})\n` +
            `  registry         ${registry.url}/   (Composer repository: ${registry.url}/packages.json)\n` +
            `  discovery        ${registry.url}/.well-known/signet\n` +
            `  log              ${log.url}/   (checkpoint: ${log.url}/checkpoint)\n` +
            `  log verifier key ${log.log.verifierKey}\n` +
            `  registry key     ${registry.registryKey}\n` +
            `Create an account token:  signet registry token create ACCOUNT --data ${join(flags.data, 'registry')}\n` +
            `Audit the log:            signet tlog verify ${log.url} --key ${log.log.verifierKey}\n` +
            `Press Ctrl-C to stop.\n`,
        );
      }
      await runUntilSignal(async () => {
        await registry.close();
        await log.close();
      }, 'signet serve');
    });
}
