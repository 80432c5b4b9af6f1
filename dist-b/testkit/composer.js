/**
 * Runs the REAL Composer (Debian's composer 2.5 on php-cli 8.2) in throwaway projects, for tests.
 *
 * Isolation: each project lives in its own temporary folder with its own COMPOSER_HOME and cache, and
 * Composer runs with COMPOSER_NO_INTERACTION=1 and COMPOSER_ALLOW_SUPERUSER=1, without any COMPOSER_*
 * variable of the caller (no COMPOSER_AUTH, no global config), with packagist.org disabled, and with
 * http(s)_proxy pointing at a closed port and no_proxy=127.0.0.1,localhost: a request to anything but
 * 127.0.0.1 fails instead of reaching the network.
 *
 * `secure-http`: Composer refuses http:// URLs unless `config.secure-http` is false, and that option is
 * global to a project: Composer 2.5 has no per-repository or per-host form (Config::prohibitUrlByConfig
 * reads only the global flag; the maintainers declined a per-repository one, composer/composer#5443 and
 * #5008). So it is set to false in the throwaway project's composer.json only, never in a global
 * config, and the only repository that project knows is the test server on 127.0.0.1. The narrower
 * alternative is to keep secure-http and serve https with a test CA given per repository as
 * `"options": {"ssl": {"cafile": ...}}` (Composer passes repository options to its stream context).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
export const DEFAULT_COMPOSER_TIMEOUT_MS = 120_000;
/** A port nothing listens on: proxied (non-local) requests fail fast with "connection refused". */
const DEAD_PROXY = 'http://127.0.0.1:9';
let availability;
/**
 * Why Composer tests cannot run here (a message for `it(..., { skip })`), or false when they can:
 * `composer` must run and be able to unpack zips (php's zip extension or the `unzip` command).
 */
export function composerSkipReason() {
    if (availability !== undefined)
        return availability;
    const env = { ...baseEnv(), COMPOSER_HOME: join(tmpdir(), 'signet-composer-probe') };
    const composer = spawnSync('composer', ['--version', '--no-ansi'], { env, encoding: 'utf8', timeout: 30_000 });
    if (composer.error !== undefined || composer.status !== 0) {
        availability = 'composer is not installed (Debian: apt-get install composer php-cli php-zip unzip)';
    }
    else {
        const zipExt = spawnSync('php', ['-r', 'exit(class_exists("ZipArchive") ? 0 : 1);'], { encoding: 'utf8', timeout: 30_000 });
        const unzip = spawnSync('unzip', ['-v'], { encoding: 'utf8', timeout: 30_000 });
        availability =
            zipExt.status === 0 || unzip.status === 0 ? false : 'Composer cannot unpack zip archives here (Debian: apt-get install php-zip unzip)';
    }
    return availability;
}
export function composerAvailable() {
    return composerSkipReason() === false;
}
/** The caller's environment without any COMPOSER_* variable or proxy setting. */
function baseEnv() {
    const env = {};
    for (const [k, v] of Object.entries(process.env)) {
        if (v === undefined || k.startsWith('COMPOSER') || /^(?:https?|all|no)_proxy$/i.test(k))
            continue;
        env[k] = v;
    }
    return env;
}
/** The composer.json a project gets: the repository first, packagist.org off, secure-http off (see the module comment). */
export function projectComposerJson(o) {
    const { config: extraConfig, ...rest } = o.composerJson ?? {};
    const config = { 'secure-http': false };
    if (typeof extraConfig === 'object' && extraConfig !== null)
        Object.assign(config, extraConfig);
    return {
        name: 'signet-test/project',
        description: 'A throwaway project for a Signet test',
        repositories: [{ type: 'composer', url: o.repositoryUrl }, { 'packagist.org': false }],
        require: { ...(o.require ?? {}) },
        ...rest,
        config,
    };
}
export async function createComposerProject(o) {
    const root = await mkdtemp(join(tmpdir(), 'signet-composer-'));
    const dir = join(root, 'project');
    const home = join(root, 'composer-home');
    await mkdir(dir);
    await mkdir(home);
    await writeFile(join(dir, 'composer.json'), JSON.stringify(projectComposerJson(o), null, 4) + '\n');
    const env = {
        ...baseEnv(),
        HOME: root,
        COMPOSER_HOME: home,
        COMPOSER_CACHE_DIR: join(home, 'cache'),
        COMPOSER_NO_INTERACTION: '1',
        COMPOSER_ALLOW_SUPERUSER: '1',
        COMPOSER_DISABLE_XDEBUG_WARN: '1',
        http_proxy: DEAD_PROXY,
        https_proxy: DEAD_PROXY,
        HTTP_PROXY: DEAD_PROXY,
        HTTPS_PROXY: DEAD_PROXY,
        no_proxy: '127.0.0.1,localhost',
        NO_PROXY: '127.0.0.1,localhost',
    };
    const run = (args, ro) => runComposer(args, dir, env, ro?.timeoutMs ?? DEFAULT_COMPOSER_TIMEOUT_MS);
    return {
        root,
        dir,
        home,
        env,
        run,
        install: (ro) => run(['install', '--no-progress', '--no-ansi'], ro),
        require: (specs, ro) => run(['require', ...specs, '--no-progress', '--no-ansi'], ro),
        readJson: async (rel) => JSON.parse(await readFile(join(dir, rel), 'utf8')),
        cleanup: () => rm(root, { recursive: true, force: true }),
    };
}
/**
 * Runs composer asynchronously (the test's HTTP server lives in this process, so a synchronous spawn
 * would deadlock), in its own process group so a timeout kills it and whatever it started.
 */
export function runComposer(args, cwd, env, timeoutMs) {
    return new Promise((resolve, reject) => {
        const child = spawn('composer', [...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
        let stdout = '';
        let stderr = '';
        let timedOut = false;
        child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
        child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
        const timer = setTimeout(() => {
            timedOut = true;
            try {
                if (child.pid !== undefined)
                    process.kill(-child.pid, 'SIGKILL');
            }
            catch {
                child.kill('SIGKILL');
            }
        }, timeoutMs);
        child.once('error', (e) => {
            clearTimeout(timer);
            reject(e);
        });
        child.once('close', (code, signal) => {
            clearTimeout(timer);
            resolve({ code, signal, stdout, stderr, timedOut });
        });
    });
}
/** A readable summary of a run for assertion messages. */
export function describeRun(r) {
    const status = r.timedOut ? 'timed out' : r.signal !== null ? `killed by ${r.signal}` : `exit ${r.code}`;
    return `composer ${status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
}
//# sourceMappingURL=composer.js.map