/**
 * RFC 8785 JSON Canonicalization Scheme (JCS), through the `canonicalize` package, with the input
 * checked first: the package silently drops or stringifies values JSON cannot carry, and a
 * signature over such a "canonical" form would not mean what the signer thought.
 */
import canonicalize from 'canonicalize';
import { SignetError } from '../errors.js';
import { isWellFormedUnicode } from './text.js';
function invalid(path, what) {
    return new SignetError('CANONICAL_JSON_INVALID', `value at ${path} cannot be represented in canonical JSON: ${what}`, {
        expected: 'null, booleans, finite numbers, strings without lone surrogates, arrays and plain objects',
        got: what,
        evidence: { path },
    });
}
const wellFormed = typeof String.prototype.isWellFormed === 'function'
    ? (s) => s.isWellFormed()
    : isWellFormedUnicode;
/**
 * Why `value` cannot be canonicalised, or undefined when it can; `sorted.value` is cleared when some
 * object's own keys are not in RFC 8785 order (ascending UTF-16 code units). When every object is
 * sorted, JSON.stringify produces exactly the canonical text (same string escaping and number forms)
 * at a fraction of the cost. The walk allocates nothing on success: the path of a failure is built
 * only as the failure unwinds.
 */
function problem(value, seen, sorted) {
    switch (typeof value) {
        case 'string':
            return wellFormed(value) ? undefined : { path: [], what: 'a string with a lone UTF-16 surrogate' };
        case 'boolean':
            return undefined;
        case 'number':
            return Number.isFinite(value) ? undefined : { path: [], what: `the number ${String(value)}` };
        case 'undefined':
            return { path: [], what: 'undefined' };
        case 'function':
            return { path: [], what: 'a function' };
        case 'bigint':
            return { path: [], what: `the bigint ${value.toString()}n` };
        case 'symbol':
            return { path: [], what: 'a symbol' };
        case 'object': {
            if (value === null)
                return undefined;
            if (seen.has(value))
                return { path: [], what: 'a circular reference' };
            seen.add(value);
            if (Array.isArray(value)) {
                for (let i = 0; i < value.length; i++) {
                    const p = problem(value[i], seen, sorted);
                    if (p !== undefined) {
                        p.path.push(`[${i}]`);
                        return p;
                    }
                }
            }
            else {
                const proto = Object.getPrototypeOf(value);
                if (proto !== Object.prototype && proto !== null) {
                    const name = value.constructor?.name;
                    return { path: [], what: `an object of class ${typeof name === 'string' ? name : 'unknown'} (only plain objects)` };
                }
                if (Object.getOwnPropertySymbols(value).length > 0)
                    return { path: [], what: 'an object with symbol keys' };
                const o = value;
                let previous;
                for (const k in o) {
                    if (!Object.prototype.hasOwnProperty.call(o, k))
                        continue;
                    if (!wellFormed(k))
                        return { path: [`.${k}`], what: 'a key with a lone UTF-16 surrogate' };
                    if (previous !== undefined && !(previous < k))
                        sorted.value = false;
                    previous = k;
                    const p = problem(o[k], seen, sorted);
                    if (p !== undefined) {
                        p.path.push(`.${k}`);
                        return p;
                    }
                }
            }
            seen.delete(value);
            return undefined;
        }
    }
}
/** Throws CANONICAL_JSON_INVALID for a value JSON cannot carry; returns whether every object is sorted. */
function check(value) {
    const sorted = { value: true };
    const p = problem(value, new Set(), sorted);
    if (p !== undefined)
        throw invalid('$' + p.path.reverse().join(''), p.what);
    return sorted.value;
}
/** Whether every object in parsed JSON has its keys in RFC 8785 order (parsed JSON has no cycles). */
function keysSorted(value) {
    if (typeof value !== 'object' || value === null)
        return true;
    if (Array.isArray(value)) {
        for (const v of value)
            if (!keysSorted(v))
                return false;
        return true;
    }
    let previous;
    for (const k in value) {
        if (previous !== undefined && !(previous < k))
            return false;
        previous = k;
        if (!keysSorted(value[k]))
            return false;
    }
    return true;
}
/**
 * A fast, one-sided check that `text` is the canonical JSON of `value`, where `value` is JSON.parse(text)
 * and `text` came from strict UTF-8 (so holds no lone surrogate itself): true only if it is; false means
 * "not shown", and the caller compares with canonicalJson(value). With no \u escape in the text, no
 * string can hold a lone surrogate; with every object's keys in order, JSON.stringify writes exactly the
 * RFC 8785 text; and equal texts mean the input used the canonical number forms and no duplicate keys.
 */
export function isCanonicalParsedText(value, text) {
    return !text.includes('\\u') && keysSorted(value) && JSON.stringify(value) === text;
}
/** The RFC 8785 canonical JSON text of `value`. */
export function canonicalJson(value) {
    if (check(value))
        return JSON.stringify(value);
    const out = canonicalize(value);
    if (typeof out !== 'string')
        throw invalid('$', 'a value with no JSON form');
    return out;
}
/** The UTF-8 bytes of the RFC 8785 canonical JSON text of `value`. */
export function canonicalJsonBytes(value) {
    return Buffer.from(canonicalJson(value), 'utf8');
}
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/**
 * Parses JSON from untrusted input after checking its size (before any parsing work) and that it is
 * valid UTF-8. Throws CANONICAL_JSON_INVALID; callers that own a format rethrow with their own code.
 */
export function parseJsonBounded(input, maxBytes) {
    return parseJsonText(input, maxBytes).value;
}
/**
 * parseJsonBounded, also returning the decoded text: for callers that compare it with a canonical
 * form (the text and the bytes correspond one to one, since the UTF-8 decoding is strict and keeps a BOM).
 */
export function parseJsonText(input, maxBytes) {
    const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
    if (size > maxBytes) {
        throw new SignetError('CANONICAL_JSON_INVALID', `JSON input is too large: ${size} bytes, the limit is ${maxBytes}`, {
            expected: `at most ${maxBytes} bytes`,
            got: `${size} bytes`,
        });
    }
    let text;
    if (typeof input === 'string') {
        text = input;
    }
    else {
        try {
            text = utf8.decode(input);
        }
        catch (e) {
            throw new SignetError('CANONICAL_JSON_INVALID', 'JSON input is not valid UTF-8', {
                expected: 'UTF-8 text',
                got: 'invalid UTF-8 bytes',
                cause: e,
            });
        }
    }
    try {
        return { text, value: JSON.parse(text) };
    }
    catch (e) {
        throw new SignetError('CANONICAL_JSON_INVALID', `input is not valid JSON: ${e instanceof Error ? e.message : String(e)}`, {
            expected: 'a JSON document',
            got: text.length > 80 ? JSON.stringify(text.slice(0, 80)) + '…' : JSON.stringify(text),
            cause: e,
        });
    }
}
//# sourceMappingURL=canonical.js.map