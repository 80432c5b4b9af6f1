/**
 * The auditor against logs we build with our own code and then tamper with: each attack is caught
 * with its own error code, and an honest log passes.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type ErrorCode, isSignetError } from '../../src/errors.js';
import { FolderSource } from '../../src/client/source.js';
import { Ed25519PrivateKey } from '../../src/crypto/ed25519.js';
import { ed25519NoteSigner, signNote } from '../../src/crypto/note.js';
import { auditLog } from '../../src/tlog/audit.js';
import { encodeBundle } from '../../src/tlog/bundle.js';
import { formatCheckpoint } from '../../src/tlog/checkpoint.js';
import { cosignatureVerifierKey, cosigner } from '../../src/tlog/cosignature.js';
import { leafHash } from '../../src/tlog/hash.js';
import { tilePath } from '../../src/tlog/tile.js';
import { type BuiltLog, buildLog, entry, writeFile } from '../../testkit/log.js';

const SIZES = [3, 256, 700, 66000];
const SIZE = SIZES.at(-1)!;

let work: string;
let honest: BuiltLog;
let copies = 0;

function copy(): string {
  const dir = join(work, `copy-${copies++}`);
  cpSync(honest.dir, dir, { recursive: true });
  return dir;
}

function audit(dir: string, extra: { since?: string; witnesses?: string[]; witnessThreshold?: number } = {}) {
  return auditLog(new FolderSource(dir), { logKey: honest.vkey, ...extra });
}

async function rejectsWith(p: Promise<unknown>, code: ErrorCode): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    if (!isSignetError(e)) throw e;
    assert.equal(e.code, code, `${e.code}: ${e.message}`);
    return true;
  });
}

function flipByte(file: string, offset: number): void {
  const data = readFileSync(file);
  data[offset]! ^= 0x01;
  writeFileSync(file, data);
}

before(() => {
  work = mkdtempSync(join(tmpdir(), 'signet-audit-'));
  honest = buildLog(join(work, 'honest'), SIZES);
});
after(() => rmSync(work, { recursive: true, force: true }));

describe('auditing an honest log', () => {
  it('verifies it, and every earlier checkpoint is a prefix', async () => {
    const r = await audit(honest.dir);
    assert.equal(r.size, SIZE);
    assert.equal(r.entriesVerified, SIZE);
    // 258 level-0 tiles, 2 level-1 tiles, 1 level-2 tile.
    assert.equal(r.tilesVerified, 258 + 2 + 1);
    for (const [size, note] of honest.checkpoints) {
      const s = await audit(honest.dir, { since: note });
      assert.equal(s.since?.size, size);
    }
  });

  it('reports progress as it goes', async () => {
    const seen: number[] = [];
    await auditLog(new FolderSource(honest.dir), { logKey: honest.vkey, onProgress: (done) => seen.push(done) });
    assert.equal(seen.length, Math.ceil(SIZE / 256));
    assert.equal(seen.at(-1), SIZE);
  });

  it('falls back to the full tile when a partial one has been deleted', async () => {
    const dir = copy();
    // Publish a checkpoint at 300, whose partial tiles (0/001.p/44, entries/001.p/44, 1/000.p/1) are gone:
    // the full tiles written for later sizes stand in for them.
    const body = formatCheckpoint({ origin: honest.origin, size: 300, root: Buffer.from(honest.tree.root(300)), extensions: [] });
    writeFile(dir, 'checkpoint', signNote(body, [ed25519NoteSigner(honest.origin, honest.key)]));
    for (const p of ['tile/0/001.p/44', 'tile/entries/001.p/44', 'tile/1/000.p/1']) rmSync(join(dir, p), { force: true });
    const r = await audit(dir);
    assert.equal(r.size, 300);
  });

  it('verifies the empty log', async () => {
    const dir = join(work, 'empty');
    const log = buildLog(dir, [0]);
    const r = await auditLog(new FolderSource(dir), { logKey: log.vkey });
    assert.equal(r.size, 0);
  });
});

describe('tampering is caught, each attack with its own code', () => {
  it('an altered entry: ENTRY_ALTERED', async () => {
    const dir = copy();
    // Entry 300 lives in bundle 1; change one byte inside it (past the 2-byte length prefix).
    const file = join(dir, 'tile/entries/001');
    const data = readFileSync(file);
    const offset = 2 + entry(256).length + 2 + 5;
    data[offset]! ^= 0x20;
    writeFileSync(file, data);
    await rejectsWith(audit(dir), 'ENTRY_ALTERED');
  });

  it('an altered byte in a level-0 tile: TILE_ALTERED', async () => {
    const dir = copy();
    flipByte(join(dir, 'tile/0/005'), 100);
    await rejectsWith(audit(dir), 'TILE_ALTERED');
  });

  it('an altered byte in an upper-level tile: TILE_ALTERED', async () => {
    for (const path of ['tile/1/000', 'tile/1/001.p/1', 'tile/2/000.p/1']) {
      const dir = copy();
      flipByte(join(dir, path), 31);
      await rejectsWith(audit(dir), 'TILE_ALTERED');
    }
  });

  it('a tile of the wrong length: TILE_ALTERED', async () => {
    const dir = copy();
    truncateSync(join(dir, 'tile/0/003'), 8192 - 32);
    await rejectsWith(audit(dir), 'TILE_ALTERED');
  });

  it('an entry and its leaf hash altered together: ROOT_MISMATCH', async () => {
    const dir = copy();
    const entries = honest.entries.slice(0, 256).map((e, i) => (i === 7 ? Buffer.from('forged entry') : e));
    writeFile(dir, 'tile/entries/000', encodeBundle(entries));
    const tile = Buffer.concat(entries.map((e) => leafHash(e)));
    writeFile(dir, 'tile/0/000', tile);
    await rejectsWith(audit(dir), 'ROOT_MISMATCH');
  });

  it('a truncated bundle: BUNDLE_TRUNCATED', async () => {
    const dir = copy();
    const file = join(dir, 'tile/entries/010');
    truncateSync(file, readFileSync(file).length - 3);
    await rejectsWith(audit(dir), 'BUNDLE_TRUNCATED');
    // Entries withheld at the end of a bundle.
    const dir2 = copy();
    writeFile(dir2, 'tile/entries/011', encodeBundle(honest.entries.slice(11 * 256, 11 * 256 + 200)));
    await rejectsWith(audit(dir2), 'BUNDLE_TRUNCATED');
  });

  it('a missing tile: TILE_MISSING', async () => {
    const dir = copy();
    unlinkSync(join(dir, tilePath({ level: 0, index: 100, width: 256 })));
    await rejectsWith(audit(dir), 'TILE_MISSING');
  });

  it('an altered checkpoint: CHECKPOINT_SIGNATURE_INVALID', async () => {
    const dir = copy();
    const note = readFileSync(join(dir, 'checkpoint'), 'utf8');
    writeFile(dir, 'checkpoint', note.replace(`\n${SIZE}\n`, `\n${SIZE - 1}\n`));
    await rejectsWith(audit(dir), 'CHECKPOINT_SIGNATURE_INVALID');
  });

  it('a checkpoint that is not UTF-8: CHECKPOINT_MALFORMED, even where the bytes are outside what is signed', async () => {
    // signed-note: notes MUST be valid UTF-8. A byte 0xFF in an extra signature line (or anywhere) must not
    // be read as U+FFFD and the note accepted, as other verifiers refuse it.
    const dir = copy();
    const note = readFileSync(join(dir, 'checkpoint'));
    writeFileSync(join(dir, 'checkpoint'), Buffer.concat([note, Buffer.from('\u2014 w', 'utf8'), Buffer.from([0xff]), Buffer.from(' AAAAAAAA\n')]));
    await rejectsWith(audit(dir), 'CHECKPOINT_MALFORMED');
    const origin = Buffer.from(honest.origin, 'utf8');
    const signedBad = readFileSync(join(honest.dir, 'checkpoint'));
    const at = signedBad.indexOf(origin);
    writeFileSync(join(dir, 'checkpoint'), Buffer.concat([signedBad.subarray(0, at + origin.length), Buffer.from([0xc0, 0x80]), signedBad.subarray(at + origin.length)]));
    await rejectsWith(audit(dir), 'CHECKPOINT_MALFORMED');
  });

  it('a checkpoint signed by another key: CHECKPOINT_NOT_SIGNED', async () => {
    const dir = copy();
    const body = formatCheckpoint({ origin: honest.origin, size: SIZE, root: Buffer.from(honest.tree.root()), extensions: [] });
    writeFile(dir, 'checkpoint', signNote(body, [ed25519NoteSigner(honest.origin, Ed25519PrivateKey.generate())]));
    await rejectsWith(audit(dir), 'CHECKPOINT_NOT_SIGNED');
  });

  it('a signed root that the contents do not give: ROOT_MISMATCH', async () => {
    const dir = copy();
    const body = formatCheckpoint({ origin: honest.origin, size: SIZE, root: Buffer.alloc(32, 9), extensions: [] });
    writeFile(dir, 'checkpoint', signNote(body, [ed25519NoteSigner(honest.origin, honest.key)]));
    await rejectsWith(audit(dir), 'ROOT_MISMATCH');
  });

  it('a rollback to an older checkpoint: CHECKPOINT_ROLLBACK', async () => {
    const dir = copy();
    writeFile(dir, 'checkpoint', honest.checkpoints.get(700)!);
    await rejectsWith(audit(dir, { since: honest.checkpoints.get(SIZE)! }), 'CHECKPOINT_ROLLBACK');
  });

  it('a fork (same key, another history): CHECKPOINT_FORK, at a larger and at the same size', async () => {
    const forked = buildLog(join(work, 'fork'), [700, SIZE], { key: honest.key, origin: honest.origin, salt: 'fork' });
    await rejectsWith(audit(forked.dir, { since: honest.checkpoints.get(256)! }), 'CHECKPOINT_FORK');
    await rejectsWith(audit(forked.dir, { since: honest.checkpoints.get(SIZE)! }), 'CHECKPOINT_FORK');
    // The error keeps both notes as evidence.
    await assert.rejects(audit(forked.dir, { since: honest.checkpoints.get(700)! }), (e: unknown) => {
      assert.ok(isSignetError(e, 'CHECKPOINT_FORK'));
      assert.equal(e.details.evidence?.older, honest.checkpoints.get(700));
      assert.equal(e.details.evidence?.newer, forked.checkpoints.get(SIZE));
      return true;
    });
  });

  it('a --since checkpoint from another log: CHECKPOINT_ORIGIN_MISMATCH', async () => {
    // Signed by the same key (a log operator that runs two logs under one key name).
    const body = formatCheckpoint({ origin: 'example.com/other', size: 3, root: Buffer.from(honest.tree.root(3)), extensions: [] });
    const other = signNote(body, [ed25519NoteSigner(honest.origin, honest.key)]);
    await rejectsWith(audit(honest.dir, { since: other }), 'CHECKPOINT_ORIGIN_MISMATCH');
  });
});

describe('witness cosignatures', () => {
  const w1 = Ed25519PrivateKey.generate();
  const w2 = Ed25519PrivateKey.generate();
  const k1 = cosignatureVerifierKey('witness-1.example', w1.publicKey);
  const k2 = cosignatureVerifierKey('witness-2.example', w2.publicKey);

  it('are required when asked for, counted against a threshold, and must verify', async () => {
    const dir = join(work, 'witnessed');
    buildLog(dir, [10], { key: honest.key, origin: honest.origin, extraSigners: () => [cosigner('witness-1.example', w1, 1764201600n)] });
    const r = await audit(dir, { witnesses: [k1] });
    assert.deepEqual(r.cosignatures.map((c) => [c.name, c.timestamp]), [['witness-1.example', 1764201600]]);
    await rejectsWith(audit(dir, { witnesses: [k1, k2] }), 'COSIGNATURE_MISSING');
    assert.equal((await audit(dir, { witnesses: [k1, k2], witnessThreshold: 1 })).cosignatures.length, 1);
    await rejectsWith(audit(dir, { witnesses: [k2] }), 'COSIGNATURE_MISSING');
    // A cosignature whose bytes were altered.
    const note = readFileSync(join(dir, 'checkpoint'), 'utf8');
    const lines = note.split('\n');
    const i = lines.findIndex((l) => l.startsWith('\u2014 witness-1.example '));
    const sig = Buffer.from(lines[i]!.split(' ')[2]!, 'base64');
    sig[20]! ^= 1;
    lines[i] = `\u2014 witness-1.example ${sig.toString('base64')}`;
    writeFile(dir, 'checkpoint', lines.join('\n'));
    await rejectsWith(audit(dir, { witnesses: [k1] }), 'COSIGNATURE_INVALID');
  });

  it('refuse one key configured as two witnesses, whose one cosignature copied under the other name would count twice', async () => {
    const dir = join(work, 'witnessed-twice');
    buildLog(dir, [10], { key: honest.key, origin: honest.origin, extraSigners: () => [cosigner('witness-1.example', w1, 1764201600n)] });
    const alias = cosignatureVerifierKey('witness-1-alias.example', w1.publicKey);
    // The copied line: the same signature bytes under the alias's name and key ID (no private key needed).
    const note = readFileSync(join(dir, 'checkpoint'), 'utf8');
    const line = note.split('\n').find((l) => l.startsWith('\u2014 witness-1.example '))!;
    const sig = Buffer.from(line.split(' ')[2]!, 'base64');
    const aliasId = Buffer.from(alias.split('+')[1]!, 'hex');
    writeFile(dir, 'checkpoint', `${note}\u2014 witness-1-alias.example ${Buffer.concat([aliasId, sig.subarray(4)]).toString('base64')}\n`);
    await rejectsWith(audit(dir, { witnesses: [k1, alias], witnessThreshold: 2 }), 'USAGE');
  });
});
