/**
 * Wiring for `signet log serve`: the data folder (log key + SQLite database), the log, the optional
 * tiles folder, and the HTTP API.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { SignetError } from '../errors.js';
import { WitnessClient, type WitnessTarget } from './witness-client.js';
import type { Admission } from './admission.js';
import { type LookupKeys, buildLogApp } from './http.js';
import { TransparencyLog } from './log.js';
import { loadOrCreateLogKey } from './logkey.js';
import { SqliteLogStore } from './sqlite-store.js';
import { lockDataDir } from './lock.js';
import { TilesDirWriter } from './tilesdir.js';
import { VerifyPool } from './verify-pool.js';
import { BACKEND_ENV, chooseEd25519Backend } from '../crypto/ed25519-bulk.js';

export const LOG_DB_FILE = 'log.db';

export interface Listen {
  readonly host: string;
  readonly port: number;
}

/** Parses HOST:PORT (IPv6 hosts in brackets: [::1]:8080). */
export function parseListen(value: string): Listen {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+)):([0-9]{1,5})$/.exec(value);
  const port = m === null ? NaN : Number(m[3]);
  if (m === null || port > 65535) {
    throw new SignetError('USAGE', `--listen must be HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:8080`, { got: value });
  }
  return { host: m[1] ?? m[2]!, port };
}

export interface LogServerOptions {
  readonly dataDir: string;
  readonly listen: Listen;
  readonly origin?: string;
  readonly admission: Admission;
  readonly lookupKeys: LookupKeys;
  readonly tilesDir?: string;
  readonly logger?: boolean;
  readonly maxBatch?: number;
  /** Worker threads that check signatures before admission; 0 checks them on the main thread. Default: one per core. */
  readonly verifyThreads?: number;
  readonly clock?: () => Date;
  /** Witnesses to send each new checkpoint to (C2SP tlog-witness); their cosignatures are published. */
  readonly witnesses?: readonly WitnessTarget[];
  /** Cosignatures needed before a checkpoint is published (default 0). */
  readonly witnessMin?: number;
  /** Extra public fields for `GET /` (see HttpOptions.info). */
  readonly info?: Readonly<Record<string, unknown>>;
}

export interface RunningLog {
  readonly url: string;
  readonly log: TransparencyLog;
  /** Where submissions' signatures are checked, for the start-up message: "libsodium on 2 threads". */
  readonly signatureChecks: string;
  /** Why the signature checks fell back to node:crypto, when they did (the operator should know). */
  readonly signatureChecksNote: string | undefined;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

export async function startLogServer(opts: LogServerOptions): Promise<RunningLog> {
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const lock = lockDataDir(opts.dataDir);
  // Undo what was set up so far, in reverse order, when a later step fails.
  const undo: (() => Promise<void> | void)[] = [() => lock.release()];
  const fail = async (e: unknown): Promise<never> => {
    for (const u of undo.reverse()) await Promise.resolve(u()).catch(() => undefined);
    throw e;
  };
  try {
    const key = loadOrCreateLogKey(opts.dataDir, opts.origin, `signet.localhost/log-${randomBytes(4).toString('hex')}`);
    const store = new SqliteLogStore(join(opts.dataDir, LOG_DB_FILE), { writerThread: true });
    undo.push(() => store.close());
    const threads = opts.verifyThreads ?? cpus().length;
    // The log's ingest rate is bound by these checks: libsodium's are ~2.4x faster than OpenSSL 3.0's
    // here, with the same verdicts (src/crypto/ed25519-bulk.ts). The setting is judged whatever the
    // thread count, so that a wrong SIGNET_ED25519 fails at start.
    const ed25519 = chooseEd25519Backend(process.env[BACKEND_ENV], 'libsodium');
    const pool = threads > 0 ? new VerifyPool(threads, { backend: ed25519.backend }) : undefined;
    if (pool) undo.push(() => pool.close());
    let tiles: TilesDirWriter | undefined;
    const witnesses =
      opts.witnesses === undefined || opts.witnesses.length === 0
        ? undefined
        : new WitnessClient(opts.witnesses, {
            ...(opts.witnessMin === undefined ? {} : { min: opts.witnessMin }),
            onProblem: (w, problem) => process.stderr.write(`signet log: witness ${w}: ${problem}\n`),
          });
    const log = await TransparencyLog.open({
      store,
      key,
      admission: opts.admission,
      ...(pool === undefined ? {} : { verifyPool: pool }),
      ...(opts.clock === undefined ? {} : { clock: opts.clock }),
      ...(opts.maxBatch === undefined ? {} : { maxBatch: opts.maxBatch }),
      onPublish: (size: number) => tiles?.notify(size),
      ...(witnesses === undefined ? {} : { cosign: (note: string, size: number, proofFrom: (old: number) => Uint8Array[]) => witnesses.cosign(note, size, proofFrom) }),
    });
    if (opts.tilesDir !== undefined) {
      tiles = new TilesDirWriter(opts.tilesDir, log, store);
      await tiles.start();
    }
    const app = buildLogApp({ log, lookupKeys: opts.lookupKeys, logger: opts.logger ?? false, ...(opts.info === undefined ? {} : { info: opts.info }) });
    try {
      await app.listen({ host: opts.listen.host, port: opts.listen.port });
    } catch (e) {
      throw new SignetError('USAGE', `cannot listen on ${opts.listen.host}:${opts.listen.port}: ${(e as Error).message}`, { cause: e });
    }
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr !== null ? addr.port : opts.listen.port;
    const host = opts.listen.host.includes(':') ? `[${opts.listen.host}]` : opts.listen.host;
    return {
      url: `http://${host}:${port}`,
      log,
      signatureChecks: pool === undefined ? 'node:crypto on the main thread' : `${pool.backend === 'libsodium' ? 'libsodium' : 'node:crypto (OpenSSL)'} on ${threads} thread${threads === 1 ? '' : 's'}`,
      signatureChecksNote: pool === undefined ? undefined : ed25519.note,
      app,
      async close() {
        await app.close();
        await log.drain();
        if (tiles) await tiles.sync().catch(() => undefined);
        await log.close();
        await pool?.close();
        lock.release();
      },
    };
  } catch (e) {
    return fail(e);
  }
}
