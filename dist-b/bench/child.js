/**
 * Runs a Node program in a child process and measures its wall time and peak RSS: through GNU
 * `/usr/bin/time -f %M` when it works here, else through bench/rss-wrapper (resourceUsage().maxRSS).
 * Set BENCH_RSS=wrapper to force the wrapper.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
/** The project root (this file runs as dist/bench/child.js). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WRAPPER = join(ROOT, 'dist', 'bench', 'rss-wrapper.js');
const GNU_TIME = '/usr/bin/time';
let detected;
/** GNU time if it runs and writes a number with -o; else the wrapper. */
export function rssMethod() {
    if (detected !== undefined)
        return detected;
    detected = 'wrapper';
    if (process.env.BENCH_RSS !== 'wrapper' && existsSync(GNU_TIME)) {
        const dir = mkdtempSync(join(tmpdir(), 'signet-bench-time-'));
        try {
            const out = join(dir, 'time');
            const r = spawnSync(GNU_TIME, ['-o', out, '-f', '%M', process.execPath, '-e', '0'], { stdio: 'ignore' });
            if (r.status === 0 && /^\d+\s*$/.test(readFileSync(out, 'utf8')))
                detected = 'gnu-time';
        }
        catch {
            // keep the wrapper
        }
        finally {
            rmSync(dir, { recursive: true, force: true });
        }
    }
    return detected;
}
/**
 * Runs `node [nodeArgs] <script> [args]` (script = undefined: a bare `node -e 0`, the baseline) and
 * resolves when it exits; never rejects for a non-zero exit (benchmarks report, they do not assert).
 */
export async function runNode(script, args, nodeArgs = [], timeoutMs = 15 * 60_000) {
    const method = rssMethod();
    const tmp = mkdtempSync(join(tmpdir(), 'signet-bench-child-'));
    const timeFile = join(tmp, 'time');
    let cmd;
    let argv;
    if (method === 'gnu-time') {
        cmd = GNU_TIME;
        argv = ['-o', timeFile, '-f', '%M', process.execPath, ...nodeArgs, ...(script === undefined ? ['-e', '0'] : [script, ...args])];
    }
    else {
        cmd = process.execPath;
        argv = [...nodeArgs, WRAPPER, ...(script === undefined ? [] : [script, ...args])];
    }
    try {
        const started = performance.now();
        const child = spawn(cmd, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
        const out = [];
        const err = [];
        child.stdout.on('data', (b) => out.push(b));
        child.stderr.on('data', (b) => err.push(b));
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        const [code, signal] = await new Promise((resolve, reject) => {
            child.on('error', reject);
            child.on('close', (c, s) => resolve([c, s]));
        });
        clearTimeout(timer);
        const wallSeconds = (performance.now() - started) / 1000;
        const stdout = Buffer.concat(out).toString('utf8');
        let stderr = Buffer.concat(err).toString('utf8');
        let maxRssBytes;
        if (method === 'gnu-time') {
            // GNU time writes "Command exited with non-zero status N" before the format line on failure.
            const kb = existsSync(timeFile) ? /(\d+)\s*$/.exec(readFileSync(timeFile, 'utf8')) : null;
            if (kb !== null)
                maxRssBytes = Number(kb[1]) * 1024;
        }
        else {
            const m = /\nBENCH_MAXRSS_KB=(\d+)\n?$/.exec(stderr);
            if (m !== null) {
                maxRssBytes = Number(m[1]) * 1024;
                stderr = stderr.slice(0, m.index);
            }
        }
        return { code, signal, wallSeconds, maxRssBytes, method, stdout, stderr };
    }
    finally {
        rmSync(tmp, { recursive: true, force: true });
    }
}
/** Spawns `cmd args` in the repository root, keeping the last 8,000 characters of its output. */
export function spawnProc(label, cmd, args) {
    const child = spawn(cmd, [...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const keep = (b) => {
        out = (out + b.toString('utf8')).slice(-8000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let exited = false;
    child.once('exit', () => {
        exited = true;
    });
    child.once('error', (e) => {
        exited = true;
        out += `\n${label}: ${e.message}`;
    });
    return { label, child, pid: child.pid ?? -1, output: () => out, exited: () => exited };
}
/** `signal` (SIGTERM), then SIGKILL after `graceMs`; resolves with how it exited. */
export async function stopProc(p, signal = 'SIGTERM', graceMs = 30_000) {
    if (p.exited())
        return { code: p.child.exitCode, signal: p.child.signalCode };
    const done = new Promise((resolve) => p.child.once('exit', (code, sig) => resolve({ code, signal: sig })));
    p.child.kill(signal);
    const timer = setTimeout(() => p.child.kill('SIGKILL'), graceMs);
    const r = await done;
    clearTimeout(timer);
    return r;
}
//# sourceMappingURL=child.js.map