/**
 * The log machinery (sequencing, batching, durability, checkpoints, proofs, restart) with an admission
 * that accepts any entry; the ledger's rules are tested through the server in server.test.ts.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { isSignetError } from '../../src/errors.js';
import { ed25519NoteVerifier, openNote } from '../../src/crypto/note.js';
import { type Admission, type Candidate, OpenAdmission } from '../../src/log/admission.js';
import { TransparencyLog } from '../../src/log/log.js';
import { loadOrCreateLogKey } from '../../src/log/logkey.js';
import { SqliteLogStore } from '../../src/log/sqlite-store.js';
import { parseCheckpoint } from '../../src/tlog/checkpoint.js';
import { leafHash } from '../../src/tlog/hash.js';
import { verifyConsistency, verifyInclusion } from '../../src/tlog/proof.js';

const work = mkdtempSync(join(tmpdir(), 'signet-log-'));
after(() => rmSync(work, { recursive: true, force: true }));
let n = 0;

/** Any entry, found under the lookup key "first:<its first character>" (and "all"). */
class KeyedAdmission extends OpenAdmission {
  override parse(bytes: Uint8Array): Candidate {
    return { ...super.parse(bytes), lookupKeys: ['all', `first:${String.fromCharCode(bytes[0]!)}`] };
  }
  override replay(bytes: Buffer): readonly string[] {
    return this.parse(bytes).lookupKeys;
  }
}

async function openLog(dir = join(work, `log-${n++}`), extra: { published?: number[]; admission?: Admission } = {}) {
  const key = loadOrCreateLogKey(dir, undefined, 'test.example/log');
  const store = new SqliteLogStore(join(dir, 'log.db'));
  const log = await TransparencyLog.open({
    store,
    key,
    admission: extra.admission ?? new OpenAdmission(),
    onPublish: (size) => extra.published?.push(size),
  });
  return { dir, key, store, log };
}

function body(note: string) {
  return parseCheckpoint(note.slice(0, note.lastIndexOf('\n\n') + 1));
}

