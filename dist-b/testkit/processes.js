/** Several `signet` servers as child processes on 127.0.0.1, each started and stopped like an operator would. */
import { spawn } from 'node:child_process';
import { CLI } from './cli.js';
import { freePort } from './server-process.js';
/** Starts `signet <args>` with `--listen 127.0.0.1:<port>` and waits until GET `url + ready` answers 200. */
export async function startSignet(name, args, opts = {}) {
    // A free port can be taken by another process between the probe and the listen: try another one.
    for (let attempt = 1;; attempt++) {
        try {
            return await startOnce(name, args, opts);
        }
        catch (e) {
            if (opts.port !== undefined || attempt >= 3 || !String(e.message).includes('exited at start-up'))
                throw e;
        }
    }
}
async function startOnce(name, args, opts) {
    const port = opts.port ?? (await freePort());
    const url = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, [CLI, ...args, '--listen', `127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (out += d));
    let exited = false;
    const done = new Promise((resolve) => child.once('exit', () => ((exited = true), resolve())));
    const deadline = Date.now() + 30_000;
    for (;;) {
        if (exited)
            throw new Error(`${name} exited at start-up:\n${out}`);
        const ok = await fetch(url + (opts.ready ?? '/')).then((r) => r.status === 200, () => false);
        if (ok)
            break;
        if (Date.now() > deadline) {
            child.kill('SIGKILL');
            throw new Error(`${name} did not answer within 30 s:\n${out}`);
        }
        await new Promise((r) => setTimeout(r, 50));
    }
    return {
        name,
        url,
        port,
        child,
        output: () => out,
        kill: async () => {
            if (!exited)
                child.kill('SIGKILL');
            await done;
        },
        stop: async () => {
            if (!exited)
                child.kill('SIGTERM');
            await done;
        },
    };
}
//# sourceMappingURL=processes.js.map