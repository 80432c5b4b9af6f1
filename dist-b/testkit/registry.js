/** A log and a registry on 127.0.0.1 in this process (wired as `signet serve` does), for registry tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLogServer } from '../src/log/server.js';
import { createLedgerAdmission } from '../src/log/ledger-admission.js';
import { loadOrCreateRegistryKey } from '../src/registry/registry-key.js';
import { startRegistryServer } from '../src/registry/server.js';
import { RegistryDb } from '../src/registry/db.js';
export async function startStack(opts = {}) {
    const root = mkdtempSync(join(tmpdir(), 'signet-stack-'));
    const logDir = join(root, 'log');
    const registryDir = join(root, 'registry');
    const key = loadOrCreateRegistryKey(registryDir);
    const { coreKey, ...registryOpts } = opts;
    const { admission, lookupKeys } = createLedgerAdmission({ registryKeys: [key.publicKey], ...(coreKey === undefined ? {} : { coreKey }) });
    const log = await startLogServer({
        dataDir: logDir,
        listen: { host: '127.0.0.1', port: 0 },
        origin: 'signet.test/log',
        admission,
        lookupKeys,
        verifyThreads: 0,
        info: { ledger: { registryKeys: [key.publicKey.raw.toString('base64')], coreKey: coreKey === undefined ? null : coreKey.raw.toString('base64') } },
    });
    const start = (port) => startRegistryServer({ dataDir: registryDir, listen: { host: '127.0.0.1', port }, logUrl: log.url, followIntervalMs: 500, ...registryOpts });
    const stack = {
        root,
        logDir,
        registryDir,
        log,
        registry: await start(0),
        async restartRegistry() {
            const port = Number(new URL(stack.registry.url).port);
            await stack.registry.close();
            stack.registry = await start(port);
        },
        token(account) {
            const db = new RegistryDb(join(registryDir, 'registry.db'));
            try {
                return db.createToken(account).token;
            }
            finally {
                db.close();
            }
        },
        async close() {
            await stack.registry.close();
            await stack.log.close();
            rmSync(root, { recursive: true, force: true });
        },
    };
    return stack;
}
/** POSTs JSON to the registry with a token; returns the status and the parsed body. */
export async function api(base, path, token, body) {
    const res = await fetch(base + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
        body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) };
}
export function errorCode(body) {
    return body.error?.code;
}
//# sourceMappingURL=registry.js.map