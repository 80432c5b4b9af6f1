/** What differs between two file sets (for `signet reproduce`: the published archive vs a rebuild). */
import { sortByPath } from './paths.js';
/** Paths added, removed and changed from `a` to `b`, each list sorted in byte order. */
export function diffFiles(a, b) {
    const before = new Map(a.map((f) => [f.path, f]));
    const after = new Map(b.map((f) => [f.path, f]));
    const added = [];
    const removed = [];
    const changed = [];
    for (const [path, f] of after) {
        const old = before.get(path);
        if (old === undefined)
            added.push(f);
        else if (old.mode !== f.mode || !old.data.equals(f.data))
            changed.push(f);
    }
    for (const [path, f] of before)
        if (!after.has(path))
            removed.push(f);
    const paths = (files) => sortByPath(files).map((f) => f.path);
    return { added: paths(added), removed: paths(removed), changed: paths(changed) };
}
//# sourceMappingURL=diff.js.map