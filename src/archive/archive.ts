/**
 * A release archive from a git commit: the files git archive exports, packed by the deterministic zip
 * writer, with the digests a release statement signs. docs/ARCHIVES.md.
 */
import { createHash } from 'node:crypto';
import { SignetError } from '../errors.js';
import { exportCommit } from './git.js';
import { h1OfFiles } from './h1.js';
import { checkPath } from './paths.js';
import type { ArchiveFile } from './types.js';
import { writeZip } from './zip-write.js';

export { diffFiles, type FilesDiff } from './diff.js';

export interface BuiltArchive {
  readonly zip: Buffer;
  /** Lowercase hex SHA-256 of the zip bytes. */
  readonly sha256: string;
  /** Lowercase hex SHA-1 of the zip bytes (Composer's dist shasum). */
  readonly sha1: string;
  /** The h1 content hash of `files`, as the registry recomputes it from the zip. */
  readonly h1: string;
  /** The full commit id. */
  readonly commit: string;
  /** The committer time: every entry's time stamp. */
  readonly time: Date;
  /** The files, top folder stripped, sorted by path in byte order. */
  readonly files: ArchiveFile[];
}

export interface BuildOptions {
  /** The top folder, or a function of the full commit id (e.g. `(c) => archiveTopFolder(pkg, c)`). */
  readonly top: string | ((commit: string) => string);
}

const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._+@-]*$/;

function badName(what: string, got: string, expected: string): SignetError {
  return new SignetError('NAME_INVALID', `cannot make an archive ${what} from ${JSON.stringify(got)}`, { expected, got });
}

function flatPackage(pkg: string): string {
  const parts = pkg.split('/');
  if (parts.length !== 2 || parts.some((p) => p === '')) throw badName('name', pkg, 'a package name vendor/name');
  return parts.join('-');
}

/** `acme/widget`, `1.2.0.0` → `acme-widget-1.2.0.0.zip`. */
export function archiveFileName(pkg: string, version: string): string {
  const name = `${flatPackage(pkg)}-${version}.zip`;
  if (!FILE_NAME.test(name)) throw badName('file name', `${pkg} ${version}`, FILE_NAME.source);
  return name;
}

/** `acme/widget` and a commit id → `acme-widget-<first 7 hex digits>`, like a GitHub zipball's folder. */
export function archiveTopFolder(pkg: string, commit: string): string {
  if (!/^[0-9a-f]{7,64}$/.test(commit)) throw badName('top folder', commit, 'a lowercase hex commit id');
  const top = `${flatPackage(pkg)}-${commit.slice(0, 7)}`;
  if (!FILE_NAME.test(top)) throw badName('top folder', pkg, FILE_NAME.source);
  return top;
}

/** Builds the release archive of `rev` in the git repository `repo`. */
export async function buildArchive(repo: string, rev: string, opts: BuildOptions): Promise<BuiltArchive> {
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
