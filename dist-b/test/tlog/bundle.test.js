import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSignetError } from '../../src/errors.js';
import { bundleHoldsAt, bundleOffset, decodeBundle, encodeBundle } from '../../src/tlog/bundle.js';
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
    it('says whether a bundle holds given entries from an offset: in place, by bytes, or not', () => {
        const entries = [Buffer.from('a'), Buffer.alloc(300, 7), Buffer.alloc(0), Buffer.from('xyz')];
        const b = encodeBundle(entries);
        const decoded = decodeBundle(b);
        assert.ok(bundleHoldsAt(b, 0, decoded), 'views of the bundle itself');
        assert.ok(bundleHoldsAt(b, 0, entries), 'copies, compared by bytes');
        assert.ok(bundleHoldsAt(b, 3, decoded.slice(1)), 'from the second entry on');
        assert.ok(bundleHoldsAt(b, 0, decoded.slice(0, 2)), 'more entries after them are allowed');
        assert.ok(bundleHoldsAt(b, b.length, []));
        assert.ok(!bundleHoldsAt(b, 0, [Buffer.from('b'), ...entries.slice(1)]), 'other bytes of the same length');
        assert.ok(!bundleHoldsAt(b, 0, [Buffer.from('ab'), ...entries.slice(1)]), 'another length');
        assert.ok(!bundleHoldsAt(b, 0, [...entries, Buffer.from('z')]), 'one more than the bundle holds');
        assert.ok(!bundleHoldsAt(b, 3, decoded.slice(0, 1)), 'a view of the bundle, but not at this place');
        // A view of the bundle's bytes at the wrong place is compared by its bytes, not trusted for being a view.
        const twin = encodeBundle([Buffer.from('q'), Buffer.from('q')]);
        const [q0] = decodeBundle(twin);
        assert.ok(bundleHoldsAt(twin, 3, [q0]), 'same bytes elsewhere: equal by comparison');
        assert.ok(!bundleHoldsAt(b.subarray(0, 100), 0, decoded.slice(0, 2)), 'a torn bundle');
    });
    it('refuses an entry over 65,535 bytes', () => {
        assert.throws(() => encodeBundle([Buffer.alloc(65536)]), (e) => isSignetError(e, 'ENTRY_TOO_LARGE'));
    });
    it('detects truncation inside a prefix, inside an entry, and missing entries', () => {
        const data = encodeBundle([Buffer.from('alpha'), Buffer.from('beta')]);
        const truncated = (e) => isSignetError(e, 'BUNDLE_TRUNCATED');
        assert.throws(() => decodeBundle(data.subarray(0, data.length - 1), 2), truncated);
        assert.throws(() => decodeBundle(data.subarray(0, 8), 2), truncated);
        assert.throws(() => decodeBundle(data.subarray(0, 7), 2), truncated);
        assert.equal(decodeBundle(data.subarray(0, 7), 1).length, 1);
        assert.throws(() => decodeBundle(encodeBundle([Buffer.from('alpha')]), 2), truncated);
    });
    it('rejects extra entries unless reading a full bundle in place of a partial one', () => {
        const data = encodeBundle([Buffer.from('a'), Buffer.from('b'), Buffer.from('c')]);
        assert.throws(() => decodeBundle(data, 2), (e) => isSignetError(e, 'BUNDLE_MALFORMED'));
        assert.equal(decodeBundle(data, 2, { atLeast: true }).length, 3);
    });
});
//# sourceMappingURL=bundle.test.js.map