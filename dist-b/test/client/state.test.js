/**
 * The verifier's checkpoint store on real files: where it lives (XDG_STATE_HOME), one folder per log
 * that two origins never share, atomic replacement that keeps the previous checkpoint as evidence, and
 * refusals of what is not a checkpoint of that log.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CheckpointStore, logDirName, stateDir } from '../../src/client/state.js';
import { Ed25519PrivateKey } from '../../src/crypto/ed25519.js';
import { ed25519NoteSigner, signNote } from '../../src/crypto/note.js';
import { formatCheckpoint } from '../../src/tlog/checkpoint.js';
import { rejectsWith } from '../../testkit/assert-error.js';
const root = mkdtempSync(join(tmpdir(), 'signet-state-'));
after(() => rmSync(root, { recursive: true, force: true }));
const ORIGIN = 'log.example/signet';
const signer = ed25519NoteSigner(ORIGIN, Ed25519PrivateKey.generate());
function checkpoint(size, origin = ORIGIN) {
    const s = origin === ORIGIN ? signer : ed25519NoteSigner(origin, Ed25519PrivateKey.generate());
    return signNote(formatCheckpoint({ origin, size, root: Buffer.alloc(32, size), extensions: [] }), [s]);
}
let n = 0;
function freshDir() {
    return join(root, `state${++n}`, 'signet');
}
describe('stateDir', () => {
    it('is $XDG_STATE_HOME/signet, else ~/.local/state/signet (relative values ignored)', () => {
        const saved = process.env.XDG_STATE_HOME;
        try {
            process.env.XDG_STATE_HOME = '/somewhere/state';
            assert.equal(stateDir(), '/somewhere/state/signet');
            process.env.XDG_STATE_HOME = 'relative';
            assert.ok(stateDir().endsWith(join('.local', 'state', 'signet')));
            delete process.env.XDG_STATE_HOME;
            assert.ok(stateDir().endsWith(join('.local', 'state', 'signet')));
            process.env.XDG_STATE_HOME = '/x';
            assert.equal(new CheckpointStore().dir, '/x/signet');
        }
        finally {
            if (saved === undefined)
                delete process.env.XDG_STATE_HOME;
            else
                process.env.XDG_STATE_HOME = saved;
        }
    });
});
describe('logDirName', () => {
    it('is a safe file name with a hash of the origin, so origins never collide', () => {
        const names = ['log.example/signet', 'log.example_signet', 'log.example:signet', '../../etc', '.hidden', 'é/ü', 'x'.repeat(300)].map(logDirName);
        assert.equal(new Set(names).size, names.length);
        for (const name of names) {
            assert.match(name, /^[A-Za-z0-9_][A-Za-z0-9._-]*-[0-9a-f]{16}$/);
            assert.ok(name.length <= 60 + 17);
        }
        assert.equal(logDirName('log.example/signet'), logDirName('log.example/signet'), 'stable');
        assert.ok(logDirName('log.example/signet').startsWith('log.example_signet-'));
        const store = new CheckpointStore('/state');
        assert.equal(dirname(store.logDir('../../etc')), '/state/logs', 'no way out of the state folder');
    });
});
describe('CheckpointStore', () => {
    it('reads nothing before the first write', async () => {
        assert.equal(await new CheckpointStore(freshDir()).read(ORIGIN), undefined);
    });
    it('writes the raw note in a 0700 folder and reads it back with when it was saved', async () => {
        const dir = freshDir();
        const store = new CheckpointStore(dir);
        const raw = checkpoint(5);
        const before = Date.now();
        await store.write(ORIGIN, raw);
        const got = await store.read(ORIGIN);
        assert.equal(got?.raw, raw);
        assert.ok(got !== undefined && got.savedAt.getTime() >= before - 2000 && got.savedAt.getTime() <= Date.now() + 2000);
        assert.equal(readFileSync(join(store.logDir(ORIGIN), 'checkpoint'), 'utf8'), raw);
        assert.equal(store.checkpointPath(ORIGIN), join(store.logDir(ORIGIN), 'checkpoint'));
        assert.equal(statSync(dir).mode & 0o777, 0o700);
        assert.equal(statSync(store.logDir(ORIGIN)).mode & 0o777, 0o700);
        assert.equal(basename(dirname(store.logDir(ORIGIN))), 'logs');
        assert.equal(existsSync(join(store.logDir(ORIGIN), 'checkpoint.prev')), false, 'nothing replaced yet');
    });
    it('keeps the replaced checkpoint as checkpoint.prev, and leaves no temporary files', async () => {
        const store = new CheckpointStore(freshDir());
        const a = checkpoint(1);
        const b = checkpoint(2);
        const c = checkpoint(3);
        await store.write(ORIGIN, a);
        await store.write(ORIGIN, b);
        const dir = store.logDir(ORIGIN);
        assert.equal(readFileSync(join(dir, 'checkpoint'), 'utf8'), b);
        assert.equal(readFileSync(join(dir, 'checkpoint.prev'), 'utf8'), a);
        // Writing the same checkpoint again does not lose the previous one.
        await store.write(ORIGIN, b);
        assert.equal(readFileSync(join(dir, 'checkpoint.prev'), 'utf8'), a);
        await store.write(ORIGIN, c);
        assert.equal(readFileSync(join(dir, 'checkpoint.prev'), 'utf8'), b);
        assert.equal((await store.read(ORIGIN))?.raw, c);
        assert.deepEqual(readdirSync(dir).sort(), ['checkpoint', 'checkpoint.prev']);
    });
    it('keeps two logs apart', async () => {
        const store = new CheckpointStore(freshDir());
        const other = 'other.example/log';
        const mine = checkpoint(7);
        const theirs = checkpoint(9, other);
        await store.write(ORIGIN, mine);
        await store.write(other, theirs);
        assert.equal((await store.read(ORIGIN))?.raw, mine);
        assert.equal((await store.read(other))?.raw, theirs);
        assert.notEqual(store.logDir(ORIGIN), store.logDir(other));
    });
    it('refuses to store what is not a signed checkpoint of that log', async () => {
        const store = new CheckpointStore(freshDir());
        await rejectsWith(store.write(ORIGIN, 'hello\n'), 'CHECKPOINT_MALFORMED');
        await rejectsWith(store.write(ORIGIN, `${ORIGIN}\nnot a size\n`), 'CHECKPOINT_MALFORMED');
        await rejectsWith(store.write(ORIGIN, checkpoint(3, 'other.example/log')), 'CHECKPOINT_ORIGIN_MISMATCH');
        assert.equal(await store.read(ORIGIN), undefined, 'nothing stored');
    });
    it('reports a damaged state file, and keeps it as evidence when a new checkpoint replaces it', async () => {
        const store = new CheckpointStore(freshDir());
        mkdirSync(store.logDir(ORIGIN), { recursive: true });
        const damaged = Buffer.from([0xff, 0xfe, 0x00, 0x41]);
        writeFileSync(store.checkpointPath(ORIGIN), damaged);
        const e = await rejectsWith(store.read(ORIGIN), 'CHECKPOINT_MALFORMED');
        assert.equal(e.details.evidence?.file, store.checkpointPath(ORIGIN));
        writeFileSync(store.checkpointPath(ORIGIN), Buffer.alloc((1 << 20) + 1, 0x41));
        await rejectsWith(store.read(ORIGIN), 'CHECKPOINT_MALFORMED');
        writeFileSync(store.checkpointPath(ORIGIN), damaged);
        const raw = checkpoint(4);
        await store.write(ORIGIN, raw);
        assert.equal((await store.read(ORIGIN))?.raw, raw);
        assert.deepEqual(readFileSync(join(store.logDir(ORIGIN), 'checkpoint.prev')), damaged);
    });
});
//# sourceMappingURL=state.test.js.map