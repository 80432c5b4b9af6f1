/**
 * `signet registry serve --static-dir DIR`: the Composer repository's metadata as static files, byte for
 * byte what the registry serves, so nginx (or a CDN) can serve the hot read path:
 *
 *   DIR/packages.json
 *   DIR/p2/<vendor>/<name>.json
 *
 * Dist archives are not mirrored: they stay with the registry (proxied by nginx), which answers 410 for a
 * revoked release. A mirrored archive would go on being served after its revocation.
 *
 * Each file is replaced atomically: a temporary file in the same folder (`.<name>.<random>.tmp`), fsync,
 * rename over the old one, then fsync of the folder. A reader sees the old file or the new one, never a
 * mix, and a crash leaves one of the two.
 *
 * Changes arrive through `ComposerRepository.onChange` and are written at the end of the current task
 * (a microtask): a burst (a rebuild of every package, which also rebuilds packages.json once per package)
 * is written once, with its final content, and a release's files are on disk before its API answer is
 * sent. Within one write-out the order is: new and changed p2 files, then packages.json, then the
 * removed p2 files. So packages.json never lists a package whose p2 file is missing, even after a crash.
 * Files whose content on disk is already right are not rewritten (a restart rewrites nothing).
 *
 * The writes are synchronous (they block the event loop for their fsyncs, a few ms per release): releases
 * are rare next to metadata reads, and one writer at a time keeps the order above simple to hold. A failed
 * write-out is reported on stderr and retried every second; the registry keeps serving from memory.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, readdirSync, unlinkSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { makeDirsSync, syncDirsSync, writeFileDurableSync } from '../durable-file.js';
import { SignetError } from '../errors.js';
import { isValidPackageName } from '../ledger/index.js';

export const PACKAGES_JSON = 'packages.json';
const RETRY_MS = 1000;
const TMP = /^\..+\.[0-9a-f]{12}\.tmp$/;

/** `packages.json` or `p2/<vendor>/<name>.json` for a valid package name; anything else is refused. */
function checkPath(path: string): string {
  if (path === PACKAGES_JSON) return path;
  const pkg = path.startsWith('p2/') && path.endsWith('.json') ? path.slice(3, -5) : undefined;
  if (pkg === undefined || !isValidPackageName(pkg)) throw new Error(`internal: not a repository document path: ${JSON.stringify(path)}`);
  return path;
}

function sameContent(path: string, body: Buffer): boolean {
  try {
    return readFileSync(path).equals(body);
  } catch {
    return false;
  }
}

export class StaticDir {
  readonly dir: string;
  /** Changes not yet on disk: path → new content, or undefined for a removal. */
  readonly #pending = new Map<string, Buffer | undefined>();
  /** Folders written to and not yet fsynced (kept across a failed flush). */
  readonly #unsynced = new Set<string>();
  #scheduled = false;
  #retry: NodeJS.Timeout | undefined;
  #closed = false;
  /** Files written and removed since start (for tests and the operator's curiosity). */
  writes = 0;
  removals = 0;

  constructor(dir: string) {
    this.dir = dir;
    try {
      if (mkdirSync(dir, { recursive: true, mode: 0o755 }) !== undefined) chmodSync(dir, 0o755);
      // Fail at start-up, not at the first release, if the folder is not writable.
      const probe = join(dir, `.probe.${randomBytes(6).toString('hex')}.tmp`);
      closeSync(openSync(probe, 'wx', 0o644));
      unlinkSync(probe);
    } catch (e) {
      throw new SignetError('USAGE', `cannot write the static folder ${dir}: ${(e as Error).message}`, {
        hint: '--static-dir must be a folder this process can write and nginx can read',
        cause: e,
      });
    }
  }

