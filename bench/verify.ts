/**
 * The `verify` scenario: what the verifier costs the people who run it, as whole processes (Node start-up
 * included), timed by this process with the wall clock.
 *
 *  1. `signet verify composer.lock --json` of a BENCH_VERIFY_PACKAGES-package (200) lock in light mode:
 *     cold (empty state folder), warm (after one run, the log unchanged), and warm after the log grew
 *     (BENCH_VERIFY_GROW entries added before each run, as happens between two runs in real life);
 *  2. `signet verify-archive FILE --package P --version V --json` of one archive with a warm state, in
 *     light and in full mode;
 *  3. `signet sync` in full mode of a log of BENCH_VERIFY_SYNC_ENTRIES (20,000) entries into an empty
 *     state folder → entries/s, beside the all-cores Ed25519 floor (the sync checks signatures on one worker per core);
 *  4. the real `composer install` (Composer 2.5) of a BENCH_VERIFY_SMALL (50) and a 200-package project,
 *     with and without the Composer plugin (the plugin then runs one `signet verify-archive --batch`):
 *     cold (empty Composer cache, no vendor/), warm Composer cache, and with an empty signet state.
 *
 * Processes: `signet log serve` runs as a child process (its own event loop), and so does the static
 * server of the Composer repository (testkit/static-server.ts). This process only spawns and waits while
 * anything is timed. The log is populated over POST /add-batch before anything is timed.
 *
 * Workload: BENCH_VERIFY_VENDORS (60) vendors own the project's packages (package k belongs to vendor
 * k mod 60), each package with BENCH_VERIFY_VERSIONS (5) releases in the log (1.0.0 … 1.4.0; the project
 * locks the newest, a real zip made by testkit/verifier.ts `release`). Filler vendors (100 releases each)
 * fill the log up to the sync size; the project's releases are spread evenly among theirs. Every vendor
 * has its own key, so a replay builds one KeyObject per vendor, as in real life.
 *
 * Floors, measured in this run: the wall time of a bare `node -e 0` (what any process costs), of
 * `signet verify-archive --help` (loading the bundled verifier), and Ed25519 verifications/s on one core (worker thread, the real
 * release PAE) just before and just after the sync runs (mean). The Composer figures compare the fastest
 * run with the plugin to the fastest without (another process on this shared machine only ever adds
 * time to a run). BENCH_PROFILE=1 runs one more process of each CLI figure with --cpu-prof and prints
 * its top self-time functions.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os, { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { normalizeVersion, parseEntry } from '../src/ledger/index.js';
import { readLogKey } from '../src/log/logkey.js';
import { type ComposerVersion, p2Json, packagesJson } from '../src/registry/composer-repo.js';
import { encodeBundle } from '../src/tlog/bundle.js';
import type { ComposerProject } from '../testkit/composer.js';
import { composerSkipReason } from '../testkit/composer.js';
import { installPluginProject, runComposer } from '../testkit/composer-plugin.js';
import { Statements, harness } from '../testkit/ledger.js';
import { type Release, release } from '../testkit/verifier.js';
import { ROOT, type Proc, spawnProc, stopProc } from './child.js';
import { summarizeProfile, type ProfileSummary } from './profile.js';
import type { FloorWorkerData, FloorWorkerResult } from './ed25519-floor-worker.js';
import { BACKEND_ENV, chooseEd25519Backend } from '../src/crypto/ed25519-bulk.js';
import { type Figure, type FloorReading, type Scenario, type ScenarioResult, envInt, envNumber, fmt, note } from './lib.js';
import { freePort } from '../testkit/server-process.js';
import { type HttpAnswer, httpExchange } from './http.js';

const ORIGIN = 'bench.signet.example/log';
/** The `signet` executable as installed (package.json bin): the bundle of the verifier's commands (scripts/bundle.ts). */
const CLI = join(ROOT, 'dist', 'signet.cjs');
const STATIC_SERVER = join(ROOT, 'dist', 'testkit', 'static-server.js');
const HOST = '127.0.0.1';
/** Releases per filler vendor (their packages cycle over FILLER_PACKAGES names). */
const FILLER_PER_VENDOR = 100;
const FILLER_PACKAGES = 20;
const BATCH = 256;

// ------------------------------------------------------------ statistics

function sorted(xs: readonly number[]): number[] {
  return [...xs].sort((a, b) => a - b);
}

function median(xs: readonly number[]): number {
  const s = sorted(xs);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const min = (xs: readonly number[]): number => Math.min(...xs);
const round = (x: number, d = 1): number => +x.toFixed(d);

// ------------------------------------------------------------ processes

/** CPU seconds of this process's waited-for children (/proc/self/stat cutime + cstime), or undefined. */
function childrenCpuSeconds(): number | undefined {
  try {
    const text = readFileSync('/proc/self/stat', 'utf8');
    const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // After "pid (comm) ": cutime is field 16, cstime field 17 (USER_HZ = 100 ticks/s).
    return (Number(rest[13]) + Number(rest[14])) / 100;
  } catch {
    return undefined;
  }
}

/** CPU seconds (utime + stime, all threads) of a live process. */
function procCpuSeconds(pid: number): number | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) / 100;
  } catch {
    return undefined;
  }
}

/** CPU seconds all cores spent busy so far (user, nice, system, irq, softirq, steal), from /proc/stat. */
function machineBusySeconds(): number | undefined {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    return (f[0]! + f[1]! + f[2]! + f[5]! + f[6]! + (f[7] ?? 0)) / 100;
  } catch {
    return undefined;
  }
}

/** Long-running children of ours (the log server, the static server) whose CPU is ours, not the machine's other load. */
const ourServers = new Set<number>();
/** Every othersProbe reading of this scenario. */
const othersSeen: number[] = [];

/**
 * How busy the machine was with OTHER work (other users' tests, builds) during a timed run: the CPU the
 * machine spent busy minus ours (this process, the process timed, our servers), in cores. The machine is
 * shared; a run that shows other load is slower for a reason that is not ours.
 */
function othersProbe(): () => number | undefined {
  const busy0 = machineBusySeconds();
  const kids0 = childrenCpuSeconds();
  const srv0 = [...ourServers].map((pid) => procCpuSeconds(pid) ?? 0).reduce((a, b) => a + b, 0);
  const self0 = process.cpuUsage();
  const t0 = performance.now();
  return () => {
    const busy1 = machineBusySeconds();
    const kids1 = childrenCpuSeconds();
    if (busy0 === undefined || busy1 === undefined || kids0 === undefined || kids1 === undefined) return undefined;
    const srv1 = [...ourServers].map((pid) => procCpuSeconds(pid) ?? 0).reduce((a, b) => a + b, 0);
    const self = process.cpuUsage(self0);
    const ours = kids1 - kids0 + (srv1 - srv0) + (self.user + self.system) / 1e6;
    const wall = (performance.now() - t0) / 1000;
    const cores = Math.max(0, round((busy1 - busy0 - ours) / wall, 2));
    othersSeen.push(cores);
    return cores;
  };
}

interface Timed {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Wall time from spawn to the close of its pipes, in ms. */
  readonly ms: number;
  /** CPU time of the process and its children (10 ms resolution), in ms. */
  readonly cpuMs: number | undefined;
  /** CPU time the log server spent meanwhile, in ms. */
  readonly serverCpuMs: number | undefined;
  /** Cores' worth of CPU other processes (not ours) used meanwhile. */
  readonly othersCores: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
}

