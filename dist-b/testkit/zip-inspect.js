/** Every raw field of a (well-formed) zip, read independently of src/archive, for the writer's tests. */
export function inspectZip(zip) {
    const e = zip.length - 22;
    const end = {
        signature: zip.readUInt32LE(e),
        disk: zip.readUInt16LE(e + 4),
        centralDisk: zip.readUInt16LE(e + 6),
        entriesOnDisk: zip.readUInt16LE(e + 8),
        entries: zip.readUInt16LE(e + 10),
        centralSize: zip.readUInt32LE(e + 12),
        centralOffset: zip.readUInt32LE(e + 16),
        commentLength: zip.readUInt16LE(e + 20),
    };
    const entries = [];
    let p = end.centralOffset;
    for (let i = 0; i < end.entries; i++) {
        const nameLength = zip.readUInt16LE(p + 28);
        const central = {
            signature: zip.readUInt32LE(p),
            madeBy: zip.readUInt16LE(p + 4),
            needed: zip.readUInt16LE(p + 6),
            flags: zip.readUInt16LE(p + 8),
            method: zip.readUInt16LE(p + 10),
            time: zip.readUInt16LE(p + 12),
            date: zip.readUInt16LE(p + 14),
            crc: zip.readUInt32LE(p + 16),
            compressedSize: zip.readUInt32LE(p + 20),
            size: zip.readUInt32LE(p + 24),
            nameLength,
            extraLength: zip.readUInt16LE(p + 30),
            commentLength: zip.readUInt16LE(p + 32),
            diskStart: zip.readUInt16LE(p + 34),
            internal: zip.readUInt16LE(p + 36),
            external: zip.readUInt32LE(p + 38),
            offset: zip.readUInt32LE(p + 42),
        };
        const name = zip.subarray(p + 46, p + 46 + nameLength).toString('utf8');
        const q = central.offset;
        const local = {
            signature: zip.readUInt32LE(q),
            needed: zip.readUInt16LE(q + 4),
            flags: zip.readUInt16LE(q + 6),
            method: zip.readUInt16LE(q + 8),
            time: zip.readUInt16LE(q + 10),
            date: zip.readUInt16LE(q + 12),
            crc: zip.readUInt32LE(q + 14),
            compressedSize: zip.readUInt32LE(q + 18),
            size: zip.readUInt32LE(q + 22),
            nameLength: zip.readUInt16LE(q + 26),
            extraLength: zip.readUInt16LE(q + 28),
        };
        entries.push({ name, local, central });
        p += 46 + nameLength + central.extraLength + central.commentLength;
    }
    return { entries, end };
}
//# sourceMappingURL=zip-inspect.js.map