export { h1OfFiles } from './h1.js';
export { writeZip } from './zip-write.js';
export { readZip, DEFAULT_ZIP_LIMITS } from './zip-read.js';
export { exportCommit } from './git.js';
export { archiveFileName, archiveTopFolder, buildArchive, diffFiles, } from './archive.js';
export { toDosDateTime, fromDosDateTime } from './dos-time.js';
export { compareBytes, pathProblem } from './paths.js';
//# sourceMappingURL=index.js.map