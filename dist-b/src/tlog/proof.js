/**
 * Inclusion and consistency proofs: generated from stored hashes (RFC 9162 2.1.3.1 and 2.1.4.1) and
 * verified (RFC 9162 2.1.3.2 and 2.1.4.2). Verification takes 64-bit indexes (number or bigint) and
 * checks every hash to be 32 bytes.
 */
import { SignetError } from '../errors.js';
import { EMPTY_ROOT, b64, checkHash, hashEqual, nodeHash } from './hash.js';
import { checkSize, splitPoint, subtreeHash } from './tree.js';
const MAX_UINT64 = (1n << 64n) - 1n;
function u64(v, what) {
    const b = typeof v === 'bigint' ? v : Number.isSafeInteger(v) ? BigInt(v) : -1n;
    if (b < 0n || b > MAX_UINT64) {
        throw new SignetError('INDEX_OUT_OF_RANGE', `${what} ${String(v)} is not a 64-bit unsigned integer`, {
            expected: `0..${MAX_UINT64}`,
            got: String(v),
        });
    }
    return b;
}
// ---------------------------------------------------------------- generation
/**
 * Inclusion proof of leaf `index` in the tree of size `size` (PATH(m, D[n]), leaf-side first).
 * `rightEdge`, shared between calls for the same `size`, keeps the hashes of the incomplete subtrees
 * [lo, size) that proofs need (the same few for every leaf: a batch of proofs computes each once).
 */
export function inclusionProof(reader, index, size, rightEdge) {
    checkSize(size, Number.MAX_SAFE_INTEGER);
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
        throw new SignetError('INDEX_OUT_OF_RANGE', `leaf index ${index} is not in a tree of size ${size}`, {
            expected: `0..${size - 1}`,
            got: String(index),
        });
    }
    const proof = [];
    const path = (m, lo, hi) => {
        const n = hi - lo;
        if (n === 1)
            return;
        const k = splitPoint(n);
        if (m < k) {
            path(m, lo, lo + k);
            if (rightEdge !== undefined && hi === size) {
                let h = rightEdge.get(lo + k);
                if (h === undefined)
                    rightEdge.set(lo + k, (h = subtreeHash(reader, lo + k, hi)));
                proof.push(h);
            }
            else {
                proof.push(subtreeHash(reader, lo + k, hi));
            }
        }
        else {
            path(m - k, lo + k, hi);
            proof.push(subtreeHash(reader, lo, lo + k));
        }
    };
    path(index, 0, size);
    return proof;
}
/** Consistency proof between sizes `size1` <= `size2` (SUBPROOF(m, D[n], true)). */
export function consistencyProof(reader, size1, size2) {
    checkSize(size2, Number.MAX_SAFE_INTEGER);
    if (!Number.isSafeInteger(size1) || size1 < 0 || size1 > size2) {
        throw new SignetError('INDEX_OUT_OF_RANGE', `cannot prove consistency from size ${size1} to ${size2}`, {
            expected: `0 <= size1 <= size2 (${size2})`,
            got: String(size1),
        });
    }
    const proof = [];
    if (size1 === 0 || size1 === size2)
        return proof;
    const sub = (m, lo, hi, whole) => {
        const n = hi - lo;
        if (m === n) {
            if (!whole)
                proof.push(subtreeHash(reader, lo, hi));
            return;
        }
        const k = splitPoint(n);
        if (m <= k) {
            sub(m, lo, lo + k, whole);
            proof.push(subtreeHash(reader, lo + k, hi));
        }
        else {
            sub(m - k, lo + k, hi, false);
            proof.push(subtreeHash(reader, lo, lo + k));
        }
    };
    sub(size1, 0, size2, true);
    return proof;
}
// ---------------------------------------------------------------- verification
function inclusionFailure(reason, details) {
    return new SignetError('INCLUSION_PROOF_INVALID', `inclusion proof does not verify: ${reason}`, {
        attack: 'an entry claimed to be in the log that the signed tree does not contain',
        evidence: details,
    });
}
/** Root implied by an inclusion proof (RFC 9162 2.1.3.2), or an error when the proof has the wrong shape. */
export function rootFromInclusionProof(index, size, leaf, proof) {
    const m = u64(index, 'leaf index');
    const n = u64(size, 'tree size');
    checkHash(leaf, 'leaf hash');
    proof.forEach((p, i) => checkHash(p, `proof element ${i}`));
    if (m >= n) {
        throw inclusionFailure(`leaf index ${m} is not below tree size ${n}`, { index: String(m), size: String(n) });
    }
    let fn = m;
    let sn = n - 1n;
    let r = leaf;
    for (const p of proof) {
        if (sn === 0n) {
            throw inclusionFailure('proof is longer than the path to the root', { proofLength: proof.length });
        }
        if ((fn & 1n) === 1n || fn === sn) {
            r = nodeHash(p, r);
            if ((fn & 1n) === 0n) {
                while ((fn & 1n) === 0n && fn !== 0n) {
                    fn >>= 1n;
                    sn >>= 1n;
                }
            }
        }
        else {
            r = nodeHash(r, p);
        }
        fn >>= 1n;
        sn >>= 1n;
    }
    if (sn !== 0n) {
        throw inclusionFailure('proof is shorter than the path to the root', { proofLength: proof.length });
    }
    return r;
}
export function verifyInclusion(index, size, leaf, proof, root) {
    checkHash(root, 'root hash');
    const got = rootFromInclusionProof(index, size, leaf, proof);
    if (!hashEqual(got, root)) {
        throw new SignetError('INCLUSION_PROOF_INVALID', `inclusion proof of leaf ${index} at size ${size} leads to another root`, {
            expected: b64(root),
            got: b64(got),
            attack: 'an entry claimed to be in the log that the signed tree does not contain',
            evidence: { index: String(index), size: String(size), leafHash: b64(leaf) },
        });
    }
}
function consistencyFailure(reason, evidence, expected, got) {
    return new SignetError('CONSISTENCY_PROOF_INVALID', `consistency proof does not verify: ${reason}`, {
        attack: 'a log that rewrote its history (a fork or a split view)',
        evidence,
        ...(expected === undefined ? {} : { expected }),
        ...(got === undefined ? {} : { got }),
    });
}
/**
 * Verifies that the tree of size `size1` with root `root1` is a prefix of the tree of size `size2` with
 * root `root2` (RFC 9162 2.1.4.2). A proof from size 0 is rejected as meaningless (callers treat the
 * empty tree specially); equal sizes need an empty proof and equal roots.
 */
