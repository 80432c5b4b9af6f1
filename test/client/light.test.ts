/**
 * Light mode's fetching: entries and their inclusion proofs in one request per vendor
 * (GET /proof/entries), one by one from a server that does not offer it, and a hostile answer refused.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ed25519NoteVerifier } from '../../src/crypto/note.js';
import { isSignetError } from '../../src/errors.js';
import { openLight } from '../../src/client/light.js';
import { fakeHttp } from '../../testkit/fake-server.js';
import { Signers, Statements } from '../../testkit/ledger.js';
import { release, startTestLog, type TestLog } from '../../testkit/verifier.js';

/** A proxy in front of the log (testkit's fakeHttp): `rewrite` may answer a request itself. */
async function proxy(target: string, rewrite: (path: string, upstream: () => Promise<{ status: number; body: Buffer }>) => Promise<{ status: number; body: Buffer }>): Promise<{ url: string; paths: () => string[]; close: () => Promise<void> }> {
  const server = await fakeHttp(async (req, res) => {
    const upstream = async (): Promise<{ status: number; body: Buffer }> => {
      const r = await fetch(target + req.url);
      return { status: r.status, body: Buffer.from(await r.arrayBuffer()) };
    };
    const a = await rewrite(req.url, upstream);
    res.writeHead(a.status, { 'content-length': a.body.length }).end(a.body);
  });
  return { url: server.url, paths: () => server.requests.map((r) => r.url.split('?')[0]!), close: () => server.close() };
}

describe('light mode: fetching a vendor\'s entries with their proofs', () => {
  const s = new Signers();
  const st = new Statements(s, new Date());
  let log: TestLog;
  let work: string;
  const config = { registryKeys: [s.key('registry').publicKey], coreKey: s.key('core').publicKey };

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'signet-light-'));
    log = await startTestLog(s);
    await log.add(st.vendor({ vendor: 'acme', keys: [['k1', 'full']] }));
    await log.add(st.vendor({ vendor: 'beta', keys: [['kb', 'full']] }));
    for (let i = 0; i < 70; i++) await log.add(release(st, i % 2 === 0 ? 'acme/widget' : 'beta/tool', `1.0.${i}`, [i % 2 === 0 ? 'k1' : 'kb']).entry);
  });
  after(async () => {
    await log?.log.close();
    rmSync(work, { recursive: true, force: true });
  });

  const open = (url: string, cache: string) =>
    openLight({ url, verifier: ed25519NoteVerifier(log.log.log.verifierKey), config, cachePath: join(work, cache), vendors: ['acme'] });

  it('asks for the entries and their proofs together, a request per 64 entries, and replays them', async () => {
    const p = await proxy(log.log.url, (_path, upstream) => upstream());
    try {
      const view = await open(p.url, 'batched.db');
      try {
        assert.equal(view.fetched, 36, 'the claim and 35 releases');
        assert.equal(view.state.releasesOf('acme/widget').length, 35);
        assert.deepEqual(p.paths().filter((x) => x === '/proof/entries').length, 1);
        assert.equal(p.paths().filter((x) => x.startsWith('/entry/') || x === '/proof/inclusion').length, 0);
      } finally {
        view.close();
      }
    } finally {
      await p.close();
    }
  });

  it('falls back to one entry and one proof at a time where the server has no GET /proof/entries', async () => {
    const generic404 = { status: 404, body: Buffer.from('{"message":"Route GET:/proof/entries not found","statusCode":404}') };
    const p = await proxy(log.log.url, (path, upstream) => (path.startsWith('/proof/entries') ? Promise.resolve(generic404) : upstream()));
    try {
      const view = await open(p.url, 'fallback.db');
      try {
        assert.equal(view.fetched, 36);
        assert.equal(view.state.releasesOf('acme/widget').length, 35);
        assert.equal(p.paths().filter((x) => x.startsWith('/entry/')).length, 36);
        assert.equal(p.paths().filter((x) => x === '/proof/inclusion').length, 36);
      } finally {
        view.close();
      }
    } finally {
      await p.close();
    }
  });

  it('refuses an answer holding another entry than the one asked for, or a proof that does not lead to the root', async () => {
    const swap = (mutate: (o: { entries: { index: number; entry: string; proof: string[] }[] }) => void) =>
      proxy(log.log.url, async (path, upstream) => {
        const a = await upstream();
        if (!path.startsWith('/proof/entries') || a.status !== 200) return a;
        const o = JSON.parse(a.body.toString('utf8')) as { entries: { index: number; entry: string; proof: string[] }[] };
        mutate(o);
        return { status: 200, body: Buffer.from(JSON.stringify(o)) };
      });
    const other = await swap((o) => {
      o.entries[1]!.index += 1;
    });
    const altered = await swap((o) => {
      const e = o.entries[2]!;
      const bytes = Buffer.from(e.entry, 'base64');
      bytes[20]! ^= 1; // a byte of the envelope's base64 payload
      e.entry = bytes.toString('base64');
    });
    try {
      await assert.rejects(open(other.url, 'other.db'), (e) => isSignetError(e, 'FETCH_FAILED') && /other entries than those asked for/.test(JSON.stringify(e)));
      await assert.rejects(open(altered.url, 'altered.db'), (e) => isSignetError(e, 'INCLUSION_PROOF_INVALID'));
    } finally {
      await other.close();
      await altered.close();
    }
  });
});
