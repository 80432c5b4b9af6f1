/**
 * The auditor: verifies a whole log served in the C2SP tlog-tiles layout against its signed checkpoint.
 *
 * It checks the checkpoint's signature (and witness cosignatures), streams every entry bundle and
 * level-0 tile, hashes every entry into a compact range (constant memory), checks every hash tile of
 * every level against the nodes computed from the entries, and compares the resulting root with the
 * signed one. With an older checkpoint it also checks that the older tree is a prefix of the newer.
 *
 * Failures are classified so that the error names the attack: an entry that does not hash to its signed
 * leaf (ENTRY_ALTERED), a tile that lies about the tree (TILE_ALTERED), a signed root matching neither
 * (ROOT_MISMATCH), a truncated bundle, a fork, a rollback, a bad or missing signature.
 */
import { SignetError, isSignetError } from '../errors.js';
import { type Note, type NoteVerifier, ed25519NoteVerifier, noteFromBytes, openNote, parseNote } from '../crypto/note.js';
import { decodeBundle, MAX_ENTRY_SIZE } from './bundle.js';
import { type Checkpoint, parseCheckpoint } from './checkpoint.js';
import { CompactRange } from './compact.js';
import { cosignatureTimestamp, cosignatureVerifier, sameKeyTwice } from './cosignature.js';
import { HASH_SIZE, b64, hashEqual, leafHash, nodeHash } from './hash.js';
import { type LogSource } from './source.js';
import { TILE_HEIGHT, TILE_WIDTH, type Tile, fullTile, tilePath, tileWidthAt } from './tile.js';

export interface AuditOptions {
  /** The log's verifier key (name+hash+base64 key). */
  readonly logKey: string;
  /** An older checkpoint (raw signed note) that the current one must extend. */
  readonly since?: string;
  /** Witness verifier keys whose cosignatures are required. */
  readonly witnesses?: readonly string[];
  /** How many of `witnesses` must have cosigned; default: all of them. */
  readonly witnessThreshold?: number;
  /** Called after each entry bundle with the number of entries verified so far and the total. */
  readonly onProgress?: (done: number, total: number) => void;
  /** How many bundles to fetch ahead (bounded memory: each is at most ~16 MiB). Default 4. */
  readonly prefetch?: number;
}

export interface CosignatureInfo {
  readonly name: string;
  readonly keyHash: string;
  readonly timestamp: number;
}

export interface AuditReport {
  readonly source: string;
  readonly origin: string;
  readonly size: number;
  readonly root: string;
  readonly checkpoint: string;
  readonly entriesVerified: number;
  readonly tilesVerified: number;
  readonly bundlesVerified: number;
  readonly cosignatures: readonly CosignatureInfo[];
  readonly since?: { readonly size: number; readonly root: string; readonly relation: 'same' | 'prefix' };
}

const MAX_NOTE_BYTES = 1 << 20;
const MAX_TILE_BYTES = TILE_WIDTH * HASH_SIZE;
const MAX_BUNDLE_BYTES = TILE_WIDTH * (2 + MAX_ENTRY_SIZE);

/**
 * A checkpoint received as bytes, as text: strict UTF-8 and no control character but newline (signed-note),
 * else CHECKPOINT_MALFORMED. Served bytes must go through this rather than a replacing decoder, which would
 * accept what other verifiers refuse and keep as evidence text the log did not send.
 */
export function checkpointText(bytes: Uint8Array, what = 'checkpoint'): string {
  try {
    return noteFromBytes(bytes);
  } catch (e) {
    if (!isSignetError(e, 'NOTE_MALFORMED')) throw e;
    throw new SignetError('CHECKPOINT_MALFORMED', `the ${what} is not a well-formed signed note: ${e.message}`, {
      expected: 'UTF-8 text without control characters other than newline',
      got: `${bytes.byteLength} bytes beginning ${JSON.stringify(Buffer.from(bytes.subarray(0, 80)).toString('latin1'))}`,
      evidence: { noteBase64: Buffer.from(bytes).toString('base64') },
      cause: e,
    });
  }
}

