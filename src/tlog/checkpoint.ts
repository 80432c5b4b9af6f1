/**
 * C2SP tlog-checkpoint bodies: origin line, decimal tree size, base64 root hash, optional extension
 * lines. Parsing is strict (the bytes must round-trip), so two parties never disagree on what was signed.
 */
import { SignetError } from '../errors.js';
import { HASH_SIZE } from './hash.js';

export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: Buffer;
  readonly extensions: readonly string[];
}

const MAX_CHECKPOINT_BYTES = 64 * 1024;

function malformed(why: string, got?: string): SignetError {
  return new SignetError('CHECKPOINT_MALFORMED', `malformed checkpoint: ${why}`, {
    expected: 'origin\\n<decimal size>\\n<base64 32-byte root>\\n[extension lines\\n]',
    ...(got === undefined ? {} : { got }),
  });
}

export function parseCheckpoint(text: string): Checkpoint {
  // UTF-16 units ≤ UTF-8 bytes, so the cheap test first; then the bytes the limit is stated in.
  if (text.length > MAX_CHECKPOINT_BYTES || Buffer.byteLength(text, 'utf8') > MAX_CHECKPOINT_BYTES) throw malformed(`longer than ${MAX_CHECKPOINT_BYTES} bytes`);
  if (!text.endsWith('\n')) throw malformed('the text does not end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw malformed(`${lines.length} line(s), need at least 3`, JSON.stringify(text));
  const [origin, sizeLine, rootLine, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin === '') throw malformed('empty origin line');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine)) throw malformed('the size line is not a decimal number without leading zeros', sizeLine);
  const size = Number(sizeLine);
  if (!Number.isSafeInteger(size)) throw malformed(`tree size ${sizeLine} is beyond 2^53, which this implementation does not handle`, sizeLine);
  const root = Buffer.from(rootLine, 'base64');
  if (root.length !== HASH_SIZE || root.toString('base64') !== rootLine) {
    throw malformed('the root line is not the base64 of a 32-byte hash', rootLine);
  }
  for (const e of extensions) if (e === '') throw malformed('an empty extension line');
  return { origin, size, root, extensions };
}

export function formatCheckpoint(c: Checkpoint): string {
  if (c.origin === '' || c.origin.includes('\n')) throw malformed('origin must be one non-empty line', c.origin);
  if (!Number.isSafeInteger(c.size) || c.size < 0) throw malformed('size must be a non-negative integer', String(c.size));
  if (c.root.length !== HASH_SIZE) throw malformed(`root must be ${HASH_SIZE} bytes`, `${c.root.length} bytes`);
  for (const e of c.extensions) if (e === '' || e.includes('\n')) throw malformed('extension lines must be non-empty single lines', e);
  return [c.origin, String(c.size), c.root.toString('base64'), ...c.extensions].map((l) => l + '\n').join('');
}
