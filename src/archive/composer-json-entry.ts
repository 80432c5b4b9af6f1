/**
 * The `<top folder>/composer.json` of a zip, read straight from its bytes: the end-of-central-directory
 * record, the central directory entries up to that one name, its local header, its data. What
 * `signet verify-archive` hands the Composer plugin for every archive of a Composer run, so it reads
 * nothing else (the full reader, zip-read.ts, checks every entry of an upload and costs ~10× more).
 * Any layout it does not handle (ZIP64, a name it cannot find) gives undefined or ARCHIVE_INVALID, never
 * a wrong file: the entry's size is bounded and its CRC-32 checked.
 */
import { inflateRawSync } from 'node:zlib';
import { crc32 } from './crc32.js';
import { invalid } from './zip-parse.js';

/** Most bytes of a composer.json read (the registry's own limit for it). */
const MAX_COMPOSER_JSON_BYTES = 1024 * 1024;
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const SUFFIX = Buffer.from('/composer.json', 'latin1');

/** The bytes of `<top folder>/composer.json`, CRC-checked; undefined when the archive has none. */
export function topComposerJson(zip: Buffer): Buffer | undefined {
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw invalid('no end-of-central-directory record: not a zip archive');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) throw invalid('a central directory entry is out of place');
    const nameLen = zip.readUInt16LE(at + 28);
    const nameStart = at + 46;
    if (nameStart + nameLen > zip.length) throw invalid('a central directory entry is out of place');
    if (isTopComposerJson(zip, nameStart, nameLen)) return entryData(zip, at);
    at = nameStart + nameLen + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return undefined;
}

/** name = "<one segment>/composer.json". */
function isTopComposerJson(zip: Buffer, start: number, len: number): boolean {
  if (len <= SUFFIX.length || zip.compare(SUFFIX, 0, SUFFIX.length, start + len - SUFFIX.length, start + len) !== 0) return false;
  return zip.indexOf(0x2f, start) === start + len - SUFFIX.length;
}

function entryData(zip: Buffer, central: number): Buffer {
  const method = zip.readUInt16LE(central + 10);
  const crc = zip.readUInt32LE(central + 16);
  const compressed = zip.readUInt32LE(central + 20);
  const size = zip.readUInt32LE(central + 24);
  const local = zip.readUInt32LE(central + 42);
  if (size > MAX_COMPOSER_JSON_BYTES) throw invalid(`composer.json is ${size} bytes, more than ${MAX_COMPOSER_JSON_BYTES}`);
  if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL) throw invalid("composer.json's local header is out of place");
  const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  if (start + compressed > zip.length) throw invalid("composer.json's data runs past the archive");
  const stored = zip.subarray(start, start + compressed);
  let data: Buffer;
  if (method === 0) data = Buffer.from(stored);
  else if (method === 8) {
    try {
      data = inflateRawSync(stored, { maxOutputLength: Math.max(1, size) });
    } catch (e) {
      throw invalid('composer.json is not valid deflate data within its declared size', { cause: e });
    }
  } else throw invalid(`composer.json uses compression method ${method} (only stored and deflate)`);
  if (data.length !== size || crc32(data) !== crc) throw invalid('composer.json does not match its declared size and CRC-32');
  return data;
}
