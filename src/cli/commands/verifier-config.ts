/**
 * The verifier's trust configuration from the command line: `signet init --registry URL` writes a
 * starter config from the registry's `/.well-known/signet` after showing what it is about to trust;
 * `signet status` shows the trusted logs, where the config came from, and the stored checkpoints.
 * (docs/VERIFY.md "Configuration" and "State".)
 */
import { Option, type Command } from 'commander';
import { SignetError, isSignetError } from '../../errors.js';

interface InitOptions {
  registry: string;
  out?: string;
  user?: boolean;
  force?: boolean;
  json?: boolean;
}

interface StatusOptions {
  config?: string;
  json?: boolean;
}

/** Discovery documents are small; anything bigger is refused unread. */
const MAX_DISCOVERY_BYTES = 64 * 1024;

export function registerVerifierConfig(program: Command): void {
  program
    .command('init')
    .summary("write a starter verifier configuration from a registry's /.well-known/signet")
    .description(
      "Fetch the registry's discovery document (GET URL/.well-known/signet), show the fingerprints of the log " +
        'key, the registry key and the core key it names, and write a starter trust configuration: ./signet.json ' +
        '(or --out FILE, or with --user the user config $XDG_CONFIG_HOME/signet/config.json).\n\n' +
        'The starter policy: mode light, break-glass reject, checkpoints at most 86400 s old, no witnesses, ' +
        'no attestation requirements. Compare the fingerprints with ones the operators publish elsewhere: the ' +
        'discovery document is only as trustworthy as the connection it came over. See docs/VERIFY.md.',
    )
    .requiredOption('--registry <url>', 'the registry URL, e.g. https://registry.example')
    .addOption(new Option('-o, --out <file>', 'where to write the config (default ./signet.json)').conflicts('user'))
    .addOption(new Option('--user', 'write the user config ($XDG_CONFIG_HOME/signet/config.json) instead').conflicts('out'))
    .option('--force', 'overwrite an existing config file')
    .option('--json', 'print the result as JSON')
    .action(async (opts: InitOptions) => {
      await runInit(opts);
    });

  program
    .command('status')
    .summary('show the trusted logs, where the configuration came from, and the stored checkpoints')
    .description(
      'Show the trust configuration in effect here (its files, most specific first), the trusted logs ' +
        '(origin, URL, verifier key), and per log the last checkpoint the verifier accepted: size, root, ' +
        'how long ago it was saved, and its file in the state folder ($XDG_STATE_HOME/signet).\n\n' +
        'Exits 1 when a stored checkpoint does not verify under the configured log key.',
    )
    .option('--config <file>', 'use only this config file (signet.json format, or a composer.json with extra.signet)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: StatusOptions) => {
      await runStatus(opts);
    });
}

// ---------------------------------------------------------------------------------------------------
// signet init

interface Discovery {
  readonly registry: { readonly url: string; readonly key: string; readonly keyId?: string };
  readonly log: { readonly url: string; readonly origin: string; readonly verifierKey: string };
  readonly ledger: { readonly registryKeys: readonly string[]; readonly coreKey: string | null };
}

function badDiscovery(url: string, what: string, got: unknown): SignetError {
  const s = JSON.stringify(got) ?? String(got);
  return new SignetError('FETCH_FAILED', `${url} is not a Signet discovery document: ${what}`, {
    expected: 'version 1 with registry {url, key}, log {url, origin, verifierKey}, ledger {registryKeys, coreKey} (docs/API.md "Discovery")',
    got: s.length > 120 ? s.slice(0, 120) + '…' : s,
    hint: 'check the registry URL; the registry may be of another version',
  });
}

