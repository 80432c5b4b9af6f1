/**
 * Strict base64 helpers. Node's Buffer.from(s, 'base64') silently skips bad characters and accepts
 * missing padding; formats Signet reads must not, so two different strings never decode to the
 * same bytes unnoticed.
 */

const STD_PADDED = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decodes standard base64 with padding, as Go's base64.StdEncoding.DecodeString does (which also
 * accepts non-zero trailing bits). Returns undefined when the text is not valid.
 */
export function decodeStdBase64(s: string): Buffer | undefined {
  if (typeof s !== 'string' || !STD_PADDED.test(s)) return undefined;
  return Buffer.from(s, 'base64');
}

/** Value of each standard base64 character (A–Z a–z 0–9 + /), -1 for any other code unit. */
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) VALUE['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;

/**
 * Decodes standard padded base64 and requires the canonical encoding (zero trailing bits): exactly
 * the strings that re-encode to themselves. Checked without re-encoding (entries carry ~1 KB of
 * base64 each, and the log and the sync decode every one): Buffer skips characters it does not
 * know, stops at `=`, and reads `-` and `_` as base64url; a skipped or early-stopped character makes
 * the output shorter than the length the text implies, and the base64url ones are refused by name.
 * Buffer also reads a code unit above 0x7F by its low byte alone ("Ł", U+0141, as "A"), which no
 * length check sees: any non-ASCII text is refused first (its UTF-8 length differs from its length).
 * Canonical means the bits after the last byte, in the last character before the padding, are zero.
 */
export function decodeCanonicalBase64(s: string): Buffer | undefined {
  const pad = paddingOf(s);
  if (pad < 0 || Buffer.byteLength(s, 'utf8') !== s.length) return undefined;
  const b = Buffer.from(s, 'base64');
  if (b.length !== (s.length / 4) * 3 - pad || s.includes('-') || s.includes('_') || !trailingBitsZero(s, pad)) return undefined;
  return b;
}

/** decodeCanonicalBase64(s) !== undefined, without decoding: for short values checked by the thousand (h1). */
export function isCanonicalBase64(s: string): boolean {
  const pad = paddingOf(s);
  if (pad < 0) return false;
  for (let i = 0; i < s.length - pad; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || VALUE[c]! < 0) return false;
  }
  return trailingBitsZero(s, pad);
}

/** The number of `=` a standard base64 string ends with (0 to 2), or -1 if its length is not a multiple of 4. */
function paddingOf(s: string): number {
  if (typeof s !== 'string' || s.length % 4 !== 0) return -1;
  const n = s.length;
  return n === 0 || s.charCodeAt(n - 1) !== 0x3d ? 0 : s.charCodeAt(n - 2) === 0x3d ? 2 : 1;
}

/** Whether the bits after the last byte, in the last character before the padding, are zero (canonical). */
function trailingBitsZero(s: string, pad: number): boolean {
  if (pad === 0) return true;
  const last = s.charCodeAt(s.length - pad - 1);
  return last < 128 && (VALUE[last]! & (pad === 1 ? 3 : 15)) === 0;
}

export function encodeBase64(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
}
