/**
 * Hand-made zip archives for the reader's tests: every header field can be set to anything, including
 * the lies a hostile upload tells (names, attributes, sizes, CRCs, overlapping offsets).
 */
import { crc32 } from '../src/archive/crc32.js';
import { deflateRawSync } from 'node:zlib';
const bytes = (s) => (typeof s === 'string' ? Buffer.from(s, 'utf8') : s);
export function craftZip(entries, opts = {}) {
    const head = opts.prepend ?? Buffer.alloc(0);
    const locals = [head];
    const centrals = [];
    let offset = head.length;
    for (const e of entries) {
        const data = e.data ?? Buffer.alloc(0);
        const method = e.method ?? (data.length > 0 ? 8 : 0);
        const body = e.body ?? (method === 8 ? deflateRawSync(data, { level: 9 }) : data);
        const crc = e.crc ?? crc32(data);
        const csize = e.compressedSize ?? body.length;
        const size = e.size ?? data.length;
        const name = bytes(e.name);
        const localName = bytes(e.localName ?? e.name);
        const extra = e.extra ?? Buffer.alloc(0);
        const localExtra = e.localExtra ?? Buffer.alloc(0);
        const flags = e.flags ?? 0;
        const local = Buffer.alloc(30);
        local.writeUInt32LE(0x04034b50, 0);
        local.writeUInt16LE(20, 4);
        local.writeUInt16LE(flags, 6);
        local.writeUInt16LE(method, 8);
        local.writeUInt16LE(0, 10);
        local.writeUInt16LE(0x21, 12);
        local.writeUInt32LE(crc >>> 0, 14);
        local.writeUInt32LE(csize >>> 0, 18);
        local.writeUInt32LE(size >>> 0, 22);
        local.writeUInt16LE(localName.length, 26);
        local.writeUInt16LE(localExtra.length, 28);
        const central = Buffer.alloc(46);
        central.writeUInt32LE(0x02014b50, 0);
        central.writeUInt16LE(e.madeBy ?? 0x031e, 4);
        central.writeUInt16LE(20, 6);
        central.writeUInt16LE(flags, 8);
        central.writeUInt16LE(method, 10);
        central.writeUInt16LE(0x21, 14);
        central.writeUInt32LE(crc >>> 0, 16);
        central.writeUInt32LE(csize >>> 0, 20);
        central.writeUInt32LE(size >>> 0, 24);
        central.writeUInt16LE(name.length, 28);
        central.writeUInt16LE(extra.length, 30);
        const folder = name[name.length - 1] === 0x2f;
        central.writeUInt32LE((e.external ?? ((folder ? 0o040755 : 0o100644) << 16)) >>> 0, 38);
        central.writeUInt32LE(e.offset ?? offset, 42);
        locals.push(local, localName, localExtra, body);
        offset += 30 + localName.length + localExtra.length + body.length;
        centrals.push(central, name, extra);
    }
    const cd = Buffer.concat(centrals);
    const comment = opts.comment ?? Buffer.alloc(0);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(opts.count ?? entries.length, 8);
    end.writeUInt16LE(opts.count ?? entries.length, 10);
    end.writeUInt32LE(cd.length, 12);
    end.writeUInt32LE(offset, 16);
    end.writeUInt16LE(comment.length, 20);
    return Buffer.concat([...locals, cd, end, comment, opts.append ?? Buffer.alloc(0)]);
}
/** External attributes of a Unix file of type and permissions `mode` (e.g. 0o120777 for a symlink). */
export function unixAttr(mode) {
    return (mode << 16) >>> 0;
}
/** An Info-ZIP Unicode Path extra field (0x7075) naming `name`. */
export function unicodePathExtra(headerName, name) {
    const value = Buffer.from(name, 'utf8');
    const out = Buffer.alloc(9 + value.length);
    out.writeUInt16LE(0x7075, 0);
    out.writeUInt16LE(5 + value.length, 2);
    out.writeUInt8(1, 4);
    out.writeUInt32LE(crc32(Buffer.from(headerName, 'utf8')), 5);
    value.copy(out, 9);
    return out;
}
//# sourceMappingURL=zip-craft.js.map