/** Verifies a checkpoint note against the log key: CHECKPOINT_* errors name what is wrong. */
export function openCheckpoint(raw: string, logVerifier: NoteVerifier, what = 'checkpoint'): { note: Note; checkpoint: Checkpoint } {
  let note: Note;
  try {
    note = openNote(raw, [logVerifier]);
  } catch (e) {
    if (isSignetError(e, 'NOTE_SIGNATURE_INVALID')) {
      throw new SignetError('CHECKPOINT_SIGNATURE_INVALID', `the ${what}'s signature by ${logVerifier.name} does not verify`, {
        attack: 'an altered or forged checkpoint',
        evidence: { note: raw },
        cause: e,
      });
    }
    if (isSignetError(e, 'NOTE_UNVERIFIED')) {
      throw new SignetError('CHECKPOINT_NOT_SIGNED', `the ${what} carries no signature by the trusted log key ${logVerifier.name}`, {
        expected: `a signature by ${logVerifier.name} (key ID ${hex8(logVerifier.keyHash)})`,
        got: describeSigners(raw),
        attack: 'a checkpoint signed by a key the log does not own (an impostor log or a swapped key)',
        hint: 'check that --key is the verifier key the log publishes',
        evidence: { note: raw },
        cause: e,
      });
    }
    if (isSignetError(e, 'NOTE_MALFORMED')) {
      throw new SignetError('CHECKPOINT_MALFORMED', `the ${what} is not a well-formed signed note: ${e.message}`, { evidence: { note: raw }, cause: e });
    }
    throw e;
  }
  return { note, checkpoint: parseCheckpoint(note.text) };
}

function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

/** Who signed a (well-formed) note, for messages: "signatures by name (key ID 1a2b3c4d), ...". */
function describeSigners(raw: string): string {
  const names = parseNote(raw).signatures.map((s) => `${s.name} (key ID ${hex8(s.keyHash)})`);
  return names.length === 0 ? 'no signatures' : `signatures by ${names.join(', ')}`;
}

/** Checks witness cosignatures on a checkpoint note. */
export function checkCosignatures(raw: string, witnessKeys: readonly string[], thresholdOpt?: number): CosignatureInfo[] {
  // The same witness may be configured twice (as a 0x01 and a 0x04 vkey): count it once.
  const byId = new Map(witnessKeys.map((k) => cosignatureVerifier(k)).map((v) => [`${v.name}+${hex8(v.keyHash)}`, v] as const));
  const verifiers = [...byId.values()];
  sameKeyTwice(verifiers);
  const threshold = thresholdOpt ?? verifiers.length;
  if (!Number.isInteger(threshold) || threshold < 0 || threshold > verifiers.length) {
    throw new SignetError('USAGE', `a witness threshold of ${threshold} with ${verifiers.length} distinct witness key(s)`, {
      expected: `0..${verifiers.length}`,
      got: String(threshold),
    });
  }
  let note: Note;
  try {
    note = openNote(raw, verifiers);
  } catch (e) {
    if (isSignetError(e, 'NOTE_SIGNATURE_INVALID')) {
      throw new SignetError('COSIGNATURE_INVALID', `a witness cosignature on the checkpoint does not verify: ${e.message}`, {
        attack: 'a forged witness cosignature (a split view hidden from the witnesses)',
        evidence: { note: raw },
        cause: e,
      });
    }
    if (isSignetError(e, 'NOTE_UNVERIFIED')) {
      if (threshold === 0) return [];
      throw new SignetError('COSIGNATURE_MISSING', `the checkpoint has none of the required witness cosignatures`, {
        expected: `${threshold} of ${verifiers.map((v) => v.name).join(', ')}`,
        got: describeSigners(raw),
        attack: 'a checkpoint the witnesses have not seen (a possible split view)',
        evidence: { note: raw },
        cause: e,
      });
    }
    throw e;
  }
  const infos = note.sigs.map((s) => ({ name: s.name, keyHash: hex8(s.keyHash), timestamp: Number(cosignatureTimestamp(s)) }));
  if (infos.length < threshold) {
    throw new SignetError('COSIGNATURE_MISSING', `the checkpoint has ${infos.length} of the ${threshold} required witness cosignatures`, {
      expected: `${threshold} of ${verifiers.map((v) => v.name).join(', ')}`,
      got: infos.map((i) => i.name).join(', '),
      attack: 'a checkpoint the witnesses have not seen (a possible split view)',
      evidence: { note: raw },
    });
  }
  return infos;
}

