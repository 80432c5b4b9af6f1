/**
 * Ed25519 verification on worker threads, so that a log on N cores checks N signatures at a time while
 * the main thread parses, sequences and stores. Requests arriving in the same tick are sent to the
 * workers together (one message per worker per tick), which keeps the messaging cost per signature low.
 */
import { cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import { SignetError } from '../errors.js';
import { BACKEND_ENV, type Ed25519Backend, chooseEd25519Backend } from '../crypto/ed25519-bulk.js';
import type { VerifyJob, VerifyWorkerData } from './verify-worker.js';

/** Most signatures in one job: about 20 ms of work, so the other workers keep getting some. */
const MAX_JOB = 256;
/** Jobs queued at a worker at once: the one it works on and the next. */
const DEPTH = 2;

export interface SignatureCheck {
  readonly publicKey: Uint8Array;
  readonly message: Uint8Array;
  readonly signature: Uint8Array;
}

/** A signature check and what the pool answered. */
export interface CheckedSignature {
  readonly publicKey: Uint8Array;
  readonly signature: Uint8Array;
  readonly ok: boolean;
}

/**
 * The answer for this (public key, signature) pair, if it is among `known`, else undefined. An entry
 * has one or a few checks, so a scan with byte comparisons beats building string keys for a map.
 */
export function checkedResult(known: readonly CheckedSignature[], publicKey: Uint8Array, signature: Uint8Array): boolean | undefined {
  for (const k of known) if (Buffer.compare(k.publicKey, publicKey) === 0 && Buffer.compare(k.signature, signature) === 0) return k.ok;
  return undefined;
}

interface Waiting {
  readonly checks: readonly SignatureCheck[];
  readonly resolve: (r: boolean[]) => void;
  readonly reject: (e: unknown) => void;
}

export class VerifyPool {
  private readonly workers: Worker[] = [];
  private readonly busy: number[] = [];
  /** Jobs sent to each worker and not answered yet. */
  private readonly jobs: number[] = [];
  private readonly inflight = new Map<number, { parts: Waiting[]; counts: number[] }>();
  private pending: Waiting[] = [];
  private scheduled = false;
  private nextId = 1;
  private closed = false;
  /** Set when a worker failed: every request then fails with it, so none waits forever. */
  private failed: SignetError | undefined;
  /** The Ed25519 library the workers use (src/crypto/ed25519-bulk.ts). */
  readonly backend: Ed25519Backend;

  /**
   * `nice` (Linux) lowers the workers' scheduling priority by that much: for a caller whose main
   * thread is the long pole (the sync replays every entry in order there), so that on a machine with
   * as many cores as workers the main thread is not starved by the threads that feed it.
   *
   * The Ed25519 backend is `backend` (callers choose it with chooseEd25519Backend, at start), by default
   * what SIGNET_ED25519 says, else node:crypto.
   */
  constructor(size = Math.max(1, cpus().length), opts: { nice?: number; backend?: Ed25519Backend } = {}) {
    this.backend = opts.backend ?? chooseEd25519Backend(process.env[BACKEND_ENV], 'openssl').backend;
    const url = new URL('./verify-worker.js', import.meta.url);
    const workerData: VerifyWorkerData = { nice: opts.nice ?? 0, backend: this.backend };
    for (let i = 0; i < size; i++) {
      // Not unref'd: a request waiting for its answers must keep the process alive (an unref'd worker
      // is ref'd again by the 'message' listener below anyway). close() lets the process go.
      const w = new Worker(url, { workerData });
      w.on('message', (m: { id: number; results: Uint8Array }) => this.done(i, m));
      w.on('error', (e) => this.fail(e));
      // A worker that stops on its own (killed, out of memory) would leave its jobs unanswered.
      w.on('exit', (code) => {
        if (!this.closed) this.fail(new Error(`the thread exited with code ${code}`));
      });
      this.workers.push(w);
      this.busy.push(0);
      this.jobs.push(0);
    }
  }

  /** Verifies each check; resolves with one boolean per check, in order. */
  verify(checks: readonly SignatureCheck[]): Promise<boolean[]> {
    if (checks.length === 0) return Promise.resolve([]);
    if (this.failed !== undefined) return Promise.reject(this.failed);
    if (this.closed) return Promise.reject(new Error('verify pool closed'));
    return new Promise((resolve, reject) => {
      this.pending.push({ checks, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.dispatch());
      }
    });
  }

  /**
   * Sends waiting requests to workers with fewer than DEPTH jobs: under load, requests pile up while
   * the workers are busy and then go out as large jobs, so the messaging and wake-up costs are paid
   * once per job rather than once per signature; and a worker finishing a job finds the next one
   * already in its queue, rather than waiting for the main thread (busy with a batch) to send one.
   */
  private dispatch(): void {
    this.scheduled = false;
    while (this.pending.length > 0) {
      // The least loaded worker that can take a job.
      let worker = -1;
      this.busy.forEach((n, i) => {
        if (this.jobs[i]! < DEPTH && (worker < 0 || n < this.busy[worker]!)) worker = i;
      });
      if (worker < 0) return;
      // At most a worker's share of what waits, and at most MAX_JOB checks: a worker falling idle first
      // must not take everything while the others, a moment later, find nothing to do.
      const total = this.pending.reduce((n, w) => n + w.checks.length, 0);
      const share = Math.min(MAX_JOB, Math.max(1, Math.ceil(total / this.workers.length)));
      let at = 0;
      let count = 0;
      while (at < this.pending.length && (count === 0 || count + this.pending[at]!.checks.length <= share)) {
        count += this.pending[at]!.checks.length;
        at++;
      }
      this.post(worker, this.pending.slice(0, at));
      this.pending = this.pending.slice(at);
    }
  }

  private post(worker: number, parts: Waiting[]): void {
    const all = parts.flatMap((p) => p.checks);
    const keys = new Uint8Array(all.length * 32);
    const sigs = new Uint8Array(all.length * 64);
    const offsets = new Uint32Array(all.length + 1);
    let total = 0;
    for (const c of all) total += c.message.length;
    const messages = new Uint8Array(total);
    let off = 0;
    all.forEach((c, i) => {
      if (c.publicKey.length === 32) keys.set(c.publicKey, i * 32);
      if (c.signature.length === 64) sigs.set(c.signature, i * 64);
      offsets[i] = off;
      messages.set(c.message, off);
      off += c.message.length;
    });
    offsets[all.length] = off;
    const id = this.nextId++;
    this.inflight.set(id, { parts, counts: parts.map((p) => p.checks.length) });
    this.busy[worker]! += all.length;
    this.jobs[worker]!++;
    const job: VerifyJob = { id, keys, sigs, messages, offsets };
    this.workers[worker]!.postMessage(job, [keys.buffer, sigs.buffer, messages.buffer, offsets.buffer]);
    // Wrong-length keys or signatures can never verify: the worker sees zeros, which fail.
  }

  private done(worker: number, m: { id: number; results: Uint8Array }): void {
    const job = this.inflight.get(m.id);
    if (job === undefined) return;
    this.inflight.delete(m.id);
    let at = 0;
    job.parts.forEach((p, i) => {
      const n = job.counts[i]!;
      const results: boolean[] = [];
      for (let k = 0; k < n; k++) {
        const c = p.checks[k]!;
        results.push(m.results[at + k] === 1 && c.publicKey.length === 32 && c.signature.length === 64);
      }
      at += n;
      p.resolve(results);
    });
    this.busy[worker]! -= at;
    this.jobs[worker]!--;
    this.dispatch();
  }

  /** A worker failed: fails every request in flight or waiting, and every later one. */
  private fail(e: unknown): void {
    this.failed ??= new SignetError('WORKER_FAILED', `a signature-checking worker thread failed: ${e instanceof Error ? e.message : String(e)}`, {
      hint: 'check that the installation is complete (dist/src/log/verify-worker.js) and that the machine has memory to spare, then retry',
      cause: e,
    });
    for (const job of this.inflight.values()) for (const p of job.parts) p.reject(this.failed);
    this.inflight.clear();
    for (const p of this.pending) p.reject(this.failed);
    this.pending = [];
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
