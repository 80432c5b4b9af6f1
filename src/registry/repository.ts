/**
 * The Composer repository the registry serves, as bytes ready to send: packages.json and one
 * p2/<vendor>/<name>.json per package, rebuilt from the database whenever a release lands or is
 * revoked. Each document is replaced whole, so a reader sees the old or the new one, never a mix.
 */
import { createHash } from 'node:crypto';
import type { RegistryDb, ReleaseRow } from './db.js';
import { p2Json, packagesJson, type ComposerVersion } from './composer-repo.js';

export interface Document {
  readonly body: Buffer;
  readonly etag: string;
  /**
   * When this content was first served, in whole seconds since the epoch, and as an HTTP date. Composer
   * revalidates with If-Modified-Since only (never If-None-Match), and falls back to its cached copy
   * when the registry is unreachable only if that copy came with a Last-Modified.
   */
  readonly modified: number;
  readonly lastModified: string;
}

/**
 * The document for `value`; `prev` is the one it replaces. Unchanged content keeps its date; changed
 * content gets a date strictly after the previous one (HTTP dates have whole seconds: two versions in
 * one second must not share one, or a client holding the first would be told 304 for the second).
 */
function doc(value: unknown, prev?: Document): Document {
  const body = Buffer.from(JSON.stringify(value));
  if (prev !== undefined && prev.body.equals(body)) return prev;
  const modified = Math.max(Math.floor(Date.now() / 1000), (prev?.modified ?? 0) + 1);
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`, modified, lastModified: new Date(modified * 1000).toUTCString() };
}

export function distPath(pkg: string, fileName: string): string {
  return `/dist/${pkg}/${fileName}`;
}

export class ComposerRepository {
  #packages: Document;
  readonly #p2 = new Map<string, Document>();
  /** Called after a document changed (to mirror the files to a static folder). */
  onChange?: (path: string, doc: Document | undefined) => void;

  constructor(
    private readonly db: RegistryDb,
    private readonly publicUrl: () => string,
  ) {
    this.#packages = doc(packagesJson({ packageNames: [] }));
    this.rebuildAll();
  }

  packagesDocument(): Document {
    return this.#packages;
  }

  p2Document(pkg: string): Document | undefined {
    return this.#p2.get(pkg);
  }

  rebuildAll(): void {
    for (const pkg of this.db.packages()) this.rebuild(pkg);
    this.#rebuildIndex();
  }

  /** Rebuilds one package's metadata (after a release or a revocation) and the index. */
  rebuild(pkg: string): void {
    const versions = this.db.releasesOf(pkg).filter((r) => r.revokeReason === null).map((r) => this.#version(r));
    if (versions.length === 0) {
      this.#p2.delete(pkg);
      this.onChange?.(`p2/${pkg}.json`, undefined);
    } else {
      const d = doc(p2Json(pkg, versions), this.#p2.get(pkg));
      this.#p2.set(pkg, d);
      this.onChange?.(`p2/${pkg}.json`, d);
    }
    this.#rebuildIndex();
  }

  #rebuildIndex(): void {
    this.#packages = doc(packagesJson({ packageNames: [...this.#p2.keys()].sort() }), this.#packages);
    this.onChange?.('packages.json', this.#packages);
  }

  #version(r: ReleaseRow): ComposerVersion {
    return {
      composerJson: JSON.parse(r.composerJson) as Record<string, unknown>,
      prettyVersion: r.prettyVersion,
      normalizedVersion: r.version,
      distUrl: `${this.publicUrl()}${distPath(r.package, r.fileName)}`,
      sha1: r.sha1,
      reference: r.reference,
      time: r.time,
    };
  }
}