/** Reads a tile or bundle, falling back to the full tile when a partial one is gone (tlog-tiles allows it). */
async function readTile(source: LogSource, tile: Tile, maxBytes: number): Promise<{ data: Uint8Array; full: boolean }> {
  const path = tilePath(tile);
  const data = await source.read(path, maxBytes);
  if (data !== null) return { data, full: false };
  if (tile.width < TILE_WIDTH) {
    const full = await source.read(tilePath(fullTile(tile)), maxBytes);
    if (full !== null) return { data: full, full: true };
  }
  throw new SignetError('TILE_MISSING', `${source.description} does not serve ${path}`, {
    expected: `${path} (needed by the checkpoint's tree size)`,
    got: 'not found',
    hint: 'the log may be incomplete or still uploading; retry, or report it to the log operator',
    evidence: { path },
  });
}

async function readHashTile(source: LogSource, tile: Tile): Promise<Buffer> {
  const { data, full } = await readTile(source, tile, MAX_TILE_BYTES);
  const want = (full ? TILE_WIDTH : tile.width) * HASH_SIZE;
  if (data.length !== want) {
    throw new SignetError('TILE_ALTERED', `${tilePath(tile)} is ${data.length} bytes`, {
      expected: `${want} bytes (${want / HASH_SIZE} hashes)`,
      got: `${data.length} bytes`,
      attack: 'an altered or truncated hash tile',
      evidence: { path: tilePath(tile) },
    });
  }
  return Buffer.from(data.buffer, data.byteOffset, tile.width * HASH_SIZE);
}

/** Reads an entry bundle (falling back to the full tile when a partial one is gone); at most `tile.width` entries. */
export async function readBundle(source: LogSource, tile: Tile): Promise<Buffer[]> {
  const { data, full } = await readTile(source, tile, MAX_BUNDLE_BYTES);
  try {
    const entries = decodeBundle(data, full ? TILE_WIDTH : tile.width, { atLeast: full });
    return entries.slice(0, tile.width);
  } catch (e) {
    if (e instanceof SignetError) {
      throw new SignetError(e.code, `${tilePath(tile)}: ${e.message}`, { ...e.details, evidence: { path: tilePath(tile) } });
    }
    throw e;
  }
}

/** A hash a tile serves that differs from the one computed from the entries. */
interface Mismatch {
  /** Tile level (0 = leaf hashes) and the node's index within that level. */
  readonly level: number;
  readonly index: number;
  /** The hash tile that served it, and for level 0 the bundle holding the entry. */
  readonly tile: string;
  readonly bundle?: string;
  readonly computed: string;
  readonly served: string;
}

