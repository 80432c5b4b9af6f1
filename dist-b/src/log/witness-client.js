/**
 * The log's side of C2SP tlog-witness: each new checkpoint goes to every configured witness
 * (`POST <url>/add-checkpoint` with the consistency proof from the size that witness last cosigned),
 * and the cosignature lines that verify under the witness's key are appended to the published note.
 * A witness that is down, slow or refuses only loses its line; with `min` > 0 the log does not publish
 * until that many witnesses cosigned (it retries), which is the operator's choice of safety over
 * liveness.
 */
import { SignetError } from '../errors.js';
import { openNote, parseNote } from '../crypto/note.js';
import { cosignatureVerifier } from '../tlog/cosignature.js';
import { httpPost } from './http-post.js';
/** Parses `URL=KEY` as given to `--witness`. */
export function parseWitnessArg(arg) {
    const i = arg.indexOf('=');
    const url = i < 0 ? '' : arg.slice(0, i);
    const key = i < 0 ? '' : arg.slice(i + 1);
    if (!/^https?:\/\//.test(url) || key === '') {
        throw new SignetError('USAGE', `--witness must be URL=KEY`, { expected: 'e.g. https://witness.example=witness.example+1a2b3c4d+BA...', got: arg });
    }
    try {
        cosignatureVerifier(key);
    }
    catch (e) {
        throw new SignetError('USAGE', `--witness ${url}: ${e.message}`, { got: key, cause: e });
    }
    return { url: url.replace(/\/+$/, ''), key };
}
export class WitnessClient {
    opts;
    #witnesses;
    #min;
    #timeoutMs;
    constructor(targets, opts = {}) {
        this.opts = opts;
        this.#witnesses = targets.map((t) => ({ url: t.url, verifier: cosignatureVerifier(t.key) }));
        this.#min = opts.min ?? 0;
        this.#timeoutMs = opts.timeoutMs ?? 3000;
        if (!Number.isInteger(this.#min) || this.#min < 0 || this.#min > targets.length) {
            throw new SignetError('USAGE', `--witness-min ${this.#min} with ${targets.length} witness(es)`, { expected: `0..${targets.length}` });
        }
    }
    /** The note with the witnesses' cosignatures appended (the LogOptions.cosign hook). */
    async cosign(note, size, proofFrom) {
        for (let attempt = 0;; attempt++) {
            const lines = (await Promise.all(this.#witnesses.map((w) => this.#ask(w, note, size, proofFrom)))).filter((l) => l !== undefined);
            if (lines.length >= this.#min)
                return note + lines.join('');
            this.opts.onProblem?.('(all)', `checkpoint ${size}: ${lines.length} of the ${this.#min} cosignatures required; retrying (attempt ${attempt + 1})`);
            await new Promise((r) => setTimeout(r, Math.min(10_000, 500 * 2 ** attempt)));
        }
    }
    /** One witness's verified cosignature line for the note, or undefined. */
    async #ask(w, note, size, proofFrom) {
        for (let tries = 0; tries < 2; tries++) {
            const old = w.known !== undefined && w.known <= size ? w.known : 0;
            const proof = old === 0 || old === size ? [] : proofFrom(old);
            const body = `old ${old}\n` + proof.map((h) => Buffer.from(h).toString('base64') + '\n').join('') + '\n' + note;
            let res;
            try {
                res = await httpPost(`${w.url}/add-checkpoint`, body, this.#timeoutMs);
            }
            catch (e) {
                this.opts.onProblem?.(w.url, `unreachable: ${e.message}`);
                return undefined;
            }
            if (res.status === 200) {
                const line = this.#verified(w, note, res.body);
                if (line !== undefined)
                    w.known = size;
                else
                    this.opts.onProblem?.(w.url, 'answered 200 without a cosignature that verifies under its key');
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
    #verified(w, note, body) {
        const lines = body.split('\n').filter((l) => l.startsWith('— '));
        for (const line of lines) {
            try {
                const opened = openNote(note + line + '\n', [w.verifier]);
                if (opened.sigs.length > 0) {
                    const ours = parseNote(note + line + '\n').signatures.at(-1);
                    if (ours !== undefined && ours.name === w.verifier.name && ours.keyHash === w.verifier.keyHash)
                        return line + '\n';
                }
            }
            catch {
                // not this witness's valid cosignature: ignore it, as the spec says
            }
        }
        return undefined;
    }
}
//# sourceMappingURL=witness-client.js.map