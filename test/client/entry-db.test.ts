import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { EntryDb } from '../../src/client/entry-db.js';
import { isSignetError } from '../../src/errors.js';
import { decodeBundle, encodeBundle } from '../../src/tlog/bundle.js';
import { HeldEntries } from '../../src/client/held-entries.js';

const dir = mkdtempSync(join(tmpdir(), 'signet-entry-db-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const entry = (i: number): Buffer => Buffer.from(`{"entry":${i}}`);
const range = (from: number, to: number): Buffer[] => Array.from({ length: to - from }, (_, k) => entry(from + k));

describe('EntryDb', () => {
  it('stores proven entries as bundles of 256, completing a partial last bundle as the log grows', () => {
    const path = join(dir, 'grow.db');
    const db = new EntryDb(path);
    assert.equal(db.size(), 0);
    db.commit(0, range(0, 100), 'cp-100');
    db.commit(100, range(100, 300), 'cp-300');
    db.commit(300, [], 'cp-300b');
    db.commit(300, range(300, 700), 'cp-700');
    assert.equal(db.size(), 700);
    assert.equal(db.checkpoint(), 'cp-700');
    assert.deepEqual([...db.entries()].map(String), range(0, 700).map(String));
    assert.deepEqual([...db.entries(255)].map(String), range(255, 700).map(String));
    assert.deepEqual([...db.entries(700)], []);
    for (const i of [0, 99, 100, 255, 256, 511, 512, 699]) assert.equal(String(db.entry(i)), String(entry(i)));
    assert.equal(db.entry(700), undefined);
    assert.equal(db.entry(-1), undefined);
    db.close();
    // One row per bundle: full ones, then the partial last one.
    const raw = new Database(path, { readonly: true });
    const rows = raw.prepare('SELECT tile, width, data FROM bundles ORDER BY tile').all() as { tile: number; width: number; data: Buffer }[];
    raw.close();
    assert.deepEqual(rows.map((r) => [r.tile, r.width]), [[0, 256], [1, 256], [2, 188]]);
    assert.deepEqual(decodeBundle(rows[1]!.data).map(String), range(256, 512).map(String));
  });

  it('stages fetched bundles in place without ever replacing a proven entry, and forgets them when they fail to prove', () => {
    const path = join(dir, 'stage.db');
    const db = new EntryDb(path);
    db.commit(0, range(0, 300), 'cp-300');
    // The log serves bundle 1 again, full, but with its first (proven) entries altered.
    const altered = [...range(256, 300).map((e) => Buffer.concat([e, Buffer.from(' ')])), ...range(300, 512)];
    db.stage(1, 256, encodeBundle(altered));
    db.stage(2, 10, encodeBundle(range(512, 600))); // a full bundle where 10 entries were asked for
    assert.equal(db.size(), 300);
    assert.deepEqual([...db.entries()].map(String), range(0, 300).map(String));
    assert.equal(db.entry(300), undefined);
    assert.deepEqual(decodeBundle(db.staged(1, 256)!).map(String), range(256, 512).map(String), 'the proven prefix is kept');
    assert.deepEqual(decodeBundle(db.staged(2, 10)!).map(String), range(512, 522).map(String));
    assert.equal(db.staged(2, 11), undefined);
    assert.equal(db.staged(0, 256), undefined, 'a bundle holding only proven entries is not staged');
    db.clearStaged();
    assert.equal(db.staged(1, 256), undefined);
    assert.equal(db.staged(2, 10), undefined);
    assert.deepEqual([...db.entries()].map(String), range(0, 300).map(String));
    // Staged again and proven: the commit finds the entries in place.
    db.stage(1, 256, encodeBundle(range(256, 512)));
    db.stage(2, 10, encodeBundle(range(512, 522)));
    db.commit(300, range(300, 522), 'cp-522');
    assert.equal(db.size(), 522);
    assert.deepEqual([...db.entries(250)].map(String), range(250, 522).map(String));
    // A commit of entries other than the staged ones writes what it was given.
    db.stage(2, 30, encodeBundle(range(512, 542)));
    const other = range(522, 530).map((e) => Buffer.concat([e, Buffer.from('!')]));
    db.commit(522, other, 'cp-530');
    assert.deepEqual([...db.entries(520)].map(String), [...range(520, 522), ...other].map(String));
    db.close();
    // Reopened: the proven size is stored, not inferred from what was staged.
    const again = new EntryDb(path);
    assert.equal(again.size(), 530);
    assert.equal(again.checkpoint(), 'cp-530');
    again.close();
  });

  it('checks what another connection staged in between: its own copy of a bundle is not taken on trust', () => {
    const path = join(dir, 'shared.db');
    const mine = new EntryDb(path);
    const other = new EntryDb(path); // a monitor sharing the state folder
    mine.stage(0, 100, encodeBundle(range(0, 100)));
    const theirs = range(0, 100).map((e) => Buffer.concat([e, Buffer.from('?')]));
    other.stage(0, 100, encodeBundle(theirs));
    // `mine` proves its entries: the row no longer holds them, so the commit writes them.
    mine.commit(0, range(0, 100), 'cp-100');
    assert.deepEqual([...mine.entries()].map(String), range(0, 100).map(String));
    assert.deepEqual([...other.entries()].map(String), range(0, 100).map(String));
    // With no other writer in between, its own staged bytes are what the row holds.
    mine.stage(0, 150, encodeBundle(range(0, 150)));
    mine.commit(100, range(100, 150), 'cp-150');
    assert.deepEqual([...other.entries(95)].map(String), range(95, 150).map(String));
    mine.close();
    other.close();
  });

  it('commits entries known only by their leaf hashes when the staged rows hold them, and refuses a row changed in between', () => {
    const path = join(dir, 'hashes.db');
    const mine = new EntryDb(path);
    const other = new EntryDb(path);
    mine.commit(0, range(0, 100), 'cp-100');
    // A sync with no memory budget: bundle 0's new entries (100..256) and bundle 1 known by hash only.
    const proven = (from: number, to: number): HeldEntries => {
      const held = new HeldEntries(0, (tile) => mine.forget(tile));
      for (let lo = from; lo < to; lo = Math.floor(lo / 256) * 256 + 256) {
        const es = range(lo, Math.min(to, Math.floor(lo / 256) * 256 + 256));
        held.add(Math.floor(lo / 256), es);
      }
      return held;
    };
    mine.stage(0, 256, encodeBundle(range(0, 256)));
    mine.stage(1, 44, encodeBundle(range(256, 300)));
    const p300 = proven(100, 300);
    assert.equal(p300.slice(0, 10), undefined, 'no bytes are held');
    mine.commit(100, p300, 'cp-300');
    assert.deepEqual([...other.entries()].map(String), range(0, 300).map(String));
    // Another connection rewrites a staged row before the commit: entries it cannot show are refused.
    mine.stage(1, 100, encodeBundle(range(256, 356)));
    other.stage(1, 100, encodeBundle([...range(256, 300), ...range(300, 356).map((e) => Buffer.concat([e, Buffer.from('!')]))]));
    assert.throws(
      () => mine.commit(300, proven(300, 356), 'cp-356'),
      (e) => isSignetError(e, 'STORAGE_FAILED') && /entry 300 is not the one proven/.test(e.message),
    );
    assert.equal(mine.size(), 300, 'nothing was committed');
    assert.equal(mine.checkpoint(), 'cp-300');
    mine.close();
    other.close();
  });

  it('refuses an append that would leave a gap or overwrite proven entries', () => {
    const db = new EntryDb(join(dir, 'sequence.db'));
    db.commit(0, range(0, 10), 'cp');
    for (const first of [9, 11]) {
      assert.throws(() => db.commit(first, [entry(first)], 'cp2'), (e) => isSignetError(e, 'STORAGE_FAILED'));
    }
    assert.equal(db.size(), 10);
    assert.equal(db.checkpoint(), 'cp');
    db.close();
  });

  it('rewrites a copy made with one row per entry, once, keeping every entry', () => {
    const path = join(dir, 'old.db');
    const old = new Database(path);
    old.exec('CREATE TABLE entries (idx INTEGER PRIMARY KEY, data BLOB NOT NULL)');
    old.exec('CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)');
    const insert = old.prepare('INSERT INTO entries (idx, data) VALUES (?, ?)');
    range(0, 600).forEach((e, i) => insert.run(i, e));
    old.prepare("INSERT INTO meta (k, v) VALUES ('checkpoint', 'cp-600')").run();
    old.close();
    const db = new EntryDb(path);
    assert.equal(db.size(), 600);
    assert.equal(db.checkpoint(), 'cp-600');
    assert.deepEqual([...db.entries()].map(String), range(0, 600).map(String));
    db.commit(600, range(600, 700), 'cp-700');
    assert.equal(String(db.entry(650)), String(entry(650)));
    db.close();
    const raw = new Database(path, { readonly: true });
    assert.equal(raw.prepare("SELECT name FROM sqlite_master WHERE name = 'entries'").get(), undefined);
    raw.close();
  });

  it('refuses to rewrite an old copy with a hole in it', () => {
    const path = join(dir, 'holed.db');
    const old = new Database(path);
    old.exec('CREATE TABLE entries (idx INTEGER PRIMARY KEY, data BLOB NOT NULL)');
    old.prepare('INSERT INTO entries (idx, data) VALUES (?, ?)').run(0, entry(0));
    old.prepare('INSERT INTO entries (idx, data) VALUES (?, ?)').run(2, entry(2));
    old.close();
    assert.throws(() => new EntryDb(path), (e) => isSignetError(e, 'LOG_CORRUPT'));
  });
});
