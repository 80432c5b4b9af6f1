/**
 * The Composer repository the registry serves, as bytes ready to send: packages.json and one
 * p2/<vendor>/<name>.json per package, rebuilt from the database whenever a release lands or is
 * revoked. Each document is replaced whole, so a reader sees the old or the new one, never a mix.
 */
import { createHash } from 'node:crypto';
import { p2Json, packagesJson } from './composer-repo.js';
function doc(value) {
    const body = Buffer.from(JSON.stringify(value));
    return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}
export function distPath(pkg, fileName) {
    return `/dist/${pkg}/${fileName}`;
}
export class ComposerRepository {
    db;
    publicUrl;
    #packages;
    #p2 = new Map();
    /** Called after a document changed (to mirror the files to a static folder). */
    onChange;
    constructor(db, publicUrl) {
        this.db = db;
        this.publicUrl = publicUrl;
        this.#packages = doc(packagesJson({ packageNames: [] }));
        this.rebuildAll();
    }
    packagesDocument() {
        return this.#packages;
    }
    p2Document(pkg) {
        return this.#p2.get(pkg);
    }
    rebuildAll() {
        for (const pkg of this.db.packages())
            this.rebuild(pkg);
        this.#rebuildIndex();
    }
    /** Rebuilds one package's metadata (after a release or a revocation) and the index. */
    rebuild(pkg) {
        const versions = this.db.releasesOf(pkg).filter((r) => r.revokeReason === null).map((r) => this.#version(r));
        if (versions.length === 0) {
            this.#p2.delete(pkg);
            this.onChange?.(`p2/${pkg}.json`, undefined);
        }
        else {
            const d = doc(p2Json(pkg, versions));
            this.#p2.set(pkg, d);
            this.onChange?.(`p2/${pkg}.json`, d);
        }
        this.#rebuildIndex();
    }
    #rebuildIndex() {
        this.#packages = doc(packagesJson({ packageNames: [...this.#p2.keys()].sort() }));
        this.onChange?.('packages.json', this.#packages);
    }
    #version(r) {
        return {
            composerJson: JSON.parse(r.composerJson),
            prettyVersion: r.prettyVersion,
            normalizedVersion: r.version,
            distUrl: `${this.publicUrl()}${distPath(r.package, r.fileName)}`,
            sha1: r.sha1,
            reference: r.reference,
            time: r.time,
        };
    }
}
//# sourceMappingURL=repository.js.map