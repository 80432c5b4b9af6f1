/**
 * Mirrors the published log into a folder as static files (checkpoint, tile/..., tile/entries/...), so
 * nginx or a CDN can serve the read path. Tiles are written before the checkpoint that needs them, each
 * file atomically (temporary file, then rename), and the progress is recorded in the log's storage so a
 * restart resumes where it stopped. Files are deterministic, so rewriting one after a crash is harmless.
 */
import { access, mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { encodeBundle } from '../tlog/bundle.js';
import { hashTilesGrown, tilePath, tilesGrown } from '../tlog/tile.js';
export const META_TILES_DIR_SIZE = 'tiles_dir_size';
let tmpCounter = 0;
async function writeAtomic(path, data) {
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.tmp-${process.pid}-${tmpCounter++}`;
    await writeFile(tmp, data);
    await rename(tmp, path);
}
export class TilesDirWriter {
    dir;
    log;
    store;
    written = 0;
    running;
    again = false;
    lastError;
    constructor(dir, log, store) {
        this.dir = dir;
        this.log = log;
        this.store = store;
    }
    async start() {
        this.written = Number((await this.store.getMeta(META_TILES_DIR_SIZE)) ?? '0');
        // A folder without its checkpoint (new, emptied or replaced) is rebuilt from the start.
        const present = await access(join(this.dir, 'checkpoint')).then(() => true, () => false);
        if (!present)
            this.written = 0;
        await this.sync();
    }
    /** Called after each published checkpoint; writes are coalesced, one run at a time. */
    notify() {
        if (this.running) {
            this.again = true;
            return;
        }
        this.running = this.run().finally(() => {
            this.running = undefined;
            if (this.again) {
                this.again = false;
                this.notify();
            }
        });
    }
    /** Waits until the folder holds the latest published checkpoint. */
    async sync() {
        this.notify();
        while (this.running)
            await this.running;
        if (this.lastError !== undefined)
            throw this.lastError;
    }
    async run() {
        try {
            const size = this.log.size;
            const note = this.log.checkpoint;
            if (size < this.written || (size === this.written && size > 0))
                return;
            for (const tile of hashTilesGrown(this.written, size)) {
                const data = this.log.hashTile(tile);
                if (data !== null)
                    await writeAtomic(join(this.dir, tilePath(tile)), data);
            }
            for (const tile of tilesGrown(this.written, size, 'entries')) {
                const entries = await this.log.bundle(tile);
                if (entries !== null)
                    await writeAtomic(join(this.dir, tilePath(tile)), encodeBundle(entries));
            }
            await writeAtomic(join(this.dir, 'checkpoint'), note);
            this.written = size;
            await this.store.setMeta(META_TILES_DIR_SIZE, String(size));
            this.lastError = undefined;
        }
        catch (e) {
            // The database stays the source of truth; the folder catches up on the next checkpoint or restart.
            this.lastError = e;
            process.stderr.write(`signet log: cannot write tiles to ${this.dir}: ${e.message}\n`);
        }
    }
}
//# sourceMappingURL=tilesdir.js.map