/**
 * A client of one Signet log: its public facts (`GET /`), submissions (`POST /add`, whose answer is
 * verified: checkpoint signature under the pinned key, then the inclusion proof of our own entry), and
 * lookups. Nothing the log sends is believed until it verifies.
 */
import { SignetError } from '../errors.js';
import { Ed25519PublicKey } from '../crypto/ed25519.js';
import { ed25519NoteVerifier, parseVerifierKey, type NoteVerifier, type VerifierKey } from '../crypto/note.js';
import { decodeCanonicalBase64 } from '../crypto/base64.js';
import { checkpointText, openCheckpoint } from '../tlog/audit.js';
import { leafHash } from '../tlog/hash.js';
import { verifyInclusion } from '../tlog/proof.js';
import type { Checkpoint } from '../tlog/checkpoint.js';
import { httpRequest, remoteError, requestJson } from './http-json.js';

export interface LogInfo {
  readonly origin: string;
  readonly verifierKey: string;
  readonly size: number;
  /** The ledger's trust roots the log admits with (needed to replay it). */
  readonly registryKeys: readonly Ed25519PublicKey[];
  readonly coreKey?: Ed25519PublicKey;
}

/** A verified answer to a submission: the entry is at `index` under the signed `checkpoint`. */
export interface Inclusion {
  readonly index: number;
  readonly size: number;
  readonly leafHash: Buffer;
  readonly proof: readonly Buffer[];
  /** The raw signed note. */
  readonly checkpoint: string;
  readonly parsedCheckpoint: Checkpoint;
}

type Obj = Record<string, unknown>;

function bad(url: string, what: string, got: unknown): SignetError {
  return new SignetError('FETCH_FAILED', `${url} answered with an invalid ${what}`, {
    expected: what,
    got: JSON.stringify(got)?.slice(0, 200) ?? String(got),
  });
}

function obj(v: unknown, url: string, what: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad(url, what, v);
  return v as Obj;
}

function nat(v: unknown, url: string, what: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw bad(url, what, v);
  return v;
}

function hash(v: unknown, url: string, what: string): Buffer {
  const b = typeof v === 'string' ? decodeCanonicalBase64(v) : undefined;
  if (b === undefined || b.length !== 32) throw bad(url, what, v);
  return b;
}

function pub(v: unknown, url: string): Ed25519PublicKey {
  const b = typeof v === 'string' ? decodeCanonicalBase64(v) : undefined;
  if (b === undefined || b.length !== 32) throw bad(url, 'ledger key (base64 of 32 bytes)', v);
  return Ed25519PublicKey.fromRaw(b);
}

export class LogClient {
  readonly url: string;
  #verifier: NoteVerifier | undefined;
  #key: VerifierKey | undefined;

  /** `verifierKey` pins the log's key; without it, the key is learnt from `info()` (trust on first use). */
  constructor(url: string, verifierKey?: string) {
    this.url = url.replace(/\/+$/, '');
    this.#verifier = verifierKey === undefined ? undefined : ed25519NoteVerifier(verifierKey);
    this.#key = verifierKey === undefined ? undefined : parseVerifierKey(verifierKey);
  }

  async info(): Promise<LogInfo> {
    const url = `${this.url}/`;
    const o = obj(await requestJson(url, { timeoutMs: 10_000 }), url, 'log description');
    if (typeof o.origin !== 'string' || typeof o.verifierKey !== 'string') throw bad(url, 'log description {origin, verifierKey}', o);
    const ledger = o.ledger === undefined ? {} : obj(o.ledger, url, 'ledger trust roots');
    const registryKeys = Array.isArray(ledger.registryKeys) ? ledger.registryKeys.map((k) => pub(k, url)) : [];
    const coreKey = typeof ledger.coreKey === 'string' ? pub(ledger.coreKey, url) : undefined;
    const vk = ed25519NoteVerifier(o.verifierKey);
    const presented = parseVerifierKey(o.verifierKey);
    if (this.#verifier === undefined) {
      this.#verifier = vk;
      this.#key = presented;
    } else if (
      // The name and 32-bit key hash alone can be matched by a key made for it: compare the key itself.
      this.#verifier.name !== vk.name ||
      this.#verifier.keyHash !== vk.keyHash ||
      this.#key?.alg !== presented.alg ||
      !this.#key.publicKey.equals(presented.publicKey)
    ) {
      throw new SignetError('CHECKPOINT_NOT_SIGNED', `the log at ${this.url} now presents another key`, {
        expected: `${this.#verifier.name} key ID ${this.#verifier.keyHash.toString(16).padStart(8, '0')}`,
        got: o.verifierKey,
        attack: 'an impostor log, or a log that changed its key',
      });
    }
    return {
      origin: o.origin,
      verifierKey: o.verifierKey,
      size: nat(o.size, url, 'size'),
      registryKeys,
      ...(coreKey === undefined ? {} : { coreKey }),
    };
  }

