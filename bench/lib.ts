/**
 * Shared pieces of the benchmarks: figures (a measured value beside the floor measured in the same
 * run), time-bounded rate loops, a deterministic PRNG and number formatting. Benchmarks never assert:
 * a missed target is printed, never thrown.
 */

/** A reference figure measured in the same run that bounds (or baselines) a figure. */
export interface Floor {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** How the floor is derived from the raw floor measurements (e.g. "node hashes/s ÷ 2.0 hashes/op"). */
  readonly basis: string;
}

export interface Target {
  /** 'min': the value must be at least `value` (rates); 'max': below `value` (memory, time). */
  readonly kind: 'min' | 'max';
  readonly value: number;
  readonly unit: string;
}

export interface Figure {
  readonly id: string;
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** 'higher' for rates, 'lower' for time, memory and size. */
  readonly better: 'higher' | 'lower';
  readonly floor?: Floor;
  readonly target?: Target;
  /** A published figure from another implementation, for context only (never measured here). */
  readonly reference?: string;
  /** Anything else worth recording (counts, durations, hashes per operation). */
  readonly details?: Record<string, unknown>;
}

/** value / floor: for rates the fraction of the crypto-bound maximum reached; for costs the overhead factor. */
export function ratioOf(f: Figure): number | undefined {
  if (f.floor === undefined || !(f.floor.value > 0) || !Number.isFinite(f.floor.value)) return undefined;
  return f.value / f.floor.value;
}

export function meetsTarget(f: Figure): boolean | undefined {
  if (f.target === undefined) return undefined;
  return f.target.kind === 'min' ? f.value >= f.target.value : f.value < f.target.value;
}

export interface Rate {
  readonly ops: number;
  readonly seconds: number;
  readonly perSecond: number;
}

/**
 * Runs `batch(n)` (which must perform n operations) repeatedly until at least `seconds` have passed,
 * after `warmup` seconds of the same work that are not counted.
 */
export function measureRate(batch: (n: number) => void, opts: { seconds: number; batchSize: number; warmup?: number }): Rate {
  const warmupEnd = performance.now() + (opts.warmup ?? 0.2) * 1000;
  while (performance.now() < warmupEnd) batch(opts.batchSize);
  const start = performance.now();
  const end = start + opts.seconds * 1000;
  let ops = 0;
  let now = start;
  do {
    batch(opts.batchSize);
    ops += opts.batchSize;
    now = performance.now();
  } while (now < end);
  const seconds = (now - start) / 1000;
  return { ops, seconds, perSecond: ops / seconds };
}

/** Times one run of `fn` in seconds. */
export function timeOnce<T>(fn: () => T): { result: T; seconds: number } {
  const start = performance.now();
  const result = fn();
  return { result, seconds: (performance.now() - start) / 1000 };
}

export { prng } from '../testkit/prng.js';

/** A positive integer from the environment (underscores allowed: 1_000_000), or the default. */
export function envInt(name: string, def: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return def;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n < min) {
    throw new Error(`${name}=${raw} is not an integer >= ${min}`);
  }
  return n;
}

export function envNumber(name: string, def: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return def;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}=${raw} is not a positive number`);
  return n;
}

/** 1234567.8 -> "1,234,568"; small values keep significant digits. */
export function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs >= 1000) return Math.round(n).toLocaleString('en');
  if (abs >= 100) return n.toFixed(0);
  if (abs >= 10) return n.toFixed(1);
  if (abs >= 1) return n.toFixed(2);
  return n.toPrecision(3);
}

export function fmtBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}

/** Progress notes go to stderr so stdout holds only the table. */
export function note(msg: string): void {
  process.stderr.write(`  · ${msg}\n`);
}

/** A raw measurement printed in the floors section of the table (and kept in the JSON). */
export interface FloorReading {
  readonly id: string;
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly details?: Record<string, unknown>;
}

export interface ScenarioResult {
  readonly params: Record<string, unknown>;
  readonly floors: readonly FloorReading[];
  /** Floors re-measured just before individual figures, by figure id (kept in the JSON). */
  readonly localFloors?: Record<string, unknown>;
  readonly figures: readonly Figure[];
  /** Things the reader must know (a proof that did not verify, a fallback used); never thrown. */
  readonly warnings: readonly string[];
}

export interface Scenario {
  readonly name: string;
  readonly summary: string;
  run(): Promise<ScenarioResult>;
}
