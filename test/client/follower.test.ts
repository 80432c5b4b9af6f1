/**
 * LedgerFollower against tiled logs written as files (and served over HTTP): it catches up across tile
 * boundaries and partial tiles to exactly the state a full replay gives, and each attack on the log
 * (rollback, fork, altered bundle, foreign or broken signature, a signed entry that breaks the ledger)
 * is refused with its own code, before anything unproven reaches the state.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LedgerFollower } from '../../src/client/follower.js';
import { SignetError } from '../../src/errors.js';
import { FolderSource, HttpSource } from '../../src/client/source.js';
import { Ed25519PrivateKey } from '../../src/crypto/ed25519.js';
import { ed25519NoteVerifier } from '../../src/crypto/note.js';
import { type Entry, type LedgerConfig, replay } from '../../src/ledger/index.js';
import { leafHash } from '../../src/tlog/hash.js';
import type { LogSource } from '../../src/tlog/source.js';
import { TILE_WIDTH, tilePath } from '../../src/tlog/tile.js';
import { rejectsWith } from '../../testkit/assert-error.js';
import { FolderLog } from '../../testkit/folder-log.js';
import { Statements, harness } from '../../testkit/ledger.js';
import { serveFolder } from '../../testkit/log.js';

const { s, config } = harness();
const st = new Statements(s);

/** `n` valid ledger entries: two vendors, a key-add, releases of two packages, a release-revoke, an attestation. */
function ledgerEntries(n: number): Buffer[] {
  const out: Buffer[] = [
    st.vendor({ vendor: 'acme', keys: [['acme-k1', 'full']] }),
    st.vendor({ vendor: 'beta', keys: [['beta-k1', 'full']] }),
    st.keyAdd({ vendor: 'acme', key: ['acme-r1', 'release'], signers: ['acme-k1', 'acme-r1'], seq: 1 }),
    st.release('beta/tool', '0.1.0', ['beta-k1']),
    st.releaseRevoke('beta/tool', '0.1.0', ['beta-k1']),
    st.attestation('reproduced', 'beta/tool', '0.1.0', 'rebuilder'),
  ];
  for (let i = 0; out.length < n; i++) out.push(st.release(i % 2 === 0 ? 'acme/widget' : 'acme/gadget', `1.0.${i}`, [i % 3 === 0 ? 'acme-r1' : 'acme-k1']));
  return out.slice(0, n);
}

const ENTRIES = ledgerEntries(530);

let work: string;
let dirs = 0;

function freshLog(entries: readonly Buffer[] = ENTRIES): FolderLog {
  const log = new FolderLog(join(work, `log-${dirs++}`));
  log.append(...entries);
  return log;
}

function follower(log: FolderLog, o: { source?: LogSource; onEntry?: (index: number, entry: Entry) => void; config?: LedgerConfig; maxHeldBytes?: number } = {}): LedgerFollower {
  return new LedgerFollower({
    source: o.source ?? new FolderSource(log.dir),
    verifier: ed25519NoteVerifier(log.vkey),
    config: o.config ?? config,
    ...(o.onEntry === undefined ? {} : { onEntry: o.onEntry }),
    ...(o.maxHeldBytes === undefined ? {} : { maxHeldBytes: o.maxHeldBytes }),
  });
}

function assertReplayed(f: LedgerFollower, entries: readonly Buffer[], size: number): void {
  assert.equal(f.size, size);
  assert.equal(f.state.size, size, 'every proven entry is applied');
  assert.deepEqual(f.state.toJSON(), replay(entries.slice(0, size), config).toJSON());
}

before(() => {
  work = mkdtempSync(join(tmpdir(), 'signet-follower-'));
});
after(() => rmSync(work, { recursive: true, force: true }));

