/**
 * The witness's state store: the check runs on the row as committed (even by another connection), a
 * refusal writes nothing, nothing is visible before the commit, and a commit survives a reopen.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SignetError, isSignetError } from '../../src/errors.js';
import { WitnessStore } from '../../src/witness/state.js';
const work = mkdtempSync(join(tmpdir(), 'signet-witness-state-'));
after(() => rmSync(work, { recursive: true, force: true }));
const rec = (size, timestamp = 1) => ({ origin: 'o', size, root: Buffer.alloc(32, size), checkpoint: `o\n${size}\n`, timestamp });
describe('WitnessStore', () => {
    it('checks against the row as committed, by this connection or another one', () => {
        const path = join(work, 'two.db');
        const a = WitnessStore.open(path);
        const b = WitnessStore.open(path);
        try {
            a.update('o', (cur) => (assert.equal(cur, undefined), { record: rec(5), result: null }));
            b.update('o', (cur) => (assert.equal(cur?.size, 5), { record: rec(9), result: null }));
            let seen = -1;
            a.update('o', (cur) => {
                seen = cur.size;
                // Inside a's transaction, b still reads the last committed state.
                assert.equal(b.get('o').size, 9);
                return { record: rec(12), result: null };
            });
            assert.equal(seen, 9, 'a re-read the row b committed; it did not use a cached copy');
            assert.equal(b.get('o').size, 12);
        }
        finally {
            a.close();
            b.close();
        }
    });
    it('writes nothing when the check refuses, and keeps what it committed across a reopen', () => {
        const path = join(work, 'reopen.db');
        let s = WitnessStore.open(path);
        s.update('o', () => ({ record: rec(3, 100), result: null }));
        assert.throws(() => s.update('o', () => {
            throw new SignetError('WITNESS_OLD_SIZE_MISMATCH', 'no');
        }), (e) => isSignetError(e, 'WITNESS_OLD_SIZE_MISMATCH'));
        assert.equal(s.get('o').size, 3);
        s.close();
        s = WitnessStore.open(path);
        try {
            assert.deepEqual(s.get('o'), rec(3, 100));
            assert.deepEqual(s.all().map((r) => r.origin), ['o']);
            // A record for another origin cannot be written under this one.
            assert.throws(() => s.update('o', () => ({ record: { ...rec(4), origin: 'p' }, result: null })), (e) => isSignetError(e, 'INTERNAL'));
            assert.equal(s.get('p'), undefined);
        }
        finally {
            s.close();
        }
    });
    it('refuses rows that break the schema (negative size, a root that is not 32 bytes)', () => {
        const s = WitnessStore.open(join(work, 'schema.db'));
        try {
            assert.throws(() => s.update('o', () => ({ record: rec(-1), result: null })), (e) => isSignetError(e, 'STORAGE_FAILED'));
            assert.throws(() => s.update('o', () => ({ record: { ...rec(1), root: Buffer.alloc(31) }, result: null })), (e) => isSignetError(e, 'STORAGE_FAILED'));
            assert.equal(s.get('o'), undefined);
        }
        finally {
            s.close();
        }
    });
});
//# sourceMappingURL=state.test.js.map