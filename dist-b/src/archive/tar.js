/**
 * A small reader for the tar streams `git archive --format=tar` writes: ustar headers (with the prefix
 * field), pax 'x' headers for long paths and a pax 'g' header carrying the commit id. Input is git's own
 * output, so anything unexpected is a GIT_FAILED error rather than an attack.
 */
import { SignetError } from '../errors.js';
const BLOCK = 512;
function malformed(why) {
    return new SignetError('GIT_FAILED', `git archive wrote a tar stream we cannot read: ${why}`, {
        hint: 'report this with your git version (git --version)',
    });
}
function text(block, start, length) {
    const field = block.subarray(start, start + length);
    const nul = field.indexOf(0);
    return (nul === -1 ? field : field.subarray(0, nul)).toString('utf8');
}
function octal(block, start, length, what) {
    const field = block.subarray(start, start + length);
    if (((field[0] ?? 0) & 0x80) !== 0) {
        // GNU base-256: big-endian binary after the marker bit.
        let n = (field[0] ?? 0) & 0x7f;
        for (let i = 1; i < field.length; i++)
            n = n * 256 + (field[i] ?? 0);
        return n;
    }
    const s = text(block, start, length).trim();
    if (!/^[0-7]*$/.test(s))
        throw malformed(`bad ${what} field ${JSON.stringify(s)}`);
    return s === '' ? 0 : parseInt(s, 8);
}
function checksumOk(block) {
    let sum = 0;
    for (let i = 0; i < BLOCK; i++)
        sum += i >= 148 && i < 156 ? 0x20 : block[i];
    return sum === octal(block, 148, 8, 'checksum');
}
/** Pax records: "<length> <key>=<value>\n", the length counting the whole record. */
function paxRecords(data) {
    const out = new Map();
    let p = 0;
    while (p < data.length) {
        const space = data.indexOf(0x20, p);
        if (space === -1)
            throw malformed('bad pax record');
        const length = Number(data.subarray(p, space).toString('latin1'));
        if (!Number.isInteger(length) || length <= space - p || p + length > data.length || data[p + length - 1] !== 0x0a) {
            throw malformed('bad pax record length');
        }
        const record = data.subarray(space + 1, p + length - 1).toString('utf8');
        const eq = record.indexOf('=');
        if (eq === -1)
            throw malformed('pax record without "="');
        out.set(record.slice(0, eq), record.slice(eq + 1));
        p += length;
    }
    return out;
}
export function parseTar(tar) {
    const entries = [];
    let pax = new Map();
    for (let p = 0;;) {
        if (p + BLOCK > tar.length)
            throw malformed('the stream ends without an end-of-archive block');
        const header = tar.subarray(p, p + BLOCK);
        if (header.every((b) => b === 0))
            return entries;
        if (!checksumOk(header))
            throw malformed(`header checksum mismatch at offset ${p}`);
        const declared = octal(header, 124, 12, 'size');
        const size = pax.has('size') ? Number(pax.get('size')) : declared;
        const start = p + BLOCK;
        if (!Number.isSafeInteger(size) || start + size > tar.length)
            throw malformed('an entry runs past the end');
        const data = tar.subarray(start, start + size);
        p = start + Math.ceil(size / BLOCK) * BLOCK;
        const flag = String.fromCharCode(header[156]);
        if (flag === 'g')
            continue; // global header: git's "comment=<commit id>"
        if (flag === 'x') {
            pax = paxRecords(data);
            continue;
        }
        const prefix = text(header, 345, 155);
        const name = text(header, 0, 100);
        const path = pax.get('path') ?? (prefix === '' ? name : `${prefix}/${name}`);
        const linkTarget = pax.get('linkpath') ?? text(header, 157, 100);
        const mode = octal(header, 100, 8, 'mode') & 0o7777;
        pax = new Map();
        const type = flag === '0' || flag === '\0' ? 'file' : flag === '5' ? 'folder' : flag === '2' ? 'symlink' : undefined;
        if (type === undefined)
            throw malformed(`entry ${JSON.stringify(path)} has tar type ${JSON.stringify(flag)}`);
        entries.push({ path, type, mode, data, linkTarget });
    }
}
//# sourceMappingURL=tar.js.map