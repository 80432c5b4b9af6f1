/**
 * `signet registry serve`: opens the data folder (lock, database, archives, the registry key), connects
 * to its log, replays the log to learn every vendor's keys, settles what a crash left pending, then
 * serves the API and the Composer repository. It keeps following the log every few seconds.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SignetError } from '../errors.js';
import { ed25519NoteVerifier } from '../crypto/note.js';
import { LogClient } from '../client/log-client.js';
import { LedgerFollower } from '../client/follower.js';
import { HttpSource } from '../client/source.js';
import { lockDataDir } from '../log/lock.js';
import { RegistryDb } from './db.js';
import { BlobStore } from './blobs.js';
import { ComposerRepository } from './repository.js';
import { loadOrCreateRegistryKey } from './registry-key.js';
import { RegistryService } from './service.js';
import { VendorHistory } from './reports.js';
import { buildRegistryApp } from './http.js';
import { StaticDir } from './static-dir.js';
export const REGISTRY_DB_FILE = 'registry.db';
export const DEFAULT_MAX_ARCHIVE_BYTES = 32 * 1024 * 1024;
export async function startRegistryServer(opts) {
    mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
    const lock = lockDataDir(opts.dataDir);
    const undo = [() => lock.release()];
    try {
        const key = loadOrCreateRegistryKey(opts.dataDir);
        // Checked before anything else starts: a folder we cannot write is a configuration error.
        const staticDir = opts.staticDir === undefined ? undefined : new StaticDir(opts.staticDir);
        const db = new RegistryDb(join(opts.dataDir, REGISTRY_DB_FILE));
        undo.push(() => db.close());
        // After the HTTP server stopped (the undo runs in reverse): what is still pending is written out.
        if (staticDir !== undefined)
            undo.push(() => staticDir.close());
        const blobs = new BlobStore(join(opts.dataDir, 'archives'));
        const log = new LogClient(opts.logUrl, opts.logKey);
        const info = await log.info().catch((e) => {
            throw new SignetError('FETCH_FAILED', `cannot reach the log at ${opts.logUrl}: ${e.message}`, {
                hint: 'start the log first (signet log serve), or check --log',
                cause: e,
            });
        });
        if (!info.registryKeys.some((k) => k.equals(key.publicKey))) {
            process.stderr.write(`signet registry: warning: the log at ${opts.logUrl} does not trust this registry's key, so it will refuse vendor claims.\n` +
                `  start the log with --registry-key ${key.publicKey.raw.toString('base64')}\n`);
        }
        const history = new VendorHistory();
        let service;
        const follower = new LedgerFollower({
            source: new HttpSource(opts.logUrl),
            verifier: ed25519NoteVerifier(info.verifierKey),
            config: { registryKeys: info.registryKeys, ...(info.coreKey === undefined ? {} : { coreKey: info.coreKey }) },
            onEntry: (index, entry) => {
                history.add(index, entry);
                service?.onLogEntry(entry);
            },
        });
        const listenHost = opts.listen.host.includes(':') ? `[${opts.listen.host}]` : opts.listen.host;
        let publicUrl = (opts.publicUrl ?? `http://${listenHost}:${opts.listen.port}`).replace(/\/+$/, '');
        const repo = new ComposerRepository(db, () => publicUrl);
        service = new RegistryService({ db, blobs, log, follower, repo, key, ...(opts.zipLimits === undefined ? {} : { zipLimits: opts.zipLimits }) });
        const settled = await service.reconcile();
        if (settled.published + settled.dropped > 0) {
            process.stderr.write(`signet registry: settled ${settled.published + settled.dropped} pending submission(s): ${settled.published} in the log, ${settled.dropped} dropped\n`);
        }
        const registryKeyB64 = key.publicKey.raw.toString('base64');
        const app = buildRegistryApp({
            db,
            blobs,
            repo,
            service,
            follower,
            history,
            maxArchiveBytes: opts.maxArchiveBytes ?? DEFAULT_MAX_ARCHIVE_BYTES,
            logger: opts.logger ?? false,
            wellKnown: () => ({
                version: 1,
                registry: { url: publicUrl, key: registryKeyB64, keyId: key.keyId },
                log: { url: opts.logUrl, origin: info.origin, verifierKey: info.verifierKey },
                ledger: {
                    registryKeys: info.registryKeys.map((k) => k.raw.toString('base64')),
                    coreKey: info.coreKey === undefined ? null : info.coreKey.raw.toString('base64'),
                },
            }),
        });
        try {
            await app.listen({ host: opts.listen.host, port: opts.listen.port });
        }
        catch (e) {
            throw new SignetError('USAGE', `cannot listen on ${opts.listen.host}:${opts.listen.port}: ${e.message}`, { cause: e });
        }
        undo.push(() => app.close());
        const addr = app.server.address();
        const port = typeof addr === 'object' && addr !== null ? addr.port : opts.listen.port;
        const url = `http://${listenHost}:${port}`;
        if (opts.publicUrl === undefined) {
            publicUrl = url;
            repo.rebuildAll();
        }
        if (staticDir !== undefined) {
            // The whole repository once (what differs from the folder), then every change as it happens. This
            // runs in the same task as the listen's completion, so no request can slip in between.
            const docs = new Map([['packages.json', repo.packagesDocument().body]]);
            for (const pkg of db.packages()) {
                const d = repo.p2Document(pkg);
                if (d !== undefined)
                    docs.set(`p2/${pkg}.json`, d.body);
            }
            repo.onChange = (path, d) => staticDir.update(path, d?.body);
            staticDir.replaceAll(docs);
        }
        const timer = setInterval(() => {
            follower.sync().catch((e) => process.stderr.write(`signet registry: following the log failed: ${e.message}\n`));
        }, opts.followIntervalMs ?? 5000);
        timer.unref();
        undo.push(() => clearInterval(timer));
        return {
            url,
            app,
            db,
            service,
            follower,
            registryKey: registryKeyB64,
            ...(staticDir === undefined ? {} : { staticDir }),
            close: async () => {
                for (const u of undo.reverse())
                    await Promise.resolve(u()).catch(() => undefined);
            },
        };
    }
    catch (e) {
        for (const u of undo.reverse())
            await Promise.resolve(u()).catch(() => undefined);
        throw e;
    }
}
//# sourceMappingURL=server.js.map