/** Summaries of V8 .cpuprofile files for the scenarios' BENCH_PROFILE=1 runs: self and total time by function. */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { ROOT } from './child.js';
/** Self and inclusive time of a V8 .cpuprofile (time = hitCount × mean sampling interval). */
export function summarizeProfile(file, n, project = /dist\/src\//) {
    const p = JSON.parse(readFileSync(file, 'utf8'));
    const interval = (p.endTime - p.startTime) / 1000 / Math.max(1, p.samples.length);
    const byId = new Map(p.nodes.map((node) => [node.id, node]));
    const parent = new Map();
    for (const node of p.nodes)
        for (const c of node.children ?? [])
            parent.set(c, node.id);
    const name = (node) => {
        const f = node.callFrame;
        const where = f.url === '' ? '' : ` ${f.url.replace(/^file:\/\//, '').replace(ROOT, '')}:${f.lineNumber + 1}`;
        return `${f.functionName || '(anonymous)'}${where}`;
    };
    const self = new Map();
    const inclusive = new Map();
    let sampled = 0;
    let idle = 0;
    for (const node of p.nodes) {
        const ms = (node.hitCount ?? 0) * interval;
        if (ms === 0)
            continue;
        sampled += ms;
        if (node.callFrame.functionName === '(idle)') {
            idle += ms;
            continue;
        }
        self.set(name(node), (self.get(name(node)) ?? 0) + ms);
        const seen = new Set();
        for (let id = node.id; id !== undefined; id = parent.get(id)) {
            const k = name(byId.get(id));
            if (seen.has(k))
                continue;
            seen.add(k);
            inclusive.set(k, (inclusive.get(k) ?? 0) + ms);
        }
    }
    const busy = sampled - idle;
    const rows = (m, keep) => [...m.entries()]
        .filter(([fn]) => keep(fn))
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(([fn, ms]) => ({ fn, ms: Math.round(ms * 10) / 10, pctOfBusy: +((ms / busy) * 100).toFixed(1) }));
    return {
        file: relative(ROOT, file),
        sampledMs: Math.round(sampled),
        busyMs: Math.round(busy),
        self: rows(self, () => true),
        inclusive: rows(inclusive, (fn) => project.test(fn)),
    };
}
//# sourceMappingURL=profile.js.map