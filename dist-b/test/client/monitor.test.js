/**
 * The monitor's logic without a network: what each kind of entry means for its vendor (severity, the
 * signing keys, break-glass reasons, signers outside the expected keys), which entries a baseline lets
 * through, and the baseline files (atomic, per vendor, refusing names that are not vendors).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { BaselineStore, describeEntry, eventsOf } from '../../src/client/monitor.js';
import { LedgerState, applyInPlace, parseEntry } from '../../src/ledger/index.js';
import { Statements, harness } from '../../testkit/ledger.js';
import { rejectsWith } from '../../testkit/assert-error.js';
const root = mkdtempSync(join(tmpdir(), 'signet-monitor-'));
after(() => rmSync(root, { recursive: true, force: true }));
/** A small log: acme's history with every kind of entry, and one beta entry in between. */
function history() {
    const { s, config } = harness();
    const st = new Statements(s);
    const state = new LedgerState();
    const entries = [];
    const add = (bytes) => {
        const entry = parseEntry(bytes);
        const index = state.size;
        applyInPlace(state, entry, config);
        entries.push({ index, entry });
        return index;
    };
    add(st.vendor({ vendor: 'acme', keys: [['k1', 'full']] })); // 0
    add(st.release('acme/widget', '1.0.0', ['k1'])); // 1
    add(st.vendor({ vendor: 'beta', keys: [['kb', 'full']] })); // 2
    add(st.keyAdd({ vendor: 'acme', key: ['ci', 'release'], signers: ['k1', 'ci'], state })); // 3
    add(st.release('acme/widget', '1.1.0', ['ci'])); // 4
    add(st.releaseRevoke('acme/widget', '1.0.0', ['k1'], 'broken build')); // 5
    add(st.attestation('reproduced', 'acme/widget', '1.1.0', 'rebuilder')); // 6
    add(st.attestation('vote-against', 'acme/widget', '1.1.0', 'someone', ['someone'], 'looks odd')); // 7
    add(st.keyAdd({ vendor: 'acme', key: ['k2', 'full'], signers: ['core'], state, breakGlass: { reason: 'vendor lost every key' } })); // 8
    add(st.keyRevoke({ vendor: 'acme', key: 'k1', reason: 'lost', signers: ['k2'], state })); // 9
    add(st.policy({ vendor: 'acme', threshold: 1, signers: ['k2'], state })); // 10
    add(st.release('acme/widget', '2.0.0', ['k2'])); // 11
    return { s, st, config, state, entries };
}
describe('describeEntry', () => {
    const h = history();
    const ev = (i, expect) => describeEntry(i, h.entries[i].entry, h.state, { ledger: h.config, ...(expect ? { expectKeys: new Set(expect.map((n) => h.s.id(n))) } : {}) });
    it('gives each kind its severity: key changes warn, releases inform, break-glass is critical', () => {
        const got = h.entries.map((e) => [e.index, e.entry.statement.kind, ev(e.index).severity]);
        assert.deepEqual(got, [
            [0, 'vendor', 'warning'],
            [1, 'release', 'info'],
            [2, 'vendor', 'warning'],
            [3, 'key-add', 'warning'],
            [4, 'release', 'info'],
            [5, 'release-revoke', 'info'],
            [6, 'attestation', 'info'],
            [7, 'attestation', 'warning'],
            [8, 'key-add', 'critical'],
            [9, 'key-revoke', 'warning'],
            [10, 'policy', 'warning'],
            [11, 'release', 'info'],
        ]);
    });
    it('names the key that signed a release, so a vendor sees a release it did not make', () => {
        const e = ev(4);
        assert.deepEqual(e.keyIds, [h.s.id('ci')]);
        assert.equal(e.package, 'acme/widget');
        assert.equal(e.version, '1.1.0.0');
        assert.match(e.summary, new RegExp(`acme/widget 1\\.1\\.0 released .*signed by key ${h.s.id('ci')} \\(release\\)`));
        assert.equal(e.time, h.entries[4].entry.statement.time);
    });
    it('flags a break-glass action loudly, with the core key and its reason', () => {
        const e = ev(8);
        assert.deepEqual(e.breakGlass, { reason: 'vendor lost every key' });
        assert.deepEqual(e.keys, [{ id: h.s.id('k2'), role: 'full' }]);
        assert.deepEqual(e.keyIds, [h.s.id('core')]);
        assert.match(e.summary, /^BREAK-GLASS: key [0-9a-f]{64} \(full\) added by the core key, not by the vendor — reason: "vendor lost every key"; signed by the CORE KEY /);
        // A later release by that key says where the key came from.
        assert.match(ev(11).summary, /installed by break-glass at #8/);
    });
    it('describes revocations, policies, claims and attestations', () => {
        assert.equal(ev(5).reason, 'broken build');
        assert.match(ev(5).summary, /acme\/widget 1\.0\.0\.0 revoked \("broken build"\)/);
        assert.equal(ev(9).revokedKeyId, h.s.id('k1'));
        assert.equal(ev(10).threshold, 1);
        assert.match(ev(0).summary, /namespace claimed with keys [0-9a-f]{64} \(full\), threshold 1; signed by the registry key /);
        assert.equal(ev(7).attestation, 'vote-against');
        assert.equal(ev(7).note, 'looks odd');
        assert.equal(ev(7).vendor, 'acme');
    });
    it('with expected keys, a statement signed by another vendor key is critical', () => {
        assert.equal(ev(1, ['k1']).severity, 'info');
        const e = ev(4, ['k1']);
        assert.equal(e.severity, 'critical');
        assert.deepEqual(e.unexpectedKeyIds, [h.s.id('ci')]);
        assert.match(e.summary, /NOT EXPECTED/);
        assert.equal(ev(3, ['k1']).severity, 'critical', 'the new key co-signs its own key-add');
        assert.equal(ev(3, ['k1', 'ci']).severity, 'warning');
        // Neither the registry (claims), the core key (already critical) nor attesters count as unexpected.
        assert.equal(ev(0, ['k1']).unexpectedKeyIds, undefined);
        assert.equal(ev(6, ['k1']).severity, 'info');
    });
});
describe('eventsOf', () => {
    const h = history();
    it("returns a vendor's entries from its baseline, in log order, and nobody else's", () => {
        const got = eventsOf(h.entries, new Map([['acme', 8]]), h.state, { ledger: h.config }).map((e) => e.index);
        assert.deepEqual(got, [8, 9, 10, 11]);
        const both = eventsOf(h.entries, new Map([['acme', 10], ['beta', 0]]), h.state).map((e) => `${e.vendor}#${e.index}`);
        assert.deepEqual(both, ['beta#2', 'acme#10', 'acme#11']);
        assert.deepEqual(eventsOf(h.entries, new Map([['gamma', 0]]), h.state), []);
    });
});
describe('BaselineStore', () => {
    it('keeps one file per vendor under <stateDir>/monitor, replaced atomically', async () => {
        const dir = join(root, 'state1');
        const store = new BaselineStore(dir);
        assert.equal(await store.read('acme'), undefined);
        await store.write({ vendor: 'acme', origin: 'log.example/x', size: 5, updated: '2026-01-01T00:00:00.000Z' });
        await store.write({ vendor: 'acme', origin: 'log.example/x', size: 9, updated: '2026-01-02T00:00:00.000Z' });
        assert.deepEqual(await store.read('acme'), { vendor: 'acme', origin: 'log.example/x', size: 9, updated: '2026-01-02T00:00:00.000Z' });
        assert.deepEqual(readdirSync(join(dir, 'monitor')), ['acme.json'], 'no temporary file is left behind');
        assert.equal(JSON.parse(readFileSync(join(dir, 'monitor', 'acme.json'), 'utf8')).size, 9);
    });
    it('refuses names that are not vendors (no path outside the folder) and damaged files', async () => {
        const dir = join(root, 'state2');
        const store = new BaselineStore(dir);
        for (const bad of ['../etc', 'Acme', '', '.hidden', 'a/b']) {
            await rejectsWith(store.read(bad), 'USAGE');
        }
        mkdirSync(join(dir, 'monitor'), { recursive: true });
        writeFileSync(join(dir, 'monitor', 'acme.json'), '{"vendor":"acme","size":-1}');
        const e = await rejectsWith(store.read('acme'), 'USAGE');
        assert.match(e.message, /damaged/);
    });
});
//# sourceMappingURL=monitor.test.js.map