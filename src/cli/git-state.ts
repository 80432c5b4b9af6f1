/** What `signet release` asks git before it builds anything: clean tree, HEAD at the version's tag, the origin URL. */
import { execFile } from 'node:child_process';
import { SignetError } from '../errors.js';
import { withoutSecrets } from '../archive/git.js';

function git(dir: string, args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env = withoutSecrets(process.env);
    execFile('git', ['-C', dir, ...args], { maxBuffer: 16 * 1024 * 1024, env }, (err, stdout, stderr) => {
      if (err !== null && typeof (err as { code?: unknown }).code !== 'number') {
        reject(
          new SignetError('FETCH_FAILED', `cannot run git: ${err.message}`, { hint: 'install git (Debian: apt-get install git)', cause: err }),
        );
        return;
      }
      resolve({ code: err === null ? 0 : Number((err as { code: number }).code), stdout, stderr });
    });
  });
}

export async function repoRoot(dir: string): Promise<string> {
  const r = await git(dir, ['rev-parse', '--show-toplevel']);
  if (r.code !== 0) {
    throw new SignetError('USAGE', `${dir} is not inside a git repository`, { hint: 'run `signet release` in your package’s git checkout, or pass --dir' });
  }
  return r.stdout.trim();
}

/** Refuses a working tree with uncommitted changes to tracked files (untracked files are not released). */
export async function assertClean(dir: string): Promise<void> {
  const r = await git(dir, ['status', '--porcelain', '--untracked-files=no']);
  const changed = r.stdout.split('\n').filter((l) => l.trim() !== '');
  if (changed.length > 0) {
    throw new SignetError('RELEASE_TREE_DIRTY', `the working tree has ${changed.length} uncommitted change(s)`, {
      expected: 'a clean working tree (the release is built from the commit, and must be what you tested)',
      got: changed.slice(0, 10).map((l) => l.trim()).join(', ') + (changed.length > 10 ? ', …' : ''),
      hint: 'commit or stash your changes (git stash), then tag and release again',
    });
  }
}

/** The tag for VERSION that HEAD is at (VERSION itself or v-prefixed); throws with the fix otherwise. */
export async function tagAtHead(dir: string, version: string): Promise<{ tag: string; commit: string }> {
  const head = (await git(dir, ['rev-parse', '--verify', 'HEAD^{commit}'])).stdout.trim();
  const candidates = version.startsWith('v') ? [version, version.slice(1)] : [version, `v${version}`];
  for (const tag of candidates) {
    const r = await git(dir, ['rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`]);
    if (r.code !== 0) continue;
    const commit = r.stdout.trim();
    if (commit !== head) {
      throw new SignetError('RELEASE_TAG_MISMATCH', `HEAD is not the commit tagged ${tag}`, {
        expected: `HEAD at ${commit.slice(0, 12)} (tag ${tag})`,
        got: `HEAD at ${head.slice(0, 12)}`,
        hint: `check out the tag (git checkout ${tag}) to release it, or tag HEAD with a new version`,
      });
    }
    return { tag, commit };
  }
  throw new SignetError('RELEASE_TAG_MISMATCH', `there is no tag ${candidates.join(' or ')}`, {
    expected: `a tag ${version} on HEAD`,
    got: 'no such tag',
    hint: `tag the commit to release: git tag ${version} && git push origin ${version}`,
  });
}

export async function originUrl(dir: string): Promise<string | undefined> {
  const r = await git(dir, ['remote', 'get-url', 'origin']);
  return r.code === 0 && r.stdout.trim() !== '' ? r.stdout.trim() : undefined;
}

export { git };
