/**
 * The `registry` scenario: requests/s for the Composer v2 metadata (p2 files and packages.json) under
 * concurrent load, from the real registry (`signet registry serve`, a child process), beside nginx
 * (Debian's nginx-light) serving the very same bytes as static files in the same run, and the ratio.
 * Target: the registry at ≥ 50% of nginx.
 *
 * Set-up: `signet log serve` and `signet registry serve` run as two child processes, as in production,
 * each with its own event loop. This process populates the registry over its HTTP API (vendor claims
 * countersigned by the registry, then signed releases with their zip archives: BENCH_REGISTRY_PACKAGES
 * packages × BENCH_REGISTRY_VERSIONS versions) before anything is timed, then fetches packages.json and
 * every p2 file and writes them into a temp folder that nginx serves (its own generated config, its own
 * temp paths, stopped at the end even on failure). During the timed runs this process only waits for
 * wrk: the load generator is wrk (a separate C process), on the same cores as the server it measures.
 *
 * Load: wrk -t BENCH_REGISTRY_THREADS -c BENCH_REGISTRY_CONNECTIONS -d BENCH_REGISTRY_SECONDS --latency
 * with a Lua script that cycles through the p2 paths (each thread from its own offset) and asks for
 * packages.json every PACKAGES_EVERY-th request, as Composer does (packages.json once per run, then one
 * p2 file per package it resolves). Both servers get a warm-up, then the timed runs in the order
 * registry, nginx, nginx, registry (ABBA), so a drift in the machine's load during the scenario counts
 * the same against both; each figure is the mean of its two runs.
 *
 * With --static-dir (BENCH_REGISTRY_STATIC=1, the default) the registry also writes its documents into a
 * folder; a second nginx figure serves that folder, which shows that the files the registry writes are
 * the ones it serves, at nginx's rate.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { archiveFileName, archiveTopFolder, h1OfFiles, writeZip } from '../src/archive/index.js';
import { Ed25519PrivateKey } from '../src/crypto/ed25519.js';
import { signetKey } from '../src/crypto/keys.js';
import { PAYLOAD_TYPES, buildRelease, buildVendorStatement, keySigner, signStatement } from '../src/ledger/index.js';
import { ROOT, spawnProc, stopProc } from './child.js';
import { envInt, envNumber, fmt, fmtBytes, note, prng } from './lib.js';
import { freePort } from '../testkit/server-process.js';
const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const HOST = '127.0.0.1';
const NGINX = process.env.BENCH_NGINX ?? '/usr/sbin/nginx';
const WRK = process.env.BENCH_WRK ?? 'wrk';
/** Every PACKAGES_EVERY-th request of a wrk thread is packages.json, the others are p2 files. */
const PACKAGES_EVERY = 25;
const VENDORS = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'stark', 'wayne', 'tyrell', 'cyberdyne', 'soylent'];
const WORDS = ['http-client', 'cache', 'logger', 'event-dispatcher', 'validator', 'serializer', 'console', 'uuid', 'money', 'markdown', 'router', 'mailer', 'queue', 'config'];
const VERSIONS = ['1.0.0', '1.1.0', '1.2.0', '1.2.1', '2.0.0', '2.1.0', '2.2.0', '3.0.0', '3.0.1', '3.1.0'];
// ------------------------------------------------------------ child processes
async function get(url) {
    const res = await fetch(url);
    return { status: res.status, body: Buffer.from(await res.arrayBuffer()), headers: res.headers };
}
/** Waits until `url` answers 200 (30 s at most), failing early if the process exited. */
async function waitReady(p, url) {
    const deadline = performance.now() + 30_000;
    for (;;) {
        if (p.exited())
            throw new Error(`${p.label} exited at start-up:\n${p.output()}`);
        const ok = await get(url).then((r) => r.status === 200, () => false);
        if (ok)
            return;
        if (performance.now() > deadline)
            throw new Error(`${p.label} did not answer ${url} within 30 s:\n${p.output()}`);
        await new Promise((r) => setTimeout(r, 50));
    }
}
/** `signal` (SIGTERM: a clean close; nginx: fast shutdown), then SIGKILL after `graceMs`. */
/** /proc reports CPU time in USER_HZ ticks, 100 on every Linux that matters (`getconf CLK_TCK`). */
const TICKS_PER_SECOND = 100;
function statOf(pid) {
    try {
        const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
        // After "pid (comm) ": state is field 3, ppid field 4, utime field 14, stime field 15.
        return { ppid: Number(rest[1]), seconds: (Number(rest[11]) + Number(rest[12])) / TICKS_PER_SECOND };
    }
    catch {
        return undefined;
    }
}
/** The children of `pid` (nginx's workers), from /proc. */
function childrenOf(pid) {
    const out = [];
    for (const d of readdirSync('/proc')) {
        if (!/^\d+$/.test(d))
            continue;
        if (statOf(Number(d))?.ppid === pid)
            out.push(Number(d));
    }
    return out;
}
/** CPU seconds (user + system, all threads) of `pid` and, with `children`, of its children too. */
function cpuSeconds(pid, children) {
    const own = statOf(pid)?.seconds;
    if (own === undefined)
        return undefined;
    return own + (children ? childrenOf(pid).reduce((s, c) => s + (statOf(c)?.seconds ?? 0), 0) : 0);
}
function cli(args) {
    return execFileSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
// ------------------------------------------------------------ the workload
function pascal(s) {
    return s.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}
/** A composer.json as real libraries write it; the requirements move a little from version to version. */
function composerJson(pkg, versionIndex, rnd) {
    const [vendor, name] = pkg.split('/');
    const ns = `${pascal(vendor)}\\${pascal(name)}\\`;
    const major = Number(VERSIONS[versionIndex].split('.')[0]);
    const require = {
        php: major >= 2 ? '>=8.1' : '>=7.4',
        'ext-json': '*',
        'psr/log': major >= 2 ? '^2.0 || ^3.0' : '^1.1 || ^2.0',
        'symfony/polyfill-mbstring': '^1.27',
    };
    if (rnd() < 0.6)
        require['psr/http-message'] = major >= 3 ? '^2.0' : '^1.1 || ^2.0';
    if (rnd() < 0.4)
        require[`${vendor}/${WORDS[Math.floor(rnd() * WORDS.length)]}`] = `^${major}.0`;
    return {
        name: pkg,
        description: `${pascal(name)}: a small, well-tested ${name.replace(/-/g, ' ')} library for PHP applications by ${pascal(vendor)}`,
        type: 'library',
        keywords: [name, vendor, 'php', 'psr', ...(rnd() < 0.5 ? ['library'] : [])],
        homepage: `https://github.com/${vendor}/${name}`,
        license: 'MIT',
        authors: [
            { name: `${pascal(vendor)} Maintainers`, email: `oss@${vendor}.example`, homepage: `https://${vendor}.example`, role: 'Developer' },
            { name: 'Jane Contributor', email: 'jane@contributors.example' },
        ],
        require,
        'require-dev': { 'phpunit/phpunit': major >= 2 ? '^10.5' : '^9.6', 'phpstan/phpstan': '^1.10', 'friendsofphp/php-cs-fixer': '^3.40' },
        suggest: { 'ext-intl': 'For locale-aware formatting' },
        autoload: { 'psr-4': { [ns]: 'src/' } },
        'autoload-dev': { 'psr-4': { [`${ns}Tests\\`]: 'tests/' } },
        extra: { 'branch-alias': { 'dev-main': `${major}.x-dev` } },
        support: { issues: `https://github.com/${vendor}/${name}/issues`, source: `https://github.com/${vendor}/${name}/tree/${VERSIONS[versionIndex]}` },
        funding: [{ type: 'github', url: `https://github.com/sponsors/${vendor}` }],
    };
}
function sha(alg, b) {
    return createHash(alg).update(b).digest('hex');
}
/** A signed release statement and its archive, as `signet release` would upload them. */
function release(pkg, versionIndex, key, rnd) {
    const version = VERSIONS[versionIndex];
    const commit = sha('sha1', Buffer.from(`${pkg}@${version}`));
    const [, name] = pkg.split('/');
    const cj = Buffer.from(JSON.stringify(composerJson(pkg, versionIndex, rnd), null, 4) + '\n');
    const files = [
        { path: 'composer.json', mode: 0o644, data: cj },
        { path: 'LICENSE', mode: 0o644, data: Buffer.from('MIT License\n\nPermission is hereby granted, free of charge, to any person obtaining a copy...\n') },
        { path: 'README.md', mode: 0o644, data: Buffer.from(`# ${pkg}\n\n${'A line of documentation. '.repeat(20)}\n`) },
        { path: `src/${pascal(name)}.php`, mode: 0o644, data: Buffer.from(`<?php\n\nnamespace X;\n\nfinal class ${pascal(name)}\n{\n${'    // code\n'.repeat(60)}}\n`) },
    ];
    const zip = writeZip(archiveTopFolder(pkg, commit), files, new Date('2026-01-01T00:00:00Z'));
    const stmt = buildRelease({
        package: pkg,
        prettyVersion: version,
        subjects: [{ name: archiveFileName(pkg, `${version}.0`), digest: { sha256: sha('sha256', zip), sha1: sha('sha1', zip) } }],
        h1: h1OfFiles(files),
        source: { url: `https://github.com/${pkg}.git`, reference: commit },
        composerJsonSha256: sha('sha256', cj),
    });
    const envelope = JSON.parse(signStatement(PAYLOAD_TYPES.release, stmt, [keySigner(key)]).toString('utf8'));
    return { envelope, archive: zip };
}
async function post(base, path, token, body) {
    const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
    return { status: res.status, text: await res.text() };
}
/** Claims the vendors and publishes `versions` releases of each package over the registry's API. */
export async function populate(base, token, packages, versions) {
    const rnd = prng(0x5167);
    const keys = new Map();
    for (const pkg of packages) {
        const vendor = pkg.split('/')[0];
        if (keys.has(vendor))
            continue;
        const key = Ed25519PrivateKey.generate();
        keys.set(vendor, key);
        const stmt = buildVendorStatement({ vendor, keys: [signetKey(key.publicKey, 'full')], threshold: 1 });
        const r = await post(base, '/api/vendors', token, signStatement(PAYLOAD_TYPES.vendor, stmt, [keySigner(key)]).toString('utf8'));
        if (r.status !== 200)
            throw new Error(`claiming ${vendor}: HTTP ${r.status} ${r.text.slice(0, 500)}`);
    }
    // Versions in order, packages in parallel (8 uploads in flight).
    const jobs = [];
    for (let v = 0; v < versions; v++) {
        for (const pkg of packages) {
            jobs.push(async () => {
                const { envelope, archive } = release(pkg, v, keys.get(pkg.split('/')[0]), rnd);
                const r = await post(base, '/api/releases', token, JSON.stringify({ envelope, archive: archive.toString('base64') }));
                if (r.status !== 200)
                    throw new Error(`releasing ${pkg} ${VERSIONS[v]}: HTTP ${r.status} ${r.text.slice(0, 500)}`);
            });
        }
    }
    let next = 0;
    await Promise.all(Array.from({ length: 8 }, async () => {
        while (next < jobs.length)
            await jobs[next++]();
    }));
}
// ------------------------------------------------------------ nginx
function nginxConfig(dir, root, port) {
    return [
        'daemon off;',
        'master_process on;',
        'worker_processes auto;',
        // As root the workers would run as nobody, who cannot read a 0700 temp folder.
        ...(process.getuid?.() === 0 ? ['user root;'] : []),
        `pid ${join(dir, 'nginx.pid')};`,
        `error_log ${join(dir, 'error.log')} warn;`,
        'events { worker_connections 4096; }',
        'http {',
        '  access_log off;',
        `  client_body_temp_path ${join(dir, 'body')};`,
        `  proxy_temp_path ${join(dir, 'proxy')};`,
        `  fastcgi_temp_path ${join(dir, 'fastcgi')};`,
        `  uwsgi_temp_path ${join(dir, 'uwsgi')};`,
        `  scgi_temp_path ${join(dir, 'scgi')};`,
        '  sendfile on;',
        '  tcp_nopush on;',
        // Neither server closes a keep-alive connection during a run (Node's default has no limit).
        '  keepalive_requests 1000000;',
        '  server {',
        `    listen ${HOST}:${port};`,
        `    root ${root};`,
        '    default_type application/json;',
        // The registry sends the same header: the responses are alike in size.
        '    add_header Cache-Control "public, max-age=60";',
        '  }',
        '}',
        '',
    ].join('\n');
}
async function startNginx(dir, root) {
    mkdirSync(dir, { recursive: true });
    const port = await freePort();
    const conf = join(dir, 'nginx.conf');
    writeFileSync(conf, nginxConfig(dir, root, port));
    const proc = spawnProc('nginx', NGINX, ['-p', dir, '-c', conf, '-e', join(dir, 'error.log')]);
    const url = `http://${HOST}:${port}`;
    await waitReady(proc, `${url}/packages.json`);
    return { proc, port, url };
}
/** nginx's fast shutdown (SIGTERM to the master), then SIGKILL of the master and its workers. */
async function stopNginx(n) {
    const workers = childrenOf(n.proc.pid);
    await stopProc(n.proc, 'SIGTERM', 10_000);
    for (const w of workers)
        killQuietly(w);
}
function killQuietly(pid) {
    try {
        process.kill(pid, 'SIGKILL');
    }
    catch {
        // gone already
    }
}
// ------------------------------------------------------------ wrk
export function luaScript(paths) {
    return [
        `local paths = { ${paths.map((p) => JSON.stringify(p)).join(', ')} }`,
        `local every = ${PACKAGES_EVERY}`,
        'local threads = 0',
        'function setup(thread)',
        '  thread:set("offset", threads * 7919)',
        '  threads = threads + 1',
        'end',
        'local reqs = {}',
        'local index_req',
        'local counter = 0',
        'function init(args)',
        '  for i, p in ipairs(paths) do reqs[i] = wrk.format("GET", p) end',
        '  index_req = wrk.format("GET", "/packages.json")',
        '  counter = offset or 0',
        'end',
        'function request()',
        '  counter = counter + 1',
        '  if counter % every == 0 then return index_req end',
        '  return reqs[(counter % #reqs) + 1]',
        'end',
        'function done(summary, latency, requests)',
        '  local e = summary.errors',
        '  io.write(string.format("SIGNET_WRK {\\"requests\\":%d,\\"durationUs\\":%d,\\"bytes\\":%d,\\"connect\\":%d,\\"read\\":%d,\\"write\\":%d,\\"status\\":%d,\\"timeout\\":%d,\\"p50Us\\":%d,\\"p90Us\\":%d,\\"p99Us\\":%d,\\"maxUs\\":%d}\\n",',
        '    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,',
        '    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))',
        'end',
        '',
    ].join('\n');
}
const UNIT_MS = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
function durationMs(text) {
    const m = /^([0-9.]+)(us|ms|s|m|h)$/.exec(text);
    return m === null ? NaN : Number(m[1]) * UNIT_MS[m[2]];
}
/** wrk's text report (with --latency) and the SIGNET_WRK line of the script's done(). */
export function parseWrk(out) {
    const num = (re) => {
        const m = re.exec(out);
        return m === null ? NaN : Number(m[1]);
    };
    const pct = (p) => {
        const m = new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm').exec(out);
        return m === null ? NaN : durationMs(m[1]);
    };
    const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
    const done = /^SIGNET_WRK (\{.*\})$/m.exec(out);
    const j = done === null ? undefined : JSON.parse(done[1]);
    const rps = num(/^Requests\/sec:\s+([0-9.]+)/m);
    return {
        requestsPerSecond: rps,
        requests: j?.requests ?? num(/^\s*(\d+) requests in/m),
        seconds: j === undefined ? NaN : j.durationUs / 1e6,
        bytes: j?.bytes ?? NaN,
        latencyMs: { p50: pct(50), p75: pct(75), p90: pct(90), p99: pct(99) },
        non2xx: Number.isNaN(num(/Non-2xx or 3xx responses:\s+(\d+)/)) ? 0 : num(/Non-2xx or 3xx responses:\s+(\d+)/),
        socketErrors: sock === null ? { connect: 0, read: 0, write: 0, timeout: 0 } : { connect: Number(sock[1]), read: Number(sock[2]), write: Number(sock[3]), timeout: Number(sock[4]) },
    };
}
/** One wrk run; `track` gets the wrk process, so an interrupted scenario can stop it too. */
async function runWrk(target, url, load, seconds, server, track) {
    const args = ['-t', String(load.threads), '-c', String(load.connections), '-d', `${seconds}s`, '--latency', '-s', load.script, url];
    const cpu0 = cpuSeconds(server.pid, server.children);
    const p = spawnProc('wrk', WRK, args);
    track.push(p);
    const { code } = await new Promise((resolve) => p.child.once('close', (c) => resolve({ code: c })));
    const cpu1 = cpuSeconds(server.pid, server.children);
    const raw = p.output();
    if (code !== 0)
        throw new Error(`wrk ${args.join(' ')} exited with ${code}:\n${raw}`);
    return { target, ...parseWrk(raw), serverCpuSeconds: cpu0 === undefined || cpu1 === undefined ? undefined : cpu1 - cpu0, raw };
}
// ------------------------------------------------------------ the scenario
const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;
function series(runs) {
    const cpu = runs.every((r) => r.serverCpuSeconds !== undefined) ? runs.reduce((s, r) => s + r.serverCpuSeconds, 0) : undefined;
    const requests = runs.reduce((s, r) => s + r.requests, 0);
    return {
        runs,
        rps: mean(runs.map((r) => r.requestsPerSecond)),
        p50: mean(runs.map((r) => r.latencyMs.p50)),
        p99: mean(runs.map((r) => r.latencyMs.p99)),
        cpuUsPerRequest: cpu === undefined ? undefined : (cpu / requests) * 1e6,
    };
}
function brief(r) {
    const { target, requestsPerSecond, requests, seconds, bytes, latencyMs, non2xx, socketErrors, serverCpuSeconds } = r;
    return { target, requestsPerSecond, requests, seconds, bytesPerRequest: bytes / requests, latencyMs, non2xx, socketErrors, serverCpuSeconds };
}
async function run() {
    const packagesN = envInt('BENCH_REGISTRY_PACKAGES', 100);
    const versionsN = envInt('BENCH_REGISTRY_VERSIONS', 5);
    const seconds = envNumber('BENCH_REGISTRY_SECONDS', 10);
    const warmup = envNumber('BENCH_REGISTRY_WARMUP', 2);
    const connections = envInt('BENCH_REGISTRY_CONNECTIONS', 64);
    const threads = envInt('BENCH_REGISTRY_THREADS', 2);
    const withStatic = process.env.BENCH_REGISTRY_STATIC !== '0';
    const profile = process.env.BENCH_PROFILE === '1';
    if (versionsN > VERSIONS.length)
        throw new Error(`BENCH_REGISTRY_VERSIONS=${versionsN}: at most ${VERSIONS.length}`);
    if (packagesN > VENDORS.length * WORDS.length)
        throw new Error(`BENCH_REGISTRY_PACKAGES=${packagesN}: at most ${VENDORS.length * WORDS.length}`);
    const warnings = [];
    const loadStart = os.loadavg();
    const packages = Array.from({ length: packagesN }, (_, i) => `${VENDORS[i % VENDORS.length]}/${WORDS[Math.floor(i / VENDORS.length)]}`);
    const dir = mkdtempSync(join(tmpdir(), 'signet-bench-registry-'));
    const logDir = join(dir, 'log');
    const regDir = join(dir, 'registry');
    const copyDir = join(dir, 'copy');
    const staticDir = join(dir, 'static');
    const procs = [];
    const nginxes = [];
    // Never leave nginx or a server behind, even when this process is interrupted.
    const killAll = () => {
        for (const n of nginxes)
            for (const w of childrenOf(n.proc.pid))
                killQuietly(w);
        for (const p of [...procs, ...nginxes.map((n) => n.proc)])
            if (!p.exited())
                killQuietly(p.pid);
    };
    const onSignal = (sig) => {
        killAll();
        rmSync(dir, { recursive: true, force: true });
        process.stderr.write(`bench registry: ${sig}, stopped the servers\n`);
        process.exit(130);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    process.once('exit', killAll);
    try {
        const logPort = await freePort();
        const regPort = await freePort();
        const registryKey = JSON.parse(cli(['registry', 'key', '--data', regDir, '--json'])).key;
        const token = JSON.parse(cli(['registry', 'token', 'create', 'bench', '--data', regDir, '--json'])).token;
        note(`starting the log: node dist/src/cli/main.js log serve --data <tmp>/log --listen ${HOST}:${logPort} --registry-key <registry key>`);
        const logProc = spawnProc('signet log serve', process.execPath, [CLI, 'log', 'serve', '--data', logDir, '--listen', `${HOST}:${logPort}`, '--origin', 'bench.signet.example/log', '--registry-key', registryKey]);
        procs.push(logProc);
        const logUrl = `http://${HOST}:${logPort}`;
        await waitReady(logProc, `${logUrl}/checkpoint`);
        const profileDir = join(ROOT, 'bench', 'results', 'profiles', `registry-${new Date().toISOString().replace(/:/g, '-')}`);
        const regArgs = [CLI, 'registry', 'serve', '--data', regDir, '--log', logUrl, '--listen', `${HOST}:${regPort}`, ...(withStatic ? ['--static-dir', staticDir] : [])];
        note(`starting the registry: node ${profile ? '--cpu-prof ' : ''}dist/src/cli/main.js registry serve --data <tmp>/registry --log ${logUrl} --listen ${HOST}:${regPort}${withStatic ? ' --static-dir <tmp>/static' : ''}`);
        const regProc = spawnProc('signet registry serve', process.execPath, [...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), ...regArgs]);
        procs.push(regProc);
        const regUrl = `http://${HOST}:${regPort}`;
        await waitReady(regProc, `${regUrl}/packages.json`);
        note(`populating: ${packagesN} packages × ${versionsN} versions over the registry API (${new Set(packages.map((p) => p.split('/')[0])).size} vendors)`);
        const t0 = performance.now();
        await populate(regUrl, token, packages, versionsN);
        const populateSeconds = (performance.now() - t0) / 1000;
        note(`populated in ${populateSeconds.toFixed(1)} s`);
        // The documents exactly as the registry serves them, saved for nginx.
        const index = await get(`${regUrl}/packages.json`);
        const names = JSON.parse(index.body.toString('utf8'))['available-packages'];
        if (names.length !== packagesN)
            warnings.push(`packages.json lists ${names.length} packages, expected ${packagesN}`);
        const docs = new Map([['/packages.json', index.body]]);
        for (const name of names) {
            const r = await get(`${regUrl}/p2/${name}.json`);
            if (r.status !== 200)
                throw new Error(`GET /p2/${name}.json: HTTP ${r.status}`);
            docs.set(`/p2/${name}.json`, r.body);
        }
        for (const [path, body] of docs) {
            mkdirSync(dirname(join(copyDir, path)), { recursive: true });
            writeFileSync(join(copyDir, path), body);
        }
        const p2Paths = [...docs.keys()].filter((p) => p.startsWith('/p2/'));
        const p2Sizes = p2Paths.map((p) => docs.get(p).length).sort((a, b) => a - b);
        const p2Bytes = { min: p2Sizes[0], median: p2Sizes[Math.floor(p2Sizes.length / 2)], max: p2Sizes[p2Sizes.length - 1] };
        note(`${p2Paths.length} p2 files: median ${fmtBytes(p2Bytes.median)} (${fmtBytes(p2Bytes.min)} to ${fmtBytes(p2Bytes.max)}); packages.json ${fmtBytes(index.body.length)}`);
        note('starting nginx on a copy of the documents');
        const nginx = await startNginx(join(dir, 'nginx'), copyDir);
        nginxes.push(nginx);
        let staticNginx;
        if (withStatic) {
            note('starting a second nginx on the registry\'s --static-dir');
            staticNginx = await startNginx(join(dir, 'nginx-static'), staticDir);
            nginxes.push(staticNginx);
        }
        // Every document must be byte for byte the same from each server before anything is timed.
        for (const n of [nginx, ...(staticNginx === undefined ? [] : [staticNginx])]) {
            let differ = 0;
            for (const [path, body] of docs) {
                const r = await get(`${n.url}${path}`);
                if (r.status !== 200 || !r.body.equals(body))
                    differ++;
            }
            if (differ > 0)
                warnings.push(`${differ} of ${docs.size} documents from nginx (${n === nginx ? 'copy' : 'static-dir'}) differ from the registry's`);
        }
        const script = join(dir, 'composer.lua');
        writeFileSync(script, luaScript(p2Paths));
        const load = { threads, connections, seconds, script };
        const reg = { name: 'registry', url: regUrl, server: { pid: regProc.pid, children: false } };
        const ngx = { name: 'nginx', url: nginx.url, server: { pid: nginx.proc.pid, children: true } };
        const stc = staticNginx === undefined ? undefined : { name: 'nginx static-dir', url: staticNginx.url, server: { pid: staticNginx.proc.pid, children: true } };
        const targets = [reg, ngx, ...(stc === undefined ? [] : [stc])];
        note(`warm-up: wrk ${warmup} s against each server`);
        for (const t of targets)
            await runWrk(t.name, t.url, load, warmup, t.server, procs);
        // ABBA: registry, nginx(es), nginx(es) in reverse, registry.
        const order = [...targets, ...[...targets].reverse()];
        const results = new Map(targets.map((t) => [t.name, []]));
        for (const t of order) {
            note(`wrk -t${threads} -c${connections} -d${seconds}s --latency against ${t.name}`);
            const r = await runWrk(t.name, t.url, load, seconds, t.server, procs);
            note(`  ${fmt(r.requestsPerSecond)} requests/s, p50 ${fmt(r.latencyMs.p50)} ms, p99 ${fmt(r.latencyMs.p99)} ms${r.non2xx > 0 ? `, ${r.non2xx} non-2xx` : ''}`);
            results.get(t.name).push(r);
            const bad = r.non2xx + r.socketErrors.connect + r.socketErrors.read + r.socketErrors.write + r.socketErrors.timeout;
            if (bad > 0)
                warnings.push(`${t.name}: ${r.non2xx} non-2xx answers and socket errors ${JSON.stringify(r.socketErrors)} in ${fmt(r.requests)} requests`);
        }
        const regHwmKb = (() => {
            try {
                const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${regProc.pid}/status`, 'utf8'));
                return m === null ? undefined : Number(m[1]);
            }
            catch {
                return undefined;
            }
        })();
        note('stopping nginx, the registry and the log');
        for (const n of nginxes.splice(0))
            await stopNginx(n);
        const regStop = await stopProc(regProc);
        if (regStop.code !== 0)
            warnings.push(`the registry exited with ${regStop.code ?? regStop.signal} on SIGTERM: ${regProc.output().trim().slice(-1000)}`);
        const logStop = await stopProc(logProc);
        if (logStop.code !== 0)
            warnings.push(`the log exited with ${logStop.code ?? logStop.signal} on SIGTERM: ${logProc.output().trim().slice(-1000)}`);
        if (profile) {
            try {
                for (const f of readdirSync(profileDir))
                    note(`profile: ${relative(ROOT, join(profileDir, f))}`);
            }
            catch (e) {
                warnings.push(`no profile in ${profileDir}: ${e.message}`);
            }
        }
        const R = series(results.get('registry'));
        const N = series(results.get('nginx'));
        const S = stc === undefined ? undefined : series(results.get(stc.name));
        const basis = `nginx ${nginxVersion()} (worker_processes auto = ${os.availableParallelism()}, sendfile) serving the same bytes from a temp folder, mean of its two runs in this run (ABBA order)`;
        const wrkDesc = `wrk -t${threads} -c${connections} -d${seconds}s, 1 in ${PACKAGES_EVERY} requests packages.json`;
        const floors = [
            { id: 'nginx-rps', name: `nginx requests/s (${wrkDesc})`, value: N.rps, unit: 'requests/s', details: { runs: N.runs.map(brief) } },
            { id: 'nginx-p50', name: 'nginx latency p50', value: N.p50, unit: 'ms' },
            { id: 'nginx-p99', name: 'nginx latency p99', value: N.p99, unit: 'ms' },
            ...(N.cpuUsPerRequest === undefined ? [] : [{ id: 'nginx-cpu', name: 'nginx CPU per request (master + workers)', value: N.cpuUsPerRequest, unit: 'µs/request' }]),
        ];
        const figures = [];
        figures.push({
            id: 'registry-rps',
            name: `p2 metadata, \`signet registry serve\` (${wrkDesc})`,
            value: R.rps,
            unit: 'requests/s',
            better: 'higher',
            floor: { name: 'nginx', value: N.rps, unit: 'requests/s', basis },
            target: { kind: 'min', value: 0.5 * N.rps, unit: 'requests/s (50% of nginx)' },
            reference: 'target: ≥ 50% of nginx',
            details: {
                runs: R.runs.map(brief),
                latencyMs: { p50: R.p50, p99: R.p99 },
                nginxLatencyMs: { p50: N.p50, p99: N.p99 },
                serverCpuUsPerRequest: R.cpuUsPerRequest,
                nginxCpuUsPerRequest: N.cpuUsPerRequest,
                serverPeakRssKb: regHwmKb,
            },
        });
        if (R.cpuUsPerRequest !== undefined && N.cpuUsPerRequest !== undefined) {
            figures.push({
                id: 'registry-cpu-per-request',
                name: 'registry CPU per request (one event loop)',
                value: R.cpuUsPerRequest,
                unit: 'µs/request',
                better: 'lower',
                floor: { name: 'nginx', value: N.cpuUsPerRequest, unit: 'µs/request', basis: 'CPU time (/proc, user + system) of the nginx master and workers over its two runs ÷ requests' },
                details: { note: 'CPU time of the registry process (/proc, all threads) over its two runs ÷ requests' },
            });
        }
        if (S !== undefined) {
            figures.push({
                id: 'static-dir-rps',
                name: `p2 metadata, nginx serving the registry's --static-dir (${wrkDesc})`,
                value: S.rps,
                unit: 'requests/s',
                better: 'higher',
                floor: { name: 'nginx', value: N.rps, unit: 'requests/s', basis: `${basis}. The same server on the same bytes: a ratio of ~100% holds by construction; the figure shows the folder the registry writes is servable as is` },
                target: { kind: 'min', value: 0.5 * N.rps, unit: 'requests/s (50% of nginx)' },
                details: { runs: S.runs.map(brief), latencyMs: { p50: S.p50, p99: S.p99 }, serverCpuUsPerRequest: S.cpuUsPerRequest },
            });
        }
        figures.push({
            id: 'registry-latency-p99',
            name: `registry latency p99 (${connections} connections)`,
            value: R.p99,
            unit: 'ms',
            better: 'lower',
            floor: { name: 'nginx p99', value: N.p99, unit: 'ms', basis: 'wrk --latency p99 of nginx, mean of its two runs' },
            details: { p50: R.p50, nginxP50: N.p50 },
        });
        return {
            params: {
                packages: packagesN,
                versionsPerPackage: versionsN,
                p2FileBytesMedian: p2Bytes.median,
                p2FileBytesMin: p2Bytes.min,
                p2FileBytesMax: p2Bytes.max,
                packagesJsonBytes: index.body.length,
                populateSeconds: +populateSeconds.toFixed(1),
                wrk: `-t${threads} -c${connections} -d${seconds}s --latency`,
                runsPerServer: 2,
                order: order.map((t) => t.name).join(', '),
                warmupSeconds: warmup,
                packagesJsonEvery: PACKAGES_EVERY,
                staticDir: withStatic,
                cores: os.availableParallelism(),
                loadAverageAtStart: loadStart.map((x) => x.toFixed(2)).join(' '),
                loadAverageAtEnd: os.loadavg().map((x) => x.toFixed(2)).join(' '),
            },
            floors,
            figures,
            warnings,
        };
    }
    finally {
        for (const n of nginxes.splice(0))
            await stopNginx(n).catch(() => undefined);
        for (const p of [...procs].reverse())
            if (!p.exited())
                await stopProc(p, 'SIGTERM', 10_000).catch(() => undefined);
        process.removeListener('SIGINT', onSignal);
        process.removeListener('SIGTERM', onSignal);
        process.removeListener('exit', killAll);
        rmSync(dir, { recursive: true, force: true });
    }
}
/** `nginx -v` writes its version to stderr. */
function nginxVersion() {
    const r = spawnSync(NGINX, ['-v'], { encoding: 'utf8' });
    return /nginx\/(\S+)/.exec(`${r.stdout ?? ''}${r.stderr ?? ''}`)?.[1] ?? 'unknown';
}
export const registry = {
    name: 'registry',
    summary: 'p2 metadata requests/s from `signet registry serve` (child) under wrk, beside nginx serving the same files in the same run (target ≥ 50% of nginx)',
    run,
};
//# sourceMappingURL=registry.js.map