/**
 * RFC 8785 JSON Canonicalization Scheme (JCS), through the `canonicalize` package, with the input
 * checked first: the package silently drops or stringifies values JSON cannot carry, and a
 * signature over such a "canonical" form would not mean what the signer thought.
 */
import canonicalize from 'canonicalize';
import { SignetError } from '../errors.js';
import { isWellFormedUnicode } from './text.js';

function invalid(path: string, what: string): SignetError {
  return new SignetError('CANONICAL_JSON_INVALID', `value at ${path} cannot be represented in canonical JSON: ${what}`, {
    expected: 'null, booleans, finite numbers, strings without lone surrogates, arrays and plain objects',
    got: what,
    evidence: { path },
  });
}

function hasLoneSurrogate(s: string): boolean {
  return !isWellFormedUnicode(s);
}

/**
 * Checks that `value` can be canonicalised; returns true when every object's own keys are already in
 * RFC 8785 order (ascending UTF-16 code units), in which case JSON.stringify produces exactly the
 * canonical text (same string escaping and number forms) at a fraction of the cost.
 */
function check(value: unknown, path: string, seen: Set<object>): boolean {
  switch (typeof value) {
    case 'string':
      if (hasLoneSurrogate(value)) throw invalid(path, 'a string with a lone UTF-16 surrogate');
      return true;
    case 'boolean':
      return true;
    case 'number':
      if (!Number.isFinite(value)) throw invalid(path, `the number ${String(value)}`);
      return true;
    case 'undefined':
      throw invalid(path, 'undefined');
    case 'function':
      throw invalid(path, 'a function');
    case 'bigint':
      throw invalid(path, `the bigint ${value.toString()}n`);
    case 'symbol':
      throw invalid(path, 'a symbol');
    case 'object': {
      if (value === null) return true;
      if (seen.has(value)) throw invalid(path, 'a circular reference');
      seen.add(value);
      let sorted = true;
      if (Array.isArray(value)) {
        value.forEach((v: unknown, i) => {
          if (!check(v, `${path}[${i}]`, seen)) sorted = false;
        });
      } else {
        const proto: unknown = Object.getPrototypeOf(value);
        if (proto !== Object.prototype && proto !== null) {
          const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
          throw invalid(path, `an object of class ${typeof name === 'string' ? name : 'unknown'} (only plain objects)`);
        }
        if (Object.getOwnPropertySymbols(value).length > 0) throw invalid(path, 'an object with symbol keys');
        let previous: string | undefined;
        for (const [k, v] of Object.entries(value)) {
          if (hasLoneSurrogate(k)) throw invalid(`${path}.${k}`, 'a key with a lone UTF-16 surrogate');
          if (previous !== undefined && !(previous < k)) sorted = false;
          previous = k;
          if (!check(v, `${path}.${k}`, seen)) sorted = false;
        }
      }
      seen.delete(value);
      return sorted;
    }
  }
}

/** The RFC 8785 canonical JSON text of `value`. */
export function canonicalJson(value: unknown): string {
  if (check(value, '$', new Set())) return JSON.stringify(value);
  const out = canonicalize(value);
  if (typeof out !== 'string') throw invalid('$', 'a value with no JSON form');
  return out;
}

/** The UTF-8 bytes of the RFC 8785 canonical JSON text of `value`. */
export function canonicalJsonBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8');
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Parses JSON from untrusted input after checking its size (before any parsing work) and that it is
 * valid UTF-8. Throws CANONICAL_JSON_INVALID; callers that own a format rethrow with their own code.
 */
export function parseJsonBounded(input: Uint8Array | string, maxBytes: number): unknown {
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (size > maxBytes) {
    throw new SignetError('CANONICAL_JSON_INVALID', `JSON input is too large: ${size} bytes, the limit is ${maxBytes}`, {
      expected: `at most ${maxBytes} bytes`,
      got: `${size} bytes`,
    });
  }
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    try {
      text = utf8.decode(input);
    } catch (e) {
      throw new SignetError('CANONICAL_JSON_INVALID', 'JSON input is not valid UTF-8', {
        expected: 'UTF-8 text',
        got: 'invalid UTF-8 bytes',
        cause: e,
      });
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new SignetError('CANONICAL_JSON_INVALID', `input is not valid JSON: ${e instanceof Error ? e.message : String(e)}`, {
      expected: 'a JSON document',
      got: text.length > 80 ? JSON.stringify(text.slice(0, 80)) + '…' : JSON.stringify(text),
      cause: e,
    });
  }
}
