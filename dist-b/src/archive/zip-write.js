/**
 * The deterministic zip writer: the same files and time stamp give the same bytes, whatever the machine,
 * its time zone or its file system. Every field is fixed by docs/ARCHIVES.md, "The zip layout".
 */
import { deflateRawSync } from 'node:zlib';
import { SignetError } from '../errors.js';
import { crc32 } from './crc32.js';
import { toDosDateTime } from './dos-time.js';
import { checkDistinct, checkPath, isAscii, sortByPath } from './paths.js';
import { CENTRAL_HEADER_SIZE, END_RECORD_SIZE, FLAG_UTF8, LOCAL_HEADER_SIZE, MADE_BY_UNIX_30, MAX_ENTRIES, MAX_U32, METHOD_DEFLATED, METHOD_STORED, SIG_CENTRAL, SIG_END, SIG_LOCAL, S_IFREG, VERSION_DEFLATED, VERSION_STORED, } from './zip-format.js';
function tooLarge(got) {
    return new SignetError('ARCHIVE_TOO_LARGE', `the archive is too large for a zip without zip64: ${got}`, {
        expected: `at most ${MAX_ENTRIES} files and 4 GiB`,
        got,
        hint: 'mark big or generated files export-ignore in .gitattributes',
    });
}
/** Checks `top` and every path before anything is written (the same rules the reader enforces). */
function checkInput(top, files) {
    checkPath(top);
    if (top.includes('/')) {
        throw new SignetError('USAGE', `the top folder ${JSON.stringify(top)} must be a single path segment`);
    }
    for (const file of files) {
        checkPath(file.path);
        if (file.mode !== 0o644 && file.mode !== 0o755) {
            throw new SignetError('USAGE', `file mode of ${file.path} must be 0644 or 0755`, {
                got: file.mode.toString(8),
            });
        }
    }
    checkDistinct(files.map((f) => f.path));
    if (files.length > MAX_ENTRIES)
        throw tooLarge(`${files.length} files`);
}
/** Writes `files` under the single folder `top/`, entries in byte order of path, every time = mtime. */
export function writeZip(top, files, mtime) {
    checkInput(top, files);
    const { date, time } = toDosDateTime(mtime);
    const chunks = [];
    const entries = [];
    let offset = 0;
    for (const file of sortByPath(files)) {
        const path = `${top}/${file.path}`;
        const name = Buffer.from(path, 'utf8');
        const stored = file.data.length === 0;
        const body = stored ? file.data : deflateRawSync(file.data, { level: 9 });
        if (file.data.length >= MAX_U32 || body.length >= MAX_U32)
            throw tooLarge(`${file.path} is ${file.data.length} bytes`);
        const entry = {
            name,
            flags: isAscii(path) ? 0 : FLAG_UTF8,
            method: stored ? METHOD_STORED : METHOD_DEFLATED,
            version: stored ? VERSION_STORED : VERSION_DEFLATED,
            crc: crc32(file.data),
            size: file.data.length,
            body,
            external: ((S_IFREG | file.mode) << 16) >>> 0,
            offset,
        };
        const local = Buffer.alloc(LOCAL_HEADER_SIZE);
        local.writeUInt32LE(SIG_LOCAL, 0);
        local.writeUInt16LE(entry.version, 4);
        local.writeUInt16LE(entry.flags, 6);
        local.writeUInt16LE(entry.method, 8);
        local.writeUInt16LE(time, 10);
        local.writeUInt16LE(date, 12);
        local.writeUInt32LE(entry.crc, 14);
        local.writeUInt32LE(body.length, 18);
        local.writeUInt32LE(entry.size, 22);
        local.writeUInt16LE(name.length, 26);
        local.writeUInt16LE(0, 28); // no extra field
        chunks.push(local, name, body);
        entries.push(entry);
        offset += LOCAL_HEADER_SIZE + name.length + body.length;
        if (offset >= MAX_U32)
            throw tooLarge(`over 4 GiB of entries`);
    }
    const centralStart = offset;
    for (const e of entries) {
        const central = Buffer.alloc(CENTRAL_HEADER_SIZE);
        central.writeUInt32LE(SIG_CENTRAL, 0);
        central.writeUInt16LE(MADE_BY_UNIX_30, 4);
        central.writeUInt16LE(e.version, 6);
        central.writeUInt16LE(e.flags, 8);
        central.writeUInt16LE(e.method, 10);
        central.writeUInt16LE(time, 12);
        central.writeUInt16LE(date, 14);
        central.writeUInt32LE(e.crc, 16);
        central.writeUInt32LE(e.body.length, 20);
        central.writeUInt32LE(e.size, 24);
        central.writeUInt16LE(e.name.length, 28);
        // extra length, comment length, disk number start, internal attributes: all 0 (alloc zero-fills)
        central.writeUInt32LE(e.external, 38);
        central.writeUInt32LE(e.offset, 42);
        chunks.push(central, e.name);
        offset += CENTRAL_HEADER_SIZE + e.name.length;
    }
    if (offset >= MAX_U32)
        throw tooLarge('over 4 GiB with the central directory');
    const end = Buffer.alloc(END_RECORD_SIZE);
    end.writeUInt32LE(SIG_END, 0);
    // number of this disk and of the disk with the central directory: 0
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(offset - centralStart, 12);
    end.writeUInt32LE(centralStart, 16);
    // comment length: 0
    chunks.push(end);
    return Buffer.concat(chunks);
}
//# sourceMappingURL=zip-write.js.map