describe('LedgerFollower: catching up', () => {
  it('follows from 0 through partial tiles and tile boundaries to the state replay() gives', async () => {
    const log = freshLog();
    const f = follower(log);
    const seen: number[] = [];
    const g = follower(log, { onEntry: (i) => seen.push(i) });
    log.publish(0);
    assert.equal(await f.sync(), 0);
    assert.equal(f.checkpoint, log.checkpoints.get(0));
    // 255 → 256 → 257 cross the first bundle's edge; 300 → 512 ends exactly on the second; 530 opens a third.
    for (const size of [1, 3, 255, 256, 257, 300, 512, 530]) {
      const note = log.publish(size);
      assert.equal(await f.sync(), size);
      assert.equal(f.checkpoint, note);
      assertReplayed(f, ENTRIES, size);
      if (size === 3 || size === 512) {
        assert.equal(await g.sync(), size);
        assertReplayed(g, ENTRIES, size);
      }
    }
    // The follower that skipped most steps still saw each entry exactly once, in order.
    assert.deepEqual(seen, [...Array(512).keys()]);
    // The state is the real ledger: keys, releases, the revocation and the attestation are in it.
    assert.equal(f.state.threshold('acme'), 1);
    assert.equal(f.state.currentKeys('acme').length, 2);
    assert.equal(f.state.isReleaseRevoked('beta/tool', '0.1.0'), true);
    assert.equal(f.state.attestationsOf('beta/tool', '0.1.0').length, 1);
    assert.equal(f.state.releasesOf('acme/widget').length + f.state.releasesOf('acme/gadget').length, 530 - 6);
  });

  it('answers leafHashAt for proven entries only', async () => {
    const log = freshLog();
    log.publish(300);
    const f = follower(log);
    assert.equal(f.leafHashAt(0), undefined);
    await f.sync();
    for (const i of [0, 1, 255, 256, 299]) assert.deepEqual(f.leafHashAt(i), leafHash(ENTRIES[i]!), `entry ${i}`);
    assert.equal(f.leafHashAt(300), undefined);
    // A copy: changing it does not change the follower's tree.
    f.leafHashAt(5)!.fill(0);
    assert.deepEqual(f.leafHashAt(5), leafHash(ENTRIES[5]!));
  });

  it('syncs again at the same size without change, and shares one run between concurrent calls', async () => {
    const log = freshLog();
    log.publish(40);
    const f = follower(log);
    const a = f.sync();
    const b = f.sync();
    assert.equal(a, b);
    assert.equal(await a, 40);
    assert.equal(await f.sync(), 40);
    assertReplayed(f, ENTRIES, 40);
  });

  it('reads partial bundles from the full one once the partial is gone', async () => {
    const log = freshLog();
    log.publish(100);
    log.publish(400);
    rmSync(join(log.dir, tilePath({ level: 'entries', index: 1, width: 144 })));
    log.publish(512);
    // 400 is served again: its partial bundle 1.p/144 is gone, the full bundle 1 stands in.
    log.writeCheckpoint(log.checkpoints.get(400)!);
    const f = follower(log);
    assert.equal(await f.sync(), 400);
    assertReplayed(f, ENTRIES, 400);
  });

  it('follows a folder served over HTTP', async () => {
    const log = freshLog();
    log.publish(257);
    const served = await serveFolder(log.dir);
    try {
      const f = follower(log, { source: new HttpSource(served.url) });
      assert.equal(await f.sync(), 257);
      log.publish(530);
      assert.equal(await f.sync(), 530);
      assertReplayed(f, ENTRIES, 530);
    } finally {
      await served.close();
    }
  });

  it('keeps its state proven when an onEntry callback throws', async () => {
    const log = freshLog();
    log.publish(10);
    let calls = 0;
    const f = follower(log, {
      onEntry: (i) => {
        calls++;
        if (i === 4) throw new Error('subscriber failed');
      },
    });
    await assert.rejects(f.sync(), /subscriber failed/);
    // The tree and the state did not part: every proven entry was applied, and later ones still reported.
    assert.equal(calls, 10);
    assertReplayed(f, ENTRIES, 10);
    assert.equal(f.checkpoint, log.checkpoints.get(10));
    log.publish(20);
    assert.equal(await f.sync(), 20);
    assertReplayed(f, ENTRIES, 20);
  });
});