/** Audits the log behind `source`; resolves with a report, or rejects with a SignetError. */
export async function auditLog(source: LogSource, opts: AuditOptions): Promise<AuditReport> {
  const logVerifier = ed25519NoteVerifier(opts.logKey);
  const rawBytes = await source.read('checkpoint', MAX_NOTE_BYTES);
  if (rawBytes === null) {
    throw new SignetError('FETCH_FAILED', `${source.description} serves no checkpoint`, {
      expected: `${source.description}/checkpoint`,
      got: 'not found',
      hint: 'check the URL or folder: it must be the log prefix holding checkpoint and tile/',
    });
  }
  const raw = checkpointText(rawBytes);
  const { checkpoint } = openCheckpoint(raw, logVerifier);

  const witnesses = opts.witnesses ?? [];
  const cosignatures = witnesses.length > 0 ? checkCosignatures(raw, witnesses, opts.witnessThreshold) : [];

  // The older checkpoint, if any: same origin, not larger, and (checked once the entries are hashed) a prefix.
  let old: Checkpoint | undefined;
  if (opts.since !== undefined) {
    old = openCheckpoint(opts.since, logVerifier, 'older checkpoint (--since)').checkpoint;
    if (old.origin !== checkpoint.origin) {
      throw new SignetError('CHECKPOINT_ORIGIN_MISMATCH', 'the two checkpoints are from different logs', {
        expected: old.origin,
        got: checkpoint.origin,
      });
    }
    if (old.size > checkpoint.size) {
      throw new SignetError('CHECKPOINT_ROLLBACK', `the log now serves size ${checkpoint.size}, smaller than the ${old.size} seen before`, {
        expected: `a size of at least ${old.size}`,
        got: String(checkpoint.size),
        attack: 'a rollback: the log hides entries it had already published',
        evidence: { older: opts.since, newer: raw },
      });
    }
    if (old.size === checkpoint.size && !hashEqual(old.root, checkpoint.root)) {
      throw forkError(old, checkpoint, opts.since, raw, b64(old.root), b64(checkpoint.root));
    }
  }

  const size = checkpoint.size;
  let tilesVerified = 0;
  let entryMismatch: Mismatch | undefined;
  let tileMismatch: Mismatch | undefined;
  let prefixRoot: Uint8Array | undefined;

  // Nodes of height 8, 16, ... created while hashing a bundle; checked against the upper tiles after it.
  // Upper tiles are cached one per level: nodes arrive left to right, so each tile is fetched once.
  const newNodes: { tileLevel: number; index: number; hash: Uint8Array }[] = [];
  const upper = new Map<number, { index: number; data: Buffer }>();
  const range = new CompactRange((level, index, hash) => {
    if (level > 0 && level % TILE_HEIGHT === 0) newNodes.push({ tileLevel: level / TILE_HEIGHT, index, hash });
  });
  const checkUpperNodes = async (): Promise<void> => {
    for (const { tileLevel, index, hash } of newNodes.splice(0)) {
      const tileIndex = Math.floor(index / TILE_WIDTH);
      let cached = upper.get(tileLevel);
      if (cached === undefined || cached.index !== tileIndex) {
        const tile: Tile = { level: tileLevel, index: tileIndex, width: tileWidthAt(size, tileLevel, tileIndex) };
        cached = { index: tileIndex, data: await readHashTile(source, tile) };
        upper.set(tileLevel, cached);
        tilesVerified++;
      }
      const pos = (index % TILE_WIDTH) * HASH_SIZE;
      const served = cached.data.subarray(pos, pos + HASH_SIZE);
      if (tileMismatch === undefined && !hashEqual(served, hash)) {
        const tile = tilePath({ level: tileLevel, index: tileIndex, width: tileWidthAt(size, tileLevel, tileIndex) });
        tileMismatch = { level: tileLevel, index, tile, computed: b64(hash), served: b64(served) };
      }
    }
  };

  const bundleCount = Math.ceil(size / TILE_WIDTH);
  const prefetch = Math.max(1, opts.prefetch ?? 4);
  const fetchPair = (n: number): Promise<[Buffer, Buffer[]]> => {
    const width = tileWidthAt(size, 0, n);
    return Promise.all([readHashTile(source, { level: 0, index: n, width }), readBundle(source, { level: 'entries', index: n, width })]);
  };
  const queue: Promise<[Buffer, Buffer[]]>[] = [];
  for (let n = 0; n < Math.min(prefetch, bundleCount); n++) queue.push(fetchPair(n));
  // Avoid unhandled rejections for prefetched pairs that we never await because an earlier one failed.
  const guard = (p: Promise<unknown>): void => void p.catch(() => undefined);
  queue.forEach(guard);

  for (let n = 0; n < bundleCount; n++) {
    const [tile0, entries] = await queue.shift()!;
    if (n + prefetch < bundleCount) {
      const p = fetchPair(n + prefetch);
      guard(p);
      queue.push(p);
    }
    tilesVerified++;
    for (let i = 0; i < entries.length; i++) {
      const index = n * TILE_WIDTH + i;
      if (old !== undefined && index === old.size) prefixRoot = range.root();
      const lh = leafHash(entries[i]!);
      const served = tile0.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE);
      if (entryMismatch === undefined && !hashEqual(lh, served)) {
        entryMismatch = {
          level: 0,
          index,
          tile: tilePath({ level: 0, index: n, width: entries.length }),
          bundle: tilePath({ level: 'entries', index: n, width: entries.length }),
          computed: b64(lh),
          served: b64(served),
        };
      }
      range.append(lh);
    }
    if (newNodes.length > 0) await checkUpperNodes();
    opts.onProgress?.(Math.min(size, (n + 1) * TILE_WIDTH), size);
  }
  if (old !== undefined && old.size === size) prefixRoot = range.root();

  const entriesRoot = range.root();
  const rootOk = hashEqual(entriesRoot, checkpoint.root);
  if (rootOk) {
    const m = entryMismatch ?? tileMismatch;
    if (m !== undefined) {
      throw new SignetError('TILE_ALTERED', `hash tile ${m.tile} does not match the log's entries`, {
        expected: m.computed,
        got: m.served,
        attack: 'an altered hash tile (it would give clients proofs for a tree the log never signed)',
        evidence: { tile: m.tile, tileLevel: m.level, nodeIndex: m.index },
      });
    }
  } else {
    if (entryMismatch !== undefined) {
      const tilesRoot = await rootFromTiles(source, size);
      if (tilesRoot !== undefined && hashEqual(tilesRoot, checkpoint.root)) {
        throw new SignetError('ENTRY_ALTERED', `entry ${entryMismatch.index} (in ${entryMismatch.bundle}) does not hash to the leaf the log signed`, {
          expected: `leaf hash ${entryMismatch.served}`,
          got: `leaf hash ${entryMismatch.computed}`,
          attack: 'an altered log entry',
          evidence: { index: entryMismatch.index, bundle: entryMismatch.bundle },
        });
      }
    }
    throw new SignetError('ROOT_MISMATCH', `the log's entries give a root that differs from the signed checkpoint at size ${size}`, {
      expected: b64(checkpoint.root),
      got: b64(entriesRoot),
      attack: "a log whose contents are not the signed tree (altered entries and tiles, or a checkpoint for another history)",
      evidence: { checkpoint: raw, ...(entryMismatch === undefined ? {} : { firstMismatchingEntry: entryMismatch.index }) },
    });
  }

  let sinceReport: AuditReport['since'];
  if (old !== undefined) {
    const pr = old.size === 0 ? old.root : prefixRoot;
    if (pr === undefined || !hashEqual(pr, old.root)) {
      throw forkError(old, checkpoint, opts.since!, raw, b64(old.root), pr === undefined ? '(none)' : b64(pr));
    }
    sinceReport = { size: old.size, root: b64(old.root), relation: old.size === size ? 'same' : 'prefix' };
  }

  return {
    source: source.description,
    origin: checkpoint.origin,
    size,
    root: b64(checkpoint.root),
    checkpoint: raw,
    entriesVerified: size,
    tilesVerified,
    bundlesVerified: bundleCount,
    cosignatures,
    ...(sinceReport === undefined ? {} : { since: sinceReport }),
  };
}

