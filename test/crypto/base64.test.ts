import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeCanonicalBase64, decodeStdBase64, encodeBase64, isCanonicalBase64 } from '../../src/crypto/base64.js';

test('decodeCanonicalBase64 refuses non-zero trailing bits, missing padding and stray characters', () => {
  assert.deepEqual(decodeCanonicalBase64('AA=='), Buffer.from([0]));
  assert.equal(decodeCanonicalBase64('AB=='), undefined, 'one byte, non-zero spare bits');
  assert.deepEqual(decodeCanonicalBase64('AAA='), Buffer.from([0, 0]));
  assert.equal(decodeCanonicalBase64('AAB='), undefined, 'two bytes, non-zero spare bits');
  assert.equal(decodeCanonicalBase64('AA'), undefined, 'missing padding');
  assert.equal(decodeCanonicalBase64('AA A'), undefined);
  assert.equal(decodeCanonicalBase64('AA-_'), undefined, 'base64url');
  assert.deepEqual(decodeCanonicalBase64(''), Buffer.alloc(0));
  const b = Buffer.from('signet');
  assert.deepEqual(decodeCanonicalBase64(encodeBase64(b)), b);
});

test('decodeStdBase64 accepts non-zero trailing bits (as Go does) but not a broken grammar', () => {
  assert.deepEqual(decodeStdBase64('AB=='), Buffer.from([0]));
  assert.equal(decodeStdBase64('AB='), undefined);
});

test('decodeCanonicalBase64 and isCanonicalBase64 take exactly the strings that re-encode to themselves', () => {
  // The definition it must match, checked on the near-misses: every string of up to 8 characters over
  // an alphabet of base64, padding, base64url, space and a non-ASCII letter, then random longer ones.
  const reference = (s: string): Buffer | undefined => {
    const b = Buffer.from(s, 'base64');
    return b.toString('base64') === s ? b : undefined;
  };
  const same = (s: string): void => {
    const got = decodeCanonicalBase64(s);
    const want = reference(s);
    assert.deepEqual(got === undefined ? undefined : [...got], want === undefined ? undefined : [...want], JSON.stringify(s));
    assert.equal(isCanonicalBase64(s), want !== undefined, JSON.stringify(s));
  };
  // 'Ł' (U+0141) and 'ő' (U+0151): Buffer reads a code unit by its low byte, so these pass for 'A' and 'Q'.
  const letters = ['A', 'B', 'Q', 'g', 'w', '/', '+', '=', '-', '_', ' ', 'é', '\n', 'Ł', 'ő'];
  const walk = (prefix: string, depth: number): void => {
    same(prefix);
    if (depth === 0) return;
    for (const c of letters) walk(prefix + c, depth - 1);
  };
  walk('', 4);
  for (const base of ['AAAA', 'QUJD', 'AAA=', 'AA==']) for (const c of letters) for (let i = 0; i <= 8; i++) same(('AAAA' + base).slice(0, i) + c + ('AAAA' + base).slice(i));
  let seed = 7;
  const rand = (k: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % k);
  for (let i = 0; i < 3000; i++) {
    const bytes = Buffer.from(Array.from({ length: rand(40) }, () => rand(256)));
    const good = bytes.toString('base64');
    same(good);
    const chars = [...good];
    if (chars.length > 0) chars[rand(chars.length)] = letters[rand(letters.length)]!;
    same(chars.join(''));
  }
});
