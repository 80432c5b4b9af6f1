/**
 * `npm run build`, after tsc: bundles the `signet` executable (dist/src/cli/bin.js and everything the
 * verification commands import) into ONE CommonJS file, dist/signet.bundle.cjs, and builds the package's
 * `bin`, dist/signet.cjs: a loader of that file that keeps V8's code cache of it (src/cli/loader.ts).
 *
 * Why: the Composer plugin starts one `signet verify-archive` per Composer run, and Node's ES module
 * loader spends ~0.5 ms per module resolving, reading and compiling the ~60 modules of that path, ~30 ms
 * in all, about as much as the verification itself. One CommonJS file has no resolution step, and its
 * modules are evaluated only when first imported (esbuild wraps each lazily imported module).
 *
 * What stays outside the bundle:
 *   - better-sqlite3's native addon, loaded from the package's folder in node_modules when a database is
 *     first opened. Its JavaScript is bundled: required from node_modules, its 15 files cost ~6 ms of
 *     every run. Its call to the `bindings` package, which probes a dozen paths from the caller's stack
 *     trace (and would look beside the bundle), becomes the path where better-sqlite3 12 puts the addon,
 *     build/Release/better_sqlite3.node, with `bindings` as the fallback;
 *   - the full CLI (dist/src/cli/main.js): bin.ts imports it, at run time, for every command that is not
 *     a verification command, so the server code (log, registry, witness, fastify) is never bundled;
 *   - worker scripts: a module that finds a file through `import.meta.url` (the verify pool's worker)
 *     gets the URL of its own compiled file under dist/src, so it finds the worker where tsc put it.
 *
 * The build fails if the bundle takes in server code or a package other than those listed below: the
 * verification commands must load no server code. dist/signet.meta.json keeps esbuild's metafile (the
 * inputs of the bundle) for the test that checks it again.
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { isBuiltin } from 'node:module';
import { build, type Plugin } from 'esbuild';
import { BIN, BUNDLED_PACKAGES, DIST, ENTRY, LEFT_OUT, LOADER_ENTRY, METAFILE, OUTFILE, RESOLVED_AT_RUN_TIME, ROOT, SQLITE_ADDON_LOADER, serverInputs } from './bundle-rules.js';

/** A path relative to the bundle's folder, as a specifier: './src/cli/main.js'. */
function fromBundle(abs: string): string {
  return './' + relative(dirname(OUTFILE), abs).split(sep).join('/');
}

/**
 * What better-sqlite3's `require('bindings')('better_sqlite3.node')` becomes in the bundle: the addon of
 * the better-sqlite3 that Node resolves from the bundle's folder (the package installed with signet).
 */
const SQLITE_ADDON = `(() => {
  const path = require('node:path');
  const dir = path.dirname(require.resolve('better-sqlite3/package.json'));
  try {
    return require(path.join(dir, 'build', 'Release', 'better_sqlite3.node'));
  } catch (e) {
    if (e.code !== 'MODULE_NOT_FOUND') throw e;
    return require(require.resolve('bindings', { paths: [dir] }))({ bindings: 'better_sqlite3.node', module_root: dir });
  }
})()`;

const layout: Plugin = {
  name: 'signet-layout',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      const abs = resolve(args.resolveDir, args.path);
      return LEFT_OUT.includes(abs) ? { path: fromBundle(abs), external: true } : undefined;
    });
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (isBuiltin(args.path)) return undefined;
      const pkg = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0]!;
      if (BUNDLED_PACKAGES.includes(pkg)) return undefined;
      return { errors: [{ text: `${args.importer} imports the package ${args.path}, which the signet bundle may not contain (scripts/bundle.ts lists the packages it may)` }] };
    });
    b.onLoad({ filter: SQLITE_ADDON_LOADER }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const call = "require('bindings')('better_sqlite3.node')";
      if (!text.includes(call)) throw new Error(`${args.path} no longer loads its addon with ${call}: update scripts/bundle.ts for this better-sqlite3`);
      return { contents: text.replace(call, SQLITE_ADDON), loader: 'js', resolveDir: dirname(args.path) };
    });
    // `import.meta.url` in a bundled module: the URL of its compiled file under dist/src, computed at run
    // time from the bundle's own folder (the package may be installed anywhere).
    b.onLoad({ filter: /\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const url = `require("node:url").pathToFileURL(require("node:path").join(__dirname, ${JSON.stringify(relative(dirname(OUTFILE), args.path).split(sep).join('/'))})).href`;
      return { contents: text.replaceAll('import.meta.url', url), loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

async function main(): Promise<void> {
  const result = await build({
    entryPoints: [ENTRY],
    outfile: OUTFILE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    absWorkingDir: ROOT,
    // Resolved by Node at run time (SQLITE_ADDON), not bundled.
    external: [...RESOLVED_AT_RUN_TIME],
    plugins: [layout],
  });
  const bad = serverInputs(result.metafile);
  if (bad.length > 0) throw new Error(`the signet bundle would contain server code: ${bad.join(', ')}. The verification commands must not import it (see scripts/bundle.ts).`);
  writeFileSync(METAFILE, JSON.stringify(result.metafile));
  chmodSync(OUTFILE, 0o755);
  const bytes = result.metafile.outputs[relative(ROOT, OUTFILE).split(sep).join('/')]?.bytes ?? 0;
  process.stdout.write(`bundled ${relative(ROOT, OUTFILE)}: ${Object.keys(result.metafile.inputs).length} modules, ${Math.round(bytes / 1024)} KiB\n`);
  // The bin: the loader alone (node builtins and the list of verification commands).
  const loader = await build({
    entryPoints: [LOADER_ENTRY],
    outfile: BIN,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    metafile: true,
    logLevel: 'warning',
    absWorkingDir: ROOT,
  });
  const loaderInputs = Object.keys(loader.metafile.inputs);
  if (loaderInputs.some((f) => !f.startsWith('dist/src/cli/'))) throw new Error(`the signet loader would contain more than itself: ${loaderInputs.join(', ')}`);
  chmodSync(BIN, 0o755);
}

await main();
