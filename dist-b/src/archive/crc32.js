/** CRC-32 (ISO-HDLC, as zip uses it): zlib.crc32 where Node has it (≥ 20.15, 22.2), else a table. */
import * as zlib from 'node:zlib';
let table;
/** The portable implementation; exported so the tests can compare it with zlib's. */
export function crc32Table(data) {
    if (table === undefined) {
        table = new Uint32Array(256);
        for (let n = 0; n < 256; n++) {
            let c = n;
            for (let k = 0; k < 8; k++)
                c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
            table[n] = c >>> 0;
        }
    }
    const t = table;
    let crc = 0xffffffff;
    for (const byte of data)
        crc = t[(crc ^ byte) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
}
const native = zlib.crc32;
export const crc32 = typeof native === 'function' ? (data) => native(data) >>> 0 : crc32Table;
//# sourceMappingURL=crc32.js.map