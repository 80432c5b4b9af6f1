/**
 * The verifier's state (docs/VERIFY.md "State"): per trusted log, the last checkpoint it accepted, as
 * the raw signed note, in `$XDG_STATE_HOME/signet/logs/<name>/checkpoint` (default
 * `~/.local/state/signet`). The previous one is kept beside it as `checkpoint.prev` when it is replaced.
 *
 * The store only keeps bytes: verifying a checkpoint (signature, consistency with the stored one) is
 * the caller's job, before it calls `write`.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, rename } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { SignetError } from '../errors.js';
import { MAX_NOTE_BYTES, parseNote } from '../crypto/note.js';
import { parseCheckpoint } from '../tlog/checkpoint.js';
import { writeFileAtomic } from './atomic-write.js';
export const CHECKPOINT_FILE = 'checkpoint';
export const PREVIOUS_CHECKPOINT_FILE = 'checkpoint.prev';
/** `$XDG_STATE_HOME/signet`, by default `~/.local/state/signet` (created with mode 0700 when first written). */
export function stateDir() {
    const v = process.env.XDG_STATE_HOME;
    // The XDG spec: a relative path is invalid and must be ignored.
    return join(v !== undefined && isAbsolute(v) ? v : join(homedir(), '.local', 'state'), 'signet');
}
/**
 * The folder name for a log: its origin made safe as a file name (characters other than letters,
 * digits, '.', '_' and '-' become '_', at most 60 of them, no leading dot), then '-' and the first 16
 * hex digits of SHA-256(origin), so two origins never share a folder even when their safe forms agree.
 */
export function logDirName(origin) {
    const safe = origin
        .replace(/[^A-Za-z0-9._-]/g, '_')
        .slice(0, 60)
        .replace(/^\./, '_');
    const hash = createHash('sha256').update(origin, 'utf8').digest('hex').slice(0, 16);
    return `${safe}-${hash}`;
}
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
export class CheckpointStore {
    /** The state folder (`stateDir()` unless given). */
    dir;
    constructor(dir) {
        this.dir = dir ?? stateDir();
    }
    /** The folder of one log's state: `<dir>/logs/<logDirName(origin)>`. */
    logDir(origin) {
        return join(this.dir, 'logs', logDirName(origin));
    }
    /** The file holding the last accepted checkpoint of `origin` (it may not exist yet). */
    checkpointPath(origin) {
        return join(this.logDir(origin), CHECKPOINT_FILE);
    }
    /** The last accepted checkpoint (raw signed note) and when it was saved (the file's mtime), or undefined. */
    async read(origin) {
        const path = this.checkpointPath(origin);
        let fh;
        try {
            fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
        }
        catch (e) {
            const code = e.code;
            if (code === 'ENOENT' || code === 'ENOTDIR')
                return undefined;
            throw new SignetError('STORAGE_FAILED', `cannot read the stored checkpoint ${path}: ${e.message}`, { cause: e, evidence: { file: path } });
        }
        try {
            const st = await fh.stat();
            if (!st.isFile() || st.size > MAX_NOTE_BYTES) {
                throw corrupt(path, st.isFile() ? `${st.size} bytes, more than a signed note may have` : 'not a regular file');
            }
            const buf = Buffer.alloc(MAX_NOTE_BYTES + 1);
            let n = 0;
            for (;;) {
                const { bytesRead } = await fh.read(buf, n, buf.length - n, n);
                if (bytesRead === 0)
                    break;
                n += bytesRead;
                if (n > MAX_NOTE_BYTES)
                    throw corrupt(path, 'it grew past the size of a signed note while being read');
            }
            let raw;
            try {
                raw = utf8.decode(buf.subarray(0, n));
            }
            catch {
                throw corrupt(path, 'not UTF-8 text');
            }
            return { raw, savedAt: st.mtime };
        }
        finally {
            await fh.close();
        }
    }
    /**
     * Replaces the stored checkpoint of `origin` with `raw` atomically (temporary file, fsync, rename,
     * fsync of the folder). The replaced checkpoint, if different, is first kept as `checkpoint.prev`.
     * `raw` must be a well-formed signed checkpoint note for `origin` (it is not verified here). A stored
     * checkpoint of a larger size is kept (another process synced further meanwhile).
     */
    async write(origin, raw) {
        let checkpointOrigin;
        try {
            checkpointOrigin = parseCheckpoint(parseNote(raw).text).origin;
        }
        catch (e) {
            throw new SignetError('CHECKPOINT_MALFORMED', `refusing to store something that is not a signed checkpoint for ${origin}`, {
                expected: 'a signed checkpoint note',
                got: e.message,
                cause: e,
            });
        }
        if (checkpointOrigin !== origin) {
            throw new SignetError('CHECKPOINT_ORIGIN_MISMATCH', `refusing to store a checkpoint of ${checkpointOrigin} as the state of ${origin}`, {
                expected: origin,
                got: checkpointOrigin,
            });
        }
        const dir = this.logDir(origin);
        try {
            await mkdir(dir, { recursive: true, mode: 0o700 });
            let current;
            try {
                current = await this.read(origin);
            }
            catch {
                // A damaged state file is still evidence: keep it, whatever it holds, as the previous one.
                await rename(join(dir, CHECKPOINT_FILE), join(dir, PREVIOUS_CHECKPOINT_FILE));
            }
            if (current !== undefined && current.raw !== raw) {
                // Two syncs racing (a monitor and a verifier): never replace a larger checkpoint by a smaller one.
                let currentSize = -1;
                try {
                    currentSize = parseCheckpoint(parseNote(current.raw).text).size;
                }
                catch {
                    currentSize = -1;
                }
                if (currentSize > parseCheckpoint(parseNote(raw).text).size)
                    return;
                await writeAtomic(join(dir, PREVIOUS_CHECKPOINT_FILE), current.raw);
            }
            await writeAtomic(join(dir, CHECKPOINT_FILE), raw);
        }
        catch (e) {
            if (e instanceof SignetError)
                throw e;
            throw new SignetError('STORAGE_FAILED', `cannot save the checkpoint of ${origin} in ${dir}: ${e.message}`, {
                hint: 'check that the state folder is writable (XDG_STATE_HOME, default ~/.local/state)',
                cause: e,
                evidence: { folder: dir },
            });
        }
    }
}
function corrupt(path, got) {
    return new SignetError('CHECKPOINT_MALFORMED', `the stored checkpoint ${path} is not a signed note`, {
        expected: 'the raw signed note of the last accepted checkpoint',
        got,
        hint: 'the state file was damaged or replaced; move it aside and run `signet sync` again',
        evidence: { file: path },
    });
}
/** Temporary file, fsync, rename over `path`, fsync the folder (mode 0600). */
async function writeAtomic(path, data) {
    await writeFileAtomic(path, data, { mode: 0o600, overwrite: true });
}
//# sourceMappingURL=state.js.map