describe('LedgerFollower: attacks', () => {
  it('refuses a rollback, with both checkpoints as evidence, and goes on once the log is honest again', async () => {
    const log = freshLog();
    log.publish(256);
    const small = log.checkpoints.get(256)!;
    const big = log.publish(300);
    const f = follower(log);
    await f.sync();
    log.writeCheckpoint(small);
    const e = await rejectsWith(f.sync(), 'CHECKPOINT_ROLLBACK');
    assert.deepEqual(e.details.evidence, { stored: big, served: small });
    assertReplayed(f, ENTRIES, 300);
    assert.equal(f.checkpoint, big);
    log.writeCheckpoint(big);
    assert.equal(await f.sync(), 300);
  });

  it('refuses a checkpoint of the same size with another root (a fork)', async () => {
    const log = freshLog();
    const good = log.publish(300);
    const f = follower(log);
    await f.sync();
    const forked = log.sign(300, { root: log.tree.root(299) });
    log.writeCheckpoint(forked);
    const e = await rejectsWith(f.sync(), 'CHECKPOINT_FORK');
    assert.deepEqual(e.details.evidence, { stored: good, served: forked });
    assert.equal(f.checkpoint, good);
  });

  it('refuses entries that do not give the signed root, applies none of them, and will not go on', async () => {
    const log = freshLog();
    log.publish(100);
    log.publish(300);
    // Alter one byte inside the last entry of the second bundle (the one a follower at 100 fetches).
    const bundle = join(log.dir, tilePath({ level: 'entries', index: 1, width: 44 }));
    const original = readFileSync(bundle);
    const data = Buffer.from(original);
    const pos = data.lastIndexOf('"sig":"') + 10;
    data[pos] = data[pos] === 0x41 ? 0x42 : 0x41;
    writeFileSync(bundle, data);
    log.writeCheckpoint(log.checkpoints.get(100)!);
    const applied: number[] = [];
    const f = follower(log, { onEntry: (i) => applied.push(i) });
    await f.sync();
    log.writeCheckpoint(log.checkpoints.get(300)!);
    const e = await rejectsWith(f.sync(), 'ROOT_MISMATCH');
    assert.equal(e.details.evidence?.checkpoint, log.checkpoints.get(300));
    assert.equal(e.details.evidence?.previous, log.checkpoints.get(100));
    assert.equal(f.state.size, 100, 'nothing unproven was applied');
    assert.equal(applied.length, 100);
    assert.equal(f.checkpoint, log.checkpoints.get(100));
    // A log caught serving entries that are not its signed tree is not followed further, even once the
    // honest bundle is back (the error is the evidence; a restart follows afresh).
    writeFileSync(bundle, original);
    await rejectsWith(f.sync(), 'ROOT_MISMATCH');
    assert.equal(f.state.size, 100);
  });

  it('refuses a checkpoint signed by another key', async () => {
    const log = freshLog();
    log.publish(10);
    const f = follower(log);
    await f.sync();
    // An impostor under the log's name signs the real tree at a larger size.
    log.writeCheckpoint(log.sign(20, { key: Ed25519PrivateKey.generate() }));
    const e = await rejectsWith(f.sync(), 'CHECKPOINT_NOT_SIGNED');
    assert.match(String(e.details.got), /signatures by signet\.test\/folder-log/);
    assertReplayed(f, ENTRIES, 10);
  });

  it('refuses a checkpoint whose signature by the log key does not verify', async () => {
    const log = freshLog();
    log.publish(10);
    const f = follower(log);
    await f.sync();
    // The log's own signature line, moved onto a checkpoint for a larger tree.
    const genuine = log.sign(20);
    const altered = genuine.replace(/^(.*)\n20\n/, '$1\n21\n');
    assert.notEqual(altered, genuine);
    log.writeCheckpoint(altered);
    await rejectsWith(f.sync(), 'CHECKPOINT_SIGNATURE_INVALID');
    assertReplayed(f, ENTRIES, 10);
    assert.equal(f.checkpoint, log.checkpoints.get(10));
  });

  it('refuses a log that serves no checkpoint', async () => {
    const log = freshLog();
    const f = follower(log);
    await rejectsWith(f.sync(), 'FETCH_FAILED');
    assert.equal(f.size, 0);
  });

  it('stops at an entry that is in the signed tree but breaks a ledger rule (LOG_CORRUPT)', async () => {
    // Entry 3 is a release signed by beta's key for acme's package: the log signed it, the ledger refuses it.
    const bad = st.release('acme/widget', '9.9.9', ['beta-k1']);
    const entries = [...ENTRIES.slice(0, 3), bad, ...ENTRIES.slice(3, 10)];
    const log = freshLog(entries);
    log.publish(2);
    const applied: number[] = [];
    const f = follower(log, { onEntry: (i) => applied.push(i) });
    await f.sync();
    log.publish(entries.length);
    const e = await rejectsWith(f.sync(), 'LOG_CORRUPT');
    assert.equal(e.details.evidence?.index, 3);
    assert.equal(e.details.evidence?.checkpoint, log.checkpoints.get(entries.length));
    assert.match(e.message, /entry 3 /);
    assert.deepEqual(applied, [0, 1, 2], 'the entries before it were applied, nothing after');
    assert.equal(f.state.size, 3);
    assert.equal(f.checkpoint, log.checkpoints.get(2), 'the corrupt checkpoint is not adopted');
    // It refuses to go on (its tree is ahead of its state).
    const again = await rejectsWith(f.sync(), 'LOG_CORRUPT');
    assert.equal(again, e);
  });

  it('stops at a signed entry that is not a ledger entry at all', async () => {
    const entries = [...ENTRIES.slice(0, 2), Buffer.from('{"not":"an envelope"}'), ...ENTRIES.slice(2, 4)];
    const log = freshLog(entries);
    log.publish(entries.length);
    const f = follower(log);
    const e = await rejectsWith(f.sync(), 'LOG_CORRUPT');
    assert.equal(e.details.evidence?.index, 2);
    assert.equal(f.state.size, 2);
  });

  it('replays with the trust roots it is given: a log of claims by an unknown registry is corrupt to it', async () => {
    const log = freshLog();
    log.publish(5);
    const f = follower(log, { config: { registryKeys: [Ed25519PrivateKey.generate().publicKey] } });
    const e = await rejectsWith(f.sync(), 'LOG_CORRUPT');
    assert.equal(e.details.evidence?.index, 0);
    assert.equal(f.state.size, 0);
  });
});

