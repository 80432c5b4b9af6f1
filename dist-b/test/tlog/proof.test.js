/**
 * Proof generation against verification, by property: for random tree sizes every generated proof
 * verifies, and every single-bit change to a proof, root, leaf, index or size makes it fail.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isSignetError } from '../../src/errors.js';
import { leafHash } from '../../src/tlog/hash.js';
import { consistencyProof, inclusionProof, verifyConsistency, verifyInclusion } from '../../src/tlog/proof.js';
import { MerkleTree } from '../../src/tlog/tree.js';
const MAX = 2100;
const tree = new MerkleTree();
for (let i = 0; i < MAX; i++)
    tree.appendLeafHash(leafHash(Buffer.from(`entry ${i}`)));
function flip(b, bit) {
    const c = Buffer.from(b);
    c[bit >> 3] ^= 1 << (bit & 7);
    return c;
}
function fails(f) {
    try {
        f();
        return false;
    }
    catch (e) {
        if (!isSignetError(e))
            throw e;
        return true;
    }
}
/**
 * The hashing steps a proof implies, from the RFC 9162 generation recursion (independent of the
 * verifier's bit arithmetic): which side each sibling is on, bottom-up. The signed checkpoint binds the
 * size; a proof alone cannot tell two sizes apart when they imply the very same steps, so a changed size
 * must fail unless its steps are identical (and then the computation, and so the root, is identical too).
 */
