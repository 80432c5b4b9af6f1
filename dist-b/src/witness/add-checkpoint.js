/**
 * C2SP tlog-witness `add-checkpoint`, without HTTP: parse the request body, check the checkpoint
 * against the trusted log keys and the stored state, persist, then cosign (C2SP tlog-cosignature,
 * cosignature/v1). Every refusal is a SignetError whose code gives the spec's status (`statusFor`).
 *
 * The order of the checks is the spec's: malformed 400, unknown origin 404, no trusted signature 403,
 * old size above the checkpoint size 400, old size not the stored size 409 (with the stored size),
 * same size with another root 409, failing consistency proof 422. The last three are decided inside
 * the store's transaction, against the row it re-reads, and the new state is committed before the
 * cosignature exists, so the witness never signs anything it has not durably recorded.
 */
import { SignetError, isSignetError } from '../errors.js';
import { decodeStdBase64 } from '../crypto/base64.js';
import { openNote, parseNote, signNote } from '../crypto/note.js';
import { parseCheckpoint } from '../tlog/checkpoint.js';
import { EMPTY_ROOT, HASH_SIZE, b64, hashEqual } from '../tlog/hash.js';
import { verifyConsistency } from '../tlog/proof.js';
/** The spec's limit on consistency proof lines. */
export const MAX_PROOF_LINES = 63;
/** A request body larger than this is refused (413): 63 proof lines and a note with many signatures fit easily. */
export const MAX_REQUEST_BYTES = 256 * 1024;
/** The media type of a 409 answer that tells the stored size. */
export const TLOG_SIZE_TYPE = 'text/x.tlog.size';
function malformed(message, got, cause) {
    return new SignetError('WITNESS_REQUEST_MALFORMED', `malformed add-checkpoint request: ${message}`, {
        expected: '"old <size>\\n", 0 to 63 base64 proof hashes one per line, an empty line, then the signed checkpoint',
        ...(got === undefined ? {} : { got }),
        ...(cause === undefined ? {} : { cause }),
    });
}
const DECIMAL = /^(0|[1-9][0-9]*)$/;
/** Splits an add-checkpoint body into the old size, the proof hashes and the checkpoint note. */
export function parseAddCheckpointBody(body) {
    const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    if (buf.length > MAX_REQUEST_BYTES)
        throw malformed(`the body is larger than ${MAX_REQUEST_BYTES} bytes`, `${buf.length} bytes`);
    // Proof lines are never empty, so the first empty line ends them.
    const split = buf.indexOf('\n\n');
    if (split < 0)
        throw malformed('no empty line after the old size and proof lines');
    const head = buf.subarray(0, split).toString('latin1');
    const [oldLine, ...proofLines] = head.split('\n');
    if (!oldLine.startsWith('old ') || !DECIMAL.test(oldLine.slice(4))) {
        throw malformed('the first line is not "old <size>" (decimal, no leading zeros)', JSON.stringify(oldLine.slice(0, 40)));
    }
    const oldSize = Number(oldLine.slice(4));
    if (!Number.isSafeInteger(oldSize))
        throw malformed('the old size is beyond 2^53, which this witness does not handle', oldLine.slice(4, 40));
    if (proofLines.length > MAX_PROOF_LINES)
        throw malformed(`more than ${MAX_PROOF_LINES} proof lines`, `${proofLines.length} lines`);
    const proof = proofLines.map((line, i) => {
        const h = decodeStdBase64(line);
        if (h === undefined || h.length !== HASH_SIZE)
            throw malformed(`proof line ${i + 1} is not the base64 of a 32-byte hash`, JSON.stringify(line.slice(0, 60)));
        return h;
    });
    return { oldSize, proof, note: Buffer.from(buf.subarray(split + 2)) };
}
/** The status code the spec gives each refusal. */
export function statusFor(e) {
    if (!isSignetError(e))
        return 500;
    switch (e.code) {
        case 'WITNESS_REQUEST_MALFORMED':
            return 400;
        case 'WITNESS_LOG_UNKNOWN':
            return 404;
        case 'WITNESS_CHECKPOINT_UNSIGNED':
            return 403;
        case 'WITNESS_OLD_SIZE_MISMATCH':
        case 'WITNESS_ROOT_CONFLICT':
            return 409;
        case 'WITNESS_PROOF_INVALID':
            return 422;
        case 'STORAGE_FAILED':
            return 503;
        default:
            return 500;
    }
}
/** Opens the note with the origin's trusted keys: 404 for an unknown origin, 403 when no trusted signature verifies. */
function openCheckpoint(ctx, raw) {
    let text;
    try {
        text = parseNote(raw).text;
    }
    catch (e) {
        throw malformed(`the checkpoint is not a signed note: ${e.message}`, undefined, e);
    }
    const origin = text.slice(0, text.indexOf('\n'));
    const log = ctx.logs.get(origin);
    if (log === undefined) {
        throw new SignetError('WITNESS_LOG_UNKNOWN', `this witness does not witness the log ${JSON.stringify(origin)}`, {
            expected: `one of: ${[...ctx.logs.keys()].map((o) => JSON.stringify(o)).join(', ') || '(no logs configured)'}`,
            got: JSON.stringify(origin),
            hint: 'ask the witness operator to add the log with --log',
        });
    }
    let note;
    try {
        note = openNote(raw, log.verifiers);
    }
    catch (e) {
        if (isSignetError(e, 'NOTE_UNVERIFIED') || isSignetError(e, 'NOTE_SIGNATURE_INVALID')) {
            throw new SignetError('WITNESS_CHECKPOINT_UNSIGNED', `the checkpoint for ${origin} carries no valid signature by a key trusted for it: ${e.message}`, {
                expected: `a valid signature by one of: ${log.keys.join(', ')}`,
                attack: 'a checkpoint the log did not sign (forged or altered)',
                cause: e,
            });
        }
        throw malformed(`the checkpoint is not a signed note: ${e.message}`, undefined, e);
    }
    let checkpoint;
    try {
        checkpoint = parseCheckpoint(note.text);
    }
    catch (e) {
        throw malformed(`the note is not a checkpoint: ${e.message}`, undefined, e);
    }
    return { note, checkpoint, raw: raw.toString('utf8') };
}
/** Checks the request against the stored record; throws the 409/422 refusals. */
function checkAgainst(current, req, cp) {
    const storedSize = current?.size ?? 0;
    // Never cosigned: the witness knows the empty tree, whose root is fixed.
    const storedRoot = current?.root ?? EMPTY_ROOT;
    if (req.oldSize !== storedSize) {
        throw new SignetError('WITNESS_OLD_SIZE_MISMATCH', `the old size ${req.oldSize} is not the size ${storedSize} this witness last cosigned for ${cp.origin}`, {
            expected: `old ${storedSize}`,
            got: `old ${req.oldSize}`,
            hint: `send a consistency proof from size ${storedSize}`,
            evidence: { knownSize: storedSize },
        });
    }
    const proofInvalid = (why, cause) => new SignetError('WITNESS_PROOF_INVALID', `the consistency proof from ${req.oldSize} to ${cp.size} does not verify: ${why}`, {
        attack: 'a log that rewrote its history (a fork or a split view)',
        evidence: { origin: cp.origin, oldSize: req.oldSize, size: cp.size, proofLength: req.proof.length },
        ...(cause === undefined ? {} : { cause }),
    });
    if (req.oldSize === cp.size) {
        if (!hashEqual(storedRoot, cp.root)) {
            throw new SignetError('WITNESS_ROOT_CONFLICT', `${cp.origin} at size ${cp.size} has another root than the one this witness cosigned`, {
                expected: b64(storedRoot),
                got: b64(cp.root),
                attack: 'a fork: the log signed two different trees of the same size',
                evidence: { origin: cp.origin, size: cp.size },
            });
        }
        if (req.proof.length > 0)
            throw proofInvalid('the sizes are equal, so the proof must be empty');
        return;
    }
    if (req.oldSize === 0) {
        if (req.proof.length > 0)
            throw proofInvalid('the proof must be empty when the old size is 0');
        return;
    }
    try {
        verifyConsistency(req.oldSize, cp.size, storedRoot, cp.root, req.proof);
    }
    catch (e) {
        if (isSignetError(e, 'CONSISTENCY_PROOF_INVALID') || isSignetError(e, 'HASH_SIZE_INVALID'))
            throw proofInvalid(e.message, e);
        throw e;
    }
}
/**
 * Handles one add-checkpoint request body: returns the cosignature once the new state is on disk, or
 * throws a WITNESS_* (or STORAGE_FAILED) SignetError.
 */