describe('LedgerFollower: tile arithmetic', () => {
  it('fetches each bundle it needs once per sync, and none it has fully', async () => {
    const log = freshLog();
    log.publish(256);
    log.publish(520);
    const reads: string[] = [];
    const folder = new FolderSource(log.dir);
    const source: LogSource = { description: 'counting', read: (p, m) => (reads.push(p), folder.read(p, m)) };
    const f = follower(log, { source });
    log.writeCheckpoint(log.checkpoints.get(256)!);
    await f.sync();
    assert.deepEqual(reads, ['checkpoint', tilePath({ level: 'entries', index: 0, width: TILE_WIDTH })]);
    reads.length = 0;
    log.writeCheckpoint(log.checkpoints.get(520)!);
    await f.sync();
    assert.deepEqual(reads, [
      'checkpoint',
      tilePath({ level: 'entries', index: 1, width: TILE_WIDTH }),
      tilePath({ level: 'entries', index: 2, width: 8 }),
    ]);
    assertReplayed(f, ENTRIES, 520);
  });
});

describe('LedgerFollower: entries beyond its memory budget', () => {
  /** A folder source that counts reads and lets a test change what the n-th read of a path returns. */
  function scripted(log: FolderLog, change: (path: string, nth: number, data: Uint8Array | null) => Uint8Array | null = (_p, _n, d) => d) {
    const folder = new FolderSource(log.dir);
    const reads = new Map<string, number>();
    const source: LogSource = {
      description: 'scripted',
      read: async (path, max) => {
        const nth = (reads.get(path) ?? 0) + 1;
        reads.set(path, nth);
        return change(path, nth, await folder.read(path, max));
      },
    };
    return { source, reads };
  }

  it('with no budget, hashes every bundle, then fetches each again to apply it: same state, each bundle read twice', async () => {
    const log = freshLog();
    log.publish(300);
    log.publish(530);
    const { source, reads } = scripted(log);
    const applied: number[] = [];
    const f = follower(log, { source, maxHeldBytes: 0, onEntry: (i) => applied.push(i) });
    log.writeCheckpoint(log.checkpoints.get(300)!);
    assert.equal(await f.sync(), 300);
    log.writeCheckpoint(log.checkpoints.get(530)!);
    assert.equal(await f.sync(), 530);
    assertReplayed(f, ENTRIES, 530);
    assert.deepEqual(applied, Array.from({ length: 530 }, (_, i) => i));
    assert.equal(f.checkpoint, log.checkpoints.get(530));
    // Bundle 1 was partial (44 entries) in the first sync and full in the second.
    assert.equal(reads.get(tilePath({ level: 'entries', index: 0, width: TILE_WIDTH })), 2);
    assert.equal(reads.get(tilePath({ level: 'entries', index: 1, width: 44 })), 2);
    assert.equal(reads.get(tilePath({ level: 'entries', index: 1, width: TILE_WIDTH })), 2);
    assert.equal(reads.get(tilePath({ level: 'entries', index: 2, width: 18 })), 2);
  });

  it('holds bundles up to the budget and fetches only the rest again', async () => {
    const log = freshLog();
    log.publish(530);
    const { source, reads } = scripted(log);
    // Room for the first bundle only (each entry is ~1 KB).
    const f = follower(log, { source, maxHeldBytes: 300 * 1024 });
    assert.equal(await f.sync(), 530);
    assertReplayed(f, ENTRIES, 530);
    assert.equal(reads.get(tilePath({ level: 'entries', index: 0, width: TILE_WIDTH })), 1);
    assert.equal(reads.get(tilePath({ level: 'entries', index: 1, width: TILE_WIDTH })), 2);
    assert.equal(reads.get(tilePath({ level: 'entries', index: 2, width: 18 })), 2);
  });

  it('refuses an entry that differs when fetched again (a split view), with the evidence, and stops there', async () => {
    const log = freshLog();
    log.publish(530);
    const other = freshLog(ledgerEntries(530).map((e, i) => (i === 300 ? st.release('acme/widget', '9.9.9', ['acme-k1']) : e)));
    other.publish(530);
    const bundle1 = tilePath({ level: 'entries', index: 1, width: TILE_WIDTH });
    const forged = readFileSync(join(other.dir, bundle1));
    // The honest bundle while the root is proven, another one (entry 300 replaced) when fetched again.
    const { source } = scripted(log, (path, nth, data) => (path === bundle1 && nth === 2 ? forged : data));
    const applied: number[] = [];
    const f = follower(log, { source, maxHeldBytes: 0, onEntry: (i) => applied.push(i) });
    const e = await rejectsWith(f.sync(), 'ENTRY_ALTERED');
    assert.equal(e.details.evidence?.index, 300);
    assert.equal(e.details.evidence?.checkpoint, log.checkpoints.get(530));
    assert.match(e.details.attack ?? '', /split view/);
    // Bundle 0 was applied; nothing of the altered bundle was.
    assert.equal(f.size, 256);
    assert.equal(f.state.size, 256);
    assert.equal(applied.length, 256);
    await rejectsWith(f.sync(), 'ENTRY_ALTERED');
  });

  it('keeps what it applied when fetching a bundle again fails, and goes on from there next time', async () => {
    const log = freshLog();
    log.publish(530);
    const bundle2 = tilePath({ level: 'entries', index: 2, width: 18 });
    let failing = true;
    const { source } = scripted(log, (path, nth, data) => {
      if (failing && path === bundle2 && nth === 2) throw new SignetError('FETCH_FAILED', 'connection reset');
      return data;
    });
    const f = follower(log, { source, maxHeldBytes: 0 });
    await rejectsWith(f.sync(), 'FETCH_FAILED');
    assert.equal(f.size, 512, 'the tree and the state stay in step');
    assert.equal(f.state.size, 512);
    assert.equal(f.checkpoint, undefined, 'no checkpoint was reached');
    failing = false;
    assert.equal(await f.sync(), 530);
    assertReplayed(f, ENTRIES, 530);
    assert.equal(f.checkpoint, log.checkpoints.get(530));
  });
});
