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
export function decodeStdBase64(s) {
    if (typeof s !== 'string' || !STD_PADDED.test(s))
        return undefined;
    return Buffer.from(s, 'base64');
}
/**
 * Decodes standard padded base64 and requires the canonical encoding (zero trailing bits). The
 * round trip alone decides: Buffer skips bad characters and missing padding, but re-encoding can
 * only give back the canonical text, so any other input fails the comparison.
 */
export function decodeCanonicalBase64(s) {
    if (typeof s !== 'string')
        return undefined;
    const b = Buffer.from(s, 'base64');
    return b.toString('base64') === s ? b : undefined;
}
export function encodeBase64(b) {
    return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
}
//# sourceMappingURL=base64.js.map