/**
 * The vendor's side of the registry: `signet login`, `signet vendor claim`, `signet key add|revoke|list`
 * and `signet policy threshold`. Statements are built and signed here, on the vendor's machine; the
 * registry and the log only check them.
 */
import { Option, type Command } from 'commander';
import { SignetError } from '../../errors.js';
import { collect } from '../options.js';


interface Common {
  registry?: string;
  json?: boolean;
  passphraseFile?: string;
}

export function out(json: boolean | undefined, value: Record<string, unknown>, human: string): void {
  process.stdout.write(json ? JSON.stringify({ ok: true, ...value }) + '\n' : human.endsWith('\n') ? human : human + '\n');
}

async function client(flag: string | undefined) {
  const [{ resolveRegistry }, { RegistryClient }] = await Promise.all([import('../user-config.js'), import('../../client/registry-client.js')]);
  const r = await resolveRegistry(flag);
  return new RegistryClient(r.url, r.token);
}

interface VendorView {
  seq: number;
  threshold: number;
  keys: { id: string; role: string; public: string; from: number; until: number | null; revocation: { reason: string } | null }[];
}

async function vendorView(c: { get(path: string): Promise<unknown> }, vendor: string): Promise<VendorView> {
  const v = (await c.get(`/api/vendors/${encodeURIComponent(vendor)}`)) as VendorView;
  if (typeof v?.seq !== 'number' || !Array.isArray(v.keys)) throw new SignetError('FETCH_FAILED', 'the registry sent an invalid vendor description');
  return v;
}

function accepted(a: unknown): { index: number; size: number } {
  const o = a as { index?: unknown; size?: unknown };
  if (typeof o?.index !== 'number' || typeof o.size !== 'number') throw new SignetError('FETCH_FAILED', 'the registry did not answer with a log index');
  return { index: o.index, size: o.size };
}

const registryOption = (): Option => new Option('--registry <url>', 'the registry (default: SIGNET_REGISTRY, else the one you logged in to)');
const passOption = (): Option => new Option('--passphrase-file <file>', 'read key passphrases from this file (else SIGNET_PASSPHRASE_<KEY ID>, else SIGNET_PASSPHRASE, else a prompt)');

