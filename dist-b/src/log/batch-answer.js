const ALPHABET = Buffer.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 'latin1');
const EQ = 0x3d;
/** Standard padded base64 of `b`, written at `at`; returns the offset after it. */
function writeBase64(out, at, b) {
    let i = 0;
    for (; i + 3 <= b.length; i += 3) {
        const n = (b[i] << 16) | (b[i + 1] << 8) | b[i + 2];
        out[at++] = ALPHABET[n >>> 18];
        out[at++] = ALPHABET[(n >>> 12) & 63];
        out[at++] = ALPHABET[(n >>> 6) & 63];
        out[at++] = ALPHABET[n & 63];
    }
    const rest = b.length - i;
    if (rest > 0) {
        const n = (b[i] << 16) | (rest === 2 ? b[i + 1] << 8 : 0);
        out[at++] = ALPHABET[n >>> 18];
        out[at++] = ALPHABET[(n >>> 12) & 63];
        out[at++] = rest === 2 ? ALPHABET[(n >>> 6) & 63] : EQ;
        out[at++] = EQ;
    }
    return at;
}
const base64Length = (n) => 4 * Math.ceil(n / 3);
/** The answer for these outcomes, in order; an `error` is written as given, as `{"error": ...}`. */
export function batchAnswer(outcomes) {
    // First pass: every piece's exact size, so the answer is one allocation.
    const checkpoints = new Map();
    const errors = [];
    const numbers = [];
    let size = '{"results":[]}'.length + Math.max(0, outcomes.length - 1);
    for (const o of outcomes) {
        if (!('ok' in o)) {
            const e = Buffer.from(JSON.stringify({ error: o.error }), 'utf8');
            errors.push(e);
            size += e.length;
            continue;
        }
        errors.push(undefined);
        const a = o.ok;
        let cp = checkpoints.get(a.checkpoint);
        if (cp === undefined)
            checkpoints.set(a.checkpoint, (cp = Buffer.from(JSON.stringify(a.checkpoint), 'utf8')));
        const index = String(a.index);
        const treeSize = String(a.size);
        numbers.push(index, treeSize);
        size += '{"index":,"size":,"leafHash":"","proof":[],"checkpoint":}'.length + index.length + treeSize.length + cp.length;
        size += base64Length(a.leafHash.length) + Math.max(0, a.proof.length - 1);
        for (const h of a.proof)
            size += base64Length(h.length) + 2;
    }
    const out = Buffer.allocUnsafe(size);
    let at = out.write('{"results":[', 0, 'latin1');
    let n = 0;
    outcomes.forEach((o, i) => {
        if (i > 0)
            out[at++] = 0x2c;
        const e = errors[i];
        if (e !== undefined) {
            at += e.copy(out, at);
            return;
        }
        const a = o.ok;
        at += out.write('{"index":', at, 'latin1');
        at += out.write(numbers[n++], at, 'latin1');
        at += out.write(',"size":', at, 'latin1');
        at += out.write(numbers[n++], at, 'latin1');
        at += out.write(',"leafHash":"', at, 'latin1');
        at = writeBase64(out, at, a.leafHash);
        at += out.write('","proof":[', at, 'latin1');
        a.proof.forEach((h, k) => {
            if (k > 0)
                out[at++] = 0x2c;
            out[at++] = 0x22;
            at = writeBase64(out, at, h);
            out[at++] = 0x22;
        });
        at += out.write('],"checkpoint":', at, 'latin1');
        at += checkpoints.get(a.checkpoint).copy(out, at);
        out[at++] = 0x7d;
    });
    at += out.write(']}', at, 'latin1');
    if (at !== size)
        throw new Error(`batch answer: wrote ${at} bytes, expected ${size}`);
    return out;
}
//# sourceMappingURL=batch-answer.js.map