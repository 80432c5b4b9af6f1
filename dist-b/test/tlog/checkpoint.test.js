import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isSignetError } from '../../src/errors.js';
import { parseNote } from '../../src/crypto/note.js';
import { formatCheckpoint, parseCheckpoint } from '../../src/tlog/checkpoint.js';
import { vectorPath } from '../../testkit/vectors.js';
describe('checkpoint bodies', () => {
    it('parses the Tessera checkpoint and formats it back byte for byte', () => {
        const { text } = parseNote(readFileSync(vectorPath('tessera-log', 'checkpoint'), 'utf8'));
        const cp = parseCheckpoint(text);
        assert.equal(cp.origin, 'example.com/log/testdata');
        assert.equal(cp.size, 15);
        assert.equal(cp.root.toString('base64'), 'rKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja/1nk427v383cs=');
        assert.deepEqual(cp.extensions, []);
        assert.equal(formatCheckpoint(cp), text);
    });
    it('keeps extension lines', () => {
        const text = 'example.com/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\nTimestamp: 1\nother\n';
        const cp = parseCheckpoint(text);
        assert.deepEqual(cp.extensions, ['Timestamp: 1', 'other']);
        assert.equal(formatCheckpoint(cp), text);
    });
    it('rejects every malformation', () => {
        const root = '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';
        for (const bad of [
            `o\n1\n${root}`,
            `o\n1\n`,
            `\n1\n${root}\n`,
            `o\n01\n${root}\n`,
            `o\n-1\n${root}\n`,
            `o\n1.0\n${root}\n`,
            `o\n 1\n${root}\n`,
            `o\n18446744073709551616\n${root}\n`,
            `o\n1\n${root.slice(0, -4)}\n`,
            `o\n1\nAAAA\n`,
            `o\n1\n${root}\n\n`,
            `o\n1\n${root}\next\n\nx\n`,
        ]) {
            assert.throws(() => parseCheckpoint(bad), (e) => isSignetError(e, 'CHECKPOINT_MALFORMED'), JSON.stringify(bad));
        }
    });
});
//# sourceMappingURL=checkpoint.test.js.map