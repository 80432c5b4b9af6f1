/**
 * The registry's database (SQLite through better-sqlite3; portable SQL for the PostgreSQL driver to
 * come): accounts, hashed API tokens, which account owns which vendor, and the releases it serves with
 * the composer.json that goes into the Composer metadata. Archives live beside it as files (blobs.ts).
 *
 * Anything submitted to the log is first written as `pending` (with the exact entry bytes); once the log
 * has it, the row becomes `published`. A crash in between is settled at start-up against the log.
 */
import Database from 'better-sqlite3';
import { SignetError } from '../errors.js';
import { hashesEqual, newToken, parseToken } from './tokens.js';
const SCHEMA = [
    `CREATE TABLE IF NOT EXISTS accounts (name TEXT PRIMARY KEY, created TEXT NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS tokens (id TEXT PRIMARY KEY, account TEXT NOT NULL REFERENCES accounts(name), hash BLOB NOT NULL, created TEXT NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS vendors (vendor TEXT PRIMARY KEY, account TEXT NOT NULL REFERENCES accounts(name), state TEXT NOT NULL, entry BLOB NOT NULL, log_index INTEGER)`,
    `CREATE TABLE IF NOT EXISTS releases (
     package TEXT NOT NULL, version TEXT NOT NULL, pretty_version TEXT NOT NULL, file_name TEXT NOT NULL,
     sha256 TEXT NOT NULL, sha1 TEXT NOT NULL, reference TEXT NOT NULL, time TEXT NOT NULL,
     composer_json TEXT NOT NULL, entry BLOB NOT NULL, log_index INTEGER, state TEXT NOT NULL,
     revoke_reason TEXT, PRIMARY KEY (package, version))`,
];
export const ACCOUNT_NAME = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
function release(r) {
    return {
        package: r.package,
        version: r.version,
        prettyVersion: r.pretty_version,
        fileName: r.file_name,
        sha256: r.sha256,
        sha1: r.sha1,
        reference: r.reference,
        time: r.time,
        composerJson: r.composer_json,
        entry: r.entry,
        logIndex: r.log_index,
        state: r.state,
        revokeReason: r.revoke_reason,
    };
}
export class RegistryDb {
    #db;
    constructor(path) {
        try {
            this.#db = new Database(path);
        }
        catch (e) {
            throw new SignetError('STORAGE_FAILED', `cannot open the registry database ${path}: ${e.message}`, { cause: e });
        }
        this.#db.pragma('journal_mode = WAL');
        this.#db.pragma('synchronous = FULL');
        this.#db.pragma('busy_timeout = 5000');
        this.#db.pragma('foreign_keys = ON');
        for (const s of SCHEMA)
            this.#db.exec(s);
    }
    close() {
        this.#db.close();
    }
    // ---- accounts and tokens ----------------------------------------------------------------------
    /** Creates the account if needed and a new token for it; returns the token (shown once). */
    createToken(account, now = new Date()) {
        if (!ACCOUNT_NAME.test(account)) {
            throw new SignetError('USAGE', `${JSON.stringify(account)} is not a valid account name`, {
                expected: 'lowercase letters, digits, "_", "." or "-", starting with a letter or digit, at most 64',
                got: account,
            });
        }
        const t = newToken();
        this.#db.transaction(() => {
            this.#db.prepare('INSERT OR IGNORE INTO accounts (name, created) VALUES (?, ?)').run(account, now.toISOString());
            this.#db.prepare('INSERT INTO tokens (id, account, hash, created) VALUES (?, ?, ?, ?)').run(t.id, account, t.hash, now.toISOString());
        })();
        return { account, tokenId: t.id, token: t.token };
    }
    /** The account a presented token belongs to, or undefined (unknown id or wrong secret: same answer). */
    authenticate(token) {
        const p = parseToken(token);
        if (p === undefined)
            return undefined;
        const row = this.#db.prepare('SELECT account, hash FROM tokens WHERE id = ?').get(p.id);
        if (row === undefined) {
            hashesEqual(p.hash, p.hash); // same work either way
            return undefined;
        }
        return hashesEqual(p.hash, row.hash) ? row.account : undefined;
    }
    revokeToken(tokenId) {
        return this.#db.prepare('DELETE FROM tokens WHERE id = ?').run(tokenId).changes === 1;
    }
    // ---- vendors ----------------------------------------------------------------------------------
    vendor(vendor) {
        const r = this.#db.prepare('SELECT vendor, account, state, entry, log_index FROM vendors WHERE vendor = ?').get(vendor);
        return r === undefined ? undefined : { vendor: r.vendor, account: r.account, state: r.state, entry: r.entry, logIndex: r.log_index };
    }
    /** Records a claim about to be submitted; false if the vendor already has a row. */
    addPendingVendor(vendor, account, entry) {
        return this.#db.prepare("INSERT OR IGNORE INTO vendors (vendor, account, state, entry) VALUES (?, ?, 'pending', ?)").run(vendor, account, entry).changes === 1;
    }
    publishVendor(vendor, index) {
        this.#db.prepare("UPDATE vendors SET state = 'published', log_index = ? WHERE vendor = ?").run(index, vendor);
    }
    dropPendingVendor(vendor) {
        this.#db.prepare("DELETE FROM vendors WHERE vendor = ? AND state = 'pending'").run(vendor);
    }
    pendingVendors() {
        return this.#db.prepare("SELECT vendor FROM vendors WHERE state = 'pending'").all().map((r) => this.vendor(r.vendor));
    }
    vendorsOf(account) {
        return this.#db.prepare("SELECT vendor FROM vendors WHERE account = ? AND state = 'published' ORDER BY vendor").all(account).map((r) => r.vendor);
    }
    // ---- releases ---------------------------------------------------------------------------------
    addPendingRelease(r) {
        return (this.#db
            .prepare(`INSERT OR IGNORE INTO releases (package, version, pretty_version, file_name, sha256, sha1, reference, time, composer_json, entry, state)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')`)
            .run(r.package, r.version, r.prettyVersion, r.fileName, r.sha256, r.sha1, r.reference, r.time, r.composerJson, r.entry).changes === 1);
    }
    publishRelease(pkg, version, index) {
        this.#db.prepare("UPDATE releases SET state = 'published', log_index = ? WHERE package = ? AND version = ?").run(index, pkg, version);
    }
    dropPendingRelease(pkg, version) {
        this.#db.prepare("DELETE FROM releases WHERE package = ? AND version = ? AND state = 'pending'").run(pkg, version);
    }
    markRevoked(pkg, version, reason) {
        return this.#db.prepare('UPDATE releases SET revoke_reason = ? WHERE package = ? AND version = ? AND revoke_reason IS NULL').run(reason, pkg, version).changes === 1;
    }
    release(pkg, version) {
        const r = this.#db.prepare('SELECT * FROM releases WHERE package = ? AND version = ?').get(pkg, version);
        return r === undefined ? undefined : release(r);
    }
    releaseByFile(pkg, fileName) {
        const r = this.#db.prepare("SELECT * FROM releases WHERE package = ? AND file_name = ? AND state = 'published'").get(pkg, fileName);
        return r === undefined ? undefined : release(r);
    }
    pendingReleases() {
        return this.#db.prepare("SELECT * FROM releases WHERE state = 'pending'").all().map(release);
    }
    /** Published releases of a package (revoked ones included), in log order. */
    releasesOf(pkg) {
        return this.#db.prepare("SELECT * FROM releases WHERE package = ? AND state = 'published' ORDER BY log_index").all(pkg).map(release);
    }
    /** Packages with at least one published, unrevoked release. */
    packages() {
        return this.#db.prepare("SELECT DISTINCT package FROM releases WHERE state = 'published' AND revoke_reason IS NULL ORDER BY package").all().map((r) => r.package);
    }
    /** Archives any row still refers to (for cleaning orphans after a crash). */
    archiveDigests() {
        return new Set(this.#db.prepare('SELECT sha256 FROM releases').all().map((r) => r.sha256));
    }
}
//# sourceMappingURL=db.js.map