export function registerVendor(program: Command): void {
  program
    .command('login')
    .description(
      'Store an API token for a registry in your config folder (~/.config/signet/credentials.json, mode 0600)\n' +
        'after checking it with the registry. The token comes from --token, else from SIGNET_TOKEN (which keeps it\n' +
        'out of the process list and your shell history), or from standard input (--token -).',
    )
    .requiredOption('--registry <url>', 'the registry URL')
    .option('--token <token>', 'the API token the registry operator gave you ("-" reads it from standard input; default: $SIGNET_TOKEN)')
    .option('--json', 'print the result as JSON')
    .action(async (flags: { registry: string; token?: string; json?: boolean }) => {
      const [{ normalizeRegistryUrl, saveLogin }, { RegistryClient }] = await Promise.all([import('../user-config.js'), import('../../client/registry-client.js')]);
      const url = normalizeRegistryUrl(flags.registry);
      let token = flags.token ?? process.env.SIGNET_TOKEN;
      if (token === undefined || token === '') {
        throw new SignetError('USAGE', 'no API token: give --token TOKEN, set SIGNET_TOKEN, or pipe it with --token -', {
          hint: 'the registry operator creates tokens with `signet registry token create ACCOUNT`',
        });
      }
      if (token === '-') {
        if (process.stdin.isTTY) process.stderr.write('Paste the token, then press Enter and Ctrl-D:\n');
        const chunks: Buffer[] = [];
        for await (const c of process.stdin) chunks.push(c as Buffer);
        token = Buffer.concat(chunks).toString('utf8').trim();
      }
      const who = (await new RegistryClient(url, token).get('/api/whoami', true)) as { account: string; vendors: string[] };
      const path = await saveLogin(url, token, who.account);
      out(flags.json, { registry: url, account: who.account, vendors: who.vendors, file: path }, `Logged in to ${url} as ${who.account} (token stored in ${path})`);
    });

  const vendor = program.command('vendor').description('Vendor namespaces');
  vendor
    .command('claim <vendor>')
    .description(
      'Claim a vendor namespace with your key(s): the statement is signed by every --key (proof of\n' +
        'possession), countersigned by the registry for your account, and logged. The keys get the role "full".',
    )
    .requiredOption('--key <file>', 'an encrypted key file (repeatable: several first keys)', collect, [])
    .option('--threshold <n>', 'full-key signatures needed for later key changes', '1')
    .addOption(registryOption())
    .addOption(passOption())
    .option('--json', 'print the result as JSON')
    .action(async (name: string, flags: Common & { key: string[]; threshold: string }) => {
      const [{ loadSigningKeys }, ledger, { signetKey }] = await Promise.all([import('../signing-key.js'), import('../../ledger/index.js'), import('../../crypto/keys.js')]);
      // Checked before any passphrase is asked: a usage error, not a statement the ledger refuses.
      const threshold = Number(flags.threshold);
      if (!Number.isInteger(threshold) || threshold < 1 || threshold > 32) {
        throw new SignetError('USAGE', '--threshold must be an integer from 1 to 32', { got: flags.threshold });
      }
      if (!ledger.isValidVendorName(name)) {
        throw new SignetError('USAGE', `${JSON.stringify(name)} is not a vendor name`, { expected: 'a Composer vendor name: lowercase letters and digits, with single "-", "_" or "." between them (e.g. acme)', got: name });
      }
      const c = await client(flags.registry);
      const keys = await loadSigningKeys(flags.key, flags.passphraseFile);
      const stmt = ledger.buildVendorStatement({ vendor: name, keys: keys.map((k) => signetKey(k.publicKey, 'full')), threshold });
      const entry = ledger.signStatement(ledger.PAYLOAD_TYPES.vendor, stmt, keys.map(ledger.keySigner));
      const a = accepted(await c.post('/api/vendors', entry.toString('utf8')));
      out(flags.json, { vendor: name, ...a }, `Claimed vendor ${name} at log index ${a.index} (log size ${a.size})`);
    });

  const key = program.command('key').description("A vendor's signing keys");
  key
    .command('add <newkey>')
    .description(
      'Add a key to a vendor. NEWKEY is the new key\'s encrypted key file: it signs too (proof of possession),\n' +
        "with the vendor's threshold of current full keys given by --key.",
    )
    .requiredOption('--vendor <vendor>', 'the vendor')
    .requiredOption('--key <file>', 'a current full key of the vendor (repeat up to the threshold)', collect, [])
    .addOption(new Option('--role <role>', 'the new key\'s role: full, or release (may sign releases only)').choices(['full', 'release']).default('full'))
    .addOption(registryOption())
    .addOption(passOption())
    .option('--json', 'print the result as JSON')
    .action(async (newKeyFile: string, flags: Common & { vendor: string; key: string[]; role: 'full' | 'release' }) => {
      const [{ loadSigningKey, loadSigningKeys }, ledger, { signetKey }] = await Promise.all([import('../signing-key.js'), import('../../ledger/index.js'), import('../../crypto/keys.js')]);
      const c = await client(flags.registry);
      const keys = await loadSigningKeys(flags.key, flags.passphraseFile);
      const newKey = await loadSigningKey(newKeyFile, flags.passphraseFile);
      const v = await vendorView(c, flags.vendor);
      const k = signetKey(newKey.publicKey, flags.role);
      const stmt = ledger.buildKeyAdd({ vendor: flags.vendor, key: k, seq: v.seq });
      const entry = ledger.signStatement(ledger.PAYLOAD_TYPES['key-add'], stmt, [...keys, newKey].map(ledger.keySigner));
      const a = accepted(await c.post(`/api/vendors/${flags.vendor}/keys`, entry.toString('utf8')));
      out(flags.json, { vendor: flags.vendor, keyId: k.id, role: k.role, ...a }, `Added key ${k.id} (${k.role}) to ${flags.vendor} at log index ${a.index}`);
    });

  key
    .command('revoke <keyid>')
    .description("Revoke a vendor's key: signed by the threshold of full keys, or by the revoked key itself")
    .requiredOption('--vendor <vendor>', 'the vendor')
    .requiredOption('--key <file>', 'a signing key (repeatable)', collect, [])
    .requiredOption('--reason <text>', 'why (public, in the log)')
    .addOption(registryOption())
    .addOption(passOption())
    .option('--json', 'print the result as JSON')
    .action(async (keyId: string, flags: Common & { vendor: string; key: string[]; reason: string }) => {
      const [{ loadSigningKeys }, ledger] = await Promise.all([import('../signing-key.js'), import('../../ledger/index.js')]);
      const c = await client(flags.registry);
      const keys = await loadSigningKeys(flags.key, flags.passphraseFile);
      const v = await vendorView(c, flags.vendor);
      const stmt = ledger.buildKeyRevoke({ vendor: flags.vendor, keyId, reason: flags.reason, seq: v.seq });
      const entry = ledger.signStatement(ledger.PAYLOAD_TYPES['key-revoke'], stmt, keys.map(ledger.keySigner));
      const a = accepted(await c.post(`/api/vendors/${flags.vendor}/keys/revoke`, entry.toString('utf8')));
      out(flags.json, { vendor: flags.vendor, keyId, ...a }, `Revoked key ${keyId} of ${flags.vendor} at log index ${a.index}`);
    });

  key
    .command('list <vendor>')
    .description("List a vendor's keys as the log has them: role, the log indexes each was valid in, revocations")
    .addOption(registryOption())
    .option('--json', 'print the vendor description as JSON')
    .action(async (name: string, flags: Common) => {
      const c = await client(flags.registry);
      const v = (await c.get(`/api/vendors/${encodeURIComponent(name)}`)) as VendorView & { history: { index: number; summary: string; breakGlass?: string }[] };
      if (flags.json) {
        process.stdout.write(JSON.stringify(v) + '\n');
        return;
      }
      const lines = [`Vendor ${name}: threshold ${v.threshold}, next seq ${v.seq}`, ''];
      lines.push('KEY ID                                                            ROLE     VALID FROM  STATUS');
      for (const k of v.keys) {
        const status = k.until === null ? 'current' : `revoked at ${k.until}${k.revocation ? `: ${k.revocation.reason}` : ''}`;
        lines.push(`${k.id}  ${k.role.padEnd(7)}  ${String(k.from).padEnd(10)}  ${status}`);
      }
      lines.push('', 'History:');
      for (const h of v.history) lines.push(`  #${h.index}  ${h.summary}${h.breakGlass === undefined ? '' : `  [BREAK-GLASS: ${h.breakGlass}]`}`);
      process.stdout.write(lines.join('\n') + '\n');
    });

  const policy = program.command('policy').description("A vendor's policy");
  policy
    .command('threshold <n>')
    .description('Set how many full-key signatures key changes need; signed by the current threshold of full keys')
    .requiredOption('--vendor <vendor>', 'the vendor')
    .requiredOption('--key <file>', 'a current full key (repeat up to the current threshold)', collect, [])
    .addOption(registryOption())
    .addOption(passOption())
    .option('--json', 'print the result as JSON')
    .action(async (n: string, flags: Common & { vendor: string; key: string[] }) => {
      const [{ loadSigningKeys }, ledger] = await Promise.all([import('../signing-key.js'), import('../../ledger/index.js')]);
      const threshold = Number(n);
      if (!Number.isInteger(threshold) || threshold < 1) throw new SignetError('USAGE', 'the threshold must be a positive integer', { got: n });
      const c = await client(flags.registry);
      const keys = await loadSigningKeys(flags.key, flags.passphraseFile);
      const v = await vendorView(c, flags.vendor);
      const stmt = ledger.buildPolicy({ vendor: flags.vendor, threshold, seq: v.seq });
      const entry = ledger.signStatement(ledger.PAYLOAD_TYPES.policy, stmt, keys.map(ledger.keySigner));
      const a = accepted(await c.post(`/api/vendors/${flags.vendor}/policy`, entry.toString('utf8')));
      out(flags.json, { vendor: flags.vendor, threshold, ...a }, `Set the threshold of ${flags.vendor} to ${threshold} at log index ${a.index}`);
    });
}
