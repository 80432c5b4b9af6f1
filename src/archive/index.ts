/** Reproducible release archives from git commits, the h1 content hash, and the upload reader. */
export type { ArchiveFile, FileMode } from './types.js';
export { h1OfFiles, type HashedFile } from './h1.js';
export { writeZip } from './zip-write.js';
export { readZip, DEFAULT_ZIP_LIMITS, type ZipContents, type ZipLimits } from './zip-read.js';
export { exportCommit, type CommitExport } from './git.js';
export {
  archiveFileName,
  archiveTopFolder,
  buildArchive,
  diffFiles,
  type BuildOptions,
  type BuiltArchive,
  type FilesDiff,
} from './archive.js';
export { toDosDateTime, fromDosDateTime, type DosDateTime } from './dos-time.js';
export { compareBytes, pathProblem } from './paths.js';
