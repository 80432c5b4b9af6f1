/**
 * Builds an archive in a separate process (so a test can run it under another TZ) and prints the
 * result as JSON: node dist/testkit/archive-child.js <repo> <rev> <top>.
 */
import { buildArchive } from '../src/archive/index.js';
const [repo, rev, top] = process.argv.slice(2);
if (repo === undefined || rev === undefined || top === undefined) {
    process.stderr.write('usage: archive-child <repo> <rev> <top>\n');
    process.exit(2);
}
const built = await buildArchive(repo, rev, { top });
process.stdout.write(JSON.stringify({ sha256: built.sha256, h1: built.h1, tz: Intl.DateTimeFormat().resolvedOptions().timeZone }));
//# sourceMappingURL=archive-child.js.map