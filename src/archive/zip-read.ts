/**
 * The reader for UNTRUSTED zip uploads: the registry runs every upload through it before storing anything.
 * It refuses what could escape the target folder, hide a file, or exhaust memory, with one stable code per
 * reason (docs/ARCHIVES.md, "Uploads"), and never trusts a declared size: inflation stops at it.
 */
import { promisify } from 'node:util';
import { inflateRaw, type ZlibOptions } from 'node:zlib';
import { SignetError } from '../errors.js';
import { crc32 } from './crc32.js';
import { checkDistinct, checkPath, sortByPath } from './paths.js';
import type { ArchiveFile } from './types.js';
import { S_IFDIR, S_IFLNK, S_IFMT, S_IFREG, METHOD_STORED } from './zip-format.js';
import { invalid, parseZip, type RawEntry } from './zip-parse.js';

export interface ZipLimits {
  /** Size of the archive itself. */
  readonly maxArchiveBytes: number;
  /** Entries in the central directory, folders included. */
  readonly maxEntries: number;
  /** Uncompressed size of one file. */
  readonly maxFileBytes: number;
  /** Uncompressed size of all files. */
  readonly maxTotalBytes: number;
  /** Uncompressed / compressed, for each entry over 1 MiB and for the whole archive when over 1 MiB. */
  readonly maxRatio: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_ZIP_LIMITS: Readonly<ZipLimits> = Object.freeze({
  maxArchiveBytes: 32 * MiB,
  maxEntries: 20_000,
  maxFileBytes: 64 * MiB,
  maxTotalBytes: 256 * MiB,
  maxRatio: 200,
});

/** Sizes below this are never refused for their compression ratio. */
const RATIO_FLOOR = MiB;

export interface ZipContents {
  /** The single top folder, without '/'. */
  readonly top: string;
  /** The files with the top folder stripped, sorted by path in byte order. */
  readonly files: ArchiveFile[];
}

const BOMB = 'zip bomb';

function tooLarge(message: string, expected: string, got: string): SignetError {
  return new SignetError('ARCHIVE_TOO_LARGE', message, { expected, got, attack: BOMB });
}

function layout(message: string, got: string): SignetError {
  return new SignetError('ARCHIVE_LAYOUT', message, {
    expected: 'every file inside one top folder (like a GitHub zipball)',
    got,
    hint: 'build the archive with `signet release` or `git archive --prefix=<name>/`',
  });
}

interface Classified {
  readonly entry: RawEntry;
  /** The name without a folder's trailing '/'. */
  readonly path: string;
  readonly folder: boolean;
}

/** Folder or file, from the trailing '/' and the Unix file type; refuses links and special files. */
function classify(entry: RawEntry): Classified {
  const folder = entry.name.endsWith('/');
  const path = folder ? entry.name.slice(0, -1) : entry.name;
  checkPath(path, entry.name);
  const type = entry.unixMode & S_IFMT;
  const label = JSON.stringify(entry.name);
  if (type === S_IFLNK) {
    throw new SignetError('ARCHIVE_SYMLINK', `entry ${label} is a symbolic link`, {
      expected: 'regular files and folders only',
      got: 'a symbolic link',
      attack: 'a link that points outside the package (zip slip through a symlink)',
      evidence: { entry: entry.name },
    });
  }
  const allowed = folder ? [0, S_IFDIR] : [0, S_IFREG];
  if (!allowed.includes(type)) {
    throw invalid(`entry ${label} has file type 0${type.toString(8)}`, {
      expected: folder ? 'a folder' : 'a regular file',
      got: `mode 0${entry.unixMode.toString(8)}`,
    });
  }
  if (folder && entry.size !== 0) throw invalid(`folder entry ${label} has content`);
  return { entry, path, folder };
}

/** One top folder holding everything; returns it. */
function topFolder(entries: readonly Classified[]): string {
  let top: string | undefined;
  for (const { path, folder, entry } of entries) {
    const slash = path.indexOf('/');
    if (slash === -1 && !folder) throw layout(`file ${JSON.stringify(entry.name)} is at the top level`, entry.name);
    const first = slash === -1 ? path : path.slice(0, slash);
    if (top === undefined) top = first;
    else if (first !== top) throw layout('the archive has more than one top folder', `${JSON.stringify(top)} and ${JSON.stringify(first)}`);
  }
  if (top === undefined) throw layout('the archive is empty', 'no entries');
  return top;
}

function checkSizes(files: readonly Classified[], archiveBytes: number, limits: ZipLimits): void {
  let total = 0;
  for (const { entry } of files) {
    const label = JSON.stringify(entry.name);
    if (entry.size > limits.maxFileBytes) {
      throw tooLarge(`file ${label} is too large`, `at most ${limits.maxFileBytes} bytes`, `${entry.size} bytes`);
    }
    if (entry.size > RATIO_FLOOR && entry.size / Math.max(entry.compressedSize, 1) > limits.maxRatio) {
      throw tooLarge(`file ${label} is compressed too well`, `a ratio of at most ${limits.maxRatio}`, `${entry.size} bytes from ${entry.compressedSize}`);
    }
    total += entry.size;
  }
  if (total > limits.maxTotalBytes) {
    throw tooLarge('the archive holds too much data', `at most ${limits.maxTotalBytes} bytes in all`, `${total} bytes`);
  }
  if (total > RATIO_FLOOR && total / archiveBytes > limits.maxRatio) {
    throw tooLarge('the archive is compressed too well', `a ratio of at most ${limits.maxRatio}`, `${total} bytes from ${archiveBytes}`);
  }
}

type InflateResult = { buffer: Buffer; engine: { bytesWritten: number } };
const inflateInfo = promisify(inflateRaw) as unknown as (data: Buffer, options: ZlibOptions & { info: true }) => Promise<InflateResult>;

/** The entry's content, never more than its declared size, checked against its CRC. */
async function extract(bytes: Buffer, entry: RawEntry): Promise<Buffer> {
  const label = JSON.stringify(entry.name);
  const stored = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  let data: Buffer;
  if (entry.method === METHOD_STORED) {
    data = Buffer.from(stored);
  } else {
    let result: InflateResult;
    try {
      result = await inflateInfo(stored, { info: true, maxOutputLength: Math.max(1, entry.size) });
    } catch (e) {
      const over = (e as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE';
      throw invalid(over ? `entry ${label} inflates to more than its declared ${entry.size} bytes` : `entry ${label} is not valid deflate data`, {
        attack: over ? 'sizes that lie (a zip bomb past the size checks)' : undefined,
        cause: e,
      });
    }
    data = result.buffer;
    if (result.engine.bytesWritten !== entry.compressedSize) {
      throw invalid(`entry ${label} has bytes after its deflate data`, { attack: 'data hidden inside an entry' });
    }
  }
  if (data.length !== entry.size) {
    throw invalid(`entry ${label} holds ${data.length} bytes, not the declared ${entry.size}`, { attack: 'sizes that lie' });
  }
  if (crc32(data) !== entry.crc) throw invalid(`entry ${label} fails its CRC-32 check`);
  return data;
}

/** Reads and checks an untrusted zip: one top folder, safe paths, regular files, within `limits`. */
export async function readZip(bytes: Buffer, limits: Partial<ZipLimits> = {}): Promise<ZipContents> {
  const lim: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...limits };
  if (bytes.length > lim.maxArchiveBytes) {
    throw tooLarge('the archive is too large', `at most ${lim.maxArchiveBytes} bytes`, `${bytes.length} bytes`);
  }
  const entries = parseZip(bytes, lim.maxEntries, (n) => tooLarge('the archive has too many entries', `at most ${lim.maxEntries}`, `${n}`)).map(classify);
  const top = topFolder(entries);
  const strip = (path: string): string => path.slice(top.length + 1);
  const files = entries.filter((e) => !e.folder);
  const folders = entries.filter((e) => e.folder && e.path !== top).map((e) => strip(e.path));
  checkDistinct(files.map((f) => strip(f.path)), folders);
  if (files.length === 0) throw layout('the archive holds no files', `${entries.length} folders`);
  checkSizes(files, bytes.length, lim);
  const out: ArchiveFile[] = [];
  for (const { entry, path } of files) {
    const executable = (entry.unixMode & S_IFMT) !== 0 && (entry.unixMode & 0o111) !== 0;
    out.push({ path: strip(path), mode: executable ? 0o755 : 0o644, data: await extract(bytes, entry) });
  }
  return { top, files: sortByPath(out) };
}