let serverPid: number | undefined;

/** Spawns `cmd args` and resolves when it exited and closed its pipes; never rejects on an exit code. */
async function timed(cmd: string, args: readonly string[], o: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}): Promise<Timed> {
  const cpu0 = childrenCpuSeconds();
  const srv0 = serverPid === undefined ? undefined : procCpuSeconds(serverPid);
  const others = othersProbe();
  const t0 = performance.now();
  const child = spawn(cmd, [...args], { cwd: o.cwd ?? ROOT, env: o.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => err.push(b));
  const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 10 * 60_000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (c, s) => resolve([c, s]));
  });
  const ms = performance.now() - t0;
  clearTimeout(timer);
  const cpu1 = childrenCpuSeconds();
  const srv1 = serverPid === undefined ? undefined : procCpuSeconds(serverPid);
  const othersCores = others();
  return {
    code,
    signal,
    ms,
    cpuMs: cpu0 === undefined || cpu1 === undefined ? undefined : (cpu1 - cpu0) * 1000,
    serverCpuMs: srv0 === undefined || srv1 === undefined ? undefined : (srv1 - srv0) * 1000,
    othersCores,
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
  };
}





function request(method: 'GET' | 'POST', url: string, body?: Buffer, headers: Record<string, string | number> = {}): Promise<HttpAnswer> {
  return httpExchange(url, body, { method, headers, agent: false });
}