function parseDiscovery(url: string, json: unknown): Discovery {
  const obj = (v: unknown, what: string): Record<string, unknown> => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw badDiscovery(url, `${what} is not an object`, v);
    return v as Record<string, unknown>;
  };
  const str = (v: unknown, what: string): string => {
    if (typeof v !== 'string' || v === '') throw badDiscovery(url, `${what} is not a string`, v);
    return v;
  };
  const o = obj(json, 'the document');
  if (o.version !== 1) throw badDiscovery(url, 'unsupported version', o.version);
  const registry = obj(o.registry, 'registry');
  const log = obj(o.log, 'log');
  const ledger = obj(o.ledger, 'ledger');
  if (!Array.isArray(ledger.registryKeys)) throw badDiscovery(url, 'ledger.registryKeys is not an array', ledger.registryKeys);
  const coreKey = ledger.coreKey === null || ledger.coreKey === undefined ? null : str(ledger.coreKey, 'ledger.coreKey');
  return {
    registry: {
      url: str(registry.url, 'registry.url'),
      key: str(registry.key, 'registry.key'),
      ...(registry.keyId === undefined ? {} : { keyId: str(registry.keyId, 'registry.keyId') }),
    },
    log: { url: str(log.url, 'log.url'), origin: str(log.origin, 'log.origin'), verifierKey: str(log.verifierKey, 'log.verifierKey') },
    ledger: { registryKeys: ledger.registryKeys.map((k, i) => str(k, `ledger.registryKeys[${i}]`)), coreKey },
  };
}

