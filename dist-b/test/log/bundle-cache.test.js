import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BundleCache } from '../../src/log/bundle-cache.js';
describe('BundleCache', () => {
    it('keeps bundles up to its byte budget, dropping the least recently used first', () => {
        const c = new BundleCache(300);
        c.set(0, Buffer.alloc(100, 0));
        c.set(1, Buffer.alloc(100, 1));
        c.set(2, Buffer.alloc(100, 2));
        assert.equal(c.bytes, 300);
        assert.equal(c.get(0)?.[0], 0); // 0 is now the most recently used
        c.set(3, Buffer.alloc(100, 3));
        assert.equal(c.get(1), undefined, 'the least recently used went first');
        assert.deepEqual([0, 2, 3].map((i) => c.get(i)?.[0]), [0, 2, 3]);
        assert.equal(c.bytes, 300);
        assert.equal(c.size, 3);
    });
    it('never holds more than its budget: a bundle larger than all of it is not kept', () => {
        const c = new BundleCache(150);
        c.set(0, Buffer.alloc(100));
        c.set(1, Buffer.alloc(200));
        assert.equal(c.get(1), undefined);
        assert.equal(c.bytes, 100);
        c.set(2, Buffer.alloc(100));
        assert.equal(c.bytes, 100);
        assert.equal(c.get(0), undefined);
        const off = new BundleCache(0);
        off.set(0, Buffer.alloc(1));
        assert.equal(off.size, 0);
    });
});
//# sourceMappingURL=bundle-cache.test.js.map