import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeCanonicalBase64, decodeStdBase64, encodeBase64 } from '../../src/crypto/base64.js';
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
//# sourceMappingURL=base64.test.js.map