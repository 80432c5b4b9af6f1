/**
 * The path rules every archive path obeys (docs/ARCHIVES.md, "Paths"), shared by the zip writer, the zip
 * reader for untrusted uploads and the git export, so that what we build is exactly what we accept.
 */
import { SignetError } from '../errors.js';
const TRAVERSAL = 'path traversal (zip slip)';
/** Go's sort.Strings order: bytewise over UTF-8, which differs from JS `<` beyond the BMP. */
export function compareBytes(a, b) {
    return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
export function isAscii(s) {
    // eslint-disable-next-line no-control-regex
    return /^[\x00-\x7f]*$/.test(s);
}
/** Why `path` is not a safe relative file path, or undefined when it is. */
export function pathProblem(path) {
    if (path === '')
        return 'the path is empty';
    // eslint-disable-next-line no-control-regex
    if (/[\x00-\x1f\x7f]/.test(path))
        return 'the path contains a control character (newline, NUL, ...)';
    if (path.includes('\\'))
        return 'the path contains a backslash';
    if (path.startsWith('/'))
        return 'the path is absolute';
    for (const segment of path.split('/')) {
        if (segment === '')
            return 'the path has an empty segment (// or a trailing /)';
        if (segment === '.' || segment === '..')
            return `the path has a "${segment}" segment`;
        if (/^[A-Za-z]:/.test(segment))
            return 'the path has a drive letter';
    }
    return undefined;
}
/** Throws ARCHIVE_PATH_UNSAFE unless `path` is a safe relative path. `where` names the archive entry. */
export function checkPath(path, where = path) {
    const problem = pathProblem(path);
    if (problem === undefined)
        return;
    throw new SignetError('ARCHIVE_PATH_UNSAFE', `unsafe path ${JSON.stringify(where)}: ${problem}`, {
        expected: 'a relative path of non-empty segments, without "..", ".", backslashes, drive letters or control characters',
        got: JSON.stringify(where),
        attack: TRAVERSAL,
        evidence: { path: where },
    });
}
/**
 * Refuses two files with the same path, and a path that is both a file and a folder (`a` and `a/b`):
 * extracting either leaves one of them out. `folders` are folders the archive names explicitly.
 */
export function checkDistinct(files, folders = []) {
    const seen = new Set();
    const folded = new Map();
    const dirs = new Set(folders);
    for (const path of files) {
        // Paths that differ only in letter case or Unicode form are one file on macOS and Windows: the one
        // extracted last would win there, unlike on the machines that rebuilt and reviewed the release.
        const fold = path.normalize('NFC').toLowerCase();
        const other = folded.get(fold);
        if (other !== undefined && other !== path) {
            throw new SignetError('ARCHIVE_DUPLICATE_PATH', `${JSON.stringify(other)} and ${JSON.stringify(path)} differ only in letter case or Unicode form`, {
                expected: 'paths that stay distinct on case-insensitive file systems',
                got: `${JSON.stringify(other)} and ${JSON.stringify(path)}`,
                attack: 'two files that are one on macOS and Windows: users there would run other code than reviewers saw',
                hint: 'rename one of them (or mark it export-ignore in .gitattributes)',
                evidence: { path, other },
            });
        }
        folded.set(fold, path);
        if (seen.has(path)) {
            throw new SignetError('ARCHIVE_DUPLICATE_PATH', `the archive holds ${JSON.stringify(path)} twice`, {
                expected: 'each path at most once',
                got: `two entries named ${JSON.stringify(path)}`,
                attack: 'two files under one name: tools disagree on which one is extracted',
                evidence: { path },
            });
        }
        seen.add(path);
        for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1))
            dirs.add(path.slice(0, i));
    }
    for (const dir of dirs) {
        if (seen.has(dir)) {
            throw new SignetError('ARCHIVE_DUPLICATE_PATH', `${JSON.stringify(dir)} is both a file and a folder`, {
                expected: 'each path either a file or a folder',
                got: `a file ${JSON.stringify(dir)} and entries under ${JSON.stringify(`${dir}/`)}`,
                attack: 'two files under one name: tools disagree on which one is extracted',
                evidence: { path: dir },
            });
        }
    }
}
/** A copy sorted by path in byte order (the order of the zip entries and of the h1 lines). */
export function sortByPath(files) {
    const keyed = [...files].map((file) => ({ file, key: Buffer.from(file.path, 'utf8') }));
    keyed.sort((a, b) => Buffer.compare(a.key, b.key));
    return keyed.map((k) => k.file);
}
//# sourceMappingURL=paths.js.map