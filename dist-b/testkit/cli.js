/** Runs the built `signet` executable as a child process, as a user or CI would. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './vectors.js';
/** The package's bin: the bundled executable (scripts/bundle.ts), which hands non-verifier commands to dist/src/cli/main.js. */
export const CLI = join(REPO_ROOT, 'dist/signet.cjs');
export function runCli(args, opts = {}) {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [CLI, ...args], {
            cwd: opts.cwd ?? REPO_ROOT,
            env: { ...process.env, ...opts.env },
            stdio: ['pipe', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
        child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
        child.stdin.end(opts.input ?? '');
    });
}
//# sourceMappingURL=cli.js.map