  async verifier(): Promise<NoteVerifier> {
    if (this.#verifier === undefined) await this.info();
    return this.#verifier!;
  }

  /** Submits one entry and returns its verified inclusion; the log's refusals come back as their SignetError. */
  async submit(entry: Uint8Array): Promise<Inclusion> {
    const url = `${this.url}/add`;
    const verifier = await this.verifier();
    const o = obj(await requestJson(url, { method: 'POST', body: entry, contentType: 'application/json', timeoutMs: 60_000 }), url, 'submission answer');
    const index = nat(o.index, url, 'index');
    const size = nat(o.size, url, 'size');
    const leaf = hash(o.leafHash, url, 'leafHash');
    if (!Array.isArray(o.proof) || o.proof.length > 64) throw bad(url, 'proof', o.proof);
    const proof = o.proof.map((h) => hash(h, url, 'proof hash'));
    if (typeof o.checkpoint !== 'string') throw bad(url, 'checkpoint', o.checkpoint);
    const { checkpoint } = openCheckpoint(o.checkpoint, verifier);
    const expectedLeaf = leafHash(entry);
    if (!expectedLeaf.equals(leaf)) {
      throw new SignetError('INCLUSION_PROOF_INVALID', 'the log answered with the leaf hash of another entry', {
        expected: expectedLeaf.toString('base64'),
        got: leaf.toString('base64'),
        attack: 'a log acknowledging an entry it did not store',
      });
    }
    if (checkpoint.size !== size || index >= size) {
      throw new SignetError('INCLUSION_PROOF_INVALID', 'the submission answer disagrees with its checkpoint', {
        expected: `index < size = checkpoint size ${checkpoint.size}`,
        got: `index ${index}, size ${size}`,
      });
    }
    verifyInclusion(index, size, expectedLeaf, proof, checkpoint.root);
    return { index, size, leafHash: leaf, proof, checkpoint: o.checkpoint, parsedCheckpoint: checkpoint };
  }

  /** The log's current checkpoint, verified under the pinned key. */
  async checkpoint(): Promise<{ raw: string; checkpoint: Checkpoint }> {
    const url = `${this.url}/checkpoint`;
    const a = await httpRequest(url, { timeoutMs: 30_000, maxBytes: 1 << 20 });
    if (a.status !== 200) throw remoteError(url, a.status, a.body);
    const raw = checkpointText(a.body, `checkpoint served by ${url}`);
    return { raw, checkpoint: openCheckpoint(raw, await this.verifier()).checkpoint };
  }

  /** Entry `index`, proven to be in the log's current signed tree. */
  async provenEntry(index: number): Promise<{ bytes: Buffer; checkpoint: string; proof: readonly Buffer[] }> {
    const cp = await this.checkpoint();
    if (index >= cp.checkpoint.size) {
      throw new SignetError('INDEX_OUT_OF_RANGE', `entry ${index} is not in the log's tree of size ${cp.checkpoint.size}`, { expected: `< ${cp.checkpoint.size}`, got: String(index) });
    }
    const eurl = `${this.url}/entry/${index}`;
    const e = await httpRequest(eurl, { timeoutMs: 30_000, maxBytes: 70_000 });
    if (e.status !== 200) throw remoteError(eurl, e.status, e.body);
    const purl = `${this.url}/proof/inclusion?index=${index}&size=${cp.checkpoint.size}`;
    const o = obj(await requestJson(purl), purl, 'inclusion proof');
    if (!Array.isArray(o.proof) || o.proof.length > 64) throw bad(purl, 'proof', o.proof);
    const proof = o.proof.map((h) => hash(h, purl, 'proof hash'));
    verifyInclusion(index, cp.checkpoint.size, leafHash(e.body), proof, cp.checkpoint.root);
    return { bytes: e.body, checkpoint: cp.raw, proof };
  }

  /** Indexes of the entries under a lookup path (`vendor/acme`, `package/acme/widget`, `release/acme/widget/1.0.0`). */
  async lookup(path: string): Promise<{ size: number; indexes: number[] }> {
    const indexes: number[] = [];
    let size = 0;
    let after: number | undefined;
    for (;;) {
      const url = `${this.url}/lookup/${path}?limit=10000${after === undefined ? '' : `&after=${after}`}`;
      const o = obj(await requestJson(url), url, 'lookup answer');
      size = nat(o.size, url, 'size');
      if (!Array.isArray(o.indexes)) throw bad(url, 'indexes', o.indexes);
      const page = o.indexes.map((i) => nat(i, url, 'index'));
      // Each page must go strictly upwards from `after`: a log that repeats itself would page forever.
      let last = after ?? -1;
      for (const i of page) {
        if (i <= last) throw bad(url, 'lookup answer (indexes strictly increasing, after the previous page)', o.indexes.slice(0, 20));
        last = i;
      }
      indexes.push(...page);
      if (page.length < 10000) break;
      after = page[page.length - 1];
    }
    return { size, indexes };
  }
}
