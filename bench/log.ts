/**
 * The `log` scenario: ingest over HTTP into the real log server (`signet log serve`, a child process
 * with its own event loop and its signature-verification worker threads), with durable storage.
 *
 * Entries are realistic signed release statements (~1.1 KB DSSE envelopes, built with testkit/ledger.ts
 * `Statements`, dated now): one vendor claim for `acme` vouched by the registry key, then releases
 * `acme/widget-<i>` version `1.0.<j>` signed by the vendor key. So every entry costs the log one
 * Ed25519 verification, one ledger rule check, a durable SQLite commit (shared by the batch) and one
 * inclusion proof; every batch costs one checkpoint signature.
 *
 * Figures:
 *  1. sustained entries/s from BENCH_LOG_CLIENTS (64) concurrent keep-alive clients (closed loop) over
 *     BENCH_LOG_ENTRIES (20,000) entries, after BENCH_LOG_WARMUP (2,000) entries that are not timed;
 *  2. p50 / p99 time from submission to the answer with its inclusion proof, open loop at a fixed
 *     offered load of BENCH_LOG_RATE (1,000) entries/s for BENCH_LOG_SECONDS (10) s;
 *  3. server and client CPU per entry, the server's peak RSS and the mean batch (entries per checkpoint).
 * Floors, measured in this run before the server starts and after it stops: Ed25519 verifications/s on
 * all cores (one worker thread per core) and on one core, over the PAE of a real release entry, and the
 * latency of one durable write (4 KiB append + fdatasync) in the log's data folder.
 *
 * Every answer is checked, after its phase (answers are kept raw during the timed window so checking
 * costs no client CPU inside it): status 200, a distinct index, leafHash = SHA-256(0x00 ‖ entry), the
 * checkpoint's signature under the log key (read from the data folder, never from the server), its size,
 * and the inclusion proof from the leaf to the checkpoint's root. BENCH_PROFILE=1 runs the server with
 * --cpu-prof and prints the top self-time functions of each thread.
 */
import { closeSync, fdatasyncSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statfsSync, writeSync } from 'node:fs';
import http from 'node:http';
import os, { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ed25519NoteVerifier, openNote } from '../src/crypto/note.js';
import { parseEntry } from '../src/ledger/index.js';
import { readLogKey } from '../src/log/logkey.js';
import { parseCheckpoint } from '../src/tlog/checkpoint.js';
import { leafHash } from '../src/tlog/hash.js';
import { encodeBundle } from '../src/tlog/bundle.js';
import { type HttpAnswer, httpExchange } from './http.js';
import { LeanConnection } from './lean-http.js';
import { verifyInclusion } from '../src/tlog/proof.js';
import { Statements, harness } from '../testkit/ledger.js';
import { type Proc, ROOT, runNode, spawnProc, stopProc } from './child.js';
import { summarizeProfile } from './profile.js';
import type { FloorWorkerData, FloorWorkerResult } from './ed25519-floor-worker.js';
import { BACKEND_ENV, type Ed25519Backend, chooseEd25519Backend } from '../src/crypto/ed25519-bulk.js';
import { type Figure, type FloorReading, type Scenario, type ScenarioResult, envInt, envNumber, fmt, measureRate, note } from './lib.js';
import { freePort } from '../testkit/server-process.js';

const ORIGIN = 'bench.signet.example/log';
const VENDOR = 'acme';
const VENDOR_KEY = 'acme-release';
/** Releases cycle over this many packages: entry k is acme/widget-<k mod PACKAGES> version 1.0.<k div PACKAGES>. */
const PACKAGES = 1000;
const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');

// ------------------------------------------------------------ statements

interface Workload {
  readonly st: Statements;
  readonly registryKeyBase64: string;
  /** Next release number (releases are numbered across phases so none repeats). */
  next: number;
}

function workload(): Workload {
  const { s } = harness();
  return { st: new Statements(s, new Date()), registryKeyBase64: s.key('registry').publicKey.raw.toString('base64'), next: 0 };
}

/** `count` release entries dated now (the log refuses statements more than 5 minutes off its clock). */
function releases(w: Workload, count: number): Buffer[] {
  w.st.time = new Date();
  const out: Buffer[] = [];
  for (let n = 0; n < count; n++, w.next++) {
    out.push(w.st.release(`${VENDOR}/widget-${w.next % PACKAGES}`, `1.0.${Math.floor(w.next / PACKAGES)}`, [VENDOR_KEY]));
  }
  return out;
}

/** Entries far from ~1 KB would not measure what this scenario claims to measure. */
const ENTRY_BYTES_RANGE = [900, 1400] as const;

// ------------------------------------------------------------ floors

interface Ed25519Floor {
  readonly perSecond: number;
  readonly workers: readonly FloorWorkerResult[];
}

