/**
 * The Herd model's check: ask the log and its mirrors for their checkpoints and require that `quorum`
 * of them show the same history. Checkpoints of different sizes agree when the larger proves it extends
 * the smaller (a consistency proof); two that cannot both be true are a fork, and the error names the
 * source that disagrees with both notes as evidence. Unreachable sources only count against the quorum.
 */
import { SignetError, isSignetError } from '../errors.js';
import type { NoteVerifier } from '../crypto/note.js';
import { decodeCanonicalBase64 } from '../crypto/base64.js';
import { checkpointText, openCheckpoint } from '../tlog/audit.js';
import type { Checkpoint } from '../tlog/checkpoint.js';
import { hashEqual } from '../tlog/hash.js';
import { verifyConsistency } from '../tlog/proof.js';
import { httpGet } from './http-get.js';

interface Seen {
  readonly url: string;
  readonly raw: string;
  readonly cp: Checkpoint;
}

export interface QuorumResult {
  /** The largest checkpoint the quorum agrees with, and where it came from. */
  readonly url: string;
  readonly raw: string;
  readonly agreeing: readonly string[];
  readonly unreachable: readonly { readonly url: string; readonly problem: string }[];
}

async function fetchCheckpoint(url: string, verifier: NoteVerifier): Promise<Seen> {
  const res = await httpGet(`${url}/checkpoint`, 1 << 20, 10_000);
  if (res.status !== 200) throw new SignetError('FETCH_FAILED', `${url}/checkpoint answered HTTP ${res.status}`);
  const raw = checkpointText(res.body, `checkpoint served by ${url}`);
  return { url, raw, cp: openCheckpoint(raw, verifier, `checkpoint served by ${url}`).checkpoint };
}

async function consistencyProof(url: string, from: number, to: number): Promise<Buffer[]> {
  const res = await httpGet(`${url}/proof/consistency?from=${from}&to=${to}`, 1 << 20, 10_000);
  if (res.status !== 200) throw new SignetError('FETCH_FAILED', `${url} gave no consistency proof from ${from} to ${to} (HTTP ${res.status})`);
  let o: { proof?: unknown };
  try {
    o = JSON.parse(res.body.toString('utf8')) as { proof?: unknown };
  } catch {
    throw new SignetError('FETCH_FAILED', `${url}: the consistency proof is not JSON`);
  }
  if (!Array.isArray(o.proof)) throw new SignetError('FETCH_FAILED', `${url}: the consistency proof is not a list`);
  return o.proof.map((h) => {
    const b = typeof h === 'string' ? decodeCanonicalBase64(h) : undefined;
    if (b === undefined || b.length !== 32) throw new SignetError('FETCH_FAILED', `${url}: a consistency proof hash is malformed`);
    return b;
  });
}

function disagreement(a: Seen, b: Seen, cause?: unknown): SignetError {
  return new SignetError('CHECKPOINT_FORK', `${b.url} and ${a.url} serve two histories of the log that cannot both be true`, {
    attack: 'a split view: different parties are shown different logs (one of these sources lies)',
    evidence: { [a.url]: a.raw, [b.url]: b.raw },
    hint: 'keep both checkpoints (printed here) and report them to the log operator and the witnesses',
    ...(cause === undefined ? {} : { cause }),
  });
}

export async function checkQuorum(urls: readonly string[], verifier: NoteVerifier, quorum: number): Promise<QuorumResult> {
  const answers = await Promise.allSettled(urls.map((u) => fetchCheckpoint(u, verifier)));
  const seen: Seen[] = [];
  const unreachable: { url: string; problem: string }[] = [];
  answers.forEach((a, i) => {
    if (a.status === 'fulfilled') seen.push(a.value);
    else if (isSignetError(a.reason) && a.reason.kind !== 'unavailable') throw a.reason; // a forged or foreign checkpoint
    else unreachable.push({ url: urls[i]!, problem: (a.reason as Error).message });
  });
  if (seen.length === 0) {
    throw new SignetError('FETCH_FAILED', `none of the log's sources answered: ${unreachable.map((u) => `${u.url} (${u.problem})`).join('; ')}`, {
      hint: 'check the log and mirror URLs in your config',
    });
  }
  const largest = seen.reduce((a, b) => (b.cp.size > a.cp.size ? b : a));
  const agreeing: string[] = [largest.url];
  for (const s of seen) {
    if (s === largest) continue;
    if (s.cp.size === largest.cp.size) {
      if (!hashEqual(s.cp.root, largest.cp.root)) throw disagreement(largest, s);
    } else if (s.cp.size > 0) {
      let proof: Buffer[];
      try {
        proof = await consistencyProof(largest.url, s.cp.size, largest.cp.size);
      } catch (e) {
        if (isSignetError(e) && e.kind === 'unavailable') {
          unreachable.push({ url: s.url, problem: `no consistency proof to compare it: ${e.message}` });
          continue;
        }
        throw e;
      }
      try {
        verifyConsistency(s.cp.size, largest.cp.size, s.cp.root, largest.cp.root, proof);
      } catch (e) {
        throw disagreement(largest, s, e);
      }
    }
    agreeing.push(s.url);
  }
  if (agreeing.length < quorum) {
    throw new SignetError('QUORUM_NOT_MET', `only ${agreeing.length} of the ${quorum} sources your config requires could confirm the log's view`, {
      expected: `${quorum} of ${urls.join(', ')}`,
      got: `agreeing: ${agreeing.join(', ')}; unreachable: ${unreachable.map((u) => `${u.url} (${u.problem})`).join('; ')}`,
      hint: 'retry when the mirrors are back, or lower logs[].quorum',
    });
  }
  return { url: largest.url, raw: largest.raw, agreeing, unreachable };
}
