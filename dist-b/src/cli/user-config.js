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
export function configDir() {
    const xdg = process.env.XDG_CONFIG_HOME;
    return join(xdg !== undefined && xdg.startsWith('/') ? xdg : join(homedir(), '.config'), 'signet');
}
export function credentialsPath() {
    return join(configDir(), 'credentials.json');
}
export function normalizeRegistryUrl(url) {
    let u;
    try {
        u = new URL(url);
    }
    catch {
        throw new SignetError('USAGE', `${JSON.stringify(url)} is not a URL`, { expected: 'e.g. https://registry.example.com', got: url });
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') {
        throw new SignetError('USAGE', `the registry URL must be http(s)`, { got: url });
    }
    return u.toString().replace(/\/+$/, '');
}
export async function readCredentials() {
    let text;
    try {
        text = await readFile(credentialsPath(), 'utf8');
    }
    catch (e) {
        if (e.code === 'ENOENT')
            return { registries: {} };
        throw new SignetError('USAGE', `cannot read ${credentialsPath()}: ${e.message}`, { cause: e });
    }
    try {
        const o = JSON.parse(text);
        if (typeof o !== 'object' || o === null || typeof o.registries !== 'object' || o.registries === null)
            throw new Error('no "registries" object');
        return o;
    }
    catch (e) {
        throw new SignetError('USAGE', `${credentialsPath()} is not a valid credentials file: ${e.message}`, {
            hint: 'remove it and run `signet login` again',
            cause: e,
        });
    }
}
export async function saveLogin(registry, token, account) {
    const c = await readCredentials();
    const next = { default: registry, registries: { ...c.registries, [registry]: { token, account } } };
    await mkdir(configDir(), { recursive: true, mode: 0o700 });
    await writeFileAtomic(credentialsPath(), JSON.stringify(next, null, 2) + '\n', { mode: 0o600, overwrite: true });
    return credentialsPath();
}
/** The registry to talk to (--registry, else SIGNET_REGISTRY, else the default login) and its token if logged in. */
export async function resolveRegistry(flag) {
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
//# sourceMappingURL=user-config.js.map