/** Polls `url` until it answers 200 (or the process dies, or 30 s pass). */
async function waitReady(p: Proc, url: string, what: string): Promise<void> {
  const deadline = performance.now() + 30_000;
  for (;;) {
    if (p.exited()) throw new Error(`${what} exited at start-up:\n${p.output()}`);
    const ok = await request('GET', url).then((r) => r.status === 200, () => false);
    if (ok) return;
    if (performance.now() > deadline) {
      p.child.kill('SIGKILL');
      throw new Error(`${what} did not answer ${url} within 30 s:\n${p.output()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

// ------------------------------------------------------------ floors

/** Ed25519 verifications/s on one worker thread (bench/ed25519-floor-worker.ts, as the log scenario). */
async function ed25519OneCore(seconds: number, check: FloorWorkerData): Promise<FloorWorkerResult & { perSecond: number }> {
  const w = new Worker(new URL('./ed25519-floor-worker.js', import.meta.url), { workerData: { ...check, seconds } satisfies FloorWorkerData });
  try {
    await new Promise<void>((resolve, reject) => {
      w.once('message', () => resolve());
      w.once('error', reject);
    });
    const r = await new Promise<FloorWorkerResult>((resolve, reject) => {
      w.once('message', (m: FloorWorkerResult) => resolve(m));
      w.once('error', reject);
      w.postMessage('go');
    });
    return { ...r, perSecond: r.ops / r.seconds };
  } finally {
    await w.terminate();
  }
}

/** Ed25519 verifications/s on one worker per core at the same time (what the sync's workers can reach). */
async function ed25519AllCores(seconds: number, check: FloorWorkerData): Promise<FloorWorkerResult & { perSecond: number }> {
  const rs = await Promise.all(Array.from({ length: Math.max(1, os.cpus().length) }, () => ed25519OneCore(seconds, check)));
  return { ...rs[0]!, ops: rs.reduce((n, r) => n + r.ops, 0), failed: rs.reduce((n, r) => n + r.failed, 0), perSecond: rs.reduce((n, r) => n + r.perSecond, 0) };
}

// ------------------------------------------------------------ profiles

type ProfileTop = ProfileSummary;

/** The top self-time functions of a .cpuprofile, and the project's functions by total time, as % of busy time. */
function profileTop(file: string, n = 15): ProfileTop {
  return summarizeProfile(file, n, /dist\/src\/|better-sqlite3|commander/);
}

function printProfile(label: string, t: ProfileTop): void {
  process.stderr.write(`\nprofile of ${label} (${t.file}): ${t.sampledMs} ms sampled, ${t.busyMs} ms busy (not idle)\n  self time, % of busy:\n`);
  for (const r of t.self) process.stderr.write(`  ${r.pctOfBusy.toFixed(1).padStart(5)}%  ${String(r.ms).padStart(7)} ms  ${r.fn}\n`);
  process.stderr.write('  total time (self + callees) of project functions, % of busy:\n');
  for (const r of t.inclusive) process.stderr.write(`  ${r.pctOfBusy.toFixed(1).padStart(5)}%  ${String(r.ms).padStart(7)} ms  ${r.fn}\n`);
}

// ------------------------------------------------------------ the workload

interface ProjectPackage {
  readonly name: string;
  readonly vendor: string;
  /** The version the project locks (the newest). */
  readonly version: string;
  readonly rel: Release;
  readonly commit: string;
}

interface Workload {
  readonly st: Statements;
  readonly registryKeyBase64: string;
  /** Vendor claims (project and filler vendors), in log order: they go first. */
  readonly claims: Buffer[];
  /** Releases in log order: the project's spread evenly among the filler vendors'. */
  readonly releases: Buffer[];
  readonly packages: ProjectPackage[];
  readonly projectEntries: number;
  readonly fillerVendors: number;
  /** Grow entries made so far (unique package names). */
  grown: number;
}

const vendorKey = (vendor: string): string => `${vendor}-release`;

export function buildWorkload(o: { packages: number; vendors: number; versions: number; entries: number }): Workload {
  const { s } = harness();
  const st = new Statements(s, new Date());
  const vendors = Array.from({ length: Math.min(o.vendors, o.packages) }, (_, i) => `vendor-${String(i).padStart(2, '0')}`);
  const claims: Buffer[] = vendors.map((v) => st.vendor({ vendor: v, keys: [[vendorKey(v), 'full']] }));
  const packages: ProjectPackage[] = [];
  const projectReleases: Buffer[] = [];
  const names = Array.from({ length: o.packages }, (_, k) => ({ vendor: vendors[k % vendors.length]!, name: `${vendors[k % vendors.length]!}/package-${String(k).padStart(3, '0')}` }));
  for (let j = 0; j < o.versions; j++) {
    const version = `1.${j}.0`;
    for (const p of names) {
      if (j < o.versions - 1) {
        projectReleases.push(st.release(p.name, version, [vendorKey(p.vendor)]));
      } else {
        const rel = release(st, p.name, version, [vendorKey(p.vendor)]);
        projectReleases.push(rel.entry);
        packages.push({ name: p.name, vendor: p.vendor, version, rel, commit: createHash('sha1').update(`${p.name}@${version}`).digest('hex') });
      }
    }
  }
  const projectEntries = claims.length + projectReleases.length;
  // Filler vendors up to the log size: a claim and up to FILLER_PER_VENDOR releases each.
  const fillerReleases: Buffer[] = [];
  let fillerVendors = 0;
  let left = o.entries - projectEntries;
  while (left > 1) {
    const v = `filler-${String(fillerVendors).padStart(3, '0')}`;
    fillerVendors++;
    claims.push(st.vendor({ vendor: v, keys: [[vendorKey(v), 'full']] }));
    left--;
    for (let m = 0; m < FILLER_PER_VENDOR && left > 0; m++, left--) {
      fillerReleases.push(st.release(`${v}/lib-${m % FILLER_PACKAGES}`, `1.${Math.floor(m / FILLER_PACKAGES)}.0`, [vendorKey(v)]));
    }
  }
  // Spread the project's releases evenly among the filler's (each list keeps its own order).
  const releases: Buffer[] = [];
  const total = projectReleases.length + fillerReleases.length;
  let pi = 0;
  let fi = 0;
  for (let i = 0; i < total; i++) {
    const wantProject = Math.floor(((i + 1) * projectReleases.length) / total) > pi;
    if ((wantProject && pi < projectReleases.length) || fi >= fillerReleases.length) releases.push(projectReleases[pi++]!);
    else releases.push(fillerReleases[fi++]!);
  }
  return { st, registryKeyBase64: s.key('registry').publicKey.raw.toString('base64'), claims, releases, packages, projectEntries, fillerVendors, grown: 0 };
}

/** Submits entries in order through POST /add-batch (BATCH per request, one request at a time). */
export async function submitAll(logUrl: string, entries: readonly Buffer[]): Promise<{ ok: number; errors: string[] }> {
  let ok = 0;
  const errors: string[] = [];
  for (let i = 0; i < entries.length; i += BATCH) {
    const r = await request('POST', `${logUrl}/add-batch`, encodeBundle(entries.slice(i, i + BATCH)), { 'content-type': 'application/vnd.signet.entry-bundle' });
    if (r.status !== 200) {
      errors.push(`POST /add-batch answered ${r.status}: ${r.body.toString('utf8').slice(0, 300)}`);
      continue;
    }
    for (const res of (JSON.parse(r.body.toString('utf8')) as { results: { index?: number; error?: { code: string; message: string } }[] }).results) {
      if (res.error === undefined) ok++;
      else if (errors.length < 5) errors.push(`${res.error.code}: ${res.error.message}`);
    }
  }
  return { ok, errors };
}

// ------------------------------------------------------------ the verifier's side

export function writeSignetJson(dir: string, w: Workload, verifierKey: string, logUrl: string, mode: 'light' | 'full'): void {
  const config = {
    logs: [{ origin: ORIGIN, verifierKey, url: logUrl, mirrors: [] }],
    registryKeys: [w.registryKeyBase64],
    coreKey: null,
    mode,
    breakGlass: 'reject',
  };
  writeFileSync(join(dir, 'signet.json'), JSON.stringify(config, null, 2) + '\n');
}

function lockOf(pkgs: readonly ProjectPackage[], distUrl: (p: ProjectPackage) => string): string {
  return JSON.stringify(
    {
      _readme: ['generated by bench/verify.ts'],
      'content-hash': createHash('md5').update(pkgs.map((p) => p.name).join()).digest('hex'),
      packages: pkgs.map((p) => ({
        name: p.name,
        version: p.version,
        dist: { type: 'zip', url: distUrl(p), reference: p.commit, shasum: p.rel.sha1 },
        type: 'library',
        autoload: { 'psr-4': { 'Acme\\': 'src/' } },
      })),
      'packages-dev': [],
    },
    null,
    4,
  );
}

/** A summary of one CLI answer: exit code, and (for verify / verify-archive) how many results were ok. */
function cliOutcome(r: Timed, expectResults: number | undefined): string | undefined {
  if (r.code !== 0) return `exit ${r.code ?? r.signal}: ${(r.stdout + r.stderr).replace(/\s+/g, ' ').trim().slice(0, 600)}`;
  if (expectResults === undefined) return undefined;
  try {
    const o = JSON.parse(r.stdout.trim()) as { ok?: boolean; results?: { ok?: boolean }[] };
    const good = (o.results ?? []).filter((x) => x.ok === true).length;
    if (o.ok !== true || good !== expectResults) return `ok=${String(o.ok)}, ${good} of ${expectResults} results ok`;
  } catch {
    return `not JSON: ${r.stdout.slice(0, 200)}`;
  }
  return undefined;
}

interface Series {
  readonly runs: Timed[];
  readonly medianMs: number;
  readonly minMs: number;
}

function series(runs: Timed[]): Series {
  return { runs, medianMs: median(runs.map((r) => r.ms)), minMs: min(runs.map((r) => r.ms)) };
}

function runDetails(s: Series): Record<string, unknown> {
  const cpu = s.runs.map((r) => r.cpuMs).filter((x): x is number => x !== undefined);
  const srv = s.runs.map((r) => r.serverCpuMs).filter((x): x is number => x !== undefined);
  return {
    runs: s.runs.length,
    medianMs: round(s.medianMs),
    minMs: round(s.minMs),
    maxMs: round(Math.max(...s.runs.map((r) => r.ms))),
    wallMs: s.runs.map((r) => round(r.ms)),
    processCpuMsMedian: cpu.length === 0 ? undefined : round(median(cpu)),
    logServerCpuMsMedian: srv.length === 0 ? undefined : round(median(srv)),
    otherLoadCores: s.runs.map((r) => r.othersCores ?? null),
  };
}

/** Bytes of the files under `dir` by file name (e.g. entries.db, light.db, checkpoint). */
function folderBytes(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out[e.name] = (out[e.name] ?? 0) + statSync(p).size;
    }
  };
  try {
    walk(dir);
  } catch {
    // an empty record
  }
  return out;
}

// ------------------------------------------------------------ Composer

interface StaticSite {
  readonly proc: Proc;
  readonly url: string;
}

/** testkit/static-server.ts in a child process; resolves with its URL. */
async function startStatic(root: string): Promise<StaticSite> {
  const code = `const { serveStatic } = await import(${JSON.stringify(pathToFileURL(STATIC_SERVER).href)}); const s = await serveStatic(process.argv[1]); process.stdout.write(s.url + '\\n');`;
  const proc = spawnProc('composer repository', process.execPath, ['--input-type=module', '-e', code, root]);
  const deadline = performance.now() + 30_000;
  for (;;) {
    const m = /^(http:\/\/127\.0\.0\.1:\d+)$/m.exec(proc.output());
    if (m !== null) return { proc, url: m[1]! };
    if (proc.exited() || performance.now() > deadline) {
      proc.child.kill('SIGKILL');
      throw new Error(`the static server did not start:\n${proc.output()}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface ComposerRun {
  readonly ms: number;
  readonly cpuMs: number | undefined;
  readonly othersCores: number | undefined;
  /** How long the plugin waited for signet once the downloads were done ("one run of signet, 0.02 s after the downloads"), in ms. */
  readonly signetMs: number | undefined;
  readonly installed: number;
  readonly problem: string | undefined;
}

const VERIFIED_LINE = /signet: (\d+) archives? verified.*\(one run of signet, ([\d.]+) s after the downloads\)/;

/**
 * Writes out the file system's dirty pages (`sync -f`) before a timed Composer run. Without it, the
 * write-back of the previous run's files (a cold 200-package run writes ~1,000) and of the deletion of
 * vendor/ and the cache just made (on an ext4 mounted with `discard`, with a TRIM per freed extent) falls
 * inside the next timed run: on the bench's 200-package projects, the median run was 2.18 s without and
 * 2.03 s with the disk settled first (10 runs each, alternating with the plugin disabled).
 */
function settleDisk(dir: string): void {
  try {
    execFileSync('sync', ['-f', dir], { stdio: 'ignore', timeout: 60_000 });
  } catch {
    // no `sync -f` (not coreutils): the runs are timed as before
  }
}

/** `composer install` after removing vendor/ (and the Composer cache when `cold`). */
async function composerInstall(
  p: ComposerProject,
  env: Record<string, string>,
  o: { cold: boolean; plugin: boolean; expected: number; disabled?: boolean; extraArgs?: readonly string[]; saveOutput?: string },
): Promise<ComposerRun> {
  rmSync(join(p.dir, 'vendor'), { recursive: true, force: true });
  if (o.cold) rmSync(join(p.home, 'cache'), { recursive: true, force: true });
  settleDisk(p.dir);
  const cpu0 = childrenCpuSeconds();
  const others = othersProbe();
  const t0 = performance.now();
  const r = await runComposer(p, ['install', '--no-progress', '--no-ansi', '--no-interaction', ...(o.extraArgs ?? [])], env);
  const ms = performance.now() - t0;
  const cpu1 = childrenCpuSeconds();
  const othersCores = others();
  const text = r.stdout + r.stderr;
  if (o.saveOutput !== undefined) {
    mkdirSync(dirname(o.saveOutput), { recursive: true });
    writeFileSync(o.saveOutput, text);
  }
  let installed = 0;
  try {
    const j = JSON.parse(readFileSync(join(p.dir, 'vendor', 'composer', 'installed.json'), 'utf8')) as { packages?: unknown[] };
    installed = j.packages?.length ?? 0;
  } catch {
    // counted as 0
  }
  const m = VERIFIED_LINE.exec(text);
  let problem: string | undefined;
  const want = o.expected + (o.plugin ? 1 : 0);
  if (r.code !== 0) problem = `composer exited ${r.code ?? r.signal}: ${text.trim().slice(-600)}`;
  else if (installed !== want) problem = `${installed} packages installed, expected ${want}`;
  else if (o.disabled === true && !/SIGNET_PLUGIN_DISABLE is set/.test(text)) problem = 'the plugin did not say it was disabled';
  else if (o.disabled === true && m !== null) problem = 'the disabled plugin ran signet';
  else if (o.plugin && o.disabled !== true && (m === null || Number(m[1]) !== o.expected)) problem = `the plugin did not report ${o.expected} archives verified: ${text.trim().slice(-400)}`;
  else if (!o.plugin && /signet:/.test(text)) problem = 'the plugin ran in the project without it';
  return {
    ms,
    cpuMs: cpu0 === undefined || cpu1 === undefined ? undefined : (cpu1 - cpu0) * 1000,
    othersCores,
    signetMs: m === null ? undefined : Number(m[2]) * 1000,
    installed,
    problem,
  };
}

interface ComposerSeries {
  readonly runs: ComposerRun[];
  readonly medianMs: number;
  readonly minMs: number;
}

function cseries(runs: ComposerRun[]): ComposerSeries {
  return { runs, medianMs: median(runs.map((r) => r.ms)), minMs: min(runs.map((r) => r.ms)) };
}

function cdetails(s: ComposerSeries): Record<string, unknown> {
  const signet = s.runs.map((r) => r.signetMs).filter((x): x is number => x !== undefined);
  const cpu = s.runs.map((r) => r.cpuMs).filter((x): x is number => x !== undefined);
  return {
    runs: s.runs.length,
    medianMs: round(s.medianMs),
    minMs: round(s.minMs),
    wallMs: s.runs.map((r) => round(r.ms)),
    cpuMsMedian: cpu.length === 0 ? undefined : round(median(cpu)),
    otherLoadCores: s.runs.map((r) => r.othersCores ?? null),
    signetMsAsReportedByThePlugin: signet.length === 0 ? undefined : signet.map((x) => round(x)),
  };
}

// ------------------------------------------------------------ the scenario

async function run(): Promise<ScenarioResult> {
  const packagesN = envInt('BENCH_VERIFY_PACKAGES', 200);
  const smallN = Math.min(packagesN, envInt('BENCH_VERIFY_SMALL', 50));
  const vendorsN = envInt('BENCH_VERIFY_VENDORS', 60);
  const versionsN = envInt('BENCH_VERIFY_VERSIONS', 5);
  const entriesWanted = envInt('BENCH_VERIFY_SYNC_ENTRIES', 20_000);
  const runs = envInt('BENCH_VERIFY_RUNS', 5);
  const syncRuns = envInt('BENCH_VERIFY_SYNC_RUNS', 3);
  const composerRuns = envInt('BENCH_VERIFY_COMPOSER_RUNS', 7);
  const composerOn = process.env.BENCH_VERIFY_COMPOSER !== '0';
  const grow = envInt('BENCH_VERIFY_GROW', 10);
  const seconds = envNumber('BENCH_SECONDS', 1);
  const profile = process.env.BENCH_PROFILE === '1';
  const warnings: string[] = [];
  const figures: Figure[] = [];
  const floors: FloorReading[] = [];
  const loadStart = os.loadavg();
  othersSeen.length = 0;
  const profileDir = join(ROOT, 'bench', 'results', 'profiles', `verify-${new Date().toISOString().replace(/:/g, '-')}`);
  const profiles: Record<string, ProfileTop> = {};

  const dir = mkdtempSync(join(tmpdir(), 'signet-bench-verify-'));
  const emptyConfig = join(dir, 'config');
  mkdirSync(emptyConfig);
  const cliEnv = (state: string): NodeJS.ProcessEnv => ({ ...process.env, XDG_STATE_HOME: state, XDG_CONFIG_HOME: emptyConfig, HOME: dir });
  const freshState = (label: string): string => mkdtempSync(join(dir, `state-${label}-`));
  const signet = (args: readonly string[], state: string, nodeArgs: readonly string[] = []): Promise<Timed> =>
    timed(process.execPath, [...nodeArgs, CLI, ...args], { env: cliEnv(state), cwd: dir });

  let logProc: Proc | undefined;
  let site: StaticSite | undefined;
  const composerProjects: ComposerProject[] = [];
  try {
    // ---------------------------------------------------------------- workload
    note(`signing the workload: ${fmt(packagesN)} packages of ${vendorsN} vendors × ${versionsN} versions, filler up to ${fmt(entriesWanted)} entries`);
    const tSign = performance.now();
    const w = buildWorkload({ packages: packagesN, vendors: vendorsN, versions: versionsN, entries: entriesWanted });
    const allEntries = [...w.claims, ...w.releases];
    const logSize = allEntries.length;
    let signatures = 0;
    for (const e of allEntries) signatures += parseEntry(e).signatures.length;
    const sigsPerEntry = signatures / logSize;
    note(`${fmt(logSize)} entries (${fmt(w.projectEntries)} of the project's vendors, ${w.fillerVendors} filler vendors), ${sigsPerEntry.toFixed(4)} signatures per entry, signed in ${((performance.now() - tSign) / 1000).toFixed(1)} s`);
    if (logSize < entriesWanted) warnings.push(`the log holds ${logSize} entries, fewer than BENCH_VERIFY_SYNC_ENTRIES=${entriesWanted}`);

    const sample = parseEntry(w.packages[0]!.rel.entry);
    const check: FloorWorkerData = {
      publicKey: w.st.s.key(vendorKey(w.packages[0]!.vendor)).publicKey.raw,
      message: sample.pae,
      signature: Buffer.from(sample.signatures[0]!.sig, 'base64'),
      seconds,
      // The backend the sync's workers use (the same choice: SIGNET_ED25519, else node:crypto).
      backend: chooseEd25519Backend(process.env[BACKEND_ENV], 'openssl').backend,
    };

    // ---------------------------------------------------------------- floors (before)
    note(`floors: ${runs} × bare node, ${runs} × signet verify-archive --help`);
    const bare: Timed[] = [];
    const verifierHelp: Timed[] = [];
    for (let i = 0; i < runs; i++) {
      bare.push(await timed(process.execPath, ['-e', '0']));
      verifierHelp.push(await timed(process.execPath, [CLI, 'verify-archive', '--help'], { env: cliEnv(dir) }));
    }
    const bareMs = median(bare.map((r) => r.ms));
    const verifierHelpMs = median(verifierHelp.map((r) => r.ms));
    const bareFloor = { name: 'bare node', value: bareMs, unit: 'ms', basis: `median wall time of ${runs} bare \`node -e 0\` processes spawned the same way (what any process costs)` };

    // ---------------------------------------------------------------- the log
    const dataDir = join(dir, 'log');
    mkdirSync(dataDir, { mode: 0o700 });
    const port = await freePort();
    const logUrl = `http://${HOST}:${port}`;
    note(`starting the log server: node dist/src/cli/main.js log serve --data <tmp> --listen ${HOST}:${port} --origin ${ORIGIN}`);
    logProc = spawnProc('signet log serve', process.execPath, [CLI, 'log', 'serve', '--data', dataDir, '--listen', `${HOST}:${port}`, '--origin', ORIGIN, '--registry-key', w.registryKeyBase64]);
    await waitReady(logProc, `${logUrl}/checkpoint`, 'the log server');
    serverPid = logProc.pid;
    ourServers.add(logProc.pid);
    const verifierKey = readLogKey(dataDir).verifierKey;
    note(`populating the log over POST /add-batch (${BATCH} entries per request)`);
    const tPop = performance.now();
    const c1 = await submitAll(logUrl, w.claims);
    const c2 = await submitAll(logUrl, w.releases);
    const populated = c1.ok + c2.ok;
    note(`${fmt(populated)} entries admitted in ${((performance.now() - tPop) / 1000).toFixed(1)} s`);
    if (populated !== logSize) throw new Error(`the log admitted ${populated} of ${logSize} entries: ${[...c1.errors, ...c2.errors].join('; ')}`);

    // ---------------------------------------------------------------- projects
    const lightProj = join(dir, 'project-light');
    const fullProj = join(dir, 'project-full');
    for (const [p, mode] of [[lightProj, 'light'], [fullProj, 'full']] as const) {
      mkdirSync(p);
      writeSignetJson(p, w, verifierKey, logUrl, mode);
      writeFileSync(join(p, 'composer.lock'), lockOf(w.packages, (x) => `https://repo.example/dist/${x.name}/${x.version}.zip`));
    }
    const one = w.packages[0]!;
    const archive = join(dir, `${one.name.replace('/', '-')}-${one.version}.zip`);
    writeFileSync(archive, one.rel.zip);
    const verifyArgs = (p: string): string[] => ['verify', 'composer.lock', '--project', p, '--json'];
    const archiveArgs = (p: string): string[] => ['verify-archive', archive, '--package', one.name, '--version', one.version, '--project', p, '--json'];

    /** The runs that did what they should; the others become a warning and are left out of the figure. */
    const outcome = (label: string, rs: Timed[], expect: number | undefined, more?: (r: Timed) => string | undefined): Timed[] => {
      const verdicts = rs.map((r) => cliOutcome(r, expect) ?? more?.(r));
      const bad = verdicts.filter((x): x is string => x !== undefined);
      if (bad.length > 0) warnings.push(`${label}: ${bad.length} of ${rs.length} runs failed (left out of the figure): ${bad[0]!.replace(/\s+/g, ' ')}`);
      return rs.filter((_, i) => verdicts[i] === undefined);
    };
    const profiled = async (id: string, args: readonly string[], state: string): Promise<void> => {
      if (!profile) return;
      const out = join(profileDir, id);
      const r = await signet(args, state, ['--cpu-prof', `--cpu-prof-dir=${out}`]);
      if (r.code !== 0) warnings.push(`${id}: the profiled run exited ${r.code}`);
      try {
        const f = readdirSync(out).find((x) => x.endsWith('.cpuprofile'));
        if (f !== undefined) {
          profiles[id] = profileTop(join(out, f));
          printProfile(`${id} (wall ${fmt(r.ms)} ms)`, profiles[id]!);
        }
      } catch (e) {
        warnings.push(`${id}: cannot read the profile: ${(e as Error).message}`);
      }
    };

    // ---------------------------------------------------------------- 1. light: cold, warm
    note(`signet verify (light), cold: ${runs} runs, each with an empty state folder`);
    const coldRuns: Timed[] = [];
    const coldStates: string[] = [];
    for (let i = 0; i < runs; i++) {
      coldStates.push(freshState('light-cold'));
      coldRuns.push(await signet(verifyArgs(lightProj), coldStates[i]!));
    }
    const coldRunsOk = outcome('verify light cold', coldRuns, packagesN);
    // The warm light-mode figures use the state of the last cold run that succeeded.
    const lightState = coldStates[coldRuns.lastIndexOf(coldRunsOk[coldRunsOk.length - 1]!)] ?? coldStates[coldStates.length - 1]!;
    await profiled('verify-light-cold', verifyArgs(lightProj), freshState('light-cold-prof'));
    const cold = series(coldRunsOk);

    note(`signet verify (light), warm: ${runs} runs on the state of the last cold run`);
    const warmRuns: Timed[] = [];
    for (let i = 0; i < runs; i++) warmRuns.push(await signet(verifyArgs(lightProj), lightState));
    const warmRunsOk = outcome('verify light warm', warmRuns, packagesN);
    await profiled('verify-light-warm', verifyArgs(lightProj), lightState);
    const warm = series(warmRunsOk);

    // ---------------------------------------------------------------- 2. verify-archive, light, warm
    note(`signet verify-archive (light), warm: ${runs} runs`);
    await signet(archiveArgs(lightProj), lightState); // this vendor's lookup is already cached; make sure
    const vaLightRuns: Timed[] = [];
    for (let i = 0; i < runs; i++) vaLightRuns.push(await signet(archiveArgs(lightProj), lightState));
    const vaLightRunsOk = outcome('verify-archive light warm', vaLightRuns, 1);
    await profiled('verify-archive-light-warm', archiveArgs(lightProj), lightState);
    const vaLight = series(vaLightRunsOk);

    // What the Composer plugin runs once per Composer run: every archive of the project in one batch.
    note(`signet verify-archive --batch of ${packagesN} archives (light), warm: ${runs} runs`);
    const archivesDir = join(dir, 'archives');
    mkdirSync(archivesDir);
    const batchFile = join(dir, 'batch.json');
    writeFileSync(
      batchFile,
      JSON.stringify({
        archives: w.packages.map((p) => {
          const file = join(archivesDir, `${p.name.replace('/', '-')}-${p.version}.zip`);
          writeFileSync(file, p.rel.zip);
          return { file, package: p.name, version: p.version };
        }),
      }),
    );
    const batchArgs = ['verify-archive', '--batch', batchFile, '--project', lightProj, '--json'];
    const vaBatchRuns: Timed[] = [];
    for (let i = 0; i < runs; i++) vaBatchRuns.push(await signet(batchArgs, lightState));
    const vaBatchRunsOk = outcome('verify-archive --batch light warm', vaBatchRuns, packagesN);
    await profiled('verify-archive-batch-light-warm', batchArgs, lightState);
    const vaBatch = series(vaBatchRunsOk);

    // ---------------------------------------------------------------- 3. full: sync, then warm verify and verify-archive
    note(`signet sync (full) of ${fmt(logSize)} entries: ${syncRuns} runs, each with an empty state folder`);
    // The sync's floor is measured just before and just after it (the machine is shared: the load changes).
    note(`floor: Ed25519 verify on all cores (${seconds} s), before the sync`);
    const edBefore = await ed25519AllCores(seconds, check);
    const syncRunsT: Timed[] = [];
    const syncStates: string[] = [];
    for (let i = 0; i < syncRuns; i++) {
      syncStates.push(freshState('full'));
      syncRunsT.push(await signet(['sync', '--project', fullProj, '--json'], syncStates[i]!));
    }
    note(`floor: Ed25519 verify on all cores (${seconds} s), after the sync`);
    const edAfter = await ed25519AllCores(seconds, check);
    const syncOk = outcome('sync full', syncRunsT, undefined, (r) => {
      const fetched = (JSON.parse(r.stdout) as { fetched?: number }).fetched;
      return fetched === logSize ? undefined : `fetched ${String(fetched)} entries, expected ${logSize}`;
    });
    // The warm full-mode figures use the state of the last sync that succeeded.
    const fullState = syncStates[syncRunsT.lastIndexOf(syncOk[syncOk.length - 1]!)] ?? syncStates[syncStates.length - 1]!;
    await profiled('sync-full', ['sync', '--project', fullProj, '--json'], freshState('full-prof'));
    const sync = series(syncOk);

    note(`signet verify (full), warm: ${runs} runs`);
    const fullWarmRuns: Timed[] = [];
    for (let i = 0; i < runs; i++) fullWarmRuns.push(await signet(verifyArgs(fullProj), fullState));
    const fullWarmRunsOk = outcome('verify full warm', fullWarmRuns, packagesN);
    await profiled('verify-full-warm', verifyArgs(fullProj), fullState);
    const fullWarm = series(fullWarmRunsOk);

    note(`signet verify-archive (full), warm: ${runs} runs`);
    const vaFullRuns: Timed[] = [];
    for (let i = 0; i < runs; i++) vaFullRuns.push(await signet(archiveArgs(fullProj), fullState));
    const vaFullRunsOk = outcome('verify-archive full warm', vaFullRuns, 1);
    await profiled('verify-archive-full-warm', archiveArgs(fullProj), fullState);
    const vaFull = series(vaFullRunsOk);

    // ---------------------------------------------------------------- 4. light, warm, after the log grew
    note(`signet verify (light), warm, the log grown by ${grow} entries before each of ${runs} runs`);
    const grownRuns: Timed[] = [];
    const growBy = async (): Promise<void> => {
      w.st.time = new Date();
      const fresh: Buffer[] = [];
      for (let i = 0; i < grow; i++, w.grown++) fresh.push(w.st.release(`filler-000/grown-${w.grown}`, '1.0.0', [vendorKey('filler-000')]));
      const r = await submitAll(logUrl, fresh);
      if (r.ok !== grow) warnings.push(`growing the log: ${r.ok} of ${grow} entries admitted: ${r.errors.join('; ')}`);
    };
    for (let i = 0; i < runs; i++) {
      await growBy();
      grownRuns.push(await signet(verifyArgs(lightProj), lightState));
    }
    const grownRunsOk = outcome('verify light warm (log grown)', grownRuns, packagesN);
    if (profile) {
      await growBy();
      await profiled('verify-light-warm-grown', verifyArgs(lightProj), lightState);
    }
    const grown = series(grownRunsOk);

    // ---------------------------------------------------------------- 5. Composer
    let composer: Record<string, ComposerSeries> | undefined;
    let composerNote: string | undefined;
    const skip = composerOn ? composerSkipReason() : 'BENCH_VERIFY_COMPOSER=0';
    if (skip !== false) {
      composerNote = `Composer figures skipped: ${skip}`;
      warnings.push(composerNote);
    } else {
      try {
        composer = await composerFigures();
      } catch (e) {
        composerNote = `Composer figures failed: ${(e as Error).message}`;
        warnings.push(composerNote);
      }
    }

    async function composerFigures(): Promise<Record<string, ComposerSeries>> {
      const siteDir = join(dir, 'site');
      mkdirSync(siteDir);
      site = await startStatic(siteDir);
      ourServers.add(site.proc.pid);
      note(`Composer repository: ${site.url} (testkit/static-server.ts in a child process), ${packagesN} zips`);
      const names: string[] = [];
      for (const p of w.packages) {
        const rel = `dist/${p.name}/${p.name.replace('/', '-')}-${p.version}.zip`;
        mkdirSync(dirname(join(siteDir, rel)), { recursive: true });
        writeFileSync(join(siteDir, rel), p.rel.zip);
        const v: ComposerVersion = {
          composerJson: JSON.parse(p.rel.files[0]!.data.toString('utf8')) as Record<string, unknown>,
          prettyVersion: p.version,
          normalizedVersion: normalizeVersion(p.version),
          distUrl: `${site.url}/${rel}`,
          sha1: p.rel.sha1,
          reference: p.commit,
          time: w.st.time.toISOString().replace(/\.\d+Z$/, 'Z'),
        };
        const file = join(siteDir, 'p2', `${p.name}.json`);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, JSON.stringify(p2Json(p.name, [v])));
        names.push(p.name);
      }
      writeFileSync(join(siteDir, 'packages.json'), JSON.stringify(packagesJson({ packageNames: names })));

      const wrapper = join(dir, 'signet-wrapper');
      writeFileSync(wrapper, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} "$@"\n`);
      chmodSync(wrapper, 0o755);
      const composerState = freshState('composer');
      const env = { SIGNET_BIN: wrapper, XDG_STATE_HOME: composerState, XDG_CONFIG_HOME: emptyConfig };

      const make = async (n: number, plugin: boolean): Promise<ComposerProject> => {
        const require: Record<string, string> = {};
        for (const p of w.packages.slice(0, n)) require[p.name] = p.version;
        const proj = await installPluginProject({ repositoryUrl: site!.url, require, requirePlugin: plugin });
        composerProjects.push(proj);
        writeSignetJson(proj.dir, w, verifierKey, logUrl, 'light');
        // composer.lock, made once (not timed): `composer install` in CI installs from a lock.
        const r = await runComposer(proj, ['update', '--no-progress', '--no-ansi', '--no-interaction'], env);
        if (r.code !== 0) throw new Error(`composer update (${n} packages, plugin ${plugin}) exited ${r.code}: ${(r.stdout + r.stderr).trim().slice(-800)}`);
        if (!existsSync(join(proj.dir, 'composer.lock'))) throw new Error('composer update wrote no composer.lock');
        return proj;
      };
      const out = new Map<string, ComposerRun[]>();
      const problems: string[] = [];
      /** A run that went wrong becomes a warning and is left out of its figure. */
      const keep = (key: string, r: ComposerRun): void => {
        if (r.problem !== undefined) problems.push(`${key}: ${r.problem.replace(/\s+/g, ' ')}`);
        else out.set(key, [...(out.get(key) ?? []), r]);
      };
      for (const n of [smallN, packagesN]) {
        note(`composer update (${n} packages, with and without the plugin) to make composer.lock; not timed`);
        const without = await make(n, false);
        const withP = await make(n, true);
        // The large project also runs with the plugin installed but SIGNET_PLUGIN_DISABLE=1: its cost without
        // its signet run (the PHP side: installing and loading the plugin, wrapping the downloaders).
        const variants = n === packagesN ? (['without', 'with', 'disabled'] as const) : (['without', 'with'] as const);
        note(`composer install, ${n} packages, cold (no vendor/, empty Composer cache): ${composerRuns} runs each of ${variants.join(', ')}, in rotating order`);
        for (let i = 0; i < composerRuns; i++) {
          for (let j = 0; j < variants.length; j++) {
            const v = variants[(i + j) % variants.length]!;
            const r =
              v === 'without'
                ? await composerInstall(without, env, { cold: true, plugin: false, expected: n })
                : v === 'with'
                  ? await composerInstall(withP, env, { cold: true, plugin: true, expected: n })
                  : await composerInstall(withP, { ...env, SIGNET_PLUGIN_DISABLE: '1' }, { cold: true, plugin: true, disabled: true, expected: n });
            keep(`${n}-cold-${v}`, r);
          }
        }
        if (n === packagesN && profile) {
          // Composer's own timeline (`--profile -vv`: memory and elapsed time on every line) of one more cold run of each variant.
          for (const v of variants) {
            const file = join(profileDir, `composer-${n}-cold-${v}.txt`);
            const extra = { extraArgs: ['--profile', '-vv'], saveOutput: file, cold: true, expected: n };
            if (v === 'without') await composerInstall(without, env, { ...extra, plugin: false });
            else if (v === 'with') await composerInstall(withP, env, { ...extra, plugin: true });
            else await composerInstall(withP, { ...env, SIGNET_PLUGIN_DISABLE: '1' }, { ...extra, plugin: true, disabled: true });
            note(`Composer's --profile output: ${relative(ROOT, file)}`);
          }
        }
        if (n === packagesN) {
          note(`composer install, ${n} packages, warm Composer cache (no vendor/): ${composerRuns} runs each, alternating`);
          for (let i = 0; i < composerRuns; i++) {
            const order = i % 2 === 0 ? [false, true] : [true, false];
            for (const plugin of order) keep(`${n}-warm-${plugin ? 'with' : 'without'}`, await composerInstall(plugin ? withP : without, env, { cold: false, plugin, expected: n }));
          }
          note(`composer install, ${n} packages, cold, with the plugin and an empty signet state: ${composerRuns} runs`);
          for (let i = 0; i < composerRuns; i++) {
            keep(`${n}-cold-with-signet-cold`, await composerInstall(withP, { ...env, XDG_STATE_HOME: freshState('composer-cold') }, { cold: true, plugin: true, expected: n }));
          }
        }
      }
      if (problems.length > 0) warnings.push(`Composer: ${problems.length} runs went wrong (left out of the figures): ${problems.slice(0, 3).join('; ')}`);
      const res: Record<string, ComposerSeries> = {};
      for (const [k, v] of out) res[k] = cseries(v);
      return res;
    }

    // ---------------------------------------------------------------- floors (after)
    if (edBefore.failed > 0 || edAfter.failed > 0) warnings.push('the Ed25519 floor signature did not verify: the floor is meaningless');
    const ed = (edBefore.perSecond + edAfter.perSecond) / 2;

    floors.push(
      { id: 'bare-node', name: 'bare `node -e 0`, wall time (median)', value: bareMs, unit: 'ms', details: { wallMs: bare.map((r) => round(r.ms)) } },
      { id: 'signet-verifier-help', name: '`signet verify-archive --help` (loading the bundled verifier), wall time (median)', value: verifierHelpMs, unit: 'ms', details: { wallMs: verifierHelp.map((r) => round(r.ms)) } },
      { id: 'ed25519-all-cores', name: `Ed25519 verify (${check.backend === 'libsodium' ? 'libsodium' : 'node:crypto'}), all cores (one worker thread per core; ${check.message.length} B PAE), around the sync`, value: ed, unit: 'verifications/s', details: { before: edBefore, after: edAfter } },
    );

    // ---------------------------------------------------------------- figures
    const npmRef = 'npm audit signatures: ~2 s for 500 packages';
    const tag = (x: Series): string => ` (median of ${x.runs.length}; min ${fmt(x.minMs)} ms)`;
    figures.push({
      id: 'verify-light-cold',
      name: `signet verify, ${packagesN}-package composer.lock, light, cold (empty state)${tag(cold)}`,
      value: cold.medianMs,
      unit: 'ms',
      better: 'lower',
      floor: bareFloor,
      target: { kind: 'max', value: 1500, unit: 'ms' },
      reference: npmRef,
      details: { ...runDetails(cold), vendors: Math.min(vendorsN, packagesN), entriesOfThoseVendors: w.projectEntries, note: 'fetches each of those entries and its inclusion proof; 8 vendors at a time' },
    });
    figures.push({
      id: 'verify-light-warm',
      name: `signet verify, ${packagesN}-package composer.lock, light, warm (log unchanged)${tag(warm)}`,
      value: warm.medianMs,
      unit: 'ms',
      better: 'lower',
      floor: bareFloor,
      target: { kind: 'max', value: 300, unit: 'ms' },
      reference: npmRef,
      details: { ...runDetails(warm), stateBytes: folderBytes(lightState) },
    });
    figures.push({
      id: 'verify-light-warm-grown',
      name: `signet verify, ${packagesN}-package composer.lock, light, warm, log grew by ${grow}${tag(grown)}`,
      value: grown.medianMs,
      unit: 'ms',
      better: 'lower',
      floor: bareFloor,
      target: { kind: 'max', value: 300, unit: 'ms' },
      details: { ...runDetails(grown), note: 'a consistency proof, then one lookup per vendor (the log size changed), and the new entries of those vendors (none here)' },
    });
    figures.push({
      id: 'verify-archive-light-warm',
      name: `signet verify-archive, one archive, light, warm${tag(vaLight)}`,
      value: vaLight.medianMs,
      unit: 'ms',
      better: 'lower',
      floor: bareFloor,
      target: { kind: 'max', value: 150, unit: 'ms' },
      details: runDetails(vaLight),
    });
    figures.push({
      id: 'verify-archive-batch-light-warm',
      name: `signet verify-archive --batch, ${packagesN} archives, light, warm${tag(vaBatch)}`,
      value: vaBatch.medianMs,
      unit: 'ms',
      better: 'lower',
      floor: bareFloor,
      reference: 'what the Composer plugin runs, once per Composer run',
      details: runDetails(vaBatch),
    });
    const syncRate = logSize / (sync.medianMs / 1000);
    const syncFloor = ed / sigsPerEntry;
    figures.push({
      id: 'sync-full',
      name: `signet sync, full mode, ${fmt(logSize)} entries, empty state (median of ${sync.runs.length}; best ${fmt(logSize / (sync.minMs / 1000))}/s)`,
      value: syncRate,
      unit: 'entries/s',
      better: 'higher',
      floor: {
        name: 'Ed25519, all cores',
        value: syncFloor,
        unit: 'entries/s',
        basis: `Ed25519 verifications/s on one worker thread per core at once (mean of the measurements just before and just after the sync runs) ÷ ${sigsPerEntry.toFixed(4)} signatures per entry (vendor claims carry 2). The sync checks signatures on one worker per core and replays on the main thread. SHA-256 (leaf hash + ~1 node hash per entry) is ~2% of it and not included`,
      },
      target: { kind: 'min', value: syncFloor / 2, unit: 'entries/s' },
      details: { ...runDetails(sync), entries: logSize, signatures, bestRate: logSize / (sync.minMs / 1000), stateBytes: folderBytes(fullState) },
    });
    figures.push({
      id: 'verify-full-warm',
      name: `signet verify, ${packagesN}-package composer.lock, full, warm (after sync)${tag(fullWarm)}`,
      value: fullWarm.medianMs,
      unit: 'ms',
      better: 'lower',
      floor: bareFloor,
      details: runDetails(fullWarm),
    });
    figures.push({
      id: 'verify-archive-full-warm',
      name: `signet verify-archive, one archive, full, warm${tag(vaFull)}`,
      value: vaFull.medianMs,
      unit: 'ms',
      better: 'lower',
      floor: bareFloor,
      target: { kind: 'max', value: 150, unit: 'ms' },
      details: runDetails(vaFull),
    });

    if (composer !== undefined) {
      // The machine is shared: another process running during one Composer run adds seconds to it, never
      // takes any away. So the Composer figures compare the best (least disturbed) run of each side; the
      // medians, every run, and signet's own time as the plugin measured it are in the details.
      const overhead = (id: string, label: string, withKey: string, withoutKey: string, target: boolean, extra: Record<string, unknown> = {}): void => {
        const a = composer![withKey];
        const b = composer![withoutKey];
        if (a === undefined || b === undefined) return;
        const signetMs = a.runs.map((r) => r.signetMs).filter((x): x is number => x !== undefined);
        const cpu = (s: ComposerSeries): number => median(s.runs.map((r) => r.cpuMs ?? NaN));
        figures.push({
          id,
          name: `${label} (best of ${a.runs.length} − best of ${b.runs.length})`,
          value: a.minMs - b.minMs,
          unit: 'ms',
          better: 'lower',
          floor: bareFloor,
          ...(target ? { target: { kind: 'max' as const, value: 150, unit: 'ms' } } : {}),
          details: {
            note: 'fastest run with the plugin − fastest run without',
            relativePercent: round(((a.minMs - b.minMs) / b.minMs) * 100, 2),
            medianDifferenceMs: round(a.medianMs - b.medianMs),
            pairedDifferencesMs: a.runs.map((r, i) => (b.runs[i] === undefined ? null : round(r.ms - b.runs[i]!.ms))),
            cpuDifferenceMsOfMedians: round(cpu(a) - cpu(b)),
            signetMsMedianAsReportedByThePlugin: signetMs.length === 0 ? undefined : round(median(signetMs)),
            with: cdetails(a),
            without: cdetails(b),
            ...extra,
          },
        });
      };
      for (const n of [smallN, packagesN]) {
        const a = composer[`${n}-cold-with`];
        const b = composer[`${n}-cold-without`];
        if (a !== undefined && b !== undefined) {
          figures.push({
            id: `composer-${n}-cold`,
            name: `composer install, ${n} packages, cold, with the plugin (best of ${a.runs.length})`,
            value: a.minMs / 1000,
            unit: 's',
            better: 'lower',
            floor: {
              name: 'without the plugin',
              value: b.minMs / 1000,
              unit: 's',
              basis: `the fastest of ${b.runs.length} \`composer install\` of the same ${n} packages without the plugin, alternating with the runs with it (no vendor/, empty Composer cache)`,
            },
            ...(n === packagesN ? { target: { kind: 'max' as const, value: (b.minMs * 1.1) / 1000, unit: 's' } } : {}),
            details: {
              with: cdetails(a),
              without: cdetails(b),
              relativeOverheadPercent: round(((a.minMs - b.minMs) / b.minMs) * 100, 2),
              relativeOverheadPercentOfMedians: round(((a.medianMs - b.medianMs) / b.medianMs) * 100, 2),
            },
          });
        }
        overhead(`composer-${n}-cold-overhead`, `plugin overhead, ${n} packages, cold install`, `${n}-cold-with`, `${n}-cold-without`, true);
      }
      overhead(`composer-${packagesN}-cold-disabled-overhead`, `plugin overhead without its signet run (SIGNET_PLUGIN_DISABLE=1), ${packagesN} packages, cold`, `${packagesN}-cold-disabled`, `${packagesN}-cold-without`, false, {
        meaning: 'the PHP side of the plugin: installing it from its path repository, loading it, wrapping the downloaders, collecting the archives',
      });
      overhead(`composer-${packagesN}-warm-overhead`, `plugin overhead, ${packagesN} packages, warm Composer cache`, `${packagesN}-warm-with`, `${packagesN}-warm-without`, true);
      overhead(`composer-${packagesN}-cold-signet-cold-overhead`, `plugin overhead, ${packagesN} packages, cold install, empty signet state`, `${packagesN}-cold-with-signet-cold`, `${packagesN}-cold-without`, false, {
        baseline: 'the cold runs without the plugin above',
      });
    }

    if (Object.keys(profiles).length > 0) figures[0] = { ...figures[0]!, details: { ...figures[0]!.details, profileDir: relative(ROOT, profileDir) } };

    return {
      params: {
        packages: packagesN,
        smallProject: smallN,
        vendors: Math.min(vendorsN, packagesN),
        versionsPerPackage: versionsN,
        logEntries: logSize,
        projectVendorEntries: w.projectEntries,
        fillerVendors: w.fillerVendors,
        signaturesPerEntry: +sigsPerEntry.toFixed(4),
        runs,
        syncRuns,
        composerRuns: composer === undefined ? 0 : composerRuns,
        growBy: grow,
        otherLoadCoresMedian: median(othersSeen),
        otherLoadCoresMax: othersSeen.length === 0 ? NaN : Math.max(...othersSeen),
        loadAverageAtStart: loadStart.map((x) => x.toFixed(2)).join(' '),
        loadAverageAtEnd: os.loadavg().map((x) => x.toFixed(2)).join(' '),
      },
      floors,
      localFloors: { ed25519: { before: edBefore, after: edAfter }, ...(Object.keys(profiles).length > 0 ? { profiles } : {}) },
      figures,
      warnings,
    };
  } finally {
    serverPid = undefined;
    ourServers.clear();
    if (site !== undefined) await stopProc(site.proc);
    if (logProc !== undefined) await stopProc(logProc);
    for (const p of composerProjects) await p.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const verify: Scenario = {
  name: 'verify',
  summary: 'the verifier as whole processes: signet verify of a 200-package lock (light, cold/warm), verify-archive, sync entries/s beside Ed25519, composer install with and without the plugin',
  run,
};