export function verifyConsistency(size1, size2, root1, root2, proof) {
    const m = u64(size1, 'size1');
    const n = u64(size2, 'size2');
    const pr = proof ?? [];
    const ev = { size1: String(m), size2: String(n), proofLength: pr.length };
    if (m > n)
        throw consistencyFailure(`size1 ${m} is larger than size2 ${n}`, ev);
    if (m === 0n) {
        throw consistencyFailure('a consistency proof from the empty tree is meaningless', ev);
    }
    if (m === n) {
        if (pr.length > 0)
            throw consistencyFailure('sizes are equal but the proof is not empty', ev);
        if (!hashEqual(root1, root2)) {
            throw consistencyFailure('sizes are equal but the roots differ', ev, b64(root1), b64(root2));
        }
        return;
    }
    checkHash(root1, 'root1');
    checkHash(root2, 'root2');
    pr.forEach((p, i) => checkHash(p, `proof element ${i}`));
    if (pr.length === 0)
        throw consistencyFailure('the proof is empty', ev);
    const path = [...pr];
    // When size1 is a power of two, the old root is itself a node of the new tree and is not in the proof.
    if ((m & (m - 1n)) === 0n)
        path.unshift(root1);
    let fn = m - 1n;
    let sn = n - 1n;
    while ((fn & 1n) === 1n) {
        fn >>= 1n;
        sn >>= 1n;
    }
    let fr = path[0];
    let sr = path[0];
    for (let i = 1; i < path.length; i++) {
        const c = path[i];
        if (sn === 0n)
            throw consistencyFailure('the proof is longer than needed', ev);
        if ((fn & 1n) === 1n || fn === sn) {
            fr = nodeHash(c, fr);
            sr = nodeHash(c, sr);
            if ((fn & 1n) === 0n) {
                while ((fn & 1n) === 0n && fn !== 0n) {
                    fn >>= 1n;
                    sn >>= 1n;
                }
            }
        }
        else {
            sr = nodeHash(sr, c);
        }
        fn >>= 1n;
        sn >>= 1n;
    }
    if (sn !== 0n)
        throw consistencyFailure('the proof is shorter than needed', ev);
    if (!hashEqual(fr, root1)) {
        throw consistencyFailure('the proof does not lead to the old root', ev, b64(root1), b64(fr));
    }
    if (!hashEqual(sr, root2)) {
        throw consistencyFailure('the proof does not lead to the new root', ev, b64(root2), b64(sr));
    }
}
export { EMPTY_ROOT };
//# sourceMappingURL=proof.js.map