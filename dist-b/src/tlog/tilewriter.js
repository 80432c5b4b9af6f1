/**
 * What a log must publish when it grows: the hash tiles and entry bundles that appear or change
 * between two tree sizes, as (path, bytes) pairs. Pure: the caller stores them (files, a CDN, a test).
 */
import { encodeBundle } from './bundle.js';
import { HASH_SIZE } from './hash.js';
import { TILE_HEIGHT, TILE_WIDTH, hashTilesGrown, tilePath, tilesGrown } from './tile.js';
/** The bytes of a hash tile: its `width` node hashes of height 8*level, concatenated. */
export function hashTileData(reader, tile) {
    if (tile.level === 'entries')
        throw new TypeError('hashTileData needs a hash tile, not a bundle');
    const out = Buffer.allocUnsafe(tile.width * HASH_SIZE);
    const height = tile.level * TILE_HEIGHT;
    for (let i = 0; i < tile.width; i++)
        out.set(reader.hashAt(height, tile.index * TILE_WIDTH + i), i * HASH_SIZE);
    return out;
}
/** Hash tiles that appear or change when the tree grows from `oldSize` to `newSize`. */
export function* grownHashTiles(reader, oldSize, newSize) {
    for (const tile of hashTilesGrown(oldSize, newSize))
        yield { tile, path: tilePath(tile), data: hashTileData(reader, tile) };
}
/** Entry bundles that appear or change when the log grows; `entryAt(i)` returns entry i. */
export function* grownBundles(entryAt, oldSize, newSize) {
    for (const tile of tilesGrown(oldSize, newSize, 'entries')) {
        const entries = [];
        for (let i = 0; i < tile.width; i++)
            entries.push(entryAt(tile.index * TILE_WIDTH + i));
        yield { tile, path: tilePath(tile), data: encodeBundle(entries) };
    }
}
//# sourceMappingURL=tilewriter.js.map