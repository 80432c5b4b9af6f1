/**
 * C2SP tlog-tiles maths and paths. Pure functions: which tiles a tree of a given size has, where they
 * live (`tile/<L>/<N>[.p/<W>]`, `tile/entries/<N>[.p/<W>]`), and which hashes a tile holds.
 *
 * A level-L tile holds 256 consecutive Merkle nodes of height 8*L; tile N at level L starts at node
 * N*256. The rightmost tile of a level is partial when the level's node count is not a multiple of 256.
 */
import { SignetError } from '../errors.js';
export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 256;
export const MAX_TILE_LEVEL = 63;
function badPath(path, why) {
    return new SignetError('TILE_PATH_INVALID', `not a tlog-tiles path: ${JSON.stringify(path)} (${why})`, {
        expected: 'tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>], N as x001/x234/067',
        got: path,
    });
}
/** Encodes a tile index as zero-padded 3-digit path elements, all but the last prefixed with "x". */
export function encodeTileIndex(n) {
    if (!Number.isSafeInteger(n) || n < 0)
        throw badPath(String(n), 'index must be a non-negative integer');
    let s = String(n % 1000).padStart(3, '0');
    let rest = Math.floor(n / 1000);
    while (rest > 0) {
        s = `x${String(rest % 1000).padStart(3, '0')}/${s}`;
        rest = Math.floor(rest / 1000);
    }
    return s;
}
export function tilePath(t) {
    if (t.level !== 'entries' && (!Number.isInteger(t.level) || t.level < 0 || t.level > MAX_TILE_LEVEL)) {
        throw badPath(String(t.level), `level must be 0..${MAX_TILE_LEVEL}`);
    }
    if (!Number.isInteger(t.width) || t.width < 1 || t.width > TILE_WIDTH) {
        throw badPath(String(t.width), `width must be 1..${TILE_WIDTH}`);
    }
    const partial = t.width === TILE_WIDTH ? '' : `.p/${t.width}`;
    return `tile/${t.level}/${encodeTileIndex(t.index)}${partial}`;
}
/** Parses a canonical tile path; anything that would not round-trip is rejected. */
export function parseTilePath(path) {
    const m = /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/.exec(path);
    if (m === null)
        throw badPath(path, 'malformed');
    const level = m[1] === 'entries' ? 'entries' : Number(m[1]);
    if (level !== 'entries' && level > MAX_TILE_LEVEL)
        throw badPath(path, `level above ${MAX_TILE_LEVEL}`);
    const digits = m[2].replace(/x/g, '').replace(/\//g, '');
    const index = Number(digits);
    if (!Number.isSafeInteger(index))
        throw badPath(path, 'index too large');
    const width = m[3] === undefined ? TILE_WIDTH : Number(m[3]);
    if (m[3] !== undefined && width >= TILE_WIDTH)
        throw badPath(path, 'partial width must be 1..255');
    const t = { level, index, width };
    if (tilePath(t) !== path)
        throw badPath(path, 'not canonical (leading zero groups?)');
    return t;
}
/** Number of Merkle nodes of height 8*level in a tree of `size` leaves. */
export function nodesAtTileLevel(size, level) {
    return Math.floor(size / TILE_WIDTH ** level);
}
/** Width the tile `index` at `level` (a number, or "entries" = level 0) has in a tree of `size`; 0 if absent. */
export function tileWidthAt(size, level, index) {
    const nodes = nodesAtTileLevel(size, level === 'entries' ? 0 : level);
    const full = Math.floor(nodes / TILE_WIDTH);
    if (index < full)
        return TILE_WIDTH;
    if (index === full)
        return nodes % TILE_WIDTH;
    return 0;
}
/** The tile at `level` holding node `nodeIndex`, with the width it has in a tree of `size`. */
export function tileForNode(size, level, nodeIndex) {
    const index = Math.floor(nodeIndex / TILE_WIDTH);
    return { level, index, width: tileWidthAt(size, level, index) };
}
/** Every tile (hash tiles of all levels, not bundles) of a tree of `size`, level by level. */
export function* tilesOfTree(size) {
    for (let level = 0; level <= MAX_TILE_LEVEL; level++) {
        const nodes = nodesAtTileLevel(size, level);
        if (nodes === 0)
            return;
        const count = Math.ceil(nodes / TILE_WIDTH);
        for (let index = 0; index < count; index++)
            yield { level, index, width: tileWidthAt(size, level, index) };
    }
}
/**
 * The tiles (of `level`, a number or "entries") that appear or change when a tree grows from `oldSize`
 * to `newSize`: the rightmost tile of the old tree if it grew, and every tile after it.
 */
export function* tilesGrown(oldSize, newSize, level) {
    const l = level === 'entries' ? 0 : level;
    const oldNodes = nodesAtTileLevel(oldSize, l);
    const newNodes = nodesAtTileLevel(newSize, l);
    if (newNodes <= oldNodes)
        return;
    const first = Math.floor(oldNodes / TILE_WIDTH);
    const last = Math.ceil(newNodes / TILE_WIDTH) - 1;
    for (let index = first; index <= last; index++) {
        const width = tileWidthAt(newSize, level, index);
        if (width > 0)
            yield { level, index, width };
    }
}
/** The hash tiles of every level that appear or change when a tree grows from `oldSize` to `newSize`. */
export function* hashTilesGrown(oldSize, newSize) {
    for (let level = 0; level <= MAX_TILE_LEVEL && nodesAtTileLevel(newSize, level) > 0; level++) {
        yield* tilesGrown(oldSize, newSize, level);
    }
}
/** The full-width tile that a partial one grows into (to fall back on when the partial was deleted). */
export function fullTile(t) {
    return { level: t.level, index: t.index, width: TILE_WIDTH };
}
//# sourceMappingURL=tile.js.map