function forkError(old: Checkpoint, cur: Checkpoint, oldRaw: string, curRaw: string, expected: string, got: string): SignetError {
  return new SignetError('CHECKPOINT_FORK', `the log's tree at size ${old.size} is not the one in the older checkpoint`, {
    expected: `root ${expected} at size ${old.size}`,
    got: `root ${got} (the log now at size ${cur.size})`,
    attack: 'a fork: the log signed two different histories; keep both checkpoints as evidence',
    evidence: { older: oldRaw, newer: curRaw },
  });
}

/**
 * The root at `size` computed from the tiles alone (the right edge of the tree), used to tell an
 * altered entry from an altered tile. Returns undefined when a needed tile is missing or malformed.
 */
export async function rootFromTiles(source: LogSource, size: number): Promise<Uint8Array | undefined> {
  if (size === 0) return undefined;
  const cache = new Map<string, Buffer>();
  const nodeAt = async (tileLevel: number, index: number): Promise<Buffer> => {
    const t: Tile = { level: tileLevel, index: Math.floor(index / TILE_WIDTH), width: tileWidthAt(size, tileLevel, Math.floor(index / TILE_WIDTH)) };
    const key = tilePath(t);
    let data = cache.get(key);
    if (data === undefined) {
      data = await readHashTile(source, t);
      cache.set(key, data);
    }
    const pos = (index % TILE_WIDTH) * HASH_SIZE;
    return data.subarray(pos, pos + HASH_SIZE);
  };
  // Complete subtree at height h and index j: from 2^(h mod 8) nodes of tile level floor(h/8).
  const subtree = async (h: number, j: number): Promise<Uint8Array> => {
    const tileLevel = Math.floor(h / TILE_HEIGHT);
    const r = h % TILE_HEIGHT;
    let hashes: Uint8Array[] = [];
    for (let k = 0; k < 2 ** r; k++) hashes.push(await nodeAt(tileLevel, j * 2 ** r + k));
    while (hashes.length > 1) {
      const next: Uint8Array[] = [];
      for (let k = 0; k < hashes.length; k += 2) next.push(nodeHash(hashes[k]!, hashes[k + 1]!));
      hashes = next;
    }
    return hashes[0]!;
  };
  try {
    const parts: Uint8Array[] = [];
    let start = 0;
    for (let h = 63; h >= 0; h--) {
      const span = 2 ** h;
      if (span <= size - start) {
        parts.push(await subtree(h, start / span));
        start += span;
      }
    }
    let root = parts[parts.length - 1]!;
    for (let k = parts.length - 2; k >= 0; k--) root = nodeHash(parts[k]!, root);
    return root;
  } catch {
    return undefined;
  }
}
