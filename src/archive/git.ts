/**
 * The files of a git commit, exactly as `git archive` exports them (export-ignore, export-subst), read
 * with the system `git` (no shell). docs/ARCHIVES.md, "Which files".
 */
import { spawn } from 'node:child_process';
import { SignetError } from '../errors.js';
import { checkDistinct, checkPath, sortByPath } from './paths.js';
import { parseTar } from './tar.js';
import type { ArchiveFile } from './types.js';

export interface CommitExport {
  /** The full commit id, lowercase hex (40 digits; 64 in a SHA-256 repository). */
  readonly commit: string;
  /** The committer time of the commit, the time stamp of every archive entry. */
  readonly time: Date;
  /** The exported files, sorted by path in byte order. */
  readonly files: ArchiveFile[];
}

/** Git's output beyond this is refused: no release archive can be that large (zip without zip64). */
/** What `git archive` may write: the upload limit on files (256 MiB) plus tar headers; a hostile repository must not exhaust a rebuilder's memory. */
const MAX_GIT_OUTPUT = 320 * 1024 * 1024;

/**
 * Configuration that would make the export depend on the machine: line-ending conversion and the user's
 * own attributes file. The repository's committed .gitattributes still apply, as they do for git archive.
 */
const PINNED_CONFIG = ['-c', 'core.autocrlf=false', '-c', 'core.eol=lf', '-c', 'core.attributesFile='];

/** Variables that would point git at another repository than `repo`. */
const REPOSITORY_ENV = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_COMMON_DIR', 'GIT_NAMESPACE', 'GIT_PREFIX'];
/**
 * Whether an environment variable holds one of Signet's own secrets (SIGNET_TOKEN, SIGNET_PASSPHRASE and
 * the per-key SIGNET_PASSPHRASE_<KEY ID>), which are never passed to git or to what a repository's config
 * makes git run (hooks, core.fsmonitor).
 */
export function isSecretEnv(name: string): boolean {
  return name === 'SIGNET_TOKEN' || name === 'SIGNET_PASSPHRASE' || name.startsWith('SIGNET_PASSPHRASE_');
}

/** A copy of `env` without Signet's secrets (isSecretEnv). */
export function withoutSecrets(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) if (!isSecretEnv(k)) out[k] = v;
  return out;
}

interface GitResult {
  readonly code: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

function runGit(repo: string, args: readonly string[]): Promise<GitResult> {
  // Signet's secrets are not git's: the repository's own config (hooks, core.fsmonitor) runs with this env.
  const env: NodeJS.ProcessEnv = { ...withoutSecrets(process.env), LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' };
  for (const name of REPOSITORY_ENV) delete env[name];
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-C', repo, ...PINNED_CONFIG, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let overflow = false;
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > MAX_GIT_OUTPUT) {
        overflow = true;
        child.kill();
      } else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') {
        reject(new SignetError('GIT_UNAVAILABLE', 'the git command was not found', { hint: 'install git and make sure it is on PATH', cause: e }));
      } else reject(new SignetError('GIT_FAILED', `git could not be started: ${e.message}`, { cause: e }));
    });
    child.on('close', (code) => {
      if (overflow) {
        reject(new SignetError('ARCHIVE_TOO_LARGE', 'the commit exports more than 320 MiB (the registry accepts at most 256 MiB of files)', { hint: 'mark large files export-ignore in .gitattributes' }));
      } else resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8').trim() });
    });
  });
}

function failed(what: string, r: GitResult): SignetError {
  return new SignetError('GIT_FAILED', `git ${what} failed: ${r.stderr || `exit code ${r.code}`}`, {
    evidence: { stderr: r.stderr },
    hint: /dubious ownership/.test(r.stderr) ? 'mark the repository safe: git config --global --add safe.directory <path>' : undefined,
  });
}

async function checkRepository(repo: string): Promise<void> {
  const r = await runGit(repo, ['rev-parse', '--git-dir']);
  if (r.code === 0) return;
  if (/not a git repository|cannot change to/i.test(r.stderr)) {
    throw new SignetError('GIT_NOT_REPOSITORY', `${repo} is not a git repository`, {
      got: r.stderr,
      hint: 'run the command inside your package\'s git checkout, or pass its path',
    });
  }
  throw failed('rev-parse', r);
}

async function resolveCommit(repo: string, rev: string): Promise<string> {
  const unknown = (): SignetError =>
    new SignetError('GIT_REVISION_UNKNOWN', `${JSON.stringify(rev)} does not name a commit in ${repo}`, {
      got: rev,
      hint: 'check the tag or commit exists (git tag --list, git log); fetch tags with `git fetch --tags`',
    });
  // A revision must not be taken for an option; --end-of-options guards the rest.
  if (rev === '' || rev.startsWith('-') || rev.includes('\0')) throw unknown();
  const r = await runGit(repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
  const commit = r.stdout.toString('utf8').trim();
  if (r.code === 1 || (r.code === 0 && commit === '')) throw unknown();
  if (r.code !== 0) throw failed('rev-parse', r);
  if (!/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(commit)) throw failed('rev-parse', { ...r, stderr: `unexpected output ${JSON.stringify(commit)}` });
  return commit;
}

async function commitTime(repo: string, commit: string): Promise<Date> {
  const r = await runGit(repo, ['show', '-s', '--format=%ct', commit]);
  const seconds = r.stdout.toString('utf8').trim();
  if (r.code !== 0 || !/^-?\d+$/.test(seconds)) throw failed('show', r);
  return new Date(Number(seconds) * 1000);
}

/** The files of `commit` as git archive exports them; refuses symbolic links and unsafe paths. */
async function archiveFiles(repo: string, commit: string): Promise<ArchiveFile[]> {
  const r = await runGit(repo, ['archive', '--format=tar', commit]);
  if (r.code !== 0) throw failed('archive', r);
  const files: ArchiveFile[] = [];
  for (const entry of parseTar(r.stdout)) {
    if (entry.type === 'folder') continue; // folders (and submodules, which git archive leaves empty)
    const path = entry.path;
    checkPath(path);
    if (entry.type === 'symlink') {
      throw new SignetError('ARCHIVE_SYMLINK', `${path} is a symbolic link (to ${JSON.stringify(entry.linkTarget)})`, {
        expected: 'regular files only: a release archive carries no links',
        got: 'a symbolic link',
        hint: `mark it export-ignore in .gitattributes: echo '/${path} export-ignore' >> .gitattributes`,
      });
    }
    files.push({ path, mode: entry.mode & 0o111 ? 0o755 : 0o644, data: Buffer.from(entry.data) });
  }
  checkDistinct(files.map((f) => f.path));
  return sortByPath(files);
}

/** Exports `rev` of the git repository at `repo`: its full commit id, committer time and files. */
export async function exportCommit(repo: string, rev: string): Promise<CommitExport> {
  await checkRepository(repo);
  const commit = await resolveCommit(repo, rev);
  const [time, files] = await Promise.all([commitTime(repo, commit), archiveFiles(repo, commit)]);
  return { commit, time, files };
}
