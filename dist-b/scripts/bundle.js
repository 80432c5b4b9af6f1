/**
 * `npm run build`, after tsc: bundles the `signet` executable (dist/src/cli/bin.js and everything the
 * verification commands import) into ONE CommonJS file, dist/signet.cjs, the package's `bin`.
 *
 * Why: the Composer plugin starts one `signet verify-archive` per Composer run, and Node's ES module
 * loader spends ~0.5 ms per module resolving, reading and compiling the ~60 modules of that path, ~30 ms
 * in all, about as much as the verification itself. One CommonJS file has no resolution step, and its
 * modules are evaluated only when first imported (esbuild wraps each lazily imported module).
 *
 * What stays outside the bundle:
 *   - better-sqlite3 (a native addon): required from node_modules when first used;
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
import { build } from 'esbuild';
import { BUNDLED_PACKAGES, ENTRY, EXTERNAL_PACKAGES, LEFT_OUT, METAFILE, OUTFILE, ROOT, serverInputs } from './bundle-rules.js';
/** A path relative to the bundle's folder, as a specifier: './src/cli/main.js'. */
function fromBundle(abs) {
    return './' + relative(dirname(OUTFILE), abs).split(sep).join('/');
}
const layout = {
    name: 'signet-layout',
    setup(b) {
        b.onResolve({ filter: /^\.\.?\// }, (args) => {
            const abs = resolve(args.resolveDir, args.path);
            return LEFT_OUT.includes(abs) ? { path: fromBundle(abs), external: true } : undefined;
        });
        b.onResolve({ filter: /^[^./]/ }, (args) => {
            if (isBuiltin(args.path))
                return undefined;
            const pkg = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
            // An external package is required from node_modules at run time, through a one-line CommonJS
            // module, so that a dynamic import() of it also becomes require() (a real import() would start
            // Node's ES module loader for one CommonJS package).
            if (EXTERNAL_PACKAGES.includes(pkg))
                return args.namespace === 'require' ? { path: args.path, external: true } : { path: args.path, namespace: 'require' };
            if (BUNDLED_PACKAGES.includes(pkg))
                return undefined;
            return { errors: [{ text: `${args.importer} imports the package ${args.path}, which the signet bundle may not contain (scripts/bundle.ts lists the packages it may)` }] };
        });
        b.onLoad({ filter: /.*/, namespace: 'require' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js', resolveDir: ROOT }));
        // `import.meta.url` in a bundled module: the URL of its compiled file under dist/src, computed at run
        // time from the bundle's own folder (the package may be installed anywhere).
        b.onLoad({ filter: /\.js$/ }, (args) => {
            const text = readFileSync(args.path, 'utf8');
            if (!text.includes('import.meta.url'))
                return undefined;
            const url = `require("node:url").pathToFileURL(require("node:path").join(__dirname, ${JSON.stringify(relative(dirname(OUTFILE), args.path).split(sep).join('/'))})).href`;
            return { contents: text.replaceAll('import.meta.url', url), loader: 'js', resolveDir: dirname(args.path) };
        });
    },
};
async function main() {
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
        plugins: [layout],
    });
    const bad = serverInputs(result.metafile);
    if (bad.length > 0)
        throw new Error(`the signet bundle would contain server code: ${bad.join(', ')}. The verification commands must not import it (see scripts/bundle.ts).`);
    writeFileSync(METAFILE, JSON.stringify(result.metafile));
    chmodSync(OUTFILE, 0o755);
    const bytes = result.metafile.outputs[relative(ROOT, OUTFILE).split(sep).join('/')]?.bytes ?? 0;
    process.stdout.write(`bundled ${relative(ROOT, OUTFILE)}: ${Object.keys(result.metafile.inputs).length} modules, ${Math.round(bytes / 1024)} KiB\n`);
}
await main();
//# sourceMappingURL=bundle.js.map