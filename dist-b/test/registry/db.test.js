/**
 * RegistryDb's vendor and release rows: pending until the log has the entry, then published; dropped
 * only while pending; revocations kept once; and what the Composer repository lists (packages with a
 * published, unrevoked release). Real SQLite files, closed and reopened.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { RegistryDb } from '../../src/registry/db.js';
import { rejectsWith, throwsWith } from '../../testkit/assert-error.js';
let dir;
let n = 0;
let db;
let path;
function reopen() {
    db.close();
    db = new RegistryDb(path);
}
function rel(pkg, version) {
    return {
        package: pkg,
        version,
        prettyVersion: version.replace(/\.0$/, ''),
        fileName: `${pkg.replace('/', '-')}-${version}.zip`,
        sha256: `${pkg}@${version}`.padEnd(64, '0'),
        sha1: 'a'.repeat(40),
        reference: 'b'.repeat(40),
        time: '2026-11-27T10:00:00Z',
        composerJson: JSON.stringify({ name: pkg }),
        entry: Buffer.from(`{"entry":"${pkg}@${version}"}`),
    };
}
before(() => {
    dir = mkdtempSync(join(tmpdir(), 'signet-registry-db-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
    path = join(dir, `registry-${n++}.db`);
    db = new RegistryDb(path);
    db.createToken('alice');
    db.createToken('bob');
});
afterEach(() => db.close());
describe('RegistryDb vendors', () => {
    it('goes pending -> published, and lists only published vendors for an account', () => {
        const entry = Buffer.from('{"claim":"acme"}');
        assert.equal(db.addPendingVendor('acme', 'alice', entry), true);
        assert.deepEqual(db.vendor('acme'), { vendor: 'acme', account: 'alice', state: 'pending', entry, logIndex: null });
        assert.deepEqual(db.vendorsOf('alice'), []);
        assert.deepEqual(db.pendingVendors().map((v) => v.vendor), ['acme']);
        db.publishVendor('acme', 7);
        reopen();
        assert.deepEqual(db.vendor('acme'), { vendor: 'acme', account: 'alice', state: 'published', entry, logIndex: 7 });
        assert.deepEqual(db.vendorsOf('alice'), ['acme']);
        assert.deepEqual(db.vendorsOf('bob'), []);
        assert.deepEqual(db.pendingVendors(), []);
    });
    it('keeps the first claim of a vendor: a second one, by anyone, is not recorded', () => {
        assert.equal(db.addPendingVendor('acme', 'alice', Buffer.from('1')), true);
        assert.equal(db.addPendingVendor('acme', 'bob', Buffer.from('2')), false);
        assert.equal(db.vendor('acme')?.account, 'alice');
        db.publishVendor('acme', 0);
        assert.equal(db.addPendingVendor('acme', 'bob', Buffer.from('3')), false);
        assert.deepEqual(db.vendor('acme')?.entry, Buffer.from('1'));
    });
    it('drops a pending claim, never a published one', () => {
        db.addPendingVendor('acme', 'alice', Buffer.from('1'));
        db.addPendingVendor('beta', 'alice', Buffer.from('2'));
        db.publishVendor('beta', 3);
        db.dropPendingVendor('acme');
        db.dropPendingVendor('beta');
        assert.equal(db.vendor('acme'), undefined);
        assert.equal(db.vendor('beta')?.state, 'published');
        // Once dropped, the name can be claimed again.
        assert.equal(db.addPendingVendor('acme', 'bob', Buffer.from('4')), true);
    });
    it('refuses a vendor for an account that does not exist', () => {
        assert.throws(() => db.addPendingVendor('acme', 'mallory', Buffer.from('1')), /FOREIGN KEY/);
        assert.equal(db.vendor('acme'), undefined);
    });
});
describe('RegistryDb releases', () => {
    it('goes pending -> published -> revoked', () => {
        assert.equal(db.addPendingRelease(rel('acme/widget', '1.0.0.0')), true);
        let r = db.release('acme/widget', '1.0.0.0');
        assert.equal(r.state, 'pending');
        assert.equal(r.logIndex, null);
        assert.equal(r.revokeReason, null);
        assert.deepEqual(db.pendingReleases().map((x) => x.version), ['1.0.0.0']);
        // Pending rows are not served.
        assert.deepEqual(db.releasesOf('acme/widget'), []);
        assert.equal(db.releaseByFile('acme/widget', r.fileName), undefined);
        assert.deepEqual(db.packages(), []);
        db.publishRelease('acme/widget', '1.0.0.0', 12);
        reopen();
        r = db.release('acme/widget', '1.0.0.0');
        assert.deepEqual({ ...r }, { ...rel('acme/widget', '1.0.0.0'), state: 'published', logIndex: 12, revokeReason: null });
        assert.deepEqual(db.pendingReleases(), []);
        assert.deepEqual(db.releaseByFile('acme/widget', r.fileName), r);
        assert.deepEqual(db.packages(), ['acme/widget']);
        assert.equal(db.markRevoked('acme/widget', '1.0.0.0', 'compromised'), true);
        assert.equal(db.markRevoked('acme/widget', '1.0.0.0', 'another reason'), false, 'revoked once');
        reopen();
        r = db.release('acme/widget', '1.0.0.0');
        assert.equal(r.revokeReason, 'compromised');
        assert.equal(r.state, 'published');
        // Still in the package's history (the Composer metadata omits it; the log keeps it).
        assert.deepEqual(db.releasesOf('acme/widget').map((x) => x.version), ['1.0.0.0']);
        assert.deepEqual(db.packages(), [], 'a package whose only release is revoked is not listed');
        assert.equal(db.markRevoked('acme/widget', '9.9.9.9', 'x'), false);
    });
    it('lists packages with at least one published, unrevoked release', () => {
        for (const [pkg, v] of [
            ['acme/widget', '1.0.0.0'],
            ['acme/widget', '2.0.0.0'],
            ['acme/gadget', '1.0.0.0'],
            ['beta/tool', '1.0.0.0'],
            ['zeta/pending', '1.0.0.0'],
        ]) {
            db.addPendingRelease(rel(pkg, v));
        }
        db.publishRelease('acme/widget', '1.0.0.0', 1);
        db.publishRelease('acme/widget', '2.0.0.0', 2);
        db.publishRelease('acme/gadget', '1.0.0.0', 3);
        db.publishRelease('beta/tool', '1.0.0.0', 4);
        assert.deepEqual(db.packages(), ['acme/gadget', 'acme/widget', 'beta/tool']);
        db.markRevoked('acme/widget', '1.0.0.0', 'r');
        db.markRevoked('acme/gadget', '1.0.0.0', 'r');
        assert.deepEqual(db.packages(), ['acme/widget', 'beta/tool']);
        db.markRevoked('acme/widget', '2.0.0.0', 'r');
        assert.deepEqual(db.packages(), ['beta/tool']);
    });
    it('orders a package’s releases by log index, and never records a version twice', () => {
        db.addPendingRelease(rel('acme/widget', '2.0.0.0'));
        db.addPendingRelease(rel('acme/widget', '1.0.0.0'));
        db.addPendingRelease(rel('acme/widget', '1.5.0.0'));
        db.publishRelease('acme/widget', '1.0.0.0', 30);
        db.publishRelease('acme/widget', '2.0.0.0', 10);
        db.publishRelease('acme/widget', '1.5.0.0', 20);
        assert.deepEqual(db.releasesOf('acme/widget').map((r) => r.version), ['2.0.0.0', '1.5.0.0', '1.0.0.0']);
        const again = { ...rel('acme/widget', '1.0.0.0'), sha256: 'f'.repeat(64) };
        assert.equal(db.addPendingRelease(again), false);
        assert.equal(db.release('acme/widget', '1.0.0.0')?.sha256, rel('acme/widget', '1.0.0.0').sha256);
        assert.equal(db.release('acme/widget', '1.0.0.0')?.logIndex, 30);
    });
    it('drops a pending release, never a published one; archive digests cover every row', () => {
        db.addPendingRelease(rel('acme/widget', '1.0.0.0'));
        db.addPendingRelease(rel('acme/widget', '2.0.0.0'));
        db.publishRelease('acme/widget', '1.0.0.0', 0);
        assert.deepEqual(db.archiveDigests(), new Set([rel('acme/widget', '1.0.0.0').sha256, rel('acme/widget', '2.0.0.0').sha256]));
        db.dropPendingRelease('acme/widget', '1.0.0.0');
        db.dropPendingRelease('acme/widget', '2.0.0.0');
        assert.equal(db.release('acme/widget', '1.0.0.0')?.state, 'published');
        assert.equal(db.release('acme/widget', '2.0.0.0'), undefined);
        assert.deepEqual(db.archiveDigests(), new Set([rel('acme/widget', '1.0.0.0').sha256]));
        // A dropped version may be submitted again.
        assert.equal(db.addPendingRelease(rel('acme/widget', '2.0.0.0')), true);
    });
});
describe('RegistryDb files', () => {
    it('refuses to open a database where it cannot', async () => {
        throwsWith(() => new RegistryDb(join(dir, 'no', 'such', 'folder', 'registry.db')), 'STORAGE_FAILED');
        await rejectsWith(Promise.resolve().then(() => new RegistryDb(dir)), 'STORAGE_FAILED');
    });
});
//# sourceMappingURL=db.test.js.map