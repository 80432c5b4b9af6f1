/**
 * The transparency-dev/merkle proof vectors: every good proof verifies, every `wantErr` proof fails.
 */
import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { describe, it } from 'node:test';
import { isSignetError } from '../../src/errors.js';
import { verifyConsistency, verifyInclusion } from '../../src/tlog/proof.js';
import { b64, filesUnder, readJsonExact, vectorPath } from '../../testkit/vectors.js';
function asIndex(v) {
    if (typeof v === 'bigint')
        return v;
    if (typeof v === 'number')
        return v;
    throw new TypeError(`not an index: ${String(v)}`);
}
function hashes(v) {
    if (v === null)
        return null;
    return v.map(b64);
}
describe('merkle inclusion vectors', () => {
    const files = filesUnder(vectorPath('merkle', 'inclusion'));
    it('has vectors', () => assert.ok(files.length > 50, `found ${files.length}`));
    for (const file of files) {
        const v = readJsonExact(file);
        it(`${relative(vectorPath('merkle'), file)}: ${String(v.desc)} (${v.wantErr ? 'fails' : 'verifies'})`, () => {
            const run = () => verifyInclusion(asIndex(v.leafIdx), asIndex(v.treeSize), b64(v.leafHash), hashes(v.proof) ?? [], b64(v.root));
            if (v.wantErr) {
                assert.throws(run, (e) => isSignetError(e) && ['INCLUSION_PROOF_INVALID', 'HASH_SIZE_INVALID', 'INDEX_OUT_OF_RANGE'].includes(e.code));
            }
            else {
                run();
            }
        });
    }
});
describe('merkle consistency vectors', () => {
    const files = filesUnder(vectorPath('merkle', 'consistency'));
    it('has vectors', () => assert.ok(files.length > 50, `found ${files.length}`));
    for (const file of files) {
        const v = readJsonExact(file);
        it(`${relative(vectorPath('merkle'), file)}: ${String(v.desc)} (${v.wantErr ? 'fails' : 'verifies'})`, () => {
            const run = () => verifyConsistency(asIndex(v.size1), asIndex(v.size2), b64(v.root1), b64(v.root2), hashes(v.proof));
            if (v.wantErr) {
                assert.throws(run, (e) => isSignetError(e) && ['CONSISTENCY_PROOF_INVALID', 'HASH_SIZE_INVALID', 'INDEX_OUT_OF_RANGE'].includes(e.code));
            }
            else {
                run();
            }
        });
    }
});
//# sourceMappingURL=vectors.test.js.map