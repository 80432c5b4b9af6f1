/**
 * `npm run bench [-- <scenario>...]`: runs the named scenarios (all of them without a name), prints
 * each figure beside the floor measured in the same run, and writes
 * bench/results/<scenario>-<ISO time>.json with the figures and the machine. Benchmarks never assert:
 * a missed target is printed, and the exit code is 0 unless the command line was wrong or a scenario crashed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import { ROOT } from './child.js';
import { type Figure, type Scenario, type ScenarioResult, fmt, fmtBytes, meetsTarget, ratioOf } from './lib.js';
import { log } from './log.js';
import { registry } from './registry.js';
import { tlog } from './tlog.js';
import { verify } from './verify.js';

const SCENARIOS: readonly Scenario[] = [tlog, log, registry, verify];

function usage(): string {
  return [
    'usage: npm run bench [-- <scenario>...]    (no scenario: all of them)',
    '',
    'scenarios:',
    ...SCENARIOS.map((s) => `  ${s.name.padEnd(10)} ${s.summary}`),
    '',
    'environment: BENCH_LEAVES (tlog size, default 1000000), BENCH_SECONDS (each rate loop, default 1),',
    '             BENCH_PROFILE=1 (tlog: auditor child, log/registry: server child with --cpu-prof), BENCH_RSS=wrapper (no /usr/bin/time)',
    '             log: BENCH_LOG_ENTRIES (default 20000), BENCH_LOG_CLIENTS (64), BENCH_LOG_WARMUP (2000),',
    '                  BENCH_LOG_RATE (open-loop entries/s, 1000), BENCH_LOG_SECONDS (open-loop length, 10)',
    '             registry: BENCH_REGISTRY_SECONDS (each wrk run, 10), BENCH_REGISTRY_CONNECTIONS (64), BENCH_REGISTRY_THREADS (2),',
    '                  BENCH_REGISTRY_PACKAGES (100), BENCH_REGISTRY_VERSIONS (5), BENCH_REGISTRY_WARMUP (2 s), BENCH_REGISTRY_STATIC (1)',
    '             verify: BENCH_VERIFY_PACKAGES (200), BENCH_VERIFY_VENDORS (60), BENCH_VERIFY_VERSIONS (5), BENCH_VERIFY_SYNC_ENTRIES (20000),',
    '                  BENCH_VERIFY_RUNS (5), BENCH_VERIFY_SYNC_RUNS (3), BENCH_VERIFY_COMPOSER_RUNS (7), BENCH_VERIFY_SMALL (50), BENCH_VERIFY_GROW (10), BENCH_VERIFY_COMPOSER (1)',
  ].join('\n');
}

function machine(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    availableParallelism: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    node: process.version,
    v8: process.versions.v8,
    openssl: process.versions.openssl,
    platform: os.platform(),
    arch: os.arch(),
    osRelease: os.release(),
  };
}

function git(): Record<string, unknown> {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
    return { commit, srcDirty: dirty };
  } catch {
    return {};
  }
}

function show(value: number, unit: string): string {
  if (unit === 'bytes') return fmtBytes(value);
  return `${fmt(value)} ${unit}`;
}

function ratioText(f: Figure): string {
  const r = ratioOf(f);
  if (r === undefined) return '–';
  return f.better === 'higher' ? `${(r * 100).toFixed(r < 0.1 ? 1 : 0)}%` : `${r.toFixed(2)}×`;
}

function targetText(f: Figure): string {
  if (f.target === undefined) return '';
  const t = f.target;
  const want = `${t.kind === 'min' ? '≥' : '<'} ${fmt(t.value)} ${t.unit}`;
  const met = meetsTarget(f);
  if (met) return `${want}: met`;
  const by = t.kind === 'min' ? (t.value - f.value) / t.value : (f.value - t.value) / t.value;
  return `${want}: MISSED by ${Number.isFinite(by) ? (by * 100).toFixed(0) + '%' : '?'}`;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? '')].length)));
  return rows
    .map((r) => r.map((cell, c) => cell + ' '.repeat(widths[c]! - [...cell].length)).join('  ').trimEnd())
    .join('\n');
}

function print(s: Scenario, r: ScenarioResult, m: Record<string, unknown>): void {
  const out: string[] = [];
  out.push('');
  out.push(`${s.name}: ${Object.entries(r.params).map(([k, v]) => `${k}=${typeof v === 'number' ? fmt(v) : String(v)}`).join(', ')}`);
  out.push(`machine: ${String(m.cpuModel)}, ${String(m.cores)} cores, ${fmtBytes(Number(m.memoryBytes))}, Node ${String(m.node)} (OpenSSL ${String(m.openssl)}), ${String(m.platform)} ${String(m.arch)}`);
  out.push('');
  out.push('floors (measured in this run)');
  out.push(table(r.floors.map((f) => [`  ${f.name}`, show(f.value, f.unit)])));
  out.push('');
  const rows: string[][] = [['figure', 'value', 'floor (this run)', 'ratio', 'target', 'reference']];
  for (const f of r.figures) {
    rows.push([
      f.name,
      show(f.value, f.unit),
      f.floor === undefined ? '–' : `${show(f.floor.value, f.floor.unit)} (${f.floor.name})`,
      ratioText(f),
      targetText(f),
      f.reference ?? '',
    ]);
  }
  out.push(table(rows));
  out.push('');
  out.push('ratio = value / floor: for rates, the share of the crypto-bound maximum reached; for time, memory and size, the overhead factor.');
  out.push('floors:');
  for (const f of r.figures) if (f.floor !== undefined) out.push(`  ${f.name}: ${f.floor.basis}`);
  for (const w of r.warnings) out.push(`WARNING: ${w}`);
  process.stdout.write(out.join('\n') + '\n');
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h') || argv.includes('--list')) {
    process.stdout.write(usage() + '\n');
    return 0;
  }
  const flags = argv.filter((a) => a.startsWith('-'));
  const names = argv.filter((a) => !a.startsWith('-'));
  const unknown = [...flags, ...names.filter((n) => !SCENARIOS.some((s) => s.name === n))];
  if (unknown.length > 0) {
    process.stderr.write(`bench: unknown scenario or option: ${unknown.join(', ')}\nknown scenarios: ${SCENARIOS.map((s) => s.name).join(', ')}\n\n${usage()}\n`);
    return 2;
  }
  const chosen = names.length === 0 ? SCENARIOS : SCENARIOS.filter((s) => names.includes(s.name));
  const m = machine();
  const resultsDir = join(ROOT, 'bench', 'results');
  for (const s of chosen) {
    process.stderr.write(`bench ${s.name}: ${s.summary}\n`);
    const startedAt = new Date();
    const r = await s.run();
    const finishedAt = new Date();
    print(s, r, m);
    const file = join(resultsDir, `${s.name}-${startedAt.toISOString().replace(/:/g, '-')}.json`);
    mkdirSync(resultsDir, { recursive: true });
    const json = {
      scenario: s.name,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationSeconds: (finishedAt.getTime() - startedAt.getTime()) / 1000,
      command: `node ${relative(ROOT, process.argv[1] ?? 'dist/bench/run.js')} ${argv.join(' ')}`.trim(),
      machine: m,
      git: git(),
      params: r.params,
      floors: r.floors,
      localFloors: r.localFloors ?? {},
      figures: r.figures.map((f) => ({ ...f, ratio: ratioOf(f) ?? null, meetsTarget: meetsTarget(f) ?? null })),
      warnings: r.warnings,
    };
    writeFileSync(file, JSON.stringify(json, null, 2) + '\n');
    process.stdout.write(`\nwrote ${relative(ROOT, file)} (${json.durationSeconds.toFixed(1)} s)\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
