import type { Command } from 'commander';

export function registerMirror(program: Command): void {
  const mirror = program.command('mirror').description('Serve a verified copy of a log (more readers = more mirrors)');
  mirror
    .command('serve')
    .description(
      'Follow a log and serve a verified copy of it: the same read API (checkpoint with its cosignatures,\n' +
        'tiles, entry bundles), lookups and proofs. Every entry is proven against the signed checkpoint and\n' +
        'replayed through the ledger. If the upstream forks, rolls back or serves anything that does not verify,\n' +
        'the mirror stops following, keeps serving the last verified state, and keeps the evidence in\n' +
        'DIR/stopped.json (GET / says so too).',
    )
    .requiredOption('--upstream <url>', "the log's URL")
    .requiredOption('--key <vkey>', "the log's verifier key (the mirror trusts nothing else)")
    .requiredOption('--data <dir>', 'data folder: the verified copy (SQLite)')
    .option('--listen <host:port>', 'address to listen on', '127.0.0.1:8082')
    .option('--interval <seconds>', 'how often to follow the upstream', '5')
    .option('--registry-key <key>', "a registry key the log trusts for vendor claims (repeatable; default: as the upstream's GET / says)", (v: string, p: string[]) => [...p, v], [] as string[])
    .option('--core-key <key>', "the core break-glass key (default: as the upstream's GET / says)")
    .option('-v, --verbose', 'log every request')
    .action(async (flags: { upstream: string; key: string; data: string; listen: string; interval: string; verbose?: boolean; registryKey: string[]; coreKey?: string }) => {
      const [{ startMirrorServer }, { parseListen }, { runUntilSignal }, { parsePublicKeyArg }] = await Promise.all([
        import('../../log/mirror.js'),
        import('../../log/server.js'),
        import('./log.js'),
        import('../keyarg.js'),
      ]);
      const interval = Number(flags.interval);
      if (!Number.isFinite(interval) || interval < 0.1 || interval > 86_400) {
        const { SignetError } = await import('../../errors.js');
        throw new SignetError('USAGE', '--interval must be a number of seconds from 0.1 to 86400', { got: flags.interval });
      }
      const pinned = flags.registryKey.length > 0 || flags.coreKey !== undefined;
      const ledger = pinned
        ? {
            registryKeys: flags.registryKey.map((k) => parsePublicKeyArg(k, '--registry-key')),
            ...(flags.coreKey === undefined ? {} : { coreKey: parsePublicKeyArg(flags.coreKey, '--core-key') }),
          }
        : undefined;
      const m = await startMirrorServer({
        dataDir: flags.data,
        upstream: flags.upstream,
        key: flags.key,
        listen: parseListen(flags.listen),
        intervalMs: interval * 1000,
        logger: flags.verbose === true,
        ...(ledger === undefined ? {} : { ledger }),
      });
      process.stdout.write(
        `signet mirror of ${m.mirror.origin} serving at ${m.url}\n` +
          `  upstream  ${flags.upstream}\n` +
          `  size      ${m.mirror.size}${m.mirror.stopped ? `\n  STOPPED   ${String(m.mirror.stopped.error.code)}: ${String(m.mirror.stopped.error.message)} (evidence in ${flags.data}/stopped.json)` : ''}\n`,
      );
      await runUntilSignal(() => m.close(), 'signet mirror');
    });
}
