/**
 * The log's side of C2SP tlog-witness: each new checkpoint goes to every configured witness
 * (`POST <url>/add-checkpoint` with the consistency proof from the size that witness last cosigned),
 * and the cosignature lines that verify under the witness's key are appended to the published note.
 * A witness that is down, slow or refuses only loses its line; with `min` > 0 the log does not publish
 * until that many witnesses cosigned (it retries), which is the operator's choice of safety over
 * liveness.
 */
import { SignetError } from '../errors.js';
import { openNote, parseNote, type NoteVerifier } from '../crypto/note.js';
import { type CosignatureVerifier, cosignatureVerifier, sameKeyTwice } from '../tlog/cosignature.js';
import { httpPost } from './http-post.js';

export interface WitnessTarget {
  /** The witness's submission prefix (add-checkpoint is appended). */
  readonly url: string;
  /** Its verifier key (cosignature/v1 form, or the Ed25519 form of the same key). */
  readonly key: string;
}

export interface WitnessClientOptions {
  /** Cosignatures a checkpoint needs before it is published (default 0: publish whatever came back). */
  readonly min?: number;
  /** How long to wait for the witnesses of one checkpoint, per attempt (default 3 s). */
  readonly timeoutMs?: number;
  /** Called with what went wrong with a witness (for the server's log); never with secrets. */
  readonly onProblem?: (witness: string, problem: string) => void;
}

interface Witness {
  readonly url: string;
  readonly verifier: CosignatureVerifier;
  /** The size it last cosigned, as far as we know (from a 200 or a 409). */
  known?: number;
  /** Unreachable (no answer within the timeout): not asked again before this time (ms since the epoch). */
  downUntil?: number;
  /** The current back-off for an unreachable witness, doubled at each failure up to MAX_BACKOFF_MS. */
  backoffMs?: number;
}

/** An unreachable witness is skipped for 5 s, then 10, 20, ... up to a minute, until it answers again. */
const FIRST_BACKOFF_MS = 5_000;
const MAX_BACKOFF_MS = 60_000;

/** Parses `URL=KEY` as given to `--witness`. */
export function parseWitnessArg(arg: string): WitnessTarget {
  const i = arg.indexOf('=');
  const url = i < 0 ? '' : arg.slice(0, i);
  const key = i < 0 ? '' : arg.slice(i + 1);
  if (!/^https?:\/\//.test(url) || key === '') {
    throw new SignetError('USAGE', `--witness must be URL=KEY`, { expected: 'e.g. https://witness.example=witness.example+1a2b3c4d+BA...', got: arg });
  }
  try {
    cosignatureVerifier(key);
  } catch (e) {
    throw new SignetError('USAGE', `--witness ${url}: ${(e as Error).message}`, { got: key, cause: e });
  }
  return { url: url.replace(/\/+$/, ''), key };
}

export class WitnessClient {
  readonly #witnesses: Witness[];
  readonly #min: number;
  readonly #timeoutMs: number;

  constructor(
    targets: readonly WitnessTarget[],
    private readonly opts: WitnessClientOptions = {},
  ) {
    this.#witnesses = targets.map((t) => ({ url: t.url, verifier: cosignatureVerifier(t.key) }));
    // --witness-min counts witnesses: one key under two names must not count as two.
    sameKeyTwice(this.#witnesses.map((w) => w.verifier));
    this.#min = opts.min ?? 0;
    this.#timeoutMs = opts.timeoutMs ?? 3000;
    if (!Number.isInteger(this.#min) || this.#min < 0 || this.#min > targets.length) {
      throw new SignetError('USAGE', `--witness-min ${this.#min} with ${targets.length} witness(es)`, { expected: `0..${targets.length}` });
    }
  }

  /** The note with the witnesses' cosignatures appended (the LogOptions.cosign hook). */
  async cosign(note: string, size: number, proofFrom: (old: number) => Uint8Array[]): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      // A witness that did not answer at all is left out for a while: otherwise each checkpoint, and so
      // every /add answer, would wait for its timeout. Unless that leaves fewer than --witness-min, or
      // a first round fell short of it: then every witness is asked.
      const now = Date.now();
      const ready = this.#witnesses.filter((w) => (w.downUntil ?? 0) <= now);
      const asked = attempt === 0 && ready.length >= this.#min ? ready : this.#witnesses;
      const lines = (await Promise.all(asked.map((w) => this.#ask(w, note, size, proofFrom)))).filter((l): l is string => l !== undefined);
      if (lines.length >= this.#min) return note + lines.join('');
      this.opts.onProblem?.('(all)', `checkpoint ${size}: ${lines.length} of the ${this.#min} cosignatures required; retrying (attempt ${attempt + 1})`);
      await new Promise((r) => setTimeout(r, Math.min(10_000, 500 * 2 ** attempt)));
    }
  }

  /** One witness's verified cosignature line for the note, or undefined. */
  async #ask(w: Witness, note: string, size: number, proofFrom: (old: number) => Uint8Array[]): Promise<string | undefined> {
    for (let tries = 0; tries < 2; tries++) {
      const old = w.known !== undefined && w.known <= size ? w.known : 0;
      const proof = old === 0 || old === size ? [] : proofFrom(old);
      const body = `old ${old}\n` + proof.map((h) => Buffer.from(h).toString('base64') + '\n').join('') + '\n' + note;
      let res;
      try {
        res = await httpPost(`${w.url}/add-checkpoint`, body, this.#timeoutMs);
      } catch (e) {
        w.backoffMs = Math.min(MAX_BACKOFF_MS, w.backoffMs === undefined ? FIRST_BACKOFF_MS : w.backoffMs * 2);
        w.downUntil = Date.now() + w.backoffMs;
        this.opts.onProblem?.(w.url, `unreachable: ${(e as Error).message}; not asked again for ${w.backoffMs / 1000} s`);
        return undefined;
      }
      w.backoffMs = undefined;
      w.downUntil = undefined;
      if (res.status === 200) {
        const line = this.#verified(w, note, res.body);
        if (line !== undefined) w.known = size;
        else this.opts.onProblem?.(w.url, 'answered 200 without a cosignature that verifies under its key');
        return line;
      }
      if (res.status === 409 && /^\d+\n?$/.test(res.body) && (res.contentType ?? '').startsWith('text/x.tlog.size')) {
        const theirs = Number(res.body.trim());
        if (theirs !== old && theirs <= size) {
          w.known = theirs; // it cosigned up to there: prove consistency from it and ask again
          continue;
        }
        this.opts.onProblem?.(w.url, `409: it has cosigned size ${theirs}, and this checkpoint is ${size}${theirs > size ? ' (it has seen a larger tree of this log!)' : ''}`);
        return undefined;
      }
      this.opts.onProblem?.(w.url, `HTTP ${res.status}: ${res.body.slice(0, 200).trim()}`);
      return undefined;
    }
    return undefined;
  }

  #verified(w: Witness, note: string, body: string): string | undefined {
    const lines = body.split('\n').filter((l) => l.startsWith('— '));
    for (const line of lines) {
      try {
        const opened = openNote(note + line + '\n', [w.verifier]);
        if (opened.sigs.length > 0) {
          const ours = parseNote(note + line + '\n').signatures.at(-1);
          if (ours !== undefined && ours.name === w.verifier.name && ours.keyHash === w.verifier.keyHash) return line + '\n';
        }
      } catch {
        // not this witness's valid cosignature: ignore it, as the spec says
      }
    }
    return undefined;
  }
}