function inclusionShape(index, size) {
    if (index >= size)
        return 'out of range';
    const steps = [];
    const path = (m, n) => {
        if (n === 1n)
            return;
        let k = 1n;
        while (k * 2n < n)
            k *= 2n;
        if (m < k) {
            path(m, k);
            steps.push('R');
        }
        else {
            path(m - k, n - k);
            steps.push('L');
        }
    };
    path(index, size);
    return steps.join('');
}
function consistencyShape(m0, n0) {
    if (m0 === 0n || m0 > n0)
        return 'invalid';
    if (m0 === n0)
        return 'equal';
    const steps = [];
    const sub = (m, n, whole) => {
        if (m === n) {
            if (!whole)
                steps.push('S');
            return;
        }
        let k = 1n;
        while (k * 2n < n)
            k *= 2n;
        if (m <= k) {
            sub(m, k, whole);
            steps.push('R');
        }
        else {
            sub(m - k, n - k, false);
            steps.push('L');
        }
    };
    sub(m0, n0, true);
    return steps.join('');
}
const sizeAndIndex = fc.integer({ min: 1, max: MAX }).chain((size) => fc.tuple(fc.constant(size), fc.integer({ min: 0, max: size - 1 })));
const twoSizes = fc.integer({ min: 1, max: MAX }).chain((s2) => fc.tuple(fc.integer({ min: 1, max: s2 }), fc.constant(s2)));
describe('inclusion proofs', () => {
    it('are the same with a right-edge memo shared by every leaf of one size', () => {
        fc.assert(fc.property(fc.integer({ min: 1, max: MAX }), (size) => {
            const rightEdge = new Map();
            // Every leaf, in an order that visits the right edge early and late.
            for (let k = 0; k < size; k++) {
                const index = k % 2 === 0 ? size - 1 - k / 2 : (k - 1) / 2;
                assert.deepEqual(inclusionProof(tree, index, size, rightEdge), inclusionProof(tree, index, size), `leaf ${index} of ${size}`);
            }
        }), { numRuns: 60 });
    });
    it('every generated proof verifies', () => {
        fc.assert(fc.property(sizeAndIndex, ([size, index]) => {
            const proof = inclusionProof(tree, index, size);
            verifyInclusion(index, size, tree.leafHashAt(index), proof, tree.root(size));
            verifyInclusion(BigInt(index), BigInt(size), tree.leafHashAt(index), proof, tree.root(size));
        }), { numRuns: 500 });
    });
    it('every single-bit change to the proof, root or leaf fails', () => {
        fc.assert(fc.property(sizeAndIndex, fc.nat(), fc.nat({ max: 255 }), ([size, index], which, bit) => {
            const proof = inclusionProof(tree, index, size);
            const leaf = tree.leafHashAt(index);
            const root = tree.root(size);
            assert.ok(fails(() => verifyInclusion(index, size, flip(leaf, bit), proof, root)), 'leaf bit');
            assert.ok(fails(() => verifyInclusion(index, size, leaf, proof, flip(root, bit))), 'root bit');
            if (proof.length > 0) {
                const k = which % proof.length;
                const bad = proof.map((p, i) => (i === k ? flip(p, bit) : p));
                assert.ok(fails(() => verifyInclusion(index, size, leaf, bad, root)), `proof[${k}] bit ${bit}`);
                assert.ok(fails(() => verifyInclusion(index, size, leaf, proof.slice(1), root)), 'shortened proof');
            }
            assert.ok(fails(() => verifyInclusion(index, size, leaf, [...proof, leaf], root)), 'extended proof');
        }), { numRuns: 300 });
    });
    it('every single-bit change to the index fails, and to the size unless it implies the very same hashing steps', () => {
        fc.assert(fc.property(sizeAndIndex, fc.nat({ max: 63 }), ([size, index], bit) => {
            const proof = inclusionProof(tree, index, size);
            const leaf = tree.leafHashAt(index);
            const root = tree.root(size);
            const badIndex = BigInt(index) ^ (1n << BigInt(bit));
            const badSize = BigInt(size) ^ (1n << BigInt(bit));
            assert.ok(fails(() => verifyInclusion(badIndex, size, leaf, proof, root)), `index ${index} bit ${bit}`);
            const same = inclusionShape(BigInt(index), badSize) === inclusionShape(BigInt(index), BigInt(size));
            assert.equal(fails(() => verifyInclusion(index, badSize, leaf, proof, root)), !same, `size ${size} bit ${bit}`);
        }), { numRuns: 500 });
    });
    it('refuses an index outside the tree when generating', () => {
        assert.throws(() => inclusionProof(tree, 5, 5), (e) => isSignetError(e, 'INDEX_OUT_OF_RANGE'));
    });
});
describe('consistency proofs', () => {
    it('every generated proof verifies', () => {
        fc.assert(fc.property(twoSizes, ([s1, s2]) => {
            const proof = consistencyProof(tree, s1, s2);
            verifyConsistency(s1, s2, tree.root(s1), tree.root(s2), proof);
        }), { numRuns: 500 });
    });
    it('every single-bit change to the proof or either root fails', () => {
        fc.assert(fc.property(twoSizes, fc.nat(), fc.nat({ max: 255 }), ([s1, s2], which, bit) => {
            const proof = consistencyProof(tree, s1, s2);
            const r1 = tree.root(s1);
            const r2 = tree.root(s2);
            assert.ok(fails(() => verifyConsistency(s1, s2, flip(r1, bit), r2, proof)), 'root1 bit');
            assert.ok(fails(() => verifyConsistency(s1, s2, r1, flip(r2, bit), proof)), 'root2 bit');
            if (proof.length > 0) {
                const k = which % proof.length;
                const bad = proof.map((p, i) => (i === k ? flip(p, bit) : p));
                assert.ok(fails(() => verifyConsistency(s1, s2, r1, r2, bad)), `proof[${k}] bit ${bit}`);
            }
        }), { numRuns: 300 });
    });
    it('every single-bit change to either size fails unless it implies the very same hashing steps', () => {
        fc.assert(fc.property(twoSizes, fc.nat({ max: 63 }), ([s1, s2], bit) => {
            fc.pre(s1 < s2);
            const proof = consistencyProof(tree, s1, s2);
            const r1 = tree.root(s1);
            const r2 = tree.root(s2);
            const b1 = BigInt(s1) ^ (1n << BigInt(bit));
            const b2 = BigInt(s2) ^ (1n << BigInt(bit));
            const shape = consistencyShape(BigInt(s1), BigInt(s2));
            const same1 = consistencyShape(b1, BigInt(s2)) === shape;
            const same2 = consistencyShape(BigInt(s1), b2) === shape;
            assert.equal(fails(() => verifyConsistency(b1, s2, r1, r2, proof)), !same1, `size1 ${s1} bit ${bit}`);
            assert.equal(fails(() => verifyConsistency(s1, b2, r1, r2, proof)), !same2, `size2 ${s2} bit ${bit}`);
        }), { numRuns: 500 });
    });
    it('gives an empty proof for equal sizes and treats size 0 as meaningless', () => {
        assert.deepEqual(consistencyProof(tree, 7, 7), []);
        verifyConsistency(7, 7, tree.root(7), tree.root(7), []);
        assert.ok(fails(() => verifyConsistency(0, 7, tree.root(0), tree.root(7), [])));
    });
});
//# sourceMappingURL=proof.test.js.map