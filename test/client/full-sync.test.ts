/** Full-mode sync over many entries: signatures checked on worker threads must give the same verdicts. */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Signers, Statements } from '../../testkit/ledger.js';
import { release, startTestLog, type TestLog } from '../../testkit/verifier.js';
import { EntryDb } from '../../src/client/entry-db.js';
import { syncFull } from '../../src/client/full-sync.js';
import { HttpSource } from '../../src/client/source.js';
import { ed25519NoteVerifier } from '../../src/crypto/note.js';
import { replay } from '../../src/ledger/index.js';
import { parseEnvelope, envelopeBytes } from '../../src/crypto/dsse.js';
import { decodeBundle, encodeBundle } from '../../src/tlog/bundle.js';
import type { LogSource } from '../../src/tlog/source.js';

describe('syncFull with more entries than the parallel threshold', { timeout: 120_000 }, () => {
  const s = new Signers();
  const st = new Statements(s, new Date());
  const config = { registryKeys: [s.key('registry').publicKey], coreKey: s.key('core').publicKey };
  const dirs: string[] = [];
  const logs: TestLog[] = [];
  after(async () => {
    for (const l of logs) await l.log.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  async function sync(log: TestLog, preferEd25519?: 'libsodium' | 'openssl') {
    const dir = mkdtempSync(join(tmpdir(), 'signet-fsync-'));
    dirs.push(dir);
    const db = new EntryDb(join(dir, 'e.db'));
    try {
      return await syncFull({ source: new HttpSource(log.log.url), verifier: ed25519NoteVerifier(log.log.log.verifierKey), config, db, ...(preferEd25519 === undefined ? {} : { preferEd25519 }) });
    } finally {
      db.close();
    }
  }

  it('holds no entry beyond its memory budget, parses only a window ahead, and stores and replays exactly what a sync holding them all does', async () => {
    const log = await startTestLog(s);
    logs.push(log);
    const entries = [st.vendor({ vendor: 'acme', keys: [['k1', 'full']] })];
    for (let i = 0; i < 650; i++) entries.push(release(st, `acme/q${i % 7}`, `4.0.${i}`, ['k1']).entry);
    for (const e of entries.slice(0, 100)) await log.add(e);
    const dir = mkdtempSync(join(tmpdir(), 'signet-fsync-'));
    dirs.push(dir);
    const db = new EntryDb(join(dir, 'e.db'));
    // Also parsing at most one bundle ahead of the replay (so the sync waits on the workers often).
    const common = { source: new HttpSource(log.log.url), verifier: ed25519NoteVerifier(log.log.log.verifierKey), config, db, maxHeldBytes: 0, parseAhead: 256 };
    try {
      // From nothing to 100, then on from the middle of a bundle to 651 (on the workers: more than 512
      // new entries): the commits check the staged rows against the proven leaf hashes.
      assert.equal((await syncFull(common)).to, 100);
      for (const e of entries.slice(100)) await log.add(e);
      const r = await syncFull(common);
      assert.equal(r.to, 651);
      assert.deepEqual(r.local.state.toJSON(), replay(entries, config).toJSON());
      assert.deepEqual([...db.entries()], entries);
    } finally {
      db.close();
    }
  });

  it('gives the state a plain replay gives', async () => {
    const log = await startTestLog(s);
    logs.push(log);
    const entries = [st.vendor({ vendor: 'acme', keys: [['k1', 'full'], ['k2', 'full']] })];
    for (let i = 0; i < 700; i++) entries.push(release(st, `acme/p${i % 9}`, `1.0.${i}`, [i % 2 ? 'k1' : 'k2']).entry);
    entries.push(st.keyRevoke({ vendor: 'acme', key: 'k2', signers: ['k1'], seq: 1 }));
    for (const e of entries) await log.add(e);
    // On either Ed25519 backend of the workers (a verifier's node:crypto, a mirror's libsodium).
    for (const backend of ['openssl', 'libsodium'] as const) {
      const r = await sync(log, backend);
      assert.equal(r.signatureThreads, backend, 'the threads ran on the backend asked for');
      assert.equal(r.to, entries.length);
      assert.deepEqual(r.local.state.toJSON(), replay(entries, config).toJSON());
    }
  });

  it('refuses an entry whose signature does not verify, naming its index', async () => {
    const log = await startTestLog(s, { malicious: true });
    logs.push(log);
    await log.add(st.vendor({ vendor: 'acme', keys: [['k1', 'full']] }));
    for (let i = 0; i < 600; i++) {
      let e = release(st, 'acme/widget', `2.0.${i}`, ['k1']).entry;
      if (i === 555) {
        const env = parseEnvelope(e);
        const sig = Buffer.from(env.signatures[0]!.sig, 'base64');
        sig[10]! ^= 1;
        e = envelopeBytes({ ...env, signatures: [{ keyid: env.signatures[0]!.keyid, sig: sig.toString('base64') }] });
      }
      await log.add(e);
    }
    for (const backend of ['openssl', 'libsodium'] as const) {
      await assert.rejects(sync(log, backend), (e: { code?: string; details?: { evidence?: { index?: number } } }) => e.code === 'SIGNATURE_INVALID' && e.details?.evidence?.index === 556, backend);
    }
  });

  it('reports an altered bundle as such even where the altered entry also breaks a rule, and keeps nothing from it', async () => {
    const log = await startTestLog(s);
    logs.push(log);
    await log.add(st.vendor({ vendor: 'acme', keys: [['k1', 'full']] }));
    for (let i = 0; i < 600; i++) await log.add(release(st, 'acme/widget', `3.0.${i}`, ['k1']).entry);
    const dir = mkdtempSync(join(tmpdir(), 'signet-fsync-'));
    dirs.push(dir);
    const db = new EntryDb(join(dir, 'e.db'));
    const verifier = ed25519NoteVerifier(log.log.log.verifierKey);
    const http = new HttpSource(log.log.url);
    // Bundle 1 served with one entry replaced by a validly formed one signed by a key acme never had:
    // replayed alone it would break a rule, but the root says first that the log altered its bundle.
    const forged = release(st, 'acme/widget', '9.9.9', ['intruder']).entry;
    const altered: LogSource = {
      description: 'altered',
      read: async (path, max) => {
        const data = await http.read(path, max);
        if (data === null || !path.startsWith('tile/entries/001')) return data;
        const entries = decodeBundle(data);
        entries[3] = forged;
        return encodeBundle(entries);
      },
    };
    try {
      await assert.rejects(syncFull({ source: altered, verifier, config, db }), (e: { code?: string }) => e.code === 'ROOT_MISMATCH');
      assert.equal(db.size(), 0);
      assert.equal(db.staged(1, 256), undefined, 'the altered bundle is not kept for a resumed sync');
      // The honest log afterwards: the sync completes from scratch.
      const r = await syncFull({ source: http, verifier, config, db });
      assert.equal(r.to, 601);
      assert.equal(db.size(), 601);
    } finally {
      db.close();
    }
  });
});
