/**
 * What the signet bundle (scripts/bundle.ts) is made of and what it may not contain; read by the build
 * and by the test that checks the bundle.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Metafile } from 'esbuild';

/** The repository (this file is compiled to dist/scripts/). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = join(ROOT, 'dist');
export const ENTRY = join(DIST, 'src', 'cli', 'bin.js');
/** The bundle: what the package's `bin` loads. */
export const OUTFILE = join(DIST, 'signet.bundle.cjs');
/** The package's `bin`: a small loader of the bundle that keeps V8's code cache of it (src/cli/loader.ts). */
export const LOADER_ENTRY = join(DIST, 'src', 'cli', 'loader.js');
export const BIN = join(DIST, 'signet.cjs');
/** esbuild's metafile of the last build (the bundle's inputs). */
export const METAFILE = join(DIST, 'signet.meta.json');

/** Compiled modules the bundle imports at run time instead of containing them. */
export const LEFT_OUT = [join(DIST, 'src', 'cli', 'main.js')];
/**
 * Packages that may be bundled: all of them are. better-sqlite3's native addon is loaded at run time from
 * its package folder (scripts/bundle.ts).
 */
export const BUNDLED_PACKAGES = ['commander', 'canonicalize', 'better-sqlite3'];
/** What the bundle resolves with Node's require at run time: the folder of better-sqlite3 (and `bindings`, the fallback). */
export const RESOLVED_AT_RUN_TIME: readonly string[] = ['better-sqlite3/package.json', 'bindings'];
/** better-sqlite3's file that loads its native addon through the `bindings` package (replaced in the bundle). */
export const SQLITE_ADDON_LOADER = /[\\/]node_modules[\\/]better-sqlite3[\\/]lib[\\/]database\.js$/;
/** Server code: never in the bundle. src/log/verify-pool.js is the exception (full mode's sync checks signatures on it). */
export const SERVER_DIRS = ['src/log/', 'src/registry/', 'src/witness/'].map((d) => `dist/${d}`);
export const ALLOWED_SERVER_FILES = ['dist/src/log/verify-pool.js'];

/** The bundle's inputs that break the rule "no server code": empty when it holds. */
export function serverInputs(meta: Metafile): string[] {
  return Object.keys(meta.inputs).filter((f) => SERVER_DIRS.some((d) => f.startsWith(d)) && !ALLOWED_SERVER_FILES.includes(f));
}

