/** What differs between two file sets (for `signet reproduce`: the published archive vs a rebuild). */
import { sortByPath } from './paths.js';
import type { ArchiveFile } from './types.js';

export interface FilesDiff {
  /** In `b` only. */
  readonly added: string[];
  /** In `a` only. */
  readonly removed: string[];
  /** In both, with other content or another mode. */
  readonly changed: string[];
}

/** Paths added, removed and changed from `a` to `b`, each list sorted in byte order. */
export function diffFiles(a: readonly ArchiveFile[], b: readonly ArchiveFile[]): FilesDiff {
  const before = new Map(a.map((f) => [f.path, f]));
  const after = new Map(b.map((f) => [f.path, f]));
  const added: ArchiveFile[] = [];
  const removed: ArchiveFile[] = [];
  const changed: ArchiveFile[] = [];
  for (const [path, f] of after) {
    const old = before.get(path);
    if (old === undefined) added.push(f);
    else if (old.mode !== f.mode || !old.data.equals(f.data)) changed.push(f);
  }
  for (const [path, f] of before) if (!after.has(path)) removed.push(f);
  const paths = (files: ArchiveFile[]): string[] => sortByPath(files).map((f) => f.path);
  return { added: paths(added), removed: paths(removed), changed: paths(changed) };
}