/** Ed25519 verifications/s summed over `threads` worker threads running at the same time. */
async function ed25519Floor(threads: number, seconds: number, check: { publicKey: Buffer; message: Buffer; signature: Buffer }, backend: Ed25519Backend): Promise<Ed25519Floor> {
  const url = new URL('./ed25519-floor-worker.js', import.meta.url);
  const data: FloorWorkerData = { publicKey: check.publicKey, message: check.message, signature: check.signature, seconds, backend };
  const workers = Array.from({ length: threads }, () => new Worker(url, { workerData: data }));
  try {
    await Promise.all(workers.map((w) => new Promise<void>((resolve, reject) => {
      w.once('message', () => resolve());
      w.once('error', reject);
    })));
    const results = await Promise.all(
      workers.map(
        (w) =>
          new Promise<FloorWorkerResult>((resolve, reject) => {
            w.once('message', (m: FloorWorkerResult) => resolve(m));
            w.once('error', reject);
            w.postMessage('go');
          }),
      ),
    );
    return { perSecond: results.reduce((s, r) => s + r.ops / r.seconds, 0), workers: results };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

interface FsyncFloor {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly count: number;
}

/** Latency of one durable write in `dir`: append 4 KiB to a file and fdatasync, repeated for ~`seconds` (at most 500 times). */
function fsyncFloor(dir: string, seconds: number): FsyncFloor {
  const path = join(dir, 'bench-fsync-floor');
  const fd = openSync(path, 'w');
  const block = Buffer.alloc(4096, 0x42);
  const times: number[] = [];
  try {
    const end = performance.now() + seconds * 1000;
    while ((times.length < 20 || performance.now() < end) && times.length < 500) {
      const t = performance.now();
      writeSync(fd, block);
      fdatasyncSync(fd);
      times.push(performance.now() - t);
    }
  } finally {
    closeSync(fd);
    rmSync(path, { force: true });
  }
  times.sort((a, b) => a - b);
  return { p50Ms: quantile(times, 0.5), p99Ms: quantile(times, 0.99), count: times.length };
}

interface FloorSet {
  /** On the backend the log checks signatures with. */
  readonly allCores: Ed25519Floor;
  readonly oneCore: Ed25519Floor;
  /** node:crypto on all cores, for reference, when the log uses another backend. */
  readonly allCoresOpenssl: Ed25519Floor | undefined;
  readonly fsync: FsyncFloor;
}

async function measureFloorSet(dir: string, seconds: number, check: { publicKey: Buffer; message: Buffer; signature: Buffer }, backend: Ed25519Backend): Promise<FloorSet> {
  const allCores = await ed25519Floor(os.availableParallelism(), seconds, check, backend);
  const oneCore = await ed25519Floor(1, seconds, check, backend);
  const allCoresOpenssl = backend === 'openssl' ? undefined : await ed25519Floor(os.availableParallelism(), seconds, check, 'openssl');
  const fsync = fsyncFloor(dir, Math.min(seconds, 1));
  return { allCores, oneCore, allCoresOpenssl, fsync };
}

// ------------------------------------------------------------ statistics

/** The q-quantile of sorted values (nearest rank). */
function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

const mean2 = (a: number, b: number): number => (a + b) / 2;

// ------------------------------------------------------------ the server child

/** /proc reports CPU time in USER_HZ ticks, 100 on every Linux that matters (`getconf CLK_TCK`). */
const TICKS_PER_SECOND = 100;

interface ProcCpu {
  /** CPU seconds of the whole process (threads that exited included). */
  readonly total: number;
  /** CPU seconds of the main thread (the event loop). */
  readonly main: number;
  /** CPU seconds by thread name (comm), over live threads. */
  readonly byThread: Record<string, number>;
}

function statTimes(text: string): { comm: string; seconds: number } {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  const rest = text.slice(close + 2).split(' ');
  // After "pid (comm) ": state is field 3, utime field 14, stime field 15.
  return { comm: text.slice(open + 1, close), seconds: (Number(rest[11]) + Number(rest[12])) / TICKS_PER_SECOND };
}

function procCpu(pid: number): ProcCpu | undefined {
  try {
    const total = statTimes(readFileSync(`/proc/${pid}/stat`, 'utf8')).seconds;
    let main = 0;
    const byThread: Record<string, number> = {};
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      let t;
      try {
        t = statTimes(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8'));
      } catch {
        continue; // the thread exited meanwhile
      }
      if (Number(tid) === pid) main = t.seconds;
      const name = Number(tid) === pid ? 'main (event loop)' : t.comm;
      byThread[name] = (byThread[name] ?? 0) + t.seconds;
    }
    return { total, main, byThread };
  } catch {
    return undefined;
  }
}

function cpuDelta(a: ProcCpu | undefined, b: ProcCpu | undefined): ProcCpu | undefined {
  if (a === undefined || b === undefined) return undefined;
  const byThread: Record<string, number> = {};
  for (const [k, v] of Object.entries(b.byThread)) byThread[k] = +(v - (a.byThread[k] ?? 0)).toFixed(3);
  return { total: b.total - a.total, main: b.main - a.main, byThread };
}

function procStatusKb(pid: number, field: string): number | undefined {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m === null ? undefined : Number(m[1]);
  } catch {
    return undefined;
  }
}


/** The log server: a child process (bench/child.ts) and where it listens. */
interface Server extends Proc {
  readonly host: string;
  readonly port: number;
}

async function startServer(dataDir: string, registryKey: string, nodeArgs: readonly string[]): Promise<Server> {
  const port = await freePort();
  const host = '127.0.0.1';
  const proc = spawnProc('signet log serve', process.execPath, [
    ...nodeArgs, CLI, 'log', 'serve', '--data', dataDir, '--listen', `${host}:${port}`, '--origin', ORIGIN, '--registry-key', registryKey,
    ...(process.env.BENCH_LOG_VERIFY_THREADS === undefined ? [] : ['--verify-threads', process.env.BENCH_LOG_VERIFY_THREADS]),
  ]);
  const server: Server = { ...proc, host, port };
  const deadline = performance.now() + 30_000;
  for (;;) {
    if (server.exited()) throw new Error(`the log server exited at start-up:\n${server.output()}`);
    const ok = await httpExchange({ host, port, path: '/checkpoint', agent: false }).then((r) => r.status === 200, () => false);
    if (ok) return server;
    if (performance.now() > deadline) {
      server.child.kill('SIGKILL');
      throw new Error(`the log server did not answer GET /checkpoint within 30 s:\n${server.output()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** SIGTERM (the server drains and closes cleanly, which also writes --cpu-prof profiles), SIGKILL after 60 s. */
function stopServer(s: Server): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return stopProc(s, 'SIGTERM', 60_000);
}

// ------------------------------------------------------------ HTTP

interface Answer {
  readonly status: number;
  readonly body: Buffer;
  /** ms from the submission's reference time (intended send time in the open loop) to the whole answer. */
  readonly ms: number;
  /** ms from the actual send to the whole answer. */
  readonly serviceMs: number;
}

function post(agent: http.Agent, s: Server, body: Buffer): Promise<HttpAnswer> {
  return httpExchange({ host: s.host, port: s.port, method: 'POST', path: '/add', agent, headers: { 'content-type': 'application/json' } }, body);
}

/** Times one exchange as an Answer from `reference`; a failed exchange is status 0 with the error as body. */
async function timedAnswer(reference: number, exchange: () => Promise<HttpAnswer>): Promise<Answer> {
  const sent = performance.now();
  try {
    const r = await exchange();
    const now = performance.now();
    return { status: r.status, body: r.body, ms: now - reference, serviceMs: now - sent };
  } catch (e) {
    const now = performance.now();
    return { status: 0, body: Buffer.from(String((e as Error).message ?? e)), ms: now - reference, serviceMs: now - sent };
  }
}

function submit(agent: http.Agent, s: Server, body: Buffer, reference: number): Promise<Answer> {
  return timedAnswer(reference, () => post(agent, s, body));
}

interface Phase {
  readonly answers: Answer[];
  readonly seconds: number;
  /** Client CPU seconds (user + system) of this process during the phase. */
  readonly clientCpu: number;
  readonly serverCpu: ProcCpu | undefined;
}

/**
 * Runs `clients` closed-loop clients to completion, each on its own keep-alive connection (a lean
 * HTTP/1.1 client, bench/lean-http.ts: the load generator shares the server's cores), timing the
 * wall clock and both sides' CPU. Connections are opened before the clock starts.
 */
async function timeClients(s: Server, clients: number, client: (conn: LeanConnection) => Promise<void>): Promise<Omit<Phase, 'answers'>> {
  const conns = await Promise.all(Array.from({ length: clients }, () => LeanConnection.open(s.host, s.port)));
  const cpu0 = process.cpuUsage();
  const srv0 = procCpu(s.pid);
  const t0 = performance.now();
  try {
    await Promise.all(conns.map(client));
  } finally {
    for (const c of conns) c.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  const srv1 = procCpu(s.pid);
  const cpu = process.cpuUsage(cpu0);
  return { seconds, clientCpu: (cpu.user + cpu.system) / 1e6, serverCpu: cpuDelta(srv0, srv1) };
}

/** One POST on a lean connection, as an Answer. */
function leanSubmit(conn: LeanConnection, path: string, contentType: string, body: Buffer, reference: number): Promise<Answer> {
  return timedAnswer(reference, () => conn.post(path, contentType, body));
}

/** Closed loop: `clients` concurrent clients, each sending its next entry when its previous answer arrives. */
async function closedLoop(s: Server, entries: readonly Buffer[], clients: number): Promise<Phase> {
  const answers: Answer[] = new Array<Answer>(entries.length);
  let next = 0;
  const client = async (conn: LeanConnection): Promise<void> => {
    for (;;) {
      const i = next++;
      if (i >= entries.length) return;
      answers[i] = await leanSubmit(conn, '/add', 'application/json', entries[i]!, performance.now());
    }
  };
  return { answers, ...(await timeClients(s, clients, client)) };
}

/**
 * Closed loop over POST /add-batch: `clients` clients each send `batch` entries per request (an entry
 * bundle) and wait for the answer. Each entry's result is checked exactly like a POST /add answer.
 */
async function batchedLoop(s: Server, entries: readonly Buffer[], clients: number, batch: number): Promise<Phase> {
  const answers: Answer[] = new Array<Answer>(entries.length);
  // Raw answers per request, split into per-entry answers after the timed window (like the other
  // phases, checking costs no client CPU inside it).
  const raw: { from: number; to: number; status: number; body: Buffer; ms: number }[] = [];
  // The request bodies are encoded before the timed window, as the entries are signed before it: the
  // load generator shares the server's cores, and its own work is not what this phase measures.
  const bodies: Buffer[] = [];
  for (let from = 0; from < entries.length; from += batch) bodies.push(encodeBundle(entries.slice(from, from + batch)));
  let next = 0;
  const client = async (conn: LeanConnection): Promise<void> => {
    for (;;) {
      const from = next;
      next += batch;
      if (from >= entries.length) return;
      const to = Math.min(entries.length, from + batch);
      const a = await leanSubmit(conn, '/add-batch', 'application/vnd.signet.entry-bundle', bodies[from / batch]!, performance.now());
      raw.push({ from, to, status: a.status, body: a.body, ms: a.serviceMs });
    }
  };
  const timing = await timeClients(s, clients, client);
  for (const r of raw) {
    const results = r.status === 200 ? (JSON.parse(r.body.toString('utf8')) as { results: { error?: { status?: number } }[] }).results : [];
    for (let i = r.from; i < r.to; i++) {
      const res = results[i - r.from];
      const st = r.status !== 200 ? r.status : res === undefined ? 0 : res.error !== undefined ? (res.error.status ?? 400) : 200;
      answers[i] = { status: st, body: Buffer.from(JSON.stringify(res ?? {})), ms: r.ms, serviceMs: r.ms };
    }
  }
  return { answers, ...timing };
}

/**
 * Open loop: entry i is due at start + i/rate and is sent then (a 1 ms timer sends whatever is due),
 * whether or not earlier answers arrived. Latency counts from the due time, so a late send (timer
 * jitter, a busy client) is charged to the figure rather than hidden (no coordinated omission).
 */
async function openLoop(s: Server, entries: readonly Buffer[], rate: number): Promise<Phase & { sendSeconds: number; maxInFlight: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });
  const answers: Answer[] = new Array<Answer>(entries.length);
  const pending: Promise<void>[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const cpu0 = process.cpuUsage();
  const srv0 = procCpu(s.pid);
  const t0 = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const due = Math.min(entries.length, Math.floor(((performance.now() - t0) / 1000) * rate) + 1);
      while (sent < due) {
        const i = sent++;
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        pending.push(
          submit(agent, s, entries[i]!, t0 + (i * 1000) / rate).then((a) => {
            answers[i] = a;
            inFlight--;
          }),
        );
      }
      if (sent >= entries.length) {
        clearInterval(timer);
        resolve();
      }
    };
    const timer = setInterval(tick, 1);
    tick();
  });
  const sendSeconds = (performance.now() - t0) / 1000;
  await Promise.all(pending);
  const seconds = (performance.now() - t0) / 1000;
  const srv1 = procCpu(s.pid);
  const cpu = process.cpuUsage(cpu0);
  agent.destroy();
  return { answers, seconds, sendSeconds, maxInFlight, clientCpu: (cpu.user + cpu.system) / 1e6, serverCpu: cpuDelta(srv0, srv1) };
}

/**
 * Empties what a finished phase no longer needs (its entries and answers, once checked): the load
 * generator shares the server's cores, and carrying them would make its garbage collections, charged
 * to the later phases, mark tens of megabytes more (seen: five full collections in the batched phase).
 */
function release(...arrays: unknown[][]): void {
  for (const a of arrays) a.length = 0;
}

// ------------------------------------------------------------ checking the answers

interface Checked {
  readonly ok: number;
  readonly failures: Record<string, number>;
  readonly examples: string[];
  /** Distinct checkpoint sizes among the answers: one per batch that held some of these entries. */
  readonly checkpoints: number;
  readonly proofsVerified: number;
  readonly indexes: { min: number; max: number };
}

class AnswerChecker {
  private readonly notes = new Map<string, { size: number; root: Buffer } | Error>();
  private readonly seen = new Set<number>();
  private readonly verifier;

  constructor(verifierKey: string) {
    this.verifier = ed25519NoteVerifier(verifierKey);
  }

  private checkpoint(noteText: string): { size: number; root: Buffer } | Error {
    let c = this.notes.get(noteText);
    if (c === undefined) {
      try {
        const { text } = openNote(noteText, [this.verifier]);
        const cp = parseCheckpoint(text);
        c = cp.origin === ORIGIN ? { size: cp.size, root: cp.root } : new Error(`checkpoint origin ${cp.origin}`);
      } catch (e) {
        c = e instanceof Error ? e : new Error(String(e));
      }
      this.notes.set(noteText, c);
    }
    return c;
  }

  check(entries: readonly Buffer[], answers: readonly Answer[]): Checked {
    const failures: Record<string, number> = {};
    const examples: string[] = [];
    const sizes = new Set<number>();
    let ok = 0;
    let proofsVerified = 0;
    let min = Infinity;
    let max = -Infinity;
    const fail = (kind: string, detail: string): void => {
      failures[kind] = (failures[kind] ?? 0) + 1;
      if (examples.length < 5) examples.push(`${kind}: ${detail.slice(0, 400)}`);
    };
    answers.forEach((a, i) => {
      if (a === undefined) return fail('no answer', `entry ${i}`);
      if (a.status !== 200) return fail(`HTTP ${a.status}`, a.body.toString('utf8'));
      let r: { index?: unknown; size?: unknown; leafHash?: unknown; proof?: unknown; checkpoint?: unknown };
      try {
        r = JSON.parse(a.body.toString('utf8')) as typeof r;
      } catch {
        return fail('not JSON', a.body.toString('utf8'));
      }
      const { index, size } = r;
      if (typeof index !== 'number' || typeof size !== 'number' || !Number.isSafeInteger(index) || !(index < size)) {
        return fail('bad index/size', `index ${String(index)} size ${String(size)}`);
      }
      if (this.seen.has(index)) return fail('index given twice', String(index));
      this.seen.add(index);
      const lh = leafHash(entries[i]!);
      if (r.leafHash !== lh.toString('base64')) return fail('leafHash is not SHA-256(0x00 ‖ entry)', `index ${index}`);
      if (typeof r.checkpoint !== 'string') return fail('no checkpoint', `index ${index}`);
      const cp = this.checkpoint(r.checkpoint);
      if (cp instanceof Error) return fail('checkpoint does not verify under the log key', cp.message);
      if (cp.size !== size) return fail('checkpoint size differs from the answer size', `${cp.size} vs ${size}`);
      if (!Array.isArray(r.proof) || !r.proof.every((p) => typeof p === 'string')) return fail('no proof', `index ${index}`);
      try {
        verifyInclusion(index, size, lh, (r.proof as string[]).map((p) => Buffer.from(p, 'base64')), cp.root);
      } catch (e) {
        return fail('inclusion proof does not verify', (e as Error).message);
      }
      proofsVerified++;
      sizes.add(size);
      min = Math.min(min, index);
      max = Math.max(max, index);
      ok++;
    });
    return { ok, failures, examples, checkpoints: sizes.size, proofsVerified, indexes: { min, max } };
  }
}

// ------------------------------------------------------------ profiles


// ------------------------------------------------------------ the scenario

async function run(): Promise<ScenarioResult> {
  const entriesN = envInt('BENCH_LOG_ENTRIES', 20_000);
  const clients = envInt('BENCH_LOG_CLIENTS', 64);
  const batchClients = envInt('BENCH_LOG_BATCH_CLIENTS', 8);
  const batchSize = envInt('BENCH_LOG_BATCH', 64);
  const warmupN = envInt('BENCH_LOG_WARMUP', 2_000, 0);
  const rate = envNumber('BENCH_LOG_RATE', 1000);
  const openSeconds = envNumber('BENCH_LOG_SECONDS', 10);
  const seconds = envNumber('BENCH_SECONDS', 1);
  const profile = process.env.BENCH_PROFILE === '1';
  const openN = Math.max(1, Math.round(rate * openSeconds));
  const warnings: string[] = [];
  const figures: Figure[] = [];
  const loadStart = os.loadavg();
  const cores = os.availableParallelism();

  const w = workload();
  const dir = mkdtempSync(join(tmpdir(), 'signet-bench-log-'));
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  let server: Server | undefined;
  try {
    // The floor's check is a real one: the vendor key over the PAE of a release entry.
    const sample = parseEntry(w.st.release(`${VENDOR}/widget-floor`, '9.9.9', [VENDOR_KEY]));
    // The backend the log server will check signatures with (the same choice: SIGNET_ED25519, else libsodium when it loads).
    const backend = chooseEd25519Backend(process.env[BACKEND_ENV], 'libsodium').backend;
    const lib = backend === 'libsodium' ? 'libsodium' : 'node:crypto';
    const check = {
      publicKey: w.st.s.key(VENDOR_KEY).publicKey.raw,
      message: sample.pae,
      signature: Buffer.from(sample.signatures[0]!.sig, 'base64'),
    };
    note(`floors: Ed25519 verify (${lib}, as the log) on ${cores} cores and on one${backend === 'openssl' ? '' : ', node:crypto on all cores for reference'} (${seconds} s each), fsync latency in the data folder`);
    const before = await measureFloorSet(dataDir, seconds, check, backend);
    if ([...before.allCores.workers, ...before.oneCore.workers].some((r) => r.failed > 0)) warnings.push('the Ed25519 floor signature did not verify: the floor is meaningless');

    note('baseline: peak RSS of a bare node process');
    const bare = await runNode(undefined, []);

    const profileDir = join(ROOT, 'bench', 'results', 'profiles', `log-${new Date().toISOString().replace(/:/g, '-')}`);
    const nodeArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
    note(`starting the log server: node dist/src/cli/main.js log serve --data ${dataDir} --listen 127.0.0.1:<port> --registry-key <registry key>${profile ? ' (with --cpu-prof)' : ''}`);
    server = await startServer(dataDir, w.registryKeyBase64, nodeArgs);
    const rssAfterStartKb = procStatusKb(server.pid, 'VmRSS');
    const verifierKey = readLogKey(dataDir).verifierKey;
    const checker = new AnswerChecker(verifierKey);

    // The vendor claim: vouched by the registry, signed by the vendor key.
    const claim = w.st.vendor({ vendor: VENDOR, keys: [[VENDOR_KEY, 'full']] });
    const claimAnswer = await submit(new http.Agent({ keepAlive: false }), server, claim, performance.now());
    const claimCheck = checker.check([claim], [claimAnswer]);
    if (claimCheck.ok !== 1) throw new Error(`the log refused the vendor claim: ${claimCheck.examples.join('; ')}`);

    note(`signing ${fmt(warmupN + entriesN)} release statements (warm-up + sustained)`);
    const warm = releases(w, warmupN);
    const sustained = releases(w, entriesN);
    const sizes = sustained.map((e) => e.length).sort((a, b) => a - b);
    const entryBytes = { min: sizes[0]!, median: quantile(sizes, 0.5), max: sizes[sizes.length - 1]! };
    note(`entry size: median ${entryBytes.median} B (min ${entryBytes.min}, max ${entryBytes.max})`);
    if (entryBytes.median < ENTRY_BYTES_RANGE[0] || entryBytes.median > ENTRY_BYTES_RANGE[1]) {
      warnings.push(`the median entry is ${entryBytes.median} B, outside the ${ENTRY_BYTES_RANGE.join('–')} B this scenario is meant to measure`);
    }

    // Parsing is the largest part of the log's (and every verifier's) own work per entry besides the
    // signature check: measured alone here, in this process, on the entries about to be submitted.
    note(`parsing the ${fmt(entriesN)} entries in this process (parseEntry), ${seconds} s`);
    let cursor = 0;
    let paeBytes = 0; // kept, so that no parse can be optimised away
    const parseRate = measureRate(
      (n) => {
        for (let i = 0; i < n; i++) paeBytes += parseEntry(sustained[cursor++ % sustained.length]!).pae.length;
      },
      { seconds, batchSize: 256 },
    );

    if (warmupN > 0) {
      note(`warm-up: ${fmt(warmupN)} entries, ${clients} clients`);
      const wp = await closedLoop(server, warm, clients);
      const wc = checker.check(warm, wp.answers);
      if (wc.ok !== warmupN) warnings.push(`warm-up: ${warmupN - wc.ok} of ${warmupN} answers failed: ${wc.examples.join('; ')}`);
      release(warm, wp.answers);
    }

    // 1. Sustained, closed loop.
    note(`sustained: ${fmt(entriesN)} entries, ${clients} concurrent keep-alive clients`);
    const sp = await closedLoop(server, sustained, clients);
    const sc = checker.check(sustained, sp.answers);
    if (sc.ok !== entriesN) warnings.push(`sustained: ${entriesN - sc.ok} of ${entriesN} answers failed (${JSON.stringify(sc.failures)}): ${sc.examples.join('; ')}`);
    const sLat = sp.answers.map((a) => a.ms).sort((a, b) => a - b);
    release(sustained, sp.answers);

    // 2. Open loop at a fixed offered load.
    note(`signing ${fmt(openN)} release statements for the open loop`);
    const openEntries = releases(w, openN);
    note(`open loop: ${fmt(rate)} entries/s offered for ${openSeconds} s (${fmt(openN)} entries)`);
    const op = await openLoop(server, openEntries, rate);
    const oc = checker.check(openEntries, op.answers);
    if (oc.ok !== openN) warnings.push(`open loop: ${openN - oc.ok} of ${openN} answers failed (${JSON.stringify(oc.failures)}): ${oc.examples.join('; ')}`);
    const oLat = op.answers.filter((a) => a?.status === 200).map((a) => a.ms).sort((a, b) => a - b);
    const oService = op.answers.filter((a) => a?.status === 200).map((a) => a.serviceMs).sort((a, b) => a - b);
    release(openEntries, op.answers);

    // 3. Sustained through POST /add-batch (bulk submitters: registries, mirrors).
    note(`signing ${fmt(entriesN)} release statements for the batched phase`);
    const batchedEntries = releases(w, entriesN);
    note(`batched: ${fmt(entriesN)} entries, ${batchClients} clients x ${batchSize} entries per POST /add-batch`);
    const bp = await batchedLoop(server, batchedEntries, batchClients, batchSize);
    const bc = checker.check(batchedEntries, bp.answers);
    if (bc.ok !== entriesN) warnings.push(`batched: ${entriesN - bc.ok} of ${entriesN} answers failed (${JSON.stringify(bc.failures)}): ${bc.examples.join('; ')}`);

    // The log's own view at the end: every entry sent is in it.
    const expectedSize = 1 + warmupN + entriesN + openN + entriesN;
    const finalCheckpoint = (await httpExchange({ host: server.host, port: server.port, path: '/checkpoint', agent: false })).body.toString('utf8');
    let finalSize: number | undefined;
    try {
      finalSize = parseCheckpoint(openNote(finalCheckpoint, [ed25519NoteVerifier(verifierKey)]).text).size;
    } catch (e) {
      warnings.push(`the final checkpoint does not verify: ${(e as Error).message}`);
    }
    if (finalSize !== undefined && finalSize !== expectedSize) warnings.push(`the final checkpoint has size ${finalSize}, expected ${expectedSize}`);

    const serverHwmKb = procStatusKb(server.pid, 'VmHWM');
    const serverRssKb = procStatusKb(server.pid, 'VmRSS');
    note('stopping the log server (SIGTERM)');
    const stopped = await stopServer(server);
    if (stopped.code !== 0) warnings.push(`the log server exited with ${stopped.code ?? stopped.signal} on SIGTERM: ${server.output().trim().slice(-1000)}`);
    server = undefined;

    let profiles: unknown;
    if (profile) {
      try {
        const files = readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
        const summaries = files.map((f) => summarizeProfile(join(profileDir, f), 25, /dist\/src\/|better-sqlite3|canonicalize|fastify\/lib\/reply\.js/));
        profiles = summaries;
        for (const p of summaries) {
          process.stderr.write(`\nprofile ${relative(ROOT, p.file)}: ${fmt(p.sampledMs)} ms sampled, ${fmt(p.busyMs)} ms busy (not idle)\n`);
          process.stderr.write('  self time, % of busy:\n');
          for (const t of p.self.slice(0, 15)) process.stderr.write(`  ${t.pctOfBusy.toFixed(1).padStart(5)}%  ${String(t.ms).padStart(6)} ms  ${t.fn}\n`);
          if (p.inclusive.length > 0) process.stderr.write('  total time (self + callees) of project functions, % of busy:\n');
          for (const t of p.inclusive.slice(0, 25)) process.stderr.write(`  ${t.pctOfBusy.toFixed(1).padStart(5)}%  ${String(t.ms).padStart(6)} ms  ${t.fn}\n`);
        }
      } catch (e) {
        warnings.push(`could not read the profiles in ${profileDir}: ${(e as Error).message}`);
      }
    }

    note('floors again, after the server stopped');
    const after = await measureFloorSet(dataDir, seconds, check, backend);
    if ([...after.allCores.workers, ...after.oneCore.workers].some((r) => r.failed > 0)) warnings.push('the Ed25519 floor signature did not verify: the floor is meaningless');
    const allCores = mean2(before.allCores.perSecond, after.allCores.perSecond);
    const oneCore = mean2(before.oneCore.perSecond, after.oneCore.perSecond);
    const fsyncP50 = mean2(before.fsync.p50Ms, after.fsync.p50Ms);
    const fsyncP99 = mean2(before.fsync.p99Ms, after.fsync.p99Ms);
    const floorBasis = 'mean of the measurements before the server started and after it stopped';

    const floors: FloorReading[] = [
      { id: 'ed25519-verify-all-cores', name: `Ed25519 verify (${lib}), ${cores} cores (worker threads, sum; ${check.message.length} B PAE)`, value: allCores, unit: 'verifications/s', details: { backend, before: before.allCores, after: after.allCores } },
      { id: 'ed25519-verify-one-core', name: `Ed25519 verify (${lib}), one core`, value: oneCore, unit: 'verifications/s', details: { backend, before: before.oneCore, after: after.oneCore } },
      ...(before.allCoresOpenssl === undefined || after.allCoresOpenssl === undefined
        ? []
        : [{ id: 'ed25519-verify-all-cores-openssl', name: `Ed25519 verify (node:crypto, for reference), ${cores} cores`, value: mean2(before.allCoresOpenssl.perSecond, after.allCoresOpenssl.perSecond), unit: 'verifications/s', details: { before: before.allCoresOpenssl, after: after.allCoresOpenssl } }]),
      { id: 'fsync-p50', name: 'durable write (4 KiB append + fdatasync), p50', value: fsyncP50, unit: 'ms', details: { before: before.fsync, after: after.fsync } },
      { id: 'fsync-p99', name: 'durable write (4 KiB append + fdatasync), p99', value: fsyncP99, unit: 'ms', details: { before: before.fsync, after: after.fsync } },
    ];

    figures.push({
      id: 'parse-entry',
      name: 'parse one release entry (parseEntry: canonical JSON, DSSE envelope, statement grammar), one core',
      value: parseRate.perSecond,
      unit: 'entries/s',
      better: 'higher',
      floor: { name: `Ed25519 verify (${lib}), one core`, value: oneCore, unit: 'verifications/s', basis: `the signature check every entry also needs (${floorBasis}): at 500%, parsing an entry costs a fifth of checking its signature` },
      details: { usPerEntry: 1e6 / parseRate.perSecond, entries: parseRate.ops, seconds: parseRate.seconds, paeBytes },
    });
    const sigsPerEntry = 1;
    const sRate = entriesN / sp.seconds;
    figures.push({
      id: 'sustained-batch-rate',
      name: `sustained ingest via POST /add-batch, ${batchClients} clients x ${batchSize} entries, ${fmt(entriesN)} entries`,
      value: entriesN / bp.seconds,
      unit: 'entries/s',
      better: 'higher',
      floor: { name: `Ed25519 (${lib}) on ${cores} cores`, value: allCores, unit: 'entries/s', basis: `one signature verification per entry at the all-core Ed25519 rate (${floorBasis}); the client shares these cores` },
      target: { kind: 'min', value: 10_000, unit: 'entries/s' },
      reference: 'Tessera ~10,000/s on NVMe, ~3,000/s on cloud storage; Trillian ~60/s (one tree)',
      details: {
        entries: entriesN,
        clients: batchClients,
        batch: batchSize,
        seconds: bp.seconds,
        answersOk: bc.ok,
        clientCpuSeconds: bp.clientCpu,
        serverCpu: bp.serverCpu,
        serverCpuPerEntryUs: bp.serverCpu === undefined ? undefined : (bp.serverCpu.total * 1e6) / entriesN,
      },
    });
    figures.push({
      id: 'sustained-rate',
      name: `sustained ingest, ${clients} keep-alive clients, ${fmt(entriesN)} entries`,
      value: sRate,
      unit: 'entries/s',
      better: 'higher',
      floor: { name: `Ed25519 (${lib}) on ${cores} cores`, value: allCores / sigsPerEntry, unit: 'entries/s', basis: `${sigsPerEntry} signature verification per entry at the all-core Ed25519 rate (${floorBasis}); the client shares these cores` },
      target: { kind: 'min', value: 10_000, unit: 'entries/s' },
      reference: 'Tessera ~10,000/s on NVMe, ~3,000/s on cloud storage; Trillian ~60/s (one tree)',
      details: {
        entries: entriesN,
        clients,
        seconds: sp.seconds,
        answersOk: sc.ok,
        proofsVerified: sc.proofsVerified,
        failures: sc.failures,
        latencyMs: { p50: quantile(sLat, 0.5), p99: quantile(sLat, 0.99), max: sLat[sLat.length - 1] },
        checkpoints: sc.checkpoints,
        meanBatch: sc.ok / Math.max(1, sc.checkpoints),
        clientCpuSeconds: sp.clientCpu,
        serverCpu: sp.serverCpu,
      },
    });
    const p50 = quantile(oLat, 0.5);
    const p99 = quantile(oLat, 0.99);
    const openDetails = {
      offeredRate: rate,
      entries: openN,
      answeredRate: oc.ok / op.seconds,
      sendSeconds: op.sendSeconds,
      seconds: op.seconds,
      maxInFlight: op.maxInFlight,
      answersOk: oc.ok,
      proofsVerified: oc.proofsVerified,
      failures: oc.failures,
      latencyFromDueMs: { p50, p90: quantile(oLat, 0.9), p99, p999: quantile(oLat, 0.999), max: oLat[oLat.length - 1] },
      latencyFromSendMs: { p50: quantile(oService, 0.5), p99: quantile(oService, 0.99), max: oService[oService.length - 1] },
      checkpoints: oc.checkpoints,
      meanBatch: oc.ok / Math.max(1, oc.checkpoints),
      clientCpuSeconds: op.clientCpu,
      serverCpu: op.serverCpu,
    };
    figures.push({
      id: 'latency-p50',
      name: `submission → answer with proof, p50 @ ${fmt(rate)}/s offered (open loop, ${openSeconds} s)`,
      value: p50,
      unit: 'ms',
      better: 'lower',
      floor: { name: 'fsync p50', value: fsyncP50, unit: 'ms', basis: `one durable write (4 KiB append + fdatasync in the data folder), p50, ${floorBasis}` },
      details: openDetails,
    });
    figures.push({
      id: 'latency-p99',
      name: `submission → answer with proof, p99 @ ${fmt(rate)}/s offered`,
      value: p99,
      unit: 'ms',
      better: 'lower',
      floor: { name: 'fsync p99', value: fsyncP99, unit: 'ms', basis: `one durable write (4 KiB append + fdatasync in the data folder), p99, ${floorBasis}` },
      target: { kind: 'max', value: 1000, unit: 'ms' },
    });
    figures.push({
      id: 'open-loop-answered-rate',
      name: `answered rate @ ${fmt(rate)}/s offered`,
      value: oc.ok / op.seconds,
      unit: 'entries/s',
      better: 'higher',
      details: { note: 'answers / (time from the first send to the last answer); below the offered rate if the log fell behind' },
    });
    const usPerVerify = 1e6 / oneCore;
    const cpuFloor = { name: `one Ed25519 verify (${lib})`, value: usPerVerify, unit: 'µs/entry', basis: `1e6 / the one-core Ed25519 rate (${floorBasis}): what one signature check costs` };
    // Server CPU per entry, and the rate 2 cores could reach at the server's and the client's cost per
    // entry, for one phase.
    const serverCpuFigure = (id: string, name: string, cpu: ProcCpu, seconds: number, extra: Record<string, unknown> = {}): Figure => ({
      id,
      name,
      value: (cpu.total / entriesN) * 1e6,
      unit: 'µs/entry',
      better: 'lower',
      floor: cpuFloor,
      details: {
        serverCpuSeconds: cpu.total,
        mainThreadCpuSeconds: cpu.main,
        mainThreadBusy: cpu.main / seconds,
        byThread: cpu.byThread,
        ...extra,
        wallSeconds: seconds,
        coresUsed: cpu.total / seconds,
      },
    });
    const ceilingFigure = (id: string, name: string, cpu: ProcCpu, clientCpu: number, note: string): Figure => ({
      id,
      name,
      value: cores / ((cpu.total + clientCpu) / entriesN),
      unit: 'entries/s',
      better: 'higher',
      floor: { name: `Ed25519 (${lib}) on ${cores} cores`, value: allCores / sigsPerEntry, unit: 'entries/s', basis: `as for the sustained rate` },
      details: { note, serverCpuMicrosPerEntry: (cpu.total / entriesN) * 1e6, clientCpuMicrosPerEntry: (clientCpu / entriesN) * 1e6 },
    });
    if (sp.serverCpu !== undefined) {
      figures.push(
        serverCpuFigure('server-cpu-per-entry', 'server CPU per entry (sustained; all threads)', sp.serverCpu, sp.seconds, profile ? { profileDir: relative(ROOT, profileDir), profiles } : {}),
      );
      figures.push({
        id: 'server-main-thread-busy',
        name: 'server event-loop thread busy (sustained)',
        value: (sp.serverCpu.main / sp.seconds) * 100,
        unit: '% of a core',
        better: 'lower',
        details: { mainThreadCpuSeconds: sp.serverCpu.main, wallSeconds: sp.seconds },
      });
      figures.push(
        ceilingFigure(
          'cpu-bound-ceiling',
          `CPU-bound ceiling: ${cores} cores ÷ (server + client CPU per entry)`,
          sp.serverCpu,
          sp.clientCpu,
          'the rate the sustained run would reach if server and client used every core all the time at the CPU cost per entry they showed; the gap to the sustained rate is time the cores stood idle (pipeline stalls, fsync waits)',
        ),
      );
    } else {
      warnings.push('could not read the server CPU time from /proc');
    }
    if (bp.serverCpu !== undefined) {
      // The same accounting for the batched phase, where HTTP is amortised over a batch and the load
      // generator costs little: what the server itself spends per entry.
      figures.push(serverCpuFigure('batched-server-cpu-per-entry', 'server CPU per entry (batched; all threads)', bp.serverCpu, bp.seconds, { clientCpuMicrosPerEntry: (bp.clientCpu / entriesN) * 1e6 }));
      figures.push(ceilingFigure('batched-cpu-bound-ceiling', `CPU-bound ceiling, batched: ${cores} cores ÷ (server + client CPU per entry)`, bp.serverCpu, bp.clientCpu, 'as the sustained ceiling, for the batched phase'));
    }
    figures.push({
      id: 'client-cpu-per-entry',
      name: 'load generator (this process) CPU per entry (sustained)',
      value: (sp.clientCpu / entriesN) * 1e6,
      unit: 'µs/entry',
      better: 'lower',
      floor: cpuFloor,
      details: { clientCpuSeconds: sp.clientCpu, wallSeconds: sp.seconds, coresUsed: sp.clientCpu / sp.seconds, openLoopClientCpuSeconds: op.clientCpu },
    });
    figures.push({
      id: 'mean-batch',
      name: 'mean batch (entries per signed checkpoint), sustained',
      value: sc.ok / Math.max(1, sc.checkpoints),
      unit: 'entries/checkpoint',
      better: 'higher',
      details: { checkpoints: sc.checkpoints, entries: sc.ok, openLoopCheckpoints: oc.checkpoints, openLoopMeanBatch: oc.ok / Math.max(1, oc.checkpoints) },
    });
    figures.push({
      id: 'server-peak-rss',
      name: 'server peak RSS (VmHWM)',
      value: (serverHwmKb ?? NaN) * 1024 / 1e6,
      unit: 'MB',
      better: 'lower',
      ...(bare.maxRssBytes === undefined ? {} : { floor: { name: 'bare node', value: bare.maxRssBytes / 1e6, unit: 'MB', basis: `peak RSS of a bare \`node -e 0\` (${bare.method})` } }),
      details: { vmHwmKb: serverHwmKb, vmRssAtEndKb: serverRssKb, vmRssAfterStartKb: rssAfterStartKb, entriesInLog: finalSize },
    });
    if (serverHwmKb === undefined) warnings.push('could not read the server VmHWM from /proc');

    let fsType = 'unknown';
    try {
      fsType = '0x' + statfsSync(dataDir).type.toString(16);
    } catch {
      // keep unknown
    }
    return {
      params: {
        entries: entriesN,
        clients,
        warmup: warmupN,
        offeredRate: rate,
        openLoopSeconds: openSeconds,
        entryBytesMedian: entryBytes.median,
        entryBytesMin: entryBytes.min,
        entryBytesMax: entryBytes.max,
        signaturesPerEntry: sigsPerEntry,
        ed25519Backend: backend,
        packages: PACKAGES,
        rateSeconds: seconds,
        dataFsType: fsType,
        client: 'closed loops: bench/lean-http.ts (node:net, HTTP/1.1 keep-alive, one request at a time per connection); open loop: node:http Agent keepAlive',
        loadAverageAtStart: loadStart.map((x) => x.toFixed(2)).join(' '),
        loadAverageAtEnd: os.loadavg().map((x) => x.toFixed(2)).join(' '),
      },
      floors,
      localFloors: { before, after },
      figures,
      warnings,
    };
  } finally {
    if (server !== undefined) {
      server.child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

export const log: Scenario = {
  name: 'log',
  summary: 'HTTP ingest into `signet log serve` (child process): sustained entries/s, p50/p99 at 1,000/s, beside the Ed25519 floor (BENCH_LOG_ENTRIES, default 20,000)',
  run,
};
