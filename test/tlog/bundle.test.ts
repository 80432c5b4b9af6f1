import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSignetError } from '../../src/errors.js';
import { bundleOffset, decodeBundle, encodeBundle } from '../../src/tlog/bundle.js';

describe('entry bundles', () => {
  it('round-trips entries with uint16 big-endian length prefixes', () => {
    const entries = [Buffer.from('one'), Buffer.alloc(0), Buffer.alloc(65535, 7)];
    const data = encodeBundle(entries);
    assert.deepEqual([...data.subarray(0, 5)], [0, 3, 0x6f, 0x6e, 0x65]);
    assert.equal(data.length, 2 + 3 + 2 + 0 + 2 + 65535);
    assert.deepEqual(decodeBundle(data, 3), entries);
  });

  it('finds where each entry starts, and -1 past the end or inside a torn bundle', () => {
    const entries = [Buffer.from('a'), Buffer.alloc(300, 7), Buffer.alloc(0), Buffer.from('xyz')];
    const b = encodeBundle(entries);
    assert.deepEqual([0, 1, 2, 3, 4].map((n) => bundleOffset(b, n)), [0, 3, 305, 307, 312]);
    assert.equal(bundleOffset(b, 4), b.length);
    assert.equal(bundleOffset(b, 5), -1);
    assert.equal(bundleOffset(b.subarray(0, 304), 2), -1, 'the second entry is cut short');
    assert.equal(bundleOffset(b.subarray(0, 306), 3), -1, 'cut inside a length prefix');
  });

  it('refuses an entry over 65,535 bytes', () => {
    assert.throws(() => encodeBundle([Buffer.alloc(65536)]), (e: unknown) => isSignetError(e, 'ENTRY_TOO_LARGE'));
  });

  it('detects truncation inside a prefix, inside an entry, and missing entries', () => {
    const data = encodeBundle([Buffer.from('alpha'), Buffer.from('beta')]);
    const truncated = (e: unknown): boolean => isSignetError(e, 'BUNDLE_TRUNCATED');
    assert.throws(() => decodeBundle(data.subarray(0, data.length - 1), 2), truncated);
    assert.throws(() => decodeBundle(data.subarray(0, 8), 2), truncated);
    assert.throws(() => decodeBundle(data.subarray(0, 7), 2), truncated);
    assert.equal(decodeBundle(data.subarray(0, 7), 1).length, 1);
    assert.throws(() => decodeBundle(encodeBundle([Buffer.from('alpha')]), 2), truncated);
  });

  it('rejects extra entries unless reading a full bundle in place of a partial one', () => {
    const data = encodeBundle([Buffer.from('a'), Buffer.from('b'), Buffer.from('c')]);
    assert.throws(() => decodeBundle(data, 2), (e: unknown) => isSignetError(e, 'BUNDLE_MALFORMED'));
    assert.equal(decodeBundle(data, 2, { atLeast: true }).length, 3);
  });
});
