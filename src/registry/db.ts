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

export type RowState = 'pending' | 'published';

export interface ReleaseRow {
  readonly package: string;
  readonly version: string;
  readonly prettyVersion: string;
  readonly fileName: string;
  readonly sha256: string;
  readonly sha1: string;
  readonly reference: string;
  readonly time: string;
  readonly composerJson: string;
  readonly entry: Buffer;
  readonly logIndex: number | null;
  readonly state: RowState;
  readonly revokeReason: string | null;
}

export interface VendorRow {
  readonly vendor: string;
  readonly account: string;
  readonly state: RowState;
  readonly entry: Buffer;
  readonly logIndex: number | null;
}

interface RawRelease {
  package: string;
  version: string;
  pretty_version: string;
  file_name: string;
  sha256: string;
  sha1: string;
  reference: string;
  time: string;
  composer_json: string;
  entry: Buffer;
  log_index: number | null;
  state: RowState;
  revoke_reason: string | null;
}

function release(r: RawRelease): ReleaseRow {
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
  readonly #db: Database.Database;

  constructor(path: string) {
    try {
      this.#db = new Database(path);
    } catch (e) {
      throw new SignetError('STORAGE_FAILED', `cannot open the registry database ${path}: ${(e as Error).message}`, { cause: e });
    }
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = FULL');
    this.#db.pragma('busy_timeout = 5000');
    this.#db.pragma('foreign_keys = ON');
    for (const s of SCHEMA) this.#db.exec(s);
  }

  close(): void {
    this.#db.close();
  }

  // ---- accounts and tokens ----------------------------------------------------------------------

  /** Creates the account if needed and a new token for it; returns the token (shown once). */
  createToken(account: string, now = new Date()): { account: string; tokenId: string; token: string } {
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
  authenticate(token: string): string | undefined {
    const p = parseToken(token);
    if (p === undefined) return undefined;
    const row = this.#db.prepare('SELECT account, hash FROM tokens WHERE id = ?').get(p.id) as { account: string; hash: Buffer } | undefined;
    if (row === undefined) {
      hashesEqual(p.hash, p.hash); // same work either way
      return undefined;
    }
    return hashesEqual(p.hash, row.hash) ? row.account : undefined;
  }

  /** Every token's id, account and creation time (never its hash), oldest first; of one account if given. */
  listTokens(account?: string): { tokenId: string; account: string; created: string }[] {
    const rows = (
      account === undefined
        ? this.#db.prepare('SELECT id, account, created FROM tokens ORDER BY created, id').all()
        : this.#db.prepare('SELECT id, account, created FROM tokens WHERE account = ? ORDER BY created, id').all(account)
    ) as { id: string; account: string; created: string }[];
    return rows.map((r) => ({ tokenId: r.id, account: r.account, created: r.created }));
  }

  revokeToken(tokenId: string): boolean {
    return this.#db.prepare('DELETE FROM tokens WHERE id = ?').run(tokenId).changes === 1;
  }

  // ---- vendors ----------------------------------------------------------------------------------

  vendor(vendor: string): VendorRow | undefined {
    const r = this.#db.prepare('SELECT vendor, account, state, entry, log_index FROM vendors WHERE vendor = ?').get(vendor) as
      | { vendor: string; account: string; state: RowState; entry: Buffer; log_index: number | null }
      | undefined;
    return r === undefined ? undefined : { vendor: r.vendor, account: r.account, state: r.state, entry: r.entry, logIndex: r.log_index };
  }

  /** Records a claim about to be submitted; false if the vendor already has a row. */
  addPendingVendor(vendor: string, account: string, entry: Buffer): boolean {
    return this.#db.prepare("INSERT OR IGNORE INTO vendors (vendor, account, state, entry) VALUES (?, ?, 'pending', ?)").run(vendor, account, entry).changes === 1;
  }

  publishVendor(vendor: string, index: number): void {
    this.#db.prepare("UPDATE vendors SET state = 'published', log_index = ? WHERE vendor = ?").run(index, vendor);
  }

  dropPendingVendor(vendor: string): void {
    this.#db.prepare("DELETE FROM vendors WHERE vendor = ? AND state = 'pending'").run(vendor);
  }

  pendingVendors(): VendorRow[] {
    return (this.#db.prepare("SELECT vendor FROM vendors WHERE state = 'pending'").all() as { vendor: string }[]).map((r) => this.vendor(r.vendor)!);
  }

  vendorsOf(account: string): string[] {
    return (this.#db.prepare("SELECT vendor FROM vendors WHERE account = ? AND state = 'published' ORDER BY vendor").all(account) as { vendor: string }[]).map((r) => r.vendor);
  }

  // ---- releases ---------------------------------------------------------------------------------

  addPendingRelease(r: Omit<ReleaseRow, 'logIndex' | 'state' | 'revokeReason'>): boolean {
    return (
      this.#db
        .prepare(
          `INSERT OR IGNORE INTO releases (package, version, pretty_version, file_name, sha256, sha1, reference, time, composer_json, entry, state)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')`,
        )
        .run(r.package, r.version, r.prettyVersion, r.fileName, r.sha256, r.sha1, r.reference, r.time, r.composerJson, r.entry).changes === 1
    );
  }

  publishRelease(pkg: string, version: string, index: number): void {
    this.#db.prepare("UPDATE releases SET state = 'published', log_index = ? WHERE package = ? AND version = ?").run(index, pkg, version);
  }

  dropPendingRelease(pkg: string, version: string): void {
    this.#db.prepare("DELETE FROM releases WHERE package = ? AND version = ? AND state = 'pending'").run(pkg, version);
  }

  markRevoked(pkg: string, version: string, reason: string): boolean {
    return this.#db.prepare('UPDATE releases SET revoke_reason = ? WHERE package = ? AND version = ? AND revoke_reason IS NULL').run(reason, pkg, version).changes === 1;
  }

  release(pkg: string, version: string): ReleaseRow | undefined {
    const r = this.#db.prepare('SELECT * FROM releases WHERE package = ? AND version = ?').get(pkg, version) as RawRelease | undefined;
    return r === undefined ? undefined : release(r);
  }

  releaseByFile(pkg: string, fileName: string): ReleaseRow | undefined {
    const r = this.#db.prepare("SELECT * FROM releases WHERE package = ? AND file_name = ? AND state = 'published'").get(pkg, fileName) as RawRelease | undefined;
    return r === undefined ? undefined : release(r);
  }

  pendingReleases(): ReleaseRow[] {
    return (this.#db.prepare("SELECT * FROM releases WHERE state = 'pending'").all() as RawRelease[]).map(release);
  }

  /** Published releases of a package (revoked ones included), in log order. */
  releasesOf(pkg: string): ReleaseRow[] {
    return (this.#db.prepare("SELECT * FROM releases WHERE package = ? AND state = 'published' ORDER BY log_index").all(pkg) as RawRelease[]).map(release);
  }

  /** Packages with at least one published, unrevoked release. */
  packages(): string[] {
    return (
      this.#db.prepare("SELECT DISTINCT package FROM releases WHERE state = 'published' AND revoke_reason IS NULL ORDER BY package").all() as { package: string }[]
    ).map((r) => r.package);
  }

  /** Archives any row still refers to (for cleaning orphans after a crash). */
  archiveDigests(): Set<string> {
    return new Set((this.#db.prepare('SELECT sha256 FROM releases').all() as { sha256: string }[]).map((r) => r.sha256));
  }
}