async function runInit(opts: InitOptions): Promise<void> {
  const [{ normalizeRegistryUrl }, { requestJson }, config, { keyIdOf }, { decodeCanonicalBase64 }, { writeFileAtomic }, fs, path] = await Promise.all([
    import('../user-config.js'),
    import('../../client/http-json.js'),
    import('../../client/config.js'),
    import('../../crypto/keys.js'),
    import('../../crypto/base64.js'),
    import('../../client/atomic-write.js'),
    import('node:fs/promises'),
    import('node:path'),
  ]);
  const target = opts.user ? config.userConfigPath() : path.resolve(opts.out ?? config.PROJECT_CONFIG_FILE);
  const exists = (): Promise<boolean> => fs.lstat(target).then(() => true, () => false);
  if (!opts.force && (await exists())) throw configExists(target);

  const registryUrl = normalizeRegistryUrl(opts.registry);
  const discoveryUrl = `${registryUrl}/.well-known/signet`;
  const d = parseDiscovery(discoveryUrl, await requestJson(discoveryUrl, { maxBytes: MAX_DISCOVERY_BYTES, timeoutMs: 30_000 }));

  const fingerprint = (b64: string): string => {
    const raw = decodeCanonicalBase64(b64);
    if (raw === undefined || raw.length !== 32) throw badDiscovery(discoveryUrl, 'a key is not the base64 of 32 bytes', b64);
    return keyIdOf(raw);
  };
  const registryKeyId = fingerprint(d.registry.key);
  if (d.registry.keyId !== undefined && d.registry.keyId !== registryKeyId) {
    throw new SignetError('KEY_INVALID', `${discoveryUrl}: registry.keyId is not the SHA-256 of registry.key`, {
      expected: registryKeyId,
      got: d.registry.keyId,
      attack: 'a key presented under another key\'s ID',
    });
  }
  const starter = {
    logs: [{ origin: d.log.origin, verifierKey: d.log.verifierKey, url: d.log.url, mirrors: [] }],
    witnesses: { keys: [], required: 0 },
    registry: { url: registryUrl, key: d.registry.key },
    registryKeys: d.ledger.registryKeys,
    coreKey: d.ledger.coreKey,
    breakGlass: 'reject',
    mode: 'light',
    maxCheckpointAge: config.DEFAULT_MAX_CHECKPOINT_AGE_SECONDS,
    attestations: { require: [], voteAgainst: 'ignore' },
    skip: [],
  };
  // The same checks as every load: the verifier key parses, its name is the origin, keys are 32 bytes.
  config.parseTrustConfig(starter, discoveryUrl);

  const warnings: string[] = [];
  if (new URL(registryUrl).protocol !== 'https:') {
    warnings.push(`${registryUrl} is not https: these fingerprints came over an unauthenticated connection`);
  }
  if (!d.ledger.registryKeys.includes(d.registry.key)) {
    warnings.push("the registry's key is not among the keys the log trusts for vendor claims (registryKeys)");
  }
  const trust = {
    log: { origin: d.log.origin, url: d.log.url, verifierKey: d.log.verifierKey, keyHash: config.verifierKeyHash(d.log.verifierKey) },
    registry: { url: registryUrl, key: d.registry.key, fingerprint: registryKeyId },
    registryKeys: d.ledger.registryKeys.map((k) => ({ key: k, fingerprint: fingerprint(k) })),
    coreKey: d.ledger.coreKey === null ? null : { key: d.ledger.coreKey, fingerprint: fingerprint(d.ledger.coreKey) },
  };

  if (opts.user) await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  const written = await writeFileAtomic(target, JSON.stringify(starter, null, 2) + '\n', { mode: 0o644, overwrite: opts.force === true });
  if (!written) throw configExists(target);

  if (opts.json) {
    process.stdout.write(JSON.stringify({ ok: true, file: target, trust, warnings, config: starter }, null, 2) + '\n');
    return;
  }
  const lines = [
    `Trusting what ${discoveryUrl} names:`,
    `  log            ${trust.log.origin} at ${trust.log.url}`,
    `  verifier key   ${trust.log.verifierKey}`,
    `  key hash       ${trust.log.keyHash}`,
    `  registry key   ${trust.registry.fingerprint} (SHA-256 of the key)`,
    `  keys the log trusts for vendor claims: ${trust.registryKeys.map((k) => k.fingerprint).join(', ')}`,
    `  core key       ${trust.coreKey === null ? 'none (the log accepts no break-glass entries)' : trust.coreKey.fingerprint}`,
    ...warnings.map((w) => `warning: ${w}`),
    `Wrote ${target} (mode light, break-glass reject, checkpoints at most ${config.DEFAULT_MAX_CHECKPOINT_AGE_SECONDS} s old, no witnesses yet).`,
    'Compare these fingerprints with the ones the operators publish elsewhere before relying on them;',
    `if they differ, delete ${target}. Next: add witnesses ("witnesses": {"keys": [...], "required": N}),`,
    'then run `signet sync`. Until then nothing dates the log\'s checkpoints: the age limit cannot be',
    'enforced, and a log serving the same old checkpoint for ever would go unnoticed.',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

function configExists(path: string): SignetError {
  return new SignetError('USAGE', `refusing to overwrite the existing config ${path}`, {
    expected: 'a path where no file exists',
    got: 'an existing file',
    hint: 'edit it, choose another path with --out, or pass --force to replace it',
  });
}

// ---------------------------------------------------------------------------------------------------
// signet status

/** "12 seconds", "5 minutes", "3 hours", "2 days" (rounded down; "0 seconds" for the future). */
export function humanDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const unit = (n: number, u: string): string => `${n} ${u}${n === 1 ? '' : 's'}`;
  if (s < 120) return unit(s, 'second');
  if (s < 2 * 3600) return unit(Math.floor(s / 60), 'minute');
  if (s < 2 * 86400) return unit(Math.floor(s / 3600), 'hour');
  return unit(Math.floor(s / 86400), 'day');
}

interface CheckpointView {
  file: string;
  savedAt: string;
  ageSeconds: number;
  size?: number;
  root?: string;
  error?: { code: string; message: string };
}

async function runStatus(opts: StatusOptions): Promise<void> {
  const [config, { CheckpointStore }, { ed25519NoteVerifier }, { openCheckpoint }] = await Promise.all([
    import('../../client/config.js'),
    import('../../client/state.js'),
    import('../../crypto/note.js'),
    import('../../tlog/audit.js'),
  ]);
  const c = await config.loadTrustConfig({ projectDir: process.cwd(), ...(opts.config === undefined ? {} : { configFile: opts.config }) });
  const store = new CheckpointStore();
  const now = Date.now();
  let failed = false;
  const logs = [];
  for (const log of c.logs) {
    const stored = await store.read(log.origin).catch((e: unknown) => {
      if (isSignetError(e)) return { error: e };
      throw e;
    });
    let checkpoint: CheckpointView | null = null;
    const file = store.checkpointPath(log.origin);
    if (stored !== undefined && 'error' in stored) {
      failed = true;
      checkpoint = { file, savedAt: '', ageSeconds: 0, error: { code: stored.error.code, message: stored.error.message } };
    } else if (stored !== undefined) {
      const view: CheckpointView = { file, savedAt: stored.savedAt.toISOString(), ageSeconds: Math.max(0, Math.floor((now - stored.savedAt.getTime()) / 1000)) };
      try {
        const { checkpoint: cp } = openCheckpoint(stored.raw, ed25519NoteVerifier(log.verifierKey), 'stored checkpoint');
        if (cp.origin !== log.origin) {
          throw new SignetError('CHECKPOINT_ORIGIN_MISMATCH', `the stored checkpoint is of ${cp.origin}`, { expected: log.origin, got: cp.origin });
        }
        view.size = cp.size;
        view.root = cp.root.toString('base64');
      } catch (e) {
        if (!isSignetError(e)) throw e;
        failed = true;
        view.error = { code: e.code, message: e.message };
      }
      checkpoint = view;
    }
    logs.push({ origin: log.origin, url: log.url, mirrors: log.mirrors, verifierKey: log.verifierKey, checkpoint });
  }
  if (failed) process.exitCode = 1;
  const policy = {
    mode: c.mode,
    witnesses: { keys: c.witnesses.keys.length, required: c.witnesses.required },
    maxCheckpointAgeSeconds: c.maxCheckpointAgeSeconds,
    breakGlass: c.breakGlass,
    attestations: c.attestations,
    skip: c.skip,
  };
  if (opts.json) {
    process.stdout.write(
      JSON.stringify({ ok: !failed, sources: c.sources, shadowed: c.shadowed ?? [], stateDir: store.dir, policy, logs }, null, 2) + '\n',
    );
    return;
  }
  const bg = c.breakGlass.policy === 'notice' ? `accept after ${c.breakGlass.noticeDays} days' notice` : c.breakGlass.policy;
  const lines = [
    `Configuration: ${c.sources.join(', ')}${c.sources.length > 1 ? ' (most specific first)' : ''}`,
    ...(c.shadowed ?? []).map((f) => `  not read: extra.signet in ${f} (signet.json takes its place)`),
    `Policy: mode ${c.mode}; witnesses ${c.witnesses.required} of ${c.witnesses.keys.length}; checkpoints at most ${humanDuration(c.maxCheckpointAgeSeconds)} old; break-glass ${bg}`,
    ...(c.skip.length > 0 ? [`Not verified (skip): ${c.skip.join(', ')}`] : []),
    `State: ${store.dir}`,
  ];
  for (const l of logs) {
    lines.push('', `Log ${l.origin}`, `  url          ${l.url}`, ...l.mirrors.map((m) => `  mirror       ${m}`), `  verifier key ${l.verifierKey}`);
    const cp = l.checkpoint;
    if (cp === null) {
      lines.push('  checkpoint   none yet: run signet sync');
    } else if (cp.error !== undefined && cp.size === undefined) {
      lines.push(`  checkpoint   INVALID (${cp.error.code}): ${cp.error.message}`, `  file         ${cp.file}`);
    } else {
      lines.push(`  checkpoint   size ${cp.size ?? '?'}, root ${cp.root ?? '?'}`, `  saved        ${humanDuration(cp.ageSeconds)} ago (${cp.savedAt})`, `  file         ${cp.file}`);
    }
  }
  process.stdout.write(lines.join('\n') + '\n');
}
