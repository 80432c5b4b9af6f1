/**
 * Fallback peak-RSS probe for when /usr/bin/time is not available:
 *
 *   node dist/bench/rss-wrapper.js <module.js> [args...]
 *
 * runs <module.js> as if it had been started as `node <module.js> [args...]` and, at exit, writes
 * `BENCH_MAXRSS_KB=<n>` (process.resourceUsage().maxRSS, in KiB) as the last line on stderr.
 * Without a module it only reports the bare Node process (the RSS baseline).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
process.on('exit', () => {
    process.stderr.write(`\nBENCH_MAXRSS_KB=${process.resourceUsage().maxRSS}\n`);
});
const [node, , target, ...rest] = process.argv;
if (target !== undefined) {
    process.argv = [node, resolve(target), ...rest];
    await import(pathToFileURL(resolve(target)).href);
}
//# sourceMappingURL=rss-wrapper.js.map