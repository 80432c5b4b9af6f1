import type { Command } from 'commander';
import { SignetError } from '../../errors.js';

export interface RegistryServeFlags {
  data: string;
  listen: string;
  log: string;
  logKey?: string;
  publicUrl?: string;
  maxArchiveSize?: string;
  staticDir?: string;
  verbose?: boolean;
}

function parseSize(v: string): number {
  const m = /^([0-9]+)\s*(k|m|g|kib|mib|gib)?$/i.exec(v.trim());
  if (m === null) throw new SignetError('USAGE', '--max-archive-size must be a size like 32M', { got: v });
  const mult = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] ?? '').slice(0, 1).toLowerCase()] ?? 1;
  return Number(m[1]) * mult;
}

export async function startRegistryFromFlags(flags: RegistryServeFlags) {
  // A malformed URL is the operator's typo (exit 2), not a log that cannot be reached (exit 3).
  let logUrl: URL | undefined;
  try {
    logUrl = new URL(flags.log);
  } catch {
    logUrl = undefined;
  }
  if (logUrl === undefined || (logUrl.protocol !== 'http:' && logUrl.protocol !== 'https:')) {
    throw new SignetError('USAGE', `--log must be the log's http(s) URL`, { got: flags.log, hint: 'e.g. --log http://127.0.0.1:8081' });
  }
  const [{ startRegistryServer }, { parseListen }] = await Promise.all([import('../../registry/server.js'), import('../../log/server.js')]);
  return startRegistryServer({
    dataDir: flags.data,
    listen: parseListen(flags.listen),
    logUrl: flags.log,
    ...(flags.logKey === undefined ? {} : { logKey: flags.logKey }),
    ...(flags.publicUrl === undefined ? {} : { publicUrl: flags.publicUrl }),
    ...(flags.maxArchiveSize === undefined ? {} : { maxArchiveBytes: parseSize(flags.maxArchiveSize) }),
    ...(flags.staticDir === undefined ? {} : { staticDir: flags.staticDir }),
    logger: flags.verbose === true,
  });
}

