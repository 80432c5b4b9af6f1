/** docs/vectors/ledger: every verdict, replay = admission, and the committed files = a fresh generation. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ed25519PublicKey } from '../../src/crypto/ed25519.js';
import { isSignetError } from '../../src/errors.js';
import { LedgerState, applyInPlace, parseEntry, replay } from '../../src/ledger/index.js';
import { PROTOCOL_FILE, VECTORS_FILE, generateLedgerVectors, protocolWithExamples, vectorsText, } from '../../testkit/make-ledger-vectors.js';
const vectors = JSON.parse(readFileSync(VECTORS_FILE, 'utf8'));
const config = {
    registryKeys: vectors.config.registryKeys.map((k) => Ed25519PublicKey.fromRaw(Buffer.from(k, 'base64'))),
    coreKey: Ed25519PublicKey.fromRaw(Buffer.from(vectors.config.coreKey, 'base64')),
};
function bytesOf(e) {
    return e.entry !== undefined ? Buffer.from(e.entry, 'utf8') : Buffer.from(e.entryBase64, 'base64');
}
test('vectors: every entry gets its expected verdict, and rejected ones change nothing', () => {
    const state = new LedgerState();
    for (const e of vectors.entries) {
        const before = JSON.stringify(state.toJSON());
        const index = state.size;
        try {
            applyInPlace(state, parseEntry(bytesOf(e)), config, { now: new Date(e.now) });
            assert.deepEqual(e.expect, { accepted: true, index }, `step ${e.step} ${e.name} was accepted`);
        }
        catch (err) {
            if (!isSignetError(err))
                throw err;
            assert.deepEqual(e.expect, { accepted: false, error: err.code }, `step ${e.step} ${e.name}: ${err.message}`);
            assert.equal(JSON.stringify(state.toJSON()), before, `step ${e.step} left the state unchanged`);
        }
    }
    assert.deepEqual(state.toJSON(), vectors.finalState);
});
test('vectors: replaying only the accepted entries (no clock) gives the same state', () => {
    const accepted = vectors.entries.filter((e) => e.expect.accepted).map(bytesOf);
    assert.deepEqual(replay(accepted, config).toJSON(), vectors.finalState);
});
test('vectors: the committed vectors and PROTOCOL.md examples equal a fresh generation', () => {
    const g = generateLedgerVectors();
    assert.equal(readFileSync(VECTORS_FILE, 'utf8'), vectorsText(g.vectors), 'run node dist/testkit/make-ledger-vectors.js');
    const doc = readFileSync(PROTOCOL_FILE, 'utf8');
    assert.equal(doc, protocolWithExamples(doc, g.examples), 'run node dist/testkit/make-ledger-vectors.js');
});
test('vectors: every ledger error code is exercised', () => {
    const codes = new Set(vectors.entries.flatMap((e) => (e.expect.accepted ? [] : [e.expect.error])));
    for (const c of [
        'ENTRY_NOT_JSON', 'ENTRY_TOO_LARGE', 'DSSE_MALFORMED', 'ENTRY_NOT_CANONICAL', 'PAYLOAD_NOT_CANONICAL', 'PAYLOAD_TYPE_UNKNOWN',
        'STATEMENT_INVALID', 'NAME_INVALID', 'VERSION_INVALID', 'VERSION_NOT_RELEASE', 'SIGNATURE_DUPLICATE', 'SIGNATURE_INVALID',
        'DSSE_THRESHOLD_NOT_MET', 'TIME_SKEW', 'SIGNATURE_MISSING', 'KEY_UNAUTHORIZED', 'KEY_REVOKED', 'KEY_EXISTS', 'KEY_UNKNOWN',
        'VENDOR_UNCLAIMED', 'VENDOR_ALREADY_CLAIMED', 'RELEASE_EXISTS', 'RELEASE_UNKNOWN', 'RELEASE_ALREADY_REVOKED',
        'RELEASE_DIGEST_MISMATCH', 'THRESHOLD_INVALID', 'BREAK_GLASS_KEY_INVALID', 'STATEMENT_REPLAYED', 'SEQUENCE_INVALID',
    ]) {
        assert.ok(codes.has(c), c);
    }
});
//# sourceMappingURL=vectors.test.js.map