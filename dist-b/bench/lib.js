/**
 * Shared pieces of the benchmarks: figures (a measured value beside the floor measured in the same
 * run), time-bounded rate loops, a deterministic PRNG and number formatting. Benchmarks never assert:
 * a missed target is printed, never thrown.
 */
/** value / floor: for rates the fraction of the crypto-bound maximum reached; for costs the overhead factor. */
export function ratioOf(f) {
    if (f.floor === undefined || !(f.floor.value > 0) || !Number.isFinite(f.floor.value))
        return undefined;
    return f.value / f.floor.value;
}
export function meetsTarget(f) {
    if (f.target === undefined)
        return undefined;
    return f.target.kind === 'min' ? f.value >= f.target.value : f.value < f.target.value;
}
/**
 * Runs `batch(n)` (which must perform n operations) repeatedly until at least `seconds` have passed,
 * after `warmup` seconds of the same work that are not counted.
 */
export function measureRate(batch, opts) {
    const warmupEnd = performance.now() + (opts.warmup ?? 0.2) * 1000;
    while (performance.now() < warmupEnd)
        batch(opts.batchSize);
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
export function timeOnce(fn) {
    const start = performance.now();
    const result = fn();
    return { result, seconds: (performance.now() - start) / 1000 };
}
export { prng } from '../testkit/prng.js';
/** A positive integer from the environment (underscores allowed: 1_000_000), or the default. */
export function envInt(name, def, min = 1) {
    const raw = process.env[name];
    if (raw === undefined || raw.trim() === '')
        return def;
    const n = Number(raw.replace(/_/g, ''));
    if (!Number.isSafeInteger(n) || n < min) {
        throw new Error(`${name}=${raw} is not an integer >= ${min}`);
    }
    return n;
}
export function envNumber(name, def) {
    const raw = process.env[name];
    if (raw === undefined || raw.trim() === '')
        return def;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0)
        throw new Error(`${name}=${raw} is not a positive number`);
    return n;
}
/** 1234567.8 -> "1,234,568"; small values keep significant digits. */
export function fmt(n) {
    if (!Number.isFinite(n))
        return String(n);
    const abs = Math.abs(n);
    if (abs >= 1000)
        return Math.round(n).toLocaleString('en');
    if (abs >= 100)
        return n.toFixed(0);
    if (abs >= 10)
        return n.toFixed(1);
    if (abs >= 1)
        return n.toFixed(2);
    return n.toPrecision(3);
}
export function fmtBytes(n) {
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
export function note(msg) {
    process.stderr.write(`  · ${msg}\n`);
}
//# sourceMappingURL=lib.js.map