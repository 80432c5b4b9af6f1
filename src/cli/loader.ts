#!/usr/bin/env node
/**
 * dist/signet.cjs, the package's `bin`: loads the bundle (dist/signet.bundle.cjs, see scripts/bundle.ts)
 * and, for the verification commands, keeps V8's code cache of it in the user's cache folder, as Node 22
 * does with `module.enableCompileCache()` (Node 20 has no such switch).
 *
 * Why: the Composer plugin starts `signet verify-archive` on every Composer run. With the bytecode V8
 * produced at the end of an earlier run of the same command, V8 compiles neither the ~400 KB bundle nor
 * the functions a verification runs: ~7 ms less of the ~120 ms such a process takes (bench/README.md).
 *
 * The cache is executable code, so it is trusted no further than the user's own files:
 *   - it lives in $XDG_CACHE_HOME/signet/code-cache (else ~/.cache/signet/code-cache), a folder made
 *     0700; a file there is used only if it is a regular file owned by this user and writable by no one
 *     else (checked on the open descriptor, so it is the file read);
 *   - its name holds the SHA-256 of the bundle's text, the Node version, the architecture, Node's flags
 *     and the command: a rebuilt bundle or another Node never gets another's bytecode (V8 itself checks
 *     only the text's length and its own version and flags);
 *   - a file V8 rejects is replaced; a missing one is written (0600, through a rename) when the process
 *     exits; nothing is written when the folder cannot be made or written; at most MAX_FILES are kept.
 * SIGNET_CODE_CACHE=0 turns it off; SIGNET_CODE_CACHE=debug says on stderr what it did.
 * Every other command loads the bundle as a plain module (they run the full CLI, dist/src/cli/main.js).
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, constants as fsc, mkdirSync, openSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { VERIFIER_COMMANDS } from './verifier-commands.js';

const BUNDLE = join(__dirname, 'signet.bundle.cjs');
/** Cache files kept: the oldest go beyond it (one per command, bundle and Node version in use). */
const MAX_FILES = 32;
/** A cache file larger than this is not read (the bundle's is ~250 KB). */
const MAX_CACHE_BYTES = 16 * 1024 * 1024;

const setting = process.env.SIGNET_CODE_CACHE ?? '';
const debug = setting === 'debug';
const say = (what: string): void => {
  if (debug) process.stderr.write(`signet code cache: ${what}\n`);
};

const command = process.argv[2];
const dynamicImport = vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
const getuid = process.getuid;
if (setting === '0' || command === undefined || !VERIFIER_COMMANDS.includes(command) || dynamicImport === undefined || getuid === undefined) {
  require(BUNDLE);
} else {
  runCached(command, getuid.call(process));
}

function cacheDir(): string | undefined {
  const xdg = process.env.XDG_CACHE_HOME;
  if (xdg !== undefined && xdg.startsWith('/')) return join(xdg, 'signet', 'code-cache');
  let home = process.env.HOME;
  try {
    home ??= homedir();
  } catch {
    return undefined; // no home folder (a user without a passwd entry): no cache
  }
  return home.startsWith('/') ? join(home, '.cache', 'signet', 'code-cache') : undefined;
}

/**
 * The cache file's bytes if it is one this user alone could have written; 'foreign' for anything
 * else there (a symlink, another's file), left alone; else 'missing' (one may be written).
 */
function readOwn(file: string, uid: number): Buffer | 'missing' | 'foreign' {
  let fd: number;
  try {
    fd = openSync(file, fsc.O_RDONLY | fsc.O_NOFOLLOW);
  } catch (e) {
    // ELOOP: a symlink (O_NOFOLLOW). Anything else (no file, no folder) leaves the place to a write.
    return (e as NodeJS.ErrnoException).code === 'ELOOP' ? 'foreign' : 'missing';
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.uid !== uid || (st.mode & 0o022) !== 0 || st.size > MAX_CACHE_BYTES) {
      say(`${file} ignored: not a regular file of this user writable by no one else`);
      return 'foreign';
    }
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

function runCached(cmd: string, uid: number): void {
  // The bundle starts with a #! line, which is not JavaScript inside the module wrapper: `//` keeps
  // every position (and so the source map) as it was.
  const raw = readFileSync(BUNDLE, 'utf8');
  const source = raw.startsWith('#!') ? `//${raw.slice(2)}` : raw;
  const dir = cacheDir();
  const key = createHash('sha256')
    .update(source)
    .update(`\0${process.version}\0${process.arch}\0${process.execArgv.join(' ')}\0${process.env.NODE_OPTIONS ?? ''}`)
    .digest('hex')
    .slice(0, 32);
  const file = dir === undefined ? undefined : join(dir, `${key}-${cmd}.v8`);
  const found = file === undefined ? 'foreign' : readOwn(file, uid);
  const cachedData = typeof found === 'string' ? undefined : found;
  const script = new vm.Script(Module.wrap(source), { filename: BUNDLE, cachedData, importModuleDynamically: dynamicImport });
  const used = cachedData !== undefined && !script.cachedDataRejected;
  say(cachedData === undefined ? `no cache for ${cmd}` : used ? `used ${file}` : `${file} rejected by V8`);
  // Written when missing or rejected; a foreign file is left as it is.
  if (!used && found !== 'foreign' && file !== undefined && dir !== undefined) {
    process.once('exit', () => write(dir, file, script));
  }
  const mod = new Module(BUNDLE, module);
  mod.filename = BUNDLE;
  mod.paths = module.paths;
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  run.call(mod.exports, mod.exports, Module.createRequire(BUNDLE), mod, BUNDLE, __dirname);
}

/** Writes the bytecode of everything this run compiled; any failure leaves things as they were. */
function write(dir: string, file: string, script: vm.Script): void {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(tmp, script.createCachedData(), { mode: 0o600, flag: 'wx' });
    renameSync(tmp, file);
    say(`wrote ${file}`);
    prune(dir);
  } catch (e) {
    say(`not written: ${(e as Error).message}`);
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was left behind
    }
  }
}

/** Keeps the MAX_FILES most recent cache files (another signet process may be pruning at once). */
function prune(dir: string): void {
  const mtime = (f: string): number => {
    try {
      return statSync(join(dir, f)).mtimeMs;
    } catch {
      return 0;
    }
  };
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.v8'))
    .map((f) => ({ f, t: mtime(f) }))
    .sort((a, b) => b.t - a.t);
  for (const { f } of files.slice(MAX_FILES)) {
    try {
      unlinkSync(join(dir, f));
    } catch {
      // already gone
    }
  }
}
