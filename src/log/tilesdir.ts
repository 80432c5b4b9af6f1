/**
 * Mirrors the published log into a folder as static files (checkpoint, tile/..., tile/entries/...), so
 * nginx or a CDN can serve the read path. Tiles are written before the checkpoint that needs them, each
 * file atomically (temporary file, fsync, rename, then the folders fsynced), and the progress is recorded
 * in the log's storage only once they are durable, so a restart (even after a power cut) resumes where it
 * stopped. Files are deterministic, so rewriting one after a crash is harmless.
 *
 * tlog-tiles: "Logs MUST serve partial tiles corresponding to tree sizes for which a checkpoint was
 * produced". Checkpoints published while a write runs are queued, and the partial tiles of each are
 * written, not only those of the latest: a client holding any checkpoint the log handed out (an /add
 * answer, a witness) finds the tiles it needs.
 */
import { access } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { makeDirs, syncDirs, writeFileDurable } from '../durable-file.js';
import { encodeBundle } from '../tlog/bundle.js';
import { hashTilesGrown, tilePath, tilesGrown } from '../tlog/tile.js';
import type { TransparencyLog } from './log.js';
import type { LogStore } from './store.js';

export const META_TILES_DIR_SIZE = 'tiles_dir_size';

/** What the writer reads of the log: the published size and checkpoint, and the tiles and bundles up to it. */
export type TilesSource = Pick<TransparencyLog, 'size' | 'checkpoint' | 'hashTile' | 'bundle'>;

/** Writes `data` to `path` durably, creating its folders; records the folders to fsync (syncDirs). */
async function writeDurable(path: string, data: string | Uint8Array, dirs: Set<string>): Promise<void> {
  await makeDirs(dirname(path), dirs);
  await writeFileDurable(path, data, { dirs });
}

export class TilesDirWriter {
  private written = 0;
  /** Sizes published and not yet written (their partial tiles are owed). */
  private readonly pending = new Set<number>();
  /** Folders written to and not yet fsynced. */
  private readonly unsynced = new Set<string>();
  private running: Promise<void> | undefined;
  private again = false;
  private lastError: unknown;

  constructor(
    private readonly dir: string,
    private readonly log: TilesSource,
    private readonly store: Pick<LogStore, 'getMeta' | 'setMeta'>,
  ) {}

  async start(): Promise<void> {
    this.written = Number((await this.store.getMeta(META_TILES_DIR_SIZE)) ?? '0');
    // A folder without its checkpoint (new, emptied or replaced) is rebuilt from the start.
    const present = await access(join(this.dir, 'checkpoint')).then(
      () => true,
      () => false,
    );
    if (!present) this.written = 0;
    await this.sync();
  }

  /** Called after each published checkpoint (its size); writes are coalesced, one run at a time. */
  notify(size?: number): void {
    if (size !== undefined) this.pending.add(size);
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
  async sync(): Promise<void> {
    this.notify();
    while (this.running) await this.running;
    if (this.lastError !== undefined) throw this.lastError;
  }

  private async run(): Promise<void> {
    const size = this.log.size;
    const note = this.log.checkpoint;
    // Every size owed, in order, and the latest: the tiles grown up to each, partial ones included.
    const sizes = [...this.pending].filter((n) => n > this.written && n <= size).sort((a, b) => a - b);
    if (sizes.at(-1) !== size) sizes.push(size);
    this.pending.clear();
    // Kept across runs: a run that failed after creating a folder leaves its parent to fsync, and the
    // next run, finding the folder there, would not know it (syncDirs empties the set once done).
    const dirs = this.unsynced;
    let done = this.written;
    try {
      if (size < this.written || (size === this.written && size > 0)) return;
      for (const n of sizes) {
        for (const tile of hashTilesGrown(done, n)) {
          const data = this.log.hashTile(tile);
          if (data !== null) await writeDurable(join(this.dir, tilePath(tile)), data, dirs);
        }
        for (const tile of tilesGrown(done, n, 'entries')) {
          const entries = await this.log.bundle(tile);
          if (entries !== null) await writeDurable(join(this.dir, tilePath(tile)), encodeBundle(entries), dirs);
        }
        done = n;
      }
      await syncDirs(dirs);
      await writeDurable(join(this.dir, 'checkpoint'), note, dirs);
      await syncDirs(dirs);
      this.written = size;
      await this.store.setMeta(META_TILES_DIR_SIZE, String(size));
      this.lastError = undefined;
    } catch (e) {
      // The database stays the source of truth; the folder catches up on the next checkpoint or restart,
      // owing the sizes this run did not finish.
      for (const n of sizes) if (n > done) this.pending.add(n);
      this.lastError = e;
      process.stderr.write(`signet log: cannot write tiles to ${this.dir}: ${(e as Error).message}\n`);
    }
  }
}
