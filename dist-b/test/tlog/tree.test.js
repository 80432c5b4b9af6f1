import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EMPTY_ROOT, leafHash, nodeHash } from '../../src/tlog/hash.js';
import { MerkleTree } from '../../src/tlog/tree.js';
import { isSignetError } from '../../src/errors.js';
/** MTH straight from RFC 6962 section 2.1, recursively over the leaves: the reference. */
function referenceRoot(leaves) {
    if (leaves.length === 0)
        return EMPTY_ROOT;
    if (leaves.length === 1)
        return leafHash(leaves[0]);
    let k = 1;
    while (k * 2 < leaves.length)
        k *= 2;
    return nodeHash(referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}
const RFC_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => Buffer.from(h, 'hex'));
describe('MerkleTree', () => {
    it('has the RFC 6962 roots of the reference 8-leaf tree at every size', () => {
        // Roots published with the RFC 6962 reference data (transparency-dev/merkle testonly).
        const want = [
            '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
            'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
            'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
            'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
            '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
            '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
            'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
            '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
        ];
        const t = new MerkleTree();
        for (const l of RFC_LEAVES)
            t.appendLeafHash(leafHash(l));
        for (let n = 1; n <= 8; n++)
            assert.equal(Buffer.from(t.root(n)).toString('hex'), want[n - 1], `root at ${n}`);
        assert.deepEqual(Buffer.from(t.root(0)), EMPTY_ROOT);
    });
    it('matches the recursive definition at every size up to 300', () => {
        const leaves = Array.from({ length: 300 }, (_, i) => Buffer.from(`leaf ${i}`));
        const t = new MerkleTree();
        for (let n = 0; n <= leaves.length; n++) {
            assert.deepEqual(Buffer.from(t.root()), Buffer.from(referenceRoot(leaves.slice(0, n))), `size ${n}`);
            if (n < leaves.length)
                t.appendLeafHash(leafHash(leaves[n]));
            // Roots at older sizes stay available.
            if (n > 3)
                assert.deepEqual(Buffer.from(t.root(3)), Buffer.from(referenceRoot(leaves.slice(0, 3))));
        }
    });
    it('grows its storage past the initial capacity without corrupting stored hashes', () => {
        const t = new MerkleTree();
        const hashes = Array.from({ length: 5000 }, (_, i) => leafHash(Buffer.from(String(i))));
        for (const h of hashes)
            t.appendLeafHash(h);
        assert.deepEqual(Buffer.from(t.leafHashAt(0)), hashes[0]);
        assert.deepEqual(Buffer.from(t.leafHashAt(4999)), hashes[4999]);
        assert.equal(t.size, 5000);
    });
    it('rejects leaf hashes that are not 32 bytes and sizes beyond the tree', () => {
        const t = new MerkleTree();
        assert.throws(() => t.appendLeafHash(Buffer.alloc(31)), (e) => isSignetError(e, 'HASH_SIZE_INVALID'));
        t.appendLeafHash(leafHash(Buffer.from('a')));
        assert.throws(() => t.root(2), (e) => isSignetError(e, 'INDEX_OUT_OF_RANGE'));
        assert.throws(() => t.hashAt(1, 0), (e) => isSignetError(e, 'INDEX_OUT_OF_RANGE'));
    });
});
//# sourceMappingURL=tree.test.js.map