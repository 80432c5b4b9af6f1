/** A log and a registry on 127.0.0.1 in this process (wired as `signet serve` does), for registry tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLogServer, type RunningLog } from '../src/log/server.js';
import { createLedgerAdmission } from '../src/log/ledger-admission.js';
import { loadOrCreateRegistryKey } from '../src/registry/registry-key.js';
import { startRegistryServer, type RegistryServerOptions, type RunningRegistry } from '../src/registry/server.js';
import { RegistryDb } from '../src/registry/db.js';
import type { Ed25519PublicKey } from '../src/crypto/ed25519.js';

export interface Stack {
  readonly root: string;
  readonly logDir: string;
  readonly registryDir: string;
  log: RunningLog;
  registry: RunningRegistry;
  /** Stops the registry and starts it again on the same data (and port). */
  restartRegistry(): Promise<void>;
  /** A token for a (new) account, made as `signet registry token create` does. */
  token(account: string): string;
  close(): Promise<void>;
}

export async function startStack(opts: Partial<Pick<RegistryServerOptions, 'maxArchiveBytes' | 'zipLimits'>> & { coreKey?: Ed25519PublicKey } = {}): Promise<Stack> {
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
  const start = (port: number): Promise<RunningRegistry> =>
    startRegistryServer({ dataDir: registryDir, listen: { host: '127.0.0.1', port }, logUrl: log.url, followIntervalMs: 500, ...registryOpts });
  const stack: Stack = {
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
    token(account: string) {
      const db = new RegistryDb(join(registryDir, 'registry.db'));
      try {
        return db.createToken(account).token;
      } finally {
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
export async function api(base: string, path: string, token: string | undefined, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export function errorCode(body: Record<string, unknown>): unknown {
  return (body.error as { code?: unknown } | undefined)?.code;
}
