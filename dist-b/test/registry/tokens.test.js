/**
 * API tokens: their shape, and the registry database authenticating them: a token works until it is
 * revoked, a right id with a wrong secret or any malformed token gets nothing, and the database (with
 * its WAL) never holds the secret.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { RegistryDb } from '../../src/registry/db.js';
import { hashesEqual, newToken, parseToken } from '../../src/registry/tokens.js';
import { throwsWith } from '../../testkit/assert-error.js';
const SHAPE = /^signet_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/;
function secretOf(token) {
    return token.slice('signet_'.length + 12 + 1);
}
describe('tokens', () => {
    it('makes tokens of the documented shape whose hash is SHA-256 of the secret', () => {
        const seen = new Set();
        for (let i = 0; i < 200; i++) {
            const t = newToken();
            assert.match(t.token, SHAPE);
            assert.ok(t.token.startsWith(`signet_${t.id}_`));
            assert.deepEqual(t.hash, createHash('sha256').update(secretOf(t.token)).digest());
            assert.deepEqual(parseToken(t.token), { id: t.id, hash: t.hash });
            assert.ok(!seen.has(t.id) && !seen.has(t.token));
            seen.add(t.id);
            seen.add(t.token);
        }
    });
    it('parses nothing that is not exactly a token', () => {
        const t = newToken().token;
        const secret = secretOf(t);
        const id = t.slice(7, 19);
        for (const bad of [
            '',
            'signet_',
            t.slice(0, -1),
            t + 'A',
            ` ${t}`,
            `${t}\n`,
            `Bearer ${t}`,
            t.replace('signet_', 'Signet_'),
            `signet_${id.toUpperCase().replace(/[0-9]/g, 'A')}_${secret}`,
            `signet_${id.slice(1)}_${secret}`,
            `signet_${id}_${secret.slice(0, 42)}=`,
            `signet_${id}_${secret.slice(0, 42)}+`,
            `signet_${id}-${secret}`,
        ]) {
            assert.equal(parseToken(bad), undefined, JSON.stringify(bad));
        }
    });
    it('compares hashes of any length without throwing', () => {
        const a = Buffer.alloc(32, 1);
        assert.equal(hashesEqual(a, Buffer.alloc(32, 1)), true);
        assert.equal(hashesEqual(a, Buffer.alloc(32, 2)), false);
        assert.equal(hashesEqual(a, Buffer.alloc(31, 1)), false);
        assert.equal(hashesEqual(a, Buffer.alloc(0)), false);
    });
});
describe('RegistryDb tokens', () => {
    let dir;
    let path;
    let db;
    before(() => {
        dir = mkdtempSync(join(tmpdir(), 'signet-tokens-'));
        path = join(dir, 'registry.db');
        db = new RegistryDb(path);
    });
    after(() => {
        db.close();
        rmSync(dir, { recursive: true, force: true });
    });
    it('authenticates a token it created, for its account', () => {
        const a = db.createToken('alice');
        assert.equal(a.account, 'alice');
        assert.match(a.token, SHAPE);
        assert.equal(a.token.slice(7, 19), a.tokenId);
        assert.equal(db.authenticate(a.token), 'alice');
        const a2 = db.createToken('alice');
        const b = db.createToken('bob');
        assert.notEqual(a2.token, a.token);
        assert.equal(db.authenticate(a2.token), 'alice');
        assert.equal(db.authenticate(b.token), 'bob');
    });
    it('gives nothing for a right id with a wrong secret, or a secret under another id', () => {
        const a = db.createToken('carol');
        const b = db.createToken('dave');
        const other = newToken();
        assert.equal(db.authenticate(`signet_${a.tokenId}_${secretOf(other.token)}`), undefined);
        assert.equal(db.authenticate(`signet_${a.tokenId}_${secretOf(b.token)}`), undefined);
        assert.equal(db.authenticate(`signet_${b.tokenId}_${secretOf(a.token)}`), undefined);
        // One character of the secret changed.
        const s = secretOf(a.token);
        const flipped = s.slice(0, 20) + (s[20] === 'A' ? 'B' : 'A') + s.slice(21);
        assert.equal(db.authenticate(`signet_${a.tokenId}_${flipped}`), undefined);
        assert.equal(db.authenticate(other.token), undefined, 'an unknown id');
        assert.equal(db.authenticate(a.token), 'carol');
    });
    it('gives nothing for malformed tokens', () => {
        const a = db.createToken('erin');
        for (const bad of ['', 'erin', a.token + 'x', a.token.toUpperCase(), `Bearer ${a.token}`, a.tokenId, `${a.token}\n`, secretOf(a.token)]) {
            assert.equal(db.authenticate(bad), undefined, JSON.stringify(bad));
        }
    });
    it('forgets a revoked token and only that one', () => {
        const a = db.createToken('frank');
        const b = db.createToken('frank');
        assert.equal(db.revokeToken(a.tokenId), true);
        assert.equal(db.authenticate(a.token), undefined);
        assert.equal(db.authenticate(b.token), 'frank');
        assert.equal(db.revokeToken(a.tokenId), false, 'already gone');
        assert.equal(db.revokeToken('nosuchtoken0'), false);
    });
    it('validates account names', () => {
        for (const good of ['a', '0', 'alice', 'a.b-c_d', 'x'.repeat(64)])
            assert.equal(db.authenticate(db.createToken(good).token), good);
        for (const bad of ['', 'Alice', '-alice', '.alice', '_alice', 'al ice', 'alice/bob', 'x'.repeat(65), 'alice\n', 'élise', "a'; DROP TABLE tokens; --"]) {
            const e = throwsWith(() => db.createToken(bad), 'USAGE');
            assert.equal(e.details.got, bad);
        }
    });
    it('stores no secret: neither the database nor its WAL contains one', () => {
        const tokens = Array.from({ length: 5 }, (_, i) => db.createToken(`stored${i}`));
        db.close();
        const files = [path, `${path}-wal`, `${path}-shm`].filter((f) => existsSync(f));
        const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
        for (const t of tokens) {
            const secret = secretOf(t.token);
            assert.equal(bytes.indexOf(secret), -1, 'the secret is not stored');
            assert.equal(bytes.indexOf(Buffer.from(secret, 'base64url')), -1, 'nor its bytes');
            // The files are the right ones: the id and the secret's hash are there.
            assert.notEqual(bytes.indexOf(t.tokenId), -1);
            assert.notEqual(bytes.indexOf(createHash('sha256').update(secret).digest()), -1);
        }
        db = new RegistryDb(path);
        for (const t of tokens)
            assert.equal(db.authenticate(t.token), t.account, 'tokens survive a restart');
    });
});
//# sourceMappingURL=tokens.test.js.map