export function registerRegistry(program: Command): void {
  const registry = program.command('registry').description('Run the registry (the Packagist role) and manage its accounts');

  registry
    .command('serve')
    .description(
      'Run the registry: accounts and API tokens, vendor claims (countersigned with the registry key), key\n' +
        'changes, signed releases with their archives, and the Composer repository (packages.json, p2\n' +
        'metadata, dist archives). Every statement goes to the log; nothing is accepted before the log has it.\n' +
        'The first run creates the registry key in --data; the log must trust it (signet log serve --registry-key).',
    )
    .requiredOption('--data <dir>', 'data folder: the registry key, the SQLite database, the archives')
    .requiredOption('--log <url>', "the log's URL")
    .option('--log-key <vkey>', "pin the log's verifier key (default: learnt from the log at start-up)")
    .option('--listen <host:port>', 'address to listen on', '127.0.0.1:8080')
    .option('--public-url <url>', 'the URL users reach this registry at (used in dist URLs); default: the listen address')
    .option('--max-archive-size <size>', 'largest archive accepted, e.g. 32M', '32M')
    .option(
      '--static-dir <dir>',
      'also write packages.json and p2/<vendor>/<name>.json into this folder (atomically, whenever they ' +
        'change) for nginx or a CDN to serve; dist archives stay with the registry (docs/OPERATIONS.md)',
    )
    .option('-v, --verbose', 'log every request')
    .action(async (flags: RegistryServeFlags) => {
      const { runUntilSignal } = await import('./log.js');
      const r = await startRegistryFromFlags(flags);
      process.stdout.write(
        `signet registry serving at ${r.url}\n` +
          `  composer repository  ${r.url}/packages.json\n` +
          `  discovery            ${r.url}/.well-known/signet\n` +
          (flags.staticDir === undefined ? '' : `  static metadata      ${flags.staticDir}\n`) +
          `  registry key         ${r.registryKey}\n` +
          `  log                  ${flags.log}\n`,
      );
      await runUntilSignal(() => r.close(), 'signet registry');
    });

  registry
    .command('key')
    .description("Print the registry's public key (to give the log with --registry-key); creates it on first use")
    .requiredOption('--data <dir>', 'the registry data folder')
    .option('--json', 'print {key, keyId} as JSON')
    .action(async (flags: { data: string; json?: boolean }) => {
      const { loadOrCreateRegistryKey } = await import('../../registry/registry-key.js');
      const k = loadOrCreateRegistryKey(flags.data);
      const b64 = k.publicKey.raw.toString('base64');
      process.stdout.write(flags.json ? JSON.stringify({ key: b64, keyId: k.keyId }) + '\n' : b64 + '\n');
    });

  const token = registry.command('token').description('API tokens of registry accounts');
  token
    .command('create <account>')
    .description(
      'Create the account if needed and a new API token for it. The token is printed once; the registry\n' +
        'stores only its hash. Give it to the account owner for `signet login`.',
    )
    .requiredOption('--data <dir>', 'the registry data folder')
    .option('--json', 'print {account, tokenId, token} as JSON')
    .action(async (account: string, flags: { data: string; json?: boolean }) => {
      const [{ RegistryDb }, { REGISTRY_DB_FILE }, { join }, { existsSync, mkdirSync }] = await Promise.all([
        import('../../registry/db.js'),
        import('../../registry/server.js'),
        import('node:path'),
        import('node:fs'),
      ]);
      mkdirSync(flags.data, { recursive: true, mode: 0o700 });
      const dbFile = join(flags.data, REGISTRY_DB_FILE);
      if (!existsSync(dbFile)) {
        // Allowed (tokens can be made before the first start), but a mistyped --data would otherwise
        // give a token the running registry never accepts, without a word.
        process.stderr.write(`signet: note: ${flags.data} held no registry yet; a new registry database was created there. If your registry runs with another --data, this token will not work with it.\n`);
      }
      const db = new RegistryDb(dbFile);
      try {
        const t = db.createToken(account);
        if (flags.json) process.stdout.write(JSON.stringify(t) + '\n');
        else
          process.stdout.write(
            `Created a token for account ${t.account} (id ${t.tokenId}). It is shown only this once:\n\n  ${t.token}\n\n` +
              `Sign in with: signet login --registry URL --token <token>\n`,
          );
      } finally {
        db.close();
      }
    });
  token
    .command('list')
    .description("List API tokens: id, account and creation time (a token's secret is never stored, so never shown)")
    .requiredOption('--data <dir>', 'the registry data folder')
    .option('--account <name>', 'only the tokens of this account')
    .option('--json', 'print [{tokenId, account, created}] as JSON')
    .action(async (flags: { data: string; account?: string; json?: boolean }) => {
      const db = await openExistingDb(flags.data);
      try {
        const tokens = db.listTokens(flags.account);
        if (flags.json) process.stdout.write(JSON.stringify(tokens) + '\n');
        else if (tokens.length === 0) process.stdout.write(flags.account === undefined ? 'No tokens.\n' : `No tokens for account ${flags.account}.\n`);
        else process.stdout.write(tokens.map((t) => `${t.tokenId}  ${t.created}  ${t.account}`).join('\n') + '\n');
      } finally {
        db.close();
      }
    });
  token
    .command('revoke <token-id>')
    .description('Revoke an API token by its id (`signet registry token list` shows the ids)')
    .requiredOption('--data <dir>', 'the registry data folder')
    .option('--json', 'print {revoked: tokenId} as JSON')
    .action(async (tokenId: string, flags: { data: string; json?: boolean }) => {
      const db = await openExistingDb(flags.data);
      try {
        if (!db.revokeToken(tokenId)) throw new SignetError('USAGE', `no token with id ${tokenId}`, { hint: `\`signet registry token list --data ${flags.data}\` shows the tokens` });
        process.stdout.write(flags.json ? JSON.stringify({ revoked: tokenId }) + '\n' : `Revoked token ${tokenId}\n`);
      } finally {
        db.close();
      }
    });
}

/** The registry database in `dir`, which must exist: listing or revoking must not create an empty registry. */
async function openExistingDb(dir: string) {
  const [{ RegistryDb }, { REGISTRY_DB_FILE }, { join }, { existsSync }] = await Promise.all([
    import('../../registry/db.js'),
    import('../../registry/server.js'),
    import('node:path'),
    import('node:fs'),
  ]);
  const file = join(dir, REGISTRY_DB_FILE);
  if (!existsSync(file)) {
    throw new SignetError('USAGE', `${dir} holds no registry (no ${REGISTRY_DB_FILE})`, { hint: 'give the --data folder your registry runs with' });
  }
  return new RegistryDb(file);
}
