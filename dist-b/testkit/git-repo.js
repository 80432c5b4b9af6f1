/** Temporary git repositories with deterministic commits, for the archive tests. */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
export function gitEnv(date = '2024-05-06T07:08:09Z') {
    return {
        ...process.env,
        GIT_AUTHOR_NAME: 'Test Author',
        GIT_AUTHOR_EMAIL: 'author@example.test',
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_NAME: 'Test Committer',
        GIT_COMMITTER_EMAIL: 'committer@example.test',
        GIT_COMMITTER_DATE: date,
        GIT_CONFIG_NOSYSTEM: '1',
    };
}
export function makeRepo() {
    const dir = mkdtempSync(join(tmpdir(), 'signet-archive-'));
    const git = (...args) => execFileSync('git', ['-C', dir, ...args], { env: gitEnv(), encoding: 'utf8' });
    execFileSync('git', ['-c', 'init.defaultBranch=main', 'init', '-q', dir], { env: gitEnv() });
    git('config', 'user.name', 'Test');
    git('config', 'user.email', 'test@example.test');
    git('config', 'commit.gpgsign', 'false');
    return {
        dir,
        git,
        commit(files, message = 'commit', date) {
            for (const [path, content] of Object.entries(files)) {
                const full = join(dir, path);
                mkdirSync(dirname(full), { recursive: true });
                writeFileSync(full, content);
                chmodSync(full, String(content).startsWith('#!') ? 0o755 : 0o644);
            }
            execFileSync('git', ['-C', dir, 'add', '-A'], { env: gitEnv(date) });
            execFileSync('git', ['-C', dir, 'commit', '-q', '--allow-empty', '-m', message], { env: gitEnv(date) });
            return git('rev-parse', 'HEAD').trim();
        },
        symlink(path, target) {
            symlinkSync(target, join(dir, path));
        },
        chmod(path, mode) {
            chmodSync(join(dir, path), mode);
        },
        remove() {
            rmSync(dir, { recursive: true, force: true });
        },
    };
}
//# sourceMappingURL=git-repo.js.map