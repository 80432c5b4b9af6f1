/**
 * A release archive from a git commit: the files git archive exports, packed by the deterministic zip
 * writer, with the digests a release statement signs. docs/ARCHIVES.md.
 */
import { createHash } from 'node:crypto';
import { SignetError } from '../errors.js';
import { exportCommit } from './git.js';
import { h1OfFiles } from './h1.js';
import { checkPath } from './paths.js';
import { writeZip } from './zip-write.js';
export { diffFiles } from './diff.js';
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._+@-]*$/;
function badName(what, got, expected) {
    return new SignetError('NAME_INVALID', `cannot make an archive ${what} from ${JSON.stringify(got)}`, { expected, got });
}
function flatPackage(pkg) {
    const parts = pkg.split('/');
    if (parts.length !== 2 || parts.some((p) => p === ''))
        throw badName('name', pkg, 'a package name vendor/name');
    return parts.join('-');
}
/** `acme/widget`, `1.2.0.0` → `acme-widget-1.2.0.0.zip`. */
export function archiveFileName(pkg, version) {
    const name = `${flatPackage(pkg)}-${version}.zip`;
    if (!FILE_NAME.test(name))
        throw badName('file name', `${pkg} ${version}`, FILE_NAME.source);
    return name;
}
/** `acme/widget` and a commit id → `acme-widget-<first 7 hex digits>`, like a GitHub zipball's folder. */
export function archiveTopFolder(pkg, commit) {
    if (!/^[0-9a-f]{7,64}$/.test(commit))
        throw badName('top folder', commit, 'a lowercase hex commit id');
    const top = `${flatPackage(pkg)}-${commit.slice(0, 7)}`;
    if (!FILE_NAME.test(top))
        throw badName('top folder', pkg, FILE_NAME.source);
    return top;
}
/** Builds the release archive of `rev` in the git repository `repo`. */
export async function buildArchive(repo, rev, opts) {
    const { commit, time, files } = await exportCommit(repo, rev);
    if (files.length === 0) {
        throw new SignetError('ARCHIVE_LAYOUT', `commit ${commit} exports no files`, {
            hint: 'check .gitattributes: export-ignore may exclude everything',
        });
    }
    const top = typeof opts.top === 'string' ? opts.top : opts.top(commit);
    checkPath(top);
    const zip = writeZip(top, files, time);
    return {
        zip,
        sha256: createHash('sha256').update(zip).digest('hex'),
        sha1: createHash('sha1').update(zip).digest('hex'),
        h1: h1OfFiles(files),
        commit,
        time,
        files,
    };
}
//# sourceMappingURL=archive.js.map