describe('the transparency log', () => {
  it('starts with a signed checkpoint of the empty tree', async () => {
    const { log, key } = await openLog();
    assert.equal(log.size, 0);
    openNote(log.checkpoint, [ed25519NoteVerifier(key.verifierKey)]);
    assert.equal(body(log.checkpoint).size, 0);
    await log.close();
  });

  it('gives 1,000 concurrent submissions contiguous indexes, in few batches, each with a proof that verifies', async () => {
    const published: number[] = [];
    const { log, key } = await openLog(undefined, { published });
    const before = published.length;
    const entries = Array.from({ length: 1000 }, (_, i) => Buffer.from(`entry number ${i}`));
    const results = await Promise.all(entries.map((e) => log.submit(e)));
    assert.deepEqual(results.map((r) => r.index).sort((a, b) => a - b), Array.from({ length: 1000 }, (_, i) => i));
    // Batching: far fewer checkpoints than entries.
    const checkpoints = published.length - before;
    assert.ok(checkpoints >= 1 && checkpoints <= 20, `${checkpoints} checkpoints for 1,000 entries`);
    const final = body(log.checkpoint);
    for (const r of results) {
      openNote(r.checkpoint, [ed25519NoteVerifier(key.verifierKey)]);
      const cp = body(r.checkpoint);
      assert.equal(cp.size, r.size);
      verifyInclusion(r.index, r.size, leafHash(entries[results.indexOf(r)]!), r.proof, cp.root);
      // ...and the checkpoint it came with is a prefix of the latest one.
      if (cp.size < final.size) verifyConsistency(cp.size, final.size, cp.root, final.root, log.consistencyProof(cp.size, final.size));
      // Proofs against the later checkpoint, from the read API, verify too.
      verifyInclusion(r.index, final.size, r.leafHash, log.inclusionProof(r.index, final.size), final.root);
    }
    await log.close();
  });

  it('signs no checkpoint when nothing changed', async () => {
    const published: number[] = [];
    const { log } = await openLog(undefined, { published });
    await log.submit(Buffer.from('one'));
    const count = published.length;
    const note = log.checkpoint;
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(published.length, count);
    assert.equal(log.checkpoint, note);
    await log.close();
  });

  it('keeps every entry across a restart and continues at the next index', async () => {
    const { dir, log } = await openLog();
    await Promise.all(Array.from({ length: 300 }, (_, i) => log.submit(Buffer.from(`a${i}`))));
    const note = log.checkpoint;
    await log.close();
    const again = await openLog(dir);
    assert.equal(again.log.checkpoint, note, 'no new checkpoint at restart when nothing changed');
    assert.equal((await again.log.submit(Buffer.from('after restart'))).index, 300);
    await again.log.close();
  });

  it('answers lookups from its index, within the published tree, and rebuilds the index from the entries at restart', async () => {
    const { dir, log } = await openLog(undefined, { admission: new KeyedAdmission() });
    for (let i = 0; i < 40; i++) await log.submit(Buffer.from(`${i % 2 === 0 ? 'a' : 'b'}${i}`));
    const evens = Array.from({ length: 20 }, (_, k) => 2 * k);
    assert.deepEqual(await log.lookup('first:a', -1, 100), evens);
    assert.deepEqual(await log.lookup('first:a', 10, 3), [12, 14, 16]);
    assert.deepEqual(await log.lookup('first:a', 11, 3), [12, 14, 16]);
    assert.deepEqual(await log.lookup('first:a', 38, 10), []);
    assert.deepEqual(await log.lookup('first:z', -1, 10), []);
    assert.deepEqual(await log.lookup('all', 36, 10), [37, 38, 39]);
    await log.close();
    const again = await openLog(dir, { admission: new KeyedAdmission() });
    assert.deepEqual(await again.log.lookup('first:a', -1, 100), evens);
    assert.equal((await again.log.submit(Buffer.from('a-after'))).index, 40);
    assert.deepEqual(await again.log.lookup('first:a', 36, 10), [38, 40]);
    await again.log.close();
    // No lookup table on disk: the index is derived from the entries.
    const db = new Database(join(dir, 'log.db'), { readonly: true });
    assert.equal(db.prepare("SELECT name FROM sqlite_master WHERE name = 'lookups'").get(), undefined);
    db.close();
  });

  it('signs a checkpoint at start-up for entries stored after the last one (a crash before signing)', async () => {
    const { dir, log } = await openLog();
    await log.submit(Buffer.from('first'));
    await log.close();
    // Entries committed, then the process died before signing: write them straight to storage.
    const store = new SqliteLogStore(join(dir, 'log.db'));
    const data = [Buffer.from('second'), Buffer.from('third')];
    await store.append(data.map((d, i) => ({ index: 1 + i, data: d, leafHash: leafHash(d), lookupKeys: [] })));
    await store.close();
    const again = await openLog(dir);
    assert.equal(again.log.size, 3);
    assert.equal(body(again.log.checkpoint).size, 3);
    await again.log.close();
  });

  it('refuses to start on storage altered behind its back', async () => {
    const { dir, log } = await openLog();
    await Promise.all([log.submit(Buffer.from('x')), log.submit(Buffer.from('y'))]);
    await log.close();
    const db = new Database(join(dir, 'log.db'));
    db.prepare('UPDATE entries SET data = ? WHERE idx = 1').run(Buffer.from('z'));
    db.close();
    await assert.rejects(openLog(dir), (e: unknown) => isSignetError(e, 'LOG_CORRUPT'));
    // Entries lost behind a checkpoint: also refused.
    const db2 = new Database(join(dir, 'log.db'));
    db2.prepare('DELETE FROM entries WHERE idx = 1').run();
    db2.close();
    await assert.rejects(openLog(dir), (e: unknown) => isSignetError(e, 'LOG_CORRUPT'));
  });

  it('stops taking entries, answering STORAGE_FAILED, when its writer thread dies', async () => {
    const dir = join(work, `log-${n++}`);
    const key = loadOrCreateLogKey(dir, undefined, 'test.example/log');
    const store = new SqliteLogStore(join(dir, 'log.db'), { writerThread: true });
    const log = await TransparencyLog.open({ store, key, admission: new OpenAdmission() });
    assert.equal((await log.submit(Buffer.from('kept'))).index, 0);
    // The writer ends on its own (killed, out of memory): reached through the store's private field.
    await (store as unknown as { writer: { terminate(): Promise<number> } }).writer.terminate();
    await new Promise((r) => setImmediate(r));
    await assert.rejects(log.submit(Buffer.from('lost')), (e: unknown) => isSignetError(e, 'STORAGE_FAILED'));
    await assert.rejects(log.submit(Buffer.from('later')), (e: unknown) => isSignetError(e, 'STORAGE_FAILED'));
    assert.equal(log.size, 1);
    await store.close();
    // Nothing acknowledged was lost, and nothing refused was stored.
    const again = await openLog(dir);
    assert.equal(again.log.size, 1);
    await again.log.close();
  });

  it('refuses a database of another log', async () => {
    const a = await openLog();
    await a.log.close();
    const otherKeyDir = join(work, 'other-key');
    const key = loadOrCreateLogKey(otherKeyDir, undefined, 'other.example/log');
    const store = new SqliteLogStore(join(a.dir, 'log.db'));
    await assert.rejects(TransparencyLog.open({ store, key, admission: new OpenAdmission() }), (e: unknown) => isSignetError(e, 'LOG_CORRUPT'));
    await store.close();
  });

  it('serves hash tiles and bundles only within the published tree', async () => {
    const { log } = await openLog();
    await Promise.all(Array.from({ length: 260 }, (_, i) => log.submit(Buffer.from(`t${i}`))));
    assert.equal(log.hashTile({ level: 0, index: 0, width: 256 })?.length, 8192);
    assert.equal(log.hashTile({ level: 0, index: 1, width: 4 })?.length, 128);
    assert.equal(log.hashTile({ level: 0, index: 1, width: 2 })?.length, 64, 'a narrower partial tile is a prefix');
    assert.equal(log.hashTile({ level: 0, index: 1, width: 5 }), null);
    assert.equal(log.hashTile({ level: 1, index: 0, width: 1 })?.length, 32);
    assert.equal((await log.bundle({ level: 'entries', index: 1, width: 4 }))?.length, 4);
    assert.equal(await log.bundle({ level: 'entries', index: 2, width: 1 }), null);
    await log.close();
  });
});

describe('the log key', () => {
  it('is created once, mode 0600, and its verifier key verifies what its signer signs', async () => {
    const { statSync } = await import('node:fs');
    const { signNote } = await import('../../src/crypto/note.js');
    const { readLogKey } = await import('../../src/log/logkey.js');
    // Many keys, so that base64 seeds containing '+' and '/' are covered.
    for (let i = 0; i < 40; i++) {
      const dir = join(work, `key-${i}`);
      const key = loadOrCreateLogKey(dir, 'example.org/log', 'unused');
      assert.equal(statSync(join(dir, 'log.key')).mode & 0o777, 0o600);
      const again = readLogKey(dir);
      assert.equal(again.verifierKey, key.verifierKey);
      openNote(signNote('example.org/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n', [again.signer]), [ed25519NoteVerifier(key.verifierKey)]);
    }
    assert.throws(() => loadOrCreateLogKey(join(work, 'key-0'), 'another.origin', 'x'), (e: unknown) => isSignetError(e, 'USAGE'));
  });
});
