import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { batchAnswer } from '../../src/log/batch-answer.js';
/** The object form the answer must equal byte for byte (what POST /add answers, per entry). */
function objectForm(outcomes) {
    return JSON.stringify({
        results: outcomes.map((o) => 'ok' in o
            ? {
                index: o.ok.index,
                size: o.ok.size,
                leafHash: o.ok.leafHash.toString('base64'),
                proof: o.ok.proof.map((h) => h.toString('base64')),
                checkpoint: o.ok.checkpoint,
            }
            : { error: o.error }),
    });
}
describe('batchAnswer', () => {
    it('writes the same bytes as JSON.stringify of the object form', () => {
        const hash = fc.uint8Array({ minLength: 0, maxLength: 40 }).map((b) => Buffer.from(b));
        // Checkpoints hold newlines and the em dash of signature lines: JSON escapes and UTF-8 both matter.
        const checkpoint = fc.oneof(fc.constant('example.com/log\n12\nAAAA\n\n— example.com/log Zm9v\n'), fc.string({ unit: 'grapheme', maxLength: 40 }));
        const ok = fc.record({
            ok: fc.record({ index: fc.nat(), size: fc.nat(), leafHash: hash, proof: fc.array(hash, { maxLength: 20 }), checkpoint }),
        });
        const error = fc.record({ error: fc.record({ code: fc.constantFrom('RELEASE_EXISTS', 'KEY_REVOKED'), message: fc.string({ unit: 'grapheme', maxLength: 30 }), status: fc.constantFrom(400, 403, 409) }) });
        fc.assert(fc.property(fc.array(fc.oneof(ok, error), { maxLength: 12 }), (outcomes) => {
            assert.equal(batchAnswer(outcomes).toString('utf8'), objectForm(outcomes));
        }), { numRuns: 1000 });
    });
    it('is {"results":[]} for no entries', () => {
        assert.equal(batchAnswer([]).toString(), '{"results":[]}');
    });
});
//# sourceMappingURL=batch-answer.test.js.map