/**
 * The --tiles-dir writer: tlog-tiles requires the partial tiles of every tree size a checkpoint was
 * produced for, so checkpoints published while a write runs must not be skipped.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeBundle } from '../../src/tlog/bundle.js';
import { leafHash } from '../../src/tlog/hash.js';
import { type Tile, tilePath, tileWidthAt } from '../../src/tlog/tile.js';
import { hashTileData } from '../../src/tlog/tilewriter.js';
import { MerkleTree } from '../../src/tlog/tree.js';
import { META_TILES_DIR_SIZE, type TilesSource, TilesDirWriter } from '../../src/log/tilesdir.js';

let work: string;
before(() => (work = mkdtempSync(join(tmpdir(), 'signet-tilesdir-'))));
after(() => rmSync(work, { recursive: true, force: true }));

/** A log that publishes when told to: its tree, entries and checkpoint, as the writer reads them. */
function fakeLog() {
  const tree = new MerkleTree();
  const entries: Buffer[] = [];
  const log = {
    size: 0,
    checkpoint: 'test.example/log\n0\n\n',
    hashTile(t: Tile): Buffer | null {
      return t.level === 'entries' || t.width > tileWidthAt(this.size, t.level, t.index) ? null : hashTileData(tree, t);
    },
    async bundle(t: Tile): Promise<Buffer[] | null> {
      return t.width > tileWidthAt(this.size, 'entries', t.index) ? null : entries.slice(t.index * 256, t.index * 256 + t.width);
    },
    grow(n: number): void {
      while (tree.size < n) {
        const e = Buffer.from(`entry ${tree.size}`);
        entries.push(e);
        tree.appendLeafHash(leafHash(e));
      }
      this.size = n;
      this.checkpoint = `test.example/log\n${n}\n\n`;
    },
  };
  return log satisfies TilesSource;
}

function memoryStore() {
  const meta = new Map<string, string>();
  return { meta, getMeta: async (k: string) => meta.get(k), setMeta: async (k: string, v: string) => void meta.set(k, v) };
}

describe('TilesDirWriter', () => {
  it('writes the partial tiles of every published size, also of those published during a write', async () => {
    const dir = join(work, 'every-size');
    const log = fakeLog();
    const store = memoryStore();
    const w = new TilesDirWriter(dir, log, store);
    await w.start();
    // Checkpoints in quick succession, as batches publish them under load: the first write is still
    // running when the others are published.
    for (const n of [5, 7, 10, 300, 301]) {
      log.grow(n);
      w.notify(n);
    }
    await w.sync();
    for (const n of [5, 7, 10]) {
      assert.ok(existsSync(join(dir, tilePath({ level: 0, index: 0, width: n }))), `hash tile 0/000.p/${n}`);
      const b = readFileSync(join(dir, tilePath({ level: 'entries', index: 0, width: n })));
      assert.deepEqual(decodeBundle(b).map(String), Array.from({ length: n }, (_, i) => `entry ${i}`), `bundle entries/000.p/${n}`);
    }
    assert.ok(existsSync(join(dir, tilePath({ level: 0, index: 1, width: 44 }))), 'hash tile 0/001.p/44 (size 300)');
    assert.ok(existsSync(join(dir, tilePath({ level: 0, index: 1, width: 45 }))), 'hash tile 0/001.p/45 (size 301)');
    assert.ok(existsSync(join(dir, tilePath({ level: 0, index: 0, width: 256 }))), 'the full tile 0/000');
    assert.equal(readFileSync(join(dir, 'checkpoint'), 'utf8'), log.checkpoint);
    assert.equal(store.meta.get(META_TILES_DIR_SIZE), '301');
  });
});
