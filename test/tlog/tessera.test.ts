/**
 * Interop: the log in ../shared/vectors/tessera-log was written by Tessera (transparency-dev), not by us.
 * The auditor must verify it at each of its 16 checkpoints, from the folder and over HTTP, and every
 * pair of checkpoints must be consistent; our proofs over its entries must verify against its roots.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { isSignetError } from '../../src/errors.js';
import { FolderSource, HttpSource } from '../../src/client/source.js';
import { auditLog } from '../../src/tlog/audit.js';
import { decodeBundle } from '../../src/tlog/bundle.js';
import { parseCheckpoint } from '../../src/tlog/checkpoint.js';
import { parseNote } from '../../src/crypto/note.js';
import { leafHash } from '../../src/tlog/hash.js';
import { consistencyProof, inclusionProof, verifyConsistency, verifyInclusion } from '../../src/tlog/proof.js';
import type { LogSource } from '../../src/tlog/source.js';
import { MerkleTree } from '../../src/tlog/tree.js';
import { vectorPath } from '../../testkit/vectors.js';
import { serveFolder } from '../../testkit/log.js';

const DIR = vectorPath('tessera-log');
const KEY = 'example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx';
const SIZES = Array.from({ length: 16 }, (_, i) => i);
const note = (n: number): string => readFileSync(`${DIR}/checkpoint.${n}`, 'utf8');

/** The folder, but with checkpoint.N served as its checkpoint. */
class AtSize implements LogSource {
  readonly description: string;
  constructor(private readonly inner: LogSource, private readonly n: number) {
    this.description = `${inner.description} at checkpoint.${n}`;
  }
  read(path: string, maxBytes: number): Promise<Uint8Array | null> {
    return this.inner.read(path === 'checkpoint' ? `checkpoint.${this.n}` : path, maxBytes);
  }
}

describe('the Tessera log', () => {
  let http: Awaited<ReturnType<typeof serveFolder>>;
  before(async () => {
    http = await serveFolder(DIR);
  });
  after(() => http.close());

  it('verifies from the folder with its current checkpoint', async () => {
    const r = await auditLog(new FolderSource(DIR), { logKey: KEY });
    assert.equal(r.size, 15);
    assert.equal(r.root, 'rKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja/1nk427v383cs=');
    assert.equal(r.entriesVerified, 15);
  });

  for (const n of SIZES) {
    it(`verifies at checkpoint ${n}, from the folder and over HTTP`, async () => {
      const folder = await auditLog(new AtSize(new FolderSource(DIR), n), { logKey: KEY });
      const web = await auditLog(new HttpSource(`${http.url}/at/${n}`), { logKey: KEY });
      assert.equal(folder.size, n);
      assert.deepEqual({ ...web, source: '' }, { ...folder, source: '' });
    });
  }

  it('verifies over HTTP when the log gzips its answers unasked (tlog-tiles allows it), and behind a redirect', async () => {
    const plain = await auditLog(new HttpSource(`${http.url}/at/15`), { logKey: KEY });
    const gzipped = await auditLog(new HttpSource(`${http.url}/gz/at/15`), { logKey: KEY });
    const moved = await auditLog(new HttpSource(`${http.url}/moved/at/15`), { logKey: KEY });
    assert.deepEqual({ ...gzipped, source: '' }, { ...plain, source: '' });
    assert.deepEqual({ ...moved, source: '' }, { ...plain, source: '' });
  });

  it('every pair of checkpoints is consistent (older as --since), and a newer one as --since is a rollback', async () => {
    for (const older of SIZES) {
      for (const newer of SIZES) {
        const run = auditLog(new AtSize(new FolderSource(DIR), newer), { logKey: KEY, since: note(older) });
        if (older <= newer) {
          const r = await run;
          assert.equal(r.since?.size, older);
        } else {
          await assert.rejects(run, (e: unknown) => isSignetError(e, 'CHECKPOINT_ROLLBACK'));
        }
      }
    }
  });

  it('every pair is consistent by our consistency proofs, and every entry by our inclusion proofs', () => {
    const entries = decodeBundle(readFileSync(`${DIR}/tile/entries/000.p/15`), 15);
    const tree = new MerkleTree();
    for (const e of entries) tree.appendLeafHash(leafHash(e));
    const roots = SIZES.map((n) => parseCheckpoint(parseNote(note(n)).text).root);
    for (let s2 = 1; s2 <= 15; s2++) {
      assert.deepEqual(Buffer.from(tree.root(s2)), roots[s2], `our root at ${s2} is Tessera's`);
      for (let s1 = 1; s1 <= s2; s1++) verifyConsistency(s1, s2, roots[s1]!, roots[s2]!, consistencyProof(tree, s1, s2));
      for (let i = 0; i < s2; i++) verifyInclusion(i, s2, leafHash(entries[i]!), inclusionProof(tree, i, s2), roots[s2]!);
    }
    // And its level-0 tile is exactly our leaf hashes.
    assert.deepEqual(readFileSync(`${DIR}/tile/0/000.p/15`), Buffer.concat(entries.map(leafHash)));
  });
});
