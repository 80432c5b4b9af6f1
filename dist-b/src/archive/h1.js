/**
 * The h1 content hash: Go's golang.org/x/mod/sumdb/dirhash Hash1, the identity of a release's files
 * whatever archive carries them (docs/ARCHIVES.md, "The h1 hash").
 */
import { createHash } from 'node:crypto';
import { SignetError } from '../errors.js';
/**
 * "h1:" + base64(SHA-256 of the lines `${hex(SHA-256(data))}  ${path}\n`, sorted by path in byte order).
 * Like Go, refuses a path with a newline (it would forge a line); duplicates are hashed as given.
 */
export function h1OfFiles(files) {
    const lines = [];
    for (const file of files) {
        if (file.path.includes('\n')) {
            throw new SignetError('ARCHIVE_PATH_UNSAFE', `file name ${JSON.stringify(file.path)} contains a newline`, {
                expected: 'file names without a newline (Go dirhash refuses them)',
                got: JSON.stringify(file.path),
                attack: 'a file name that forges a line of the h1 summary',
            });
        }
        const digest = createHash('sha256').update(file.data).digest('hex');
        lines.push(Buffer.from(`${digest}  ${file.path}\n`, 'utf8'));
    }
    // Each line starts with 64 hex digits, so sort on the name part, bytewise.
    const keyed = lines.map((line) => ({ line, key: line.subarray(66, line.length - 1) }));
    keyed.sort((a, b) => Buffer.compare(a.key, b.key));
    const summary = createHash('sha256');
    for (const { line } of keyed)
        summary.update(line);
    return `h1:${summary.digest('base64')}`;
}
//# sourceMappingURL=h1.js.map