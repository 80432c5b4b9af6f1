/**
 * The structure of an untrusted zip: end record, central directory and local headers, cross-checked so
 * that every extractor sees the same entries. No policy here (paths, sizes, layout: zip-read.ts) and no
 * decompression; only what the bytes say, or ARCHIVE_INVALID / ARCHIVE_PATH_UNSAFE.
 */
import { SignetError } from '../errors.js';
import { CENTRAL_HEADER_SIZE, END_RECORD_SIZE, EXTRA_UNICODE_PATH, FLAG_DATA_DESCRIPTOR, FLAG_ENCRYPTED, FLAG_STRONG_ENCRYPTION, FLAG_UTF8, LOCAL_HEADER_SIZE, MAX_U32, METHOD_DEFLATED, METHOD_STORED, SIG_CENTRAL, SIG_END, SIG_LOCAL, SIG_ZIP64_END_LOCATOR, } from './zip-format.js';
export function invalid(message, details = {}) {
    return new SignetError('ARCHIVE_INVALID', message, {
        expected: 'a well-formed zip archive (docs/ARCHIVES.md, "Uploads")',
        ...details,
    });
}
const utf8 = new TextDecoder('utf-8', { fatal: true });
function decodeName(raw, where) {
    try {
        return utf8.decode(raw);
    }
    catch {
        throw new SignetError('ARCHIVE_PATH_UNSAFE', `${where}: the file name is not valid UTF-8`, {
            expected: 'UTF-8 file names',
            got: `bytes ${raw.toString('hex')}`,
            attack: 'a file name that tools decode differently',
        });
    }
}
/** Refuses an Info-ZIP Unicode Path extra field that names another file than the header does. */
function checkExtraNames(extra, name) {
    for (let p = 0; p + 4 <= extra.length;) {
        const id = extra.readUInt16LE(p);
        const size = extra.readUInt16LE(p + 2);
        if (p + 4 + size > extra.length)
            return;
        if (id === EXTRA_UNICODE_PATH) {
            const other = size >= 5 ? extra.subarray(p + 9, p + 4 + size).toString('utf8') : undefined;
            if (other !== name) {
                throw new SignetError('ARCHIVE_PATH_UNSAFE', `entry ${JSON.stringify(name)} has a second, different name`, {
                    expected: 'one name per entry',
                    got: `a Unicode Path extra field naming ${JSON.stringify(other ?? '')}`,
                    attack: 'two names for one entry: extractors disagree on where the file goes',
                });
            }
        }
        p += 4 + size;
    }
}
function findEnd(bytes) {
    const notZip = (why) => invalid(`not a zip archive: ${why}`, { got: `${bytes.length} bytes` });
    if (bytes.length < END_RECORD_SIZE)
        throw notZip('too short');
    const lowest = Math.max(0, bytes.length - END_RECORD_SIZE - 0xffff);
    for (let p = bytes.length - END_RECORD_SIZE; p >= lowest; p--) {
        if (bytes.readUInt32LE(p) !== SIG_END)
            continue;
        // The comment must reach exactly the end of the bytes: nothing appended, no signature inside a comment.
        if (bytes.readUInt16LE(p + 20) !== bytes.length - p - END_RECORD_SIZE)
            continue;
        const disk = bytes.readUInt16LE(p + 4);
        const centralDisk = bytes.readUInt16LE(p + 6);
        const onDisk = bytes.readUInt16LE(p + 8);
        const entries = bytes.readUInt16LE(p + 10);
        const size = bytes.readUInt32LE(p + 12);
        const start = bytes.readUInt32LE(p + 16);
        const zip64 = p >= 20 && bytes.readUInt32LE(p - 20) === SIG_ZIP64_END_LOCATOR;
        if (zip64 || size === MAX_U32 || start === MAX_U32) {
            throw invalid('zip64 archives are not accepted', { got: 'a zip64 end record' });
        }
        if (disk !== 0 || centralDisk !== 0 || onDisk !== entries)
            throw invalid('multi-disk archives are not accepted');
        if (start + size !== p) {
            throw invalid('the central directory does not end where the end record starts', {
                got: `central directory at ${start}, ${size} bytes; end record at ${p}`,
                attack: 'bytes hidden before or after the central directory',
            });
        }
        return { entries, centralStart: start, centralEnd: p };
    }
    throw notZip('no end of central directory record');
}
function readCentral(bytes, end) {
    const out = [];
    let p = end.centralStart;
    for (let i = 0; i < end.entries; i++) {
        const where = `central directory entry ${i}`;
        if (p + CENTRAL_HEADER_SIZE > end.centralEnd || bytes.readUInt32LE(p) !== SIG_CENTRAL) {
            throw invalid(`${where} is missing or truncated`);
        }
        const flags = bytes.readUInt16LE(p + 8);
        const method = bytes.readUInt16LE(p + 10);
        const crc = bytes.readUInt32LE(p + 16);
        const compressedSize = bytes.readUInt32LE(p + 20);
        const size = bytes.readUInt32LE(p + 24);
        const nameLength = bytes.readUInt16LE(p + 28);
        const extraLength = bytes.readUInt16LE(p + 30);
        const commentLength = bytes.readUInt16LE(p + 32);
        const diskStart = bytes.readUInt16LE(p + 34);
        const external = bytes.readUInt32LE(p + 38);
        const localOffset = bytes.readUInt32LE(p + 42);
        const nameStart = p + CENTRAL_HEADER_SIZE;
        const next = nameStart + nameLength + extraLength + commentLength;
        if (next > end.centralEnd)
            throw invalid(`${where} runs past the central directory`);
        const rawName = bytes.subarray(nameStart, nameStart + nameLength);
        const name = decodeName(rawName, where);
        // Without the UTF-8 flag, extractors decode a name as CP437: they would write another name than the
        // one hashed and checked here.
        if ((flags & FLAG_UTF8) === 0 && rawName.some((b) => b > 0x7f)) {
            throw new SignetError('ARCHIVE_PATH_UNSAFE', `${where} has a non-ASCII name without the UTF-8 flag`, {
                expected: 'general purpose flag bit 11 set for a UTF-8 name',
                got: JSON.stringify(name),
                attack: 'a name that extractors read differently (CP437) from the one that was checked',
            });
        }
        checkExtraNames(bytes.subarray(nameStart + nameLength, nameStart + nameLength + extraLength), name);
        const at = { evidence: { entry: name } };
        if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION))
            throw invalid(`entry ${JSON.stringify(name)} is encrypted`, at);
        if (method !== METHOD_STORED && method !== METHOD_DEFLATED) {
            throw invalid(`entry ${JSON.stringify(name)} uses compression method ${method}`, { ...at, expected: 'method 0 (stored) or 8 (deflate)' });
        }
        if (compressedSize === MAX_U32 || size === MAX_U32 || localOffset === MAX_U32 || diskStart !== 0) {
            throw invalid(`entry ${JSON.stringify(name)} needs zip64, which is not accepted`, at);
        }
        if (method === METHOD_STORED && compressedSize !== size) {
            throw invalid(`stored entry ${JSON.stringify(name)} declares ${compressedSize} bytes stored but ${size} bytes of content`, at);
        }
        out.push({ name, rawName, flags, method, crc, compressedSize, size, unixMode: external >>> 16, dataStart: 0, localOffset });
        p = next;
    }
    if (p !== end.centralEnd)
        throw invalid('the central directory holds more than the end record counts');
    return out;
}
/** Checks each local header against its central entry; entries must not overlap. */
function locate(bytes, entries, centralStart) {
    const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
    if (byOffset.length > 0 && byOffset[0]?.localOffset !== 0) {
        throw invalid('the archive has bytes before its first entry', { attack: 'a file that is two formats at once' });
    }
    let previousEnd = 0;
    let allowedStarts = [0];
    const located = new Map();
    for (const e of byOffset) {
        const label = JSON.stringify(e.name);
        const p = e.localOffset;
        if (p < previousEnd) {
            throw invalid(`entry ${label} overlaps the entry before it`, { attack: 'overlapping entries (a zip bomb without recursion)' });
        }
        if (!allowedStarts.includes(p)) {
            throw invalid(`entry ${label} does not start where the entry before it ends (${p - previousEnd} bytes after its data)`, {
                attack: 'data hidden between entries, where a streaming extractor would find another entry',
            });
        }
        if (p + LOCAL_HEADER_SIZE > centralStart || bytes.readUInt32LE(p) !== SIG_LOCAL) {
            throw invalid(`entry ${label}: no local header at offset ${p}`);
        }
        const flags = bytes.readUInt16LE(p + 6);
        const method = bytes.readUInt16LE(p + 8);
        const nameLength = bytes.readUInt16LE(p + 26);
        const extraLength = bytes.readUInt16LE(p + 28);
        const dataStart = p + LOCAL_HEADER_SIZE + nameLength + extraLength;
        const dataEnd = dataStart + e.compressedSize;
        if (dataEnd > centralStart)
            throw invalid(`entry ${label}: its data runs past the central directory`);
        const localName = bytes.subarray(p + LOCAL_HEADER_SIZE, p + LOCAL_HEADER_SIZE + nameLength);
        if (!localName.equals(e.rawName)) {
            throw new SignetError('ARCHIVE_PATH_UNSAFE', `entry ${label} has another name in its local header`, {
                expected: e.name,
                got: localName.toString('utf8'),
                attack: 'two names for one entry: streaming extractors read the local header',
            });
        }
        checkExtraNames(bytes.subarray(p + LOCAL_HEADER_SIZE + nameLength, dataStart), e.name);
        const sameFlags = (flags & (FLAG_ENCRYPTED | FLAG_UTF8)) === (e.flags & (FLAG_ENCRYPTED | FLAG_UTF8));
        if (method !== e.method || !sameFlags)
            throw invalid(`entry ${label}: the local header disagrees with the central directory`);
        const fields = [
            [bytes.readUInt32LE(p + 14), e.crc],
            [bytes.readUInt32LE(p + 18), e.compressedSize],
            [bytes.readUInt32LE(p + 22), e.size],
        ];
        // With a data descriptor (flag bit 3) the local header may leave CRC and sizes at 0.
        const descriptor = (e.flags & FLAG_DATA_DESCRIPTOR) !== 0;
        if (fields.some(([local, central]) => local !== central && !(descriptor && local === 0))) {
            throw invalid(`entry ${label}: the local header's CRC or sizes disagree with the central directory`, {
                attack: 'sizes that lie',
            });
        }
        previousEnd = dataEnd;
        // With flag bit 3 a data descriptor (12 bytes, 16 with its signature) may follow the data.
        allowedStarts = descriptor ? [dataEnd, dataEnd + 12, dataEnd + 16] : [dataEnd];
        located.set(e, { name: e.name, method: e.method, crc: e.crc, compressedSize: e.compressedSize, size: e.size, unixMode: e.unixMode, dataStart });
    }
    if (byOffset.length > 0 && !allowedStarts.includes(centralStart)) {
        throw invalid(`${centralStart - previousEnd} bytes lie between the last entry and the central directory`, {
            attack: 'data hidden between entries, where a streaming extractor would find another entry',
        });
    }
    return entries.map((e) => located.get(e));
}
/** The entries of `bytes` in central directory order, or ARCHIVE_INVALID. `maxEntries` is checked first. */
export function parseZip(bytes, maxEntries, tooMany) {
    const end = findEnd(bytes);
    if (end.entries > maxEntries)
        throw tooMany(end.entries);
    return locate(bytes, readCentral(bytes, end), end.centralStart);
}
//# sourceMappingURL=zip-parse.js.map