  /** `ComposerRepository.onChange`: records the change; it is written out at the end of the current task. */
  update(path: string, body: Buffer | undefined): void {
    if (this.#closed) return;
    this.#pending.set(checkPath(path), body);
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      this.#flushOrRetry();
    });
  }

  /**
   * Makes the folder hold exactly `docs` (path → content): writes what differs, then removes the p2
   * files that are not in `docs` (a package whose releases were all revoked while the registry was
   * stopped, a folder used before) and temporary files a crash left behind. Used at start-up.
   */
  replaceAll(docs: ReadonlyMap<string, Buffer>): void {
    for (const [path, body] of docs) this.#pending.set(checkPath(path), body);
    for (const file of this.#listFiles()) {
      if (TMP.test(basename(file))) {
        unlinkSync(join(this.dir, file));
        continue;
      }
      const path = file.split(sep).join('/');
      if (path.startsWith('p2/') && path.endsWith('.json') && !this.#pending.has(path)) this.#pending.set(path, undefined);
    }
    this.flush();
  }

  /** Writes out every pending change now; throws if one fails (what is left stays pending). */
  flush(): void {
    if (this.#pending.size === 0) return;
    const changed = [...this.#pending].filter(([p, b]) => p !== PACKAGES_JSON && b !== undefined) as [string, Buffer][];
    const removed = [...this.#pending].filter(([p, b]) => p !== PACKAGES_JSON && b === undefined).map(([p]) => p);
    const index = this.#pending.get(PACKAGES_JSON);

    // 1. New and changed p2 files, durable before packages.json can name them. A change stays pending
    // until its folder is fsynced, and a folder stays to fsync (#unsynced) until that succeeds: after a
    // failure, a retry finds the file already right (not rewritten) and must still fsync its folder.
    for (const [path, body] of changed) this.#write(path, body, this.#unsynced);
    syncDirsSync(this.#unsynced);
    for (const [path] of changed) this.#pending.delete(path);
    // 2. packages.json.
    if (index !== undefined) {
      this.#write(PACKAGES_JSON, index, this.#unsynced);
      syncDirsSync(this.#unsynced);
      this.#pending.delete(PACKAGES_JSON);
    }
    // 3. p2 files of packages packages.json no longer lists.
    for (const path of removed) {
      try {
        unlinkSync(join(this.dir, path));
        this.#unsynced.add(dirname(join(this.dir, path)));
        this.removals++;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
    syncDirsSync(this.#unsynced);
    for (const path of removed) this.#pending.delete(path);
  }

  /** Writes out what is pending and stops retrying. */
  close(): void {
    if (this.#retry !== undefined) clearTimeout(this.#retry);
    this.#retry = undefined;
    try {
      this.flush();
    } catch (e) {
      process.stderr.write(`signet registry: cannot write the static folder ${this.dir}: ${(e as Error).message}\n`);
    }
    this.#closed = true;
  }

  /** Changes not yet on disk (0 once the folder is up to date). */
  get pending(): number {
    return this.#pending.size;
  }

  #flushOrRetry(): void {
    try {
      this.flush();
      if (this.#retry !== undefined) clearTimeout(this.#retry);
      this.#retry = undefined;
    } catch (e) {
      process.stderr.write(`signet registry: cannot write the static folder ${this.dir} (retrying every ${RETRY_MS / 1000} s): ${(e as Error).message}\n`);
      if (this.#retry === undefined && !this.#closed) {
        this.#retry = setTimeout(() => {
          this.#retry = undefined;
          this.#flushOrRetry();
        }, RETRY_MS);
        this.#retry.unref();
      }
    }
  }

  /** Atomically replaces DIR/path with `body` unless it already holds it; records folders to fsync. */
  #write(path: string, body: Buffer, dirs: Set<string>): void {
    const target = join(this.dir, path);
    if (sameContent(target, body)) return;
    // Folders 0755 and files 0644 whatever the umask: nginx's user must list and read them.
    makeDirsSync(dirname(target), dirs, 0o755);
    writeFileDurableSync(target, body, { mode: 0o644, dirs });
    this.writes++;
  }

  /** Every file under the folder's p2/ tree and at its top, relative to the folder. */
  #listFiles(): string[] {
    const out: string[] = [];
    const walk = (d: string): void => {
      let entries;
      try {
        entries = readdirSync(d, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const p = join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.isFile()) out.push(relative(this.dir, p));
      }
    };
    for (const e of readdirSync(this.dir, { withFileTypes: true })) if (e.isFile()) out.push(e.name);
    walk(join(this.dir, 'p2'));
    return out;
  }
}