export function addCheckpoint(ctx, body) {
    const req = parseAddCheckpointBody(body);
    const { note, checkpoint: cp, raw } = openCheckpoint(ctx, req.note);
    if (req.oldSize > cp.size) {
        throw malformed(`the old size ${req.oldSize} is larger than the checkpoint size ${cp.size}`, `old ${req.oldSize}`);
    }
    let timestamp;
    try {
        timestamp = ctx.store.update(cp.origin, (current) => {
            checkAgainst(current, req, cp);
            // A cosignature says "as of this time, this is the largest tree I saw": never date one before a
            // cosignature already given for this log, even if the clock went back (or the machine changed).
            const now = Math.floor(ctx.clock().getTime() / 1000);
            const ts = Math.max(Number.isSafeInteger(now) && now > 0 ? now : 0, current?.timestamp ?? 0);
            return { record: { origin: cp.origin, size: cp.size, root: cp.root, checkpoint: raw, timestamp: ts }, result: ts };
        });
    }
    catch (e) {
        if (isSignetError(e, 'WITNESS_ROOT_CONFLICT') || isSignetError(e, 'WITNESS_PROOF_INVALID')) {
            // Validly signed and inconsistent: possible proof of a misbehaving log (or of a buggy client).
            try {
                ctx.store.addEvidence({
                    origin: cp.origin,
                    receivedAt: Math.floor(ctx.clock().getTime() / 1000),
                    status: statusFor(e),
                    reason: e.message,
                    request: Buffer.from(body).toString('utf8'),
                });
            }
            catch {
                // Keeping evidence is best effort; the refusal stands either way.
            }
        }
        throw e;
    }
    const signed = signNote(note.text, [ctx.key.cosigner(BigInt(timestamp))]);
    return { origin: cp.origin, size: cp.size, root: cp.root, timestamp, signatures: signed.slice(note.text.length + 1) };
}
/** `addCheckpoint` as an HTTP answer: 200 with the cosignature lines, or the refusal's status and a one-line reason. */
export function respond(ctx, body) {
    try {
        const r = addCheckpoint(ctx, body);
        return { status: 200, contentType: 'text/plain; charset=utf-8', body: r.signatures };
    }
    catch (e) {
        const status = statusFor(e);
        if (isSignetError(e, 'WITNESS_OLD_SIZE_MISMATCH')) {
            return { status, contentType: TLOG_SIZE_TYPE, body: `${String(e.details.evidence?.['knownSize'])}\n`, error: e };
        }
        if (isSignetError(e))
            return { status, contentType: 'text/plain; charset=utf-8', body: `${e.code}: ${e.message}\n`, error: e };
        return { status: 500, contentType: 'text/plain; charset=utf-8', body: 'internal error\n', error: e };
    }
}
//# sourceMappingURL=add-checkpoint.js.map