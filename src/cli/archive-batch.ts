/**
 * The archives `signet verify-archive` is asked about, parsed at the edge into typed requests:
 *   - a batch file (`--batch FILE`): {"archives": [{"file", "package", "version"}, ...]};
 *   - a stream on stdin (`--batch -`, what the Composer plugin sends while Composer downloads): one JSON
 *     object {"file", "package", "version"} per line, then the line {"end": true}. The end line is what
 *     says the batch is complete: input that stops without it (the caller died) is refused.
 * Sizes are capped; a malformed stream is still read to its end, so the caller's writes never fail.
 */
import type { Readable } from 'node:stream';
import { SignetError } from '../errors.js';

export interface ArchiveRequest {
  /** The archive's path, as the caller gave it. */
  readonly file: string;
  /** vendor/name */
  readonly package: string;
  /** The version as the caller has it (pretty or normalised). */
  readonly version: string;
}

/** At most this many archives in one batch. */
export const MAX_BATCH_ARCHIVES = 100_000;
/** At most this many bytes per line of a stream. */
export const MAX_STREAM_LINE = 64 * 1024;
/** At most this many bytes of batch file. */
export const MAX_BATCH_FILE = 32 * 1024 * 1024;

const FORM = '{"file": "...", "package": "vendor/name", "version": "..."}';

/** One request, from an untrusted JSON value; `where` names it in the error. */
export function parseArchiveRequest(v: unknown, where: string): ArchiveRequest {
  const o = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  const field = (k: string): string | undefined => {
    const x = o?.[k];
    return typeof x === 'string' && x !== '' && !x.includes('\0') && x.length <= 4096 ? x : undefined;
  };
  const file = field('file');
  const pkg = field('package');
  const version = field('version');
  if (file === undefined || pkg === undefined || version === undefined) {
    throw new SignetError('USAGE', `${where} is not an archive request`, { expected: FORM, got: JSON.stringify(v)?.slice(0, 200) ?? String(v) });
  }
  return { file, package: pkg, version };
}

/** The content of a batch file: {"archives": [...]}. */
export function parseBatchFile(text: string, name: string): ArchiveRequest[] {
  if (text.length > MAX_BATCH_FILE) throw new SignetError('USAGE', `the batch file ${name} is larger than ${MAX_BATCH_FILE} bytes`);
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch (e) {
    throw new SignetError('USAGE', `the batch file ${name} is not JSON: ${(e as Error).message}`, { expected: `{"archives": [${FORM}, ...]}` });
  }
  const list = typeof o === 'object' && o !== null ? (o as { archives?: unknown }).archives : undefined;
  if (!Array.isArray(list)) throw new SignetError('USAGE', `the batch file ${name} has no "archives" list`, { expected: `{"archives": [${FORM}, ...]}`, got: JSON.stringify(o)?.slice(0, 200) });
  if (list.length > MAX_BATCH_ARCHIVES) throw new SignetError('USAGE', `the batch file ${name} lists ${list.length} archives; at most ${MAX_BATCH_ARCHIVES} per batch`);
  return list.map((a, i) => parseArchiveRequest(a, `archives[${i}] of ${name}`));
}

/**
 * Reads a stream of requests (JSON lines, ended by {"end": true}) and hands each to `onArchive` as soon
 * as its line is complete. Resolves at the end of the input, once the end line was seen; rejects with
 * the first problem (a malformed or oversized line, too many archives, a missing end line), but only at
 * the end of the input: a writer on the other side of a pipe never sees it closed early.
 */
export async function readArchiveStream(input: Readable, onArchive: (a: ArchiveRequest) => void): Promise<number> {
  let problem: SignetError | undefined;
  let ended = false;
  let count = 0;
  let lineNo = 0;
  /** The bytes of the line being read (only while it is within the cap). */
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let overlong = false;
  const fail = (e: SignetError): void => {
    problem ??= e;
  };
  /** One complete line; undefined for a line over the cap (its bytes were not kept). */
  const line = (bytes: Buffer | undefined): void => {
    lineNo++;
    if (bytes === undefined) return fail(new SignetError('USAGE', `line ${lineNo} of the archive stream is longer than ${MAX_STREAM_LINE} bytes`));
    if (problem !== undefined) return;
    const text = bytes.toString('utf8').trim();
    if (text === '') return;
    if (ended) return fail(new SignetError('USAGE', `line ${lineNo} of the archive stream comes after its end line`, { got: text.slice(0, 200) }));
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (e) {
      return fail(new SignetError('USAGE', `line ${lineNo} of the archive stream is not JSON: ${(e as Error).message}`, { expected: FORM, got: text.slice(0, 200) }));
    }
    if (typeof v === 'object' && v !== null && (v as { end?: unknown }).end === true && Object.keys(v).length === 1) {
      ended = true;
      return;
    }
    if (count >= MAX_BATCH_ARCHIVES) return fail(new SignetError('USAGE', `the archive stream has more than ${MAX_BATCH_ARCHIVES} archives`));
    let a: ArchiveRequest;
    try {
      a = parseArchiveRequest(v, `line ${lineNo} of the archive stream`);
    } catch (e) {
      return fail(e as SignetError);
    }
    count++;
    try {
      onArchive(a);
    } catch (e) {
      fail(e instanceof SignetError ? e : new SignetError('USAGE', `line ${lineNo} of the archive stream: ${(e as Error).message}`, { cause: e }));
    }
  };
  for await (const chunk of input) {
    let b = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
    for (let nl = b.indexOf(10); nl !== -1; nl = b.indexOf(10)) {
      const head = b.subarray(0, nl);
      line(overlong || pendingBytes + head.length > MAX_STREAM_LINE ? undefined : pending.length === 0 ? head : Buffer.concat([...pending, head]));
      pending = [];
      pendingBytes = 0;
      overlong = false;
      b = b.subarray(nl + 1);
    }
    if (b.length > 0 && !overlong) {
      if (pendingBytes + b.length > MAX_STREAM_LINE) {
        overlong = true;
        pending = [];
      } else {
        pending.push(Buffer.from(b));
        pendingBytes += b.length;
      }
    }
  }
  if (overlong || pendingBytes > 0) line(overlong ? undefined : Buffer.concat(pending));
  if (problem === undefined && !ended) {
    problem = new SignetError('USAGE', 'the archive stream ended without its end line {"end": true}: the batch may be incomplete', {
      hint: 'the program sending the archives stopped before it finished (for Composer, see its own error above)',
    });
  }
  if (problem !== undefined) throw problem;
  return count;
}
