import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSignetError } from '../../src/errors.js';
import { encodeTileIndex, parseTilePath, tilePath, tilesGrown, tilesOfTree, tileWidthAt } from '../../src/tlog/tile.js';
describe('tile paths', () => {
    it('encodes indexes as x-prefixed 3-digit groups', () => {
        assert.equal(encodeTileIndex(0), '000');
        assert.equal(encodeTileIndex(67), '067');
        assert.equal(encodeTileIndex(1000), 'x001/000');
        assert.equal(encodeTileIndex(1234067), 'x001/x234/067');
        assert.equal(tilePath({ level: 0, index: 1234067, width: 256 }), 'tile/0/x001/x234/067');
        assert.equal(tilePath({ level: 2, index: 5, width: 17 }), 'tile/2/005.p/17');
        assert.equal(tilePath({ level: 'entries', index: 1000, width: 3 }), 'tile/entries/x001/000.p/3');
    });
    it('parses what it formats and nothing else', () => {
        for (const p of ['tile/0/000', 'tile/0/x001/x234/067', 'tile/63/001.p/255', 'tile/entries/x999/999.p/1', 'tile/entries/000']) {
            assert.equal(tilePath(parseTilePath(p)), p);
        }
        assert.deepEqual(parseTilePath('tile/1/x001/234.p/7'), { level: 1, index: 1234, width: 7 });
        for (const bad of [
            'tile/0/0',
            'tile/00/000',
            'tile/64/000',
            'tile/0/1234',
            'tile/0/x000/001',
            'tile/0/001/002',
            'tile/0/000.p/0',
            'tile/0/000.p/256',
            'tile/0/000.p/07',
            'tile/x/000',
            '/tile/0/000',
            'tile/0/000/',
            'tile/0/../000',
        ]) {
            assert.throws(() => parseTilePath(bad), (e) => isSignetError(e, 'TILE_PATH_INVALID'), bad);
        }
    });
});
describe('tile maths', () => {
    it('matches the tlog-tiles example: a tree of 70,000', () => {
        const tiles = [...tilesOfTree(70000)];
        const level0 = tiles.filter((t) => t.level === 0);
        assert.equal(level0.filter((t) => t.width === 256).length, 273);
        assert.deepEqual(level0.at(-1), { level: 0, index: 273, width: 112 });
        assert.deepEqual(tiles.filter((t) => t.level === 1), [
            { level: 1, index: 0, width: 256 },
            { level: 1, index: 1, width: 17 },
        ]);
        assert.deepEqual(tiles.filter((t) => t.level === 2), [{ level: 2, index: 0, width: 1 }]);
        assert.equal(tiles.length, 274 + 2 + 1);
    });
    it('gives a tree of 256 one full level-0 tile and a level-1 tile of width 1', () => {
        assert.deepEqual([...tilesOfTree(256)], [
            { level: 0, index: 0, width: 256 },
            { level: 1, index: 0, width: 1 },
        ]);
        assert.deepEqual([...tilesOfTree(0)], []);
    });
    it('widths: full, partial, absent', () => {
        assert.equal(tileWidthAt(600, 0, 0), 256);
        assert.equal(tileWidthAt(600, 0, 2), 88);
        assert.equal(tileWidthAt(600, 0, 3), 0);
        assert.equal(tileWidthAt(600, 'entries', 2), 88);
        assert.equal(tileWidthAt(600, 1, 0), 2);
    });
    it('lists the tiles that change when a tree grows', () => {
        assert.deepEqual([...tilesGrown(10, 10, 0)], []);
        assert.deepEqual([...tilesGrown(10, 20, 0)], [{ level: 0, index: 0, width: 20 }]);
        assert.deepEqual([...tilesGrown(250, 520, 0)], [
            { level: 0, index: 0, width: 256 },
            { level: 0, index: 1, width: 256 },
            { level: 0, index: 2, width: 8 },
        ]);
        assert.deepEqual([...tilesGrown(256, 300, 0)], [{ level: 0, index: 1, width: 44 }]);
        assert.deepEqual([...tilesGrown(250, 520, 1)], [{ level: 1, index: 0, width: 2 }]);
        assert.deepEqual([...tilesGrown(520, 600, 1)], []);
        // Growing in steps gives the same final tiles as growing at once.
        const steps = [0, 1, 255, 256, 257, 70000];
        const last = new Map();
        for (let i = 1; i < steps.length; i++) {
            for (const level of [0, 1, 2]) {
                for (const t of tilesGrown(steps[i - 1], steps[i], level))
                    last.set(`${t.level}/${t.index}`, t.width);
            }
        }
        const direct = new Map([...tilesOfTree(70000)].map((t) => [`${t.level}/${t.index}`, t.width]));
        assert.deepEqual(last, direct);
    });
});
describe('hashTilesGrown', () => {
    it('lists the grown tiles of every level, and from 0 every tile of the tree', async () => {
        const { hashTilesGrown } = await import('../../src/tlog/tile.js');
        assert.deepEqual([...hashTilesGrown(0, 70000)], [...tilesOfTree(70000)]);
        assert.deepEqual([...hashTilesGrown(65535, 65536)], [
            { level: 0, index: 255, width: 256 },
            { level: 1, index: 0, width: 256 },
            { level: 2, index: 0, width: 1 },
        ]);
        assert.deepEqual([...hashTilesGrown(5, 5)], []);
    });
});
//# sourceMappingURL=tile.test.js.map