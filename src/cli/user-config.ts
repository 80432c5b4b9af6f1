/**
 * The user's registry logins: `$XDG_CONFIG_HOME/signet/credentials.json` (default
 * `~/.config/signet/credentials.json`), mode 0600 in a 0700 folder. Holds API tokens, so it is never
 * printed; `signet login` writes it, every registry command reads it.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { SignetError } from '../errors.js';
import { writeFileAtomic } from '../client/atomic-write.js';

export interface Credentials {
  /** The registry used when --registry is not given. */
  readonly default?: string;
  readonly registries: Readonly<Record<string, { readonly token: string; readonly account: string }>>;
}

export function configDir(): string {
  const xdg = process.env.XDG_CONFIG_HOME;
  return join(xdg !== undefined && xdg.startsWith('/') ? xdg : join(homedir(), '.config'), 'signet');
}

export function credentialsPath(): string {
  return join(configDir(), 'credentials.json');
}

export function normalizeRegistryUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new SignetError('USAGE', `${JSON.stringify(url)} is not a URL`, { expected: 'e.g. https://registry.example.com', got: url });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new SignetError('USAGE', `the registry URL must be http(s)`, { got: url });
  }
  return u.toString().replace(/\/+$/, '');
}

export async function readCredentials(): Promise<Credentials> {
  let text: string;
  try {
    text = await readFile(credentialsPath(), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { registries: {} };
    throw new SignetError('USAGE', `cannot read ${credentialsPath()}: ${(e as Error).message}`, { cause: e });
  }
  try {
    const o = JSON.parse(text) as Credentials;
    if (typeof o !== 'object' || o === null || typeof o.registries !== 'object' || o.registries === null) throw new Error('no "registries" object');
    return o;
  } catch (e) {
    throw new SignetError('USAGE', `${credentialsPath()} is not a valid credentials file: ${(e as Error).message}`, {
      hint: 'remove it and run `signet login` again',
      cause: e,
    });
  }
}

export async function saveLogin(registry: string, token: string, account: string): Promise<string> {
  const c = await readCredentials();
  const next: Credentials = { default: registry, registries: { ...c.registries, [registry]: { token, account } } };
  await mkdir(configDir(), { recursive: true, mode: 0o700 });
  await writeFileAtomic(credentialsPath(), JSON.stringify(next, null, 2) + '\n', { mode: 0o600, overwrite: true });
  return credentialsPath();
}

/** The registry to talk to (--registry, else SIGNET_REGISTRY, else the default login) and its token if logged in. */
export async function resolveRegistry(flag: string | undefined): Promise<{ url: string; token?: string }> {
  const c = await readCredentials();
  const raw = flag ?? process.env.SIGNET_REGISTRY ?? c.default;
  if (raw === undefined) {
    throw new SignetError('USAGE', 'no registry given', {
      hint: 'pass --registry URL, set SIGNET_REGISTRY, or run `signet login --registry URL --token TOKEN` once',
    });
  }
  const url = normalizeRegistryUrl(raw);
  const envToken = process.env.SIGNET_TOKEN;
  const token = envToken !== undefined && envToken !== '' ? envToken : c.registries[url]?.token;
  return token === undefined ? { url } : { url, token };
}
