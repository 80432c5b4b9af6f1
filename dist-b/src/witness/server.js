/**
 * Wiring for `signet witness serve`: the data folder (lock, cosigning key, state database), the
 * trusted logs, and the HTTP interface.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SignetError } from '../errors.js';
import { lockDataDir } from '../log/lock.js';
import { buildWitnessApp } from './http.js';
import { WITNESS_KEY_FILE, loadOrCreateWitnessKey } from './key.js';
import { WitnessStore } from './state.js';
export const WITNESS_DB_FILE = 'witness.db';
export const WITNESS_LOCK_FILE = 'witness.lock';
export async function startWitnessServer(opts) {
    if (opts.logs.size === 0) {
        throw new SignetError('USAGE', 'a witness needs at least one log to witness', { hint: 'give --log KEY (repeatable) or --log-file FILE' });
    }
    mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
    const lock = lockDataDir(opts.dataDir, WITNESS_LOCK_FILE);
    let store;
    try {
        const dbPath = join(opts.dataDir, WITNESS_DB_FILE);
        if (existsSync(join(opts.dataDir, WITNESS_KEY_FILE)) && !existsSync(dbPath)) {
            // Without its state, the key would cosign from scratch: a fork of what it cosigned before included.
            throw new SignetError('USAGE', `${dbPath} is missing but the witness key is there: this witness has lost what it cosigned`, {
                expected: `${WITNESS_DB_FILE} beside ${WITNESS_KEY_FILE}`,
                hint: 'restore the database (the latest copy: an older one is unsafe too, see docs/WITNESS.md), or start a new witness with a new key in an empty folder',
            });
        }
        // The state first, then the key: a first run that stops in between must not leave a key without state.
        store = WitnessStore.open(dbPath);
        const key = loadOrCreateWitnessKey(opts.dataDir, opts.name, `signet.localhost/witness-${randomBytes(4).toString('hex')}`);
        const ctx = { key, logs: opts.logs, store, clock: opts.clock ?? (() => new Date()) };
        const app = buildWitnessApp({ ctx, logger: opts.logger ?? false });
        try {
            await app.listen({ host: opts.listen.host, port: opts.listen.port });
        }
        catch (e) {
            await app.close().catch(() => undefined);
            throw new SignetError('USAGE', `cannot listen on ${opts.listen.host}:${opts.listen.port}: ${e.message}`, { cause: e });
        }
        const addr = app.server.address();
        const port = typeof addr === 'object' && addr !== null ? addr.port : opts.listen.port;
        const host = opts.listen.host.includes(':') ? `[${opts.listen.host}]` : opts.listen.host;
        const opened = store;
        return {
            url: `http://${host}:${port}`,
            key,
            logOrigins: [...opts.logs.keys()],
            store: opened,
            app,
            async close() {
                await app.close();
                opened.close();
                lock.release();
            },
        };
    }
    catch (e) {
        store?.close();
        lock.release();
        throw e;
    }
}
//# sourceMappingURL=server.js.map