/**
 * The `tlog` scenario: Merkle append, inclusion and consistency proofs, and the auditor (`signet tlog
 * verify`) over a local log, each beside the SHA-256 floor measured in the same run.
 *
 * Every figure's floor is "what the figure would be if the operation cost nothing but its SHA-256
 * calls at this machine's measured node:crypto rate": the hash calls per operation are counted
 * exactly by mirroring the algorithms in src/tlog (see the *Cost functions), so ratio = value / floor
 * is the fraction of the crypto-bound maximum that the code reaches.
 *
 * Sizes: BENCH_LEAVES (default 1,000,000; 20000 for a quick run). BENCH_SECONDS: length of each
 * rate loop (default 1). BENCH_PROFILE=1: the auditor child runs with --cpu-prof into bench/results/profiles.
 */
import { mkdirSync, mkdtempSync, openSync, closeSync, writeSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Ed25519PrivateKey } from '../src/crypto/ed25519.js';
import { ed25519NoteSigner, formatVerifierKey, signNote } from '../src/crypto/note.js';
import { formatCheckpoint } from '../src/tlog/checkpoint.js';
import { leafHash } from '../src/tlog/hash.js';
import { consistencyProof, inclusionProof, verifyConsistency, verifyInclusion } from '../src/tlog/proof.js';
import { grownBundles, grownHashTiles } from '../src/tlog/tilewriter.js';
import { MerkleTree } from '../src/tlog/tree.js';
import { ROOT, runNode } from './child.js';
import { measureFloors, measureHashFloors, SHA256_PATH } from './floors.js';
import { envInt, envNumber, fmt, fmtBytes, measureRate, note, prng, timeOnce, } from './lib.js';
const ENTRY_BYTES = 100;
const SAMPLES = 4096;
const ORIGIN = 'bench.signet.example/log';
// ------------------------------------------------------------ hash-call counts (mirrors of src/tlog)
function isPow2(n) {
    return n > 0 && 2 ** Math.round(Math.log2(n)) === n;
}
/** Largest power of two strictly below n (n >= 2), as tree.ts splitPoint. */
function split(n) {
    let k = 1;
    while (k * 2 < n)
        k *= 2;
    return k;
}
/** nodeHash calls of subtreeHash over n leaves starting at an aligned index: popcount(n) - 1. */
function subtreeCost(n) {
    let c = 0;
    while (n > 1 && !isPow2(n)) {
        c++;
        n -= split(n);
    }
    return c;
}
/** nodeHash calls of inclusionProof(reader, m, n). */
export function inclusionGenCost(m, n) {
    let c = 0;
    while (n > 1) {
        const k = split(n);
        if (m < k) {
            c += subtreeCost(n - k);
            n = k;
        }
        else {
            m -= k;
            n -= k;
        }
    }
    return c;
}
/** nodeHash calls of consistencyProof(reader, m, n), 0 < m < n. */
export function consistencyGenCost(m, n, whole = true) {
    if (m === n)
        return whole ? 0 : subtreeCost(n);
    const k = split(n);
    return m <= k ? consistencyGenCost(m, k, whole) + subtreeCost(n - k) : consistencyGenCost(m - k, n - k, false);
}
/** nodeHash calls of verifyConsistency(m, n, ...) with a proof of `proofLen` hashes, 0 < m < n. */
export function consistencyVerifyCost(m, n, proofLen) {
    const pathLen = proofLen + (isPow2(m) ? 1 : 0);
    let fn = BigInt(m) - 1n;
    let sn = BigInt(n) - 1n;
    while ((fn & 1n) === 1n) {
        fn >>= 1n;
        sn >>= 1n;
    }
    let c = 0;
    for (let i = 1; i < pathLen; i++) {
        if (sn === 0n)
            break;
        if ((fn & 1n) === 1n || fn === sn) {
            c += 2;
            if ((fn & 1n) === 0n) {
                while ((fn & 1n) === 0n && fn !== 0n) {
                    fn >>= 1n;
                    sn >>= 1n;
                }
            }
        }
        else {
            c += 1;
        }
        fn >>= 1n;
        sn >>= 1n;
    }
    return c;
}
function popcount(n) {
    let c = 0;
    while (n > 0) {
        c += n % 2;
        n = Math.floor(n / 2);
    }
    return c;
}
// ------------------------------------------------------------ data
/** `count` deterministic entries of ENTRY_BYTES bytes in one buffer; entry i starts with i (uint32 BE). */
function makeEntries(count) {
    const buf = Buffer.allocUnsafe(count * ENTRY_BYTES);
    const rnd = prng(0x5167e7);
    for (let off = 0; off + 4 <= buf.length; off += 4)
        buf.writeUInt32LE((rnd() * 2 ** 32) >>> 0, off);
    for (let i = 0; i < count; i++)
        buf.writeUInt32BE(i >>> 0, i * ENTRY_BYTES);
    return buf;
}
function dirUsage(dir) {
    let files = 0;
    let apparent = 0;
    let allocated = 0;
    const walk = (d) => {
        for (const e of readdirSync(d, { withFileTypes: true })) {
            const p = join(d, e.name);
            if (e.isDirectory())
                walk(p);
            else {
                const st = statSync(p);
                files++;
                apparent += st.size;
                allocated += st.blocks * 512;
            }
        }
    };
    walk(dir);
    return { files, apparent, allocated };
}
async function run() {
    const leaves = envInt('BENCH_LEAVES', 1_000_000, 2);
    const seconds = envNumber('BENCH_SECONDS', 1);
    const profile = process.env.BENCH_PROFILE === '1';
    const warnings = [];
    const figures = [];
    const loadStart = os.loadavg();
    // 1. Floors, printed on their own.
    note(`floors: SHA-256 and Ed25519 through node:crypto, ${seconds} s each`);
    const fl = measureFloors(seconds, ENTRY_BYTES);
    if (!fl.ed25519Ok)
        warnings.push('the Ed25519 floor signature did not verify: the Ed25519 floor is meaningless');
    const floors = [
        { id: 'sha256-node-hash', name: `SHA-256 node hash (0x01‖32 B‖32 B, ${SHA256_PATH})`, value: fl.nodeHash.perSecond, unit: 'hashes/s', details: { ...fl.nodeHash } },
        { id: 'sha256-leaf-hash', name: `SHA-256 leaf hash (0x00‖${ENTRY_BYTES} B entry)`, value: fl.leafHash.perSecond, unit: 'hashes/s', details: { ...fl.leafHash } },
        { id: 'sha256-bulk', name: 'SHA-256 over 1 MiB buffers', value: fl.sha256MBps, unit: 'MB/s', details: { mibBuffersHashed: fl.sha256Bulk.ops, seconds: fl.sha256Bulk.seconds } },
        { id: 'ed25519-verify', name: 'Ed25519 verify (src/crypto/ed25519.ts)', value: fl.ed25519Verify.perSecond, unit: 'verifications/s', details: { ...fl.ed25519Verify } },
    ];
    // Each figure's floor is the mean of SHA-256 rates measured just before and just after it, in the
    // same process (the machine may be shared: a floor only means something under its figure's load).
    const localSeconds = Math.min(0.5, seconds);
    const localFloors = {};
    const ratesNow = () => {
        const h = measureHashFloors(localSeconds, ENTRY_BYTES);
        return { nodeRate: h.nodeHash.perSecond, leafRate: h.leafHash.perSecond };
    };
    const record = (id, before, after) => {
        const used = { nodeRate: (before.nodeRate + after.nodeRate) / 2, leafRate: (before.leafRate + after.leafRate) / 2 };
        localFloors[id] = { before, after, used };
        return used;
    };
    const bracketed = (id, measure) => {
        const before = ratesNow();
        const result = measure();
        return { result, rates: record(id, before, ratesNow()) };
    };
    const bracketBasis = 'SHA-256 rates measured just before and after this figure';
    // Append of n leaves costs n leaf hashes and n - popcount(n) node hashes.
    const appendNodes = leaves - popcount(leaves);
    const nodesPerLeaf = appendNodes / leaves;
    /** Leaves/s if each cost only its leaf hash and its share of node hashes. */
    const leafAndNodesBound = (r) => 1 / (1 / r.leafRate + nodesPerLeaf / r.nodeRate);
    // 2. Merkle append.
    note(`generating ${fmt(leaves)} deterministic ${ENTRY_BYTES}-byte entries`);
    const entries = makeEntries(leaves);
    const entryAt = (i) => entries.subarray(i * ENTRY_BYTES, (i + 1) * ENTRY_BYTES);
    {
        // Warm the JIT on the exact code paths before timing.
        const w = new MerkleTree();
        for (let i = 0; i < Math.min(leaves, 20_000); i++)
            w.appendLeafHash(leafHash(entryAt(i)));
    }
    note(`appending ${fmt(leaves)} leaves (leafHash + appendLeafHash)`);
    const tree = new MerkleTree();
    const appendFull = bracketed('append-with-leafhash', () => timeOnce(() => {
        for (let i = 0; i < leaves; i++)
            tree.appendLeafHash(leafHash(entryAt(i)));
    }));
    figures.push({
        id: 'append-with-leafhash',
        name: `Merkle append incl. leafHash (${ENTRY_BYTES} B entries)`,
        value: leaves / appendFull.result.seconds,
        unit: 'leaves/s',
        better: 'higher',
        floor: {
            name: 'hash-bound',
            value: leafAndNodesBound(appendFull.rates),
            unit: 'leaves/s',
            basis: `1 leaf hash + ${nodesPerLeaf.toFixed(3)} node hashes per leaf, at the ${bracketBasis}`,
        },
        target: { kind: 'min', value: 300_000, unit: 'leaves/s' },
        reference: 'Go sumdb/tlog ~500k leaves/s',
        details: { leaves, seconds: appendFull.result.seconds },
    });
    note('leaf hashes alone, then appending them precomputed');
    const hashes = Buffer.allocUnsafe(leaves * 32);
    const leafOnly = bracketed('leafhash', () => timeOnce(() => {
        for (let i = 0; i < leaves; i++)
            hashes.set(leafHash(entryAt(i)), i * 32);
    }));
    figures.push({
        id: 'leafhash',
        name: `leafHash alone (${ENTRY_BYTES} B entries)`,
        value: leaves / leafOnly.result.seconds,
        unit: 'hashes/s',
        better: 'higher',
        floor: { name: 'SHA-256 leaf hash', value: leafOnly.rates.leafRate, unit: 'hashes/s', basis: `the raw SHA-256 leaf-hash rate, measured just before and after this figure` },
        details: { leaves, seconds: leafOnly.result.seconds },
    });
    {
        const t2 = new MerkleTree();
        const appendPre = bracketed('append-precomputed', () => timeOnce(() => {
            for (let i = 0; i < leaves; i++)
                t2.appendLeafHash(hashes.subarray(i * 32, i * 32 + 32));
        }));
        const rootsAgree = Buffer.compare(t2.root(), tree.root()) === 0;
        if (!rootsAgree)
            warnings.push('the tree built from precomputed leaf hashes has another root than the one built from entries');
        figures.push({
            id: 'append-precomputed',
            name: 'Merkle append of precomputed leaf hashes',
            value: leaves / appendPre.result.seconds,
            unit: 'leaves/s',
            better: 'higher',
            floor: {
                name: 'hash-bound',
                value: appendPre.rates.nodeRate / nodesPerLeaf,
                unit: 'leaves/s',
                basis: `${nodesPerLeaf.toFixed(3)} node hashes per leaf, at the ${bracketBasis}`,
            },
            details: { leaves, seconds: appendPre.result.seconds, rootsAgree },
        });
    }
    // 3. Inclusion proofs at `leaves`, for random indexes.
    const size = leaves;
    const root = tree.root();
    const rnd = prng(42);
    const idx = Array.from({ length: SAMPLES }, () => Math.floor(rnd() * size));
    const genHashes = idx.reduce((s, m) => s + inclusionGenCost(m, size), 0) / SAMPLES;
    note(`inclusion proofs at size ${fmt(size)}: generation`);
    let j = 0;
    const incGen = bracketed('inclusion-gen', () => measureRateOf(seconds, 256, () => {
        inclusionProof(tree, idx[j++ & (SAMPLES - 1)], size);
    }));
    figures.push({
        id: 'inclusion-gen',
        name: `inclusion proof generation @ ${fmt(size)}`,
        value: incGen.result.perSecond,
        unit: 'proofs/s',
        better: 'higher',
        ...(genHashes > 0
            ? { floor: { name: 'hash-bound', value: incGen.rates.nodeRate / genHashes, unit: 'proofs/s', basis: `${genHashes.toFixed(2)} node hashes per proof (right-edge subtrees), at the ${bracketBasis}` } }
            : {}),
        details: { ...incGen.result, nodeHashesPerProof: genHashes, samples: SAMPLES },
    });
    const proofs = idx.map((m) => inclusionProof(tree, m, size));
    const leafs = idx.map((m) => tree.leafHashAt(m));
    const verHashes = proofs.reduce((s, p) => s + p.length, 0) / SAMPLES;
    let incFailures = 0;
    for (let k = 0; k < SAMPLES; k++) {
        try {
            verifyInclusion(idx[k], size, leafs[k], proofs[k], root);
        }
        catch {
            incFailures++;
        }
    }
    if (incFailures > 0)
        warnings.push(`${incFailures} of ${SAMPLES} inclusion proofs did not verify`);
    note('inclusion proofs: verification');
    j = 0;
    const incVer = bracketed('inclusion-verify', () => measureRateOf(seconds, 256, () => {
        const k = j++ & (SAMPLES - 1);
        try {
            verifyInclusion(idx[k], size, leafs[k], proofs[k], root);
        }
        catch {
            // counted above; a benchmark does not assert
        }
    }));
    figures.push({
        id: 'inclusion-verify',
        name: `inclusion proof verification @ ${fmt(size)}`,
        value: incVer.result.perSecond,
        unit: 'verifications/s',
        better: 'higher',
        floor: { name: 'hash-bound', value: incVer.rates.nodeRate / verHashes, unit: 'verifications/s', basis: `${verHashes.toFixed(2)} node hashes per proof, at the ${bracketBasis}` },
        reference: 'Go sumdb/tlog ~160k verifications/s',
        details: { ...incVer.result, nodeHashesPerVerification: verHashes, failures: incFailures },
    });
    // 4. Consistency proofs from a random older size to `size`.
    const olds = Array.from({ length: SAMPLES }, () => 1 + Math.floor(rnd() * (size - 1)));
    const oldRoots = olds.map((m) => tree.root(m));
    const cGenHashes = olds.reduce((s, m) => s + consistencyGenCost(m, size), 0) / SAMPLES;
    note('consistency proofs: generation');
    j = 0;
    const conGen = bracketed('consistency-gen', () => measureRateOf(seconds, 256, () => {
        consistencyProof(tree, olds[j++ & (SAMPLES - 1)], size);
    }));
    figures.push({
        id: 'consistency-gen',
        name: `consistency proof generation (random m → ${fmt(size)})`,
        value: conGen.result.perSecond,
        unit: 'proofs/s',
        better: 'higher',
        ...(cGenHashes > 0
            ? { floor: { name: 'hash-bound', value: conGen.rates.nodeRate / cGenHashes, unit: 'proofs/s', basis: `${cGenHashes.toFixed(2)} node hashes per proof, at the ${bracketBasis}` } }
            : {}),
        details: { ...conGen.result, nodeHashesPerProof: cGenHashes, samples: SAMPLES },
    });
    const cProofs = olds.map((m) => consistencyProof(tree, m, size));
    const cVerHashes = olds.reduce((s, m, k) => s + consistencyVerifyCost(m, size, cProofs[k].length), 0) / SAMPLES;
    let conFailures = 0;
    for (let k = 0; k < SAMPLES; k++) {
        try {
            verifyConsistency(olds[k], size, oldRoots[k], root, cProofs[k]);
        }
        catch {
            conFailures++;
        }
    }
    if (conFailures > 0)
        warnings.push(`${conFailures} of ${SAMPLES} consistency proofs did not verify`);
    note('consistency proofs: verification');
    j = 0;
    const conVer = bracketed('consistency-verify', () => measureRateOf(seconds, 256, () => {
        const k = j++ & (SAMPLES - 1);
        try {
            verifyConsistency(olds[k], size, oldRoots[k], root, cProofs[k]);
        }
        catch {
            // counted above
        }
    }));
    figures.push({
        id: 'consistency-verify',
        name: `consistency proof verification (random m → ${fmt(size)})`,
        value: conVer.result.perSecond,
        unit: 'verifications/s',
        better: 'higher',
        floor: { name: 'hash-bound', value: conVer.rates.nodeRate / cVerHashes, unit: 'verifications/s', basis: `${cVerHashes.toFixed(2)} node hashes per proof, at the ${bracketBasis}` },
        details: { ...conVer.result, nodeHashesPerVerification: cVerHashes, failures: conFailures },
    });
    // 5. The auditor, in a child process, over a local log written by our own tile writer.
    const dir = mkdtempSync(join(tmpdir(), 'signet-bench-tlog-'));
    try {
        note(`writing a ${fmt(size)}-entry log to ${dir}`);
        const key = Ed25519PrivateKey.generate();
        const vkey = formatVerifierKey(ORIGIN, key.publicKey);
        const made = new Set();
        const put = (path, data) => {
            const full = join(dir, path);
            const parent = dirname(full);
            if (!made.has(parent)) {
                mkdirSync(parent, { recursive: true });
                made.add(parent);
            }
            writeFileSync(full, data);
        };
        let tileFiles = 0;
        let bundleFiles = 0;
        const written = timeOnce(() => {
            for (const t of grownHashTiles(tree, 0, size)) {
                put(t.path, t.data);
                tileFiles++;
            }
            for (const b of grownBundles(entryAt, 0, size)) {
                put(b.path, b.data);
                bundleFiles++;
            }
            const body = formatCheckpoint({ origin: ORIGIN, size, root: Buffer.from(root), extensions: [] });
            put('checkpoint', Buffer.from(signNote(body, [ed25519NoteSigner(ORIGIN, key)]), 'utf8'));
        });
        const usage = dirUsage(dir);
        // Floor for the write: the same number of bytes as one file, in 1 MiB writes.
        const floorWrite = timeOnce(() => {
            const chunk = Buffer.alloc(1 << 20, 0x42);
            const fd = openSync(join(dir, 'floor-one-file'), 'w');
            try {
                for (let left = usage.apparent; left > 0; left -= chunk.length)
                    writeSync(fd, chunk, 0, Math.min(left, chunk.length));
            }
            finally {
                closeSync(fd);
            }
        });
        rmSync(join(dir, 'floor-one-file'));
        figures.push({
            id: 'log-write-seconds',
            name: 'write the log (tiles + bundles + checkpoint)',
            value: written.seconds,
            unit: 's',
            better: 'lower',
            floor: { name: 'same bytes, one file', value: floorWrite.seconds, unit: 's', basis: `${fmtBytes(usage.apparent)} written as one file in 1 MiB writes (page cache, no fsync)` },
            details: { files: usage.files, tileFiles, bundleFiles, entriesPerSecond: size / written.seconds },
        });
        figures.push({
            id: 'log-disk-bytes',
            name: 'log size on disk (allocated blocks)',
            value: usage.allocated,
            unit: 'bytes',
            better: 'lower',
            floor: { name: 'entries alone', value: size * ENTRY_BYTES, unit: 'bytes', basis: `${fmt(size)} × ${ENTRY_BYTES} B of entry data` },
            details: { apparentBytes: usage.apparent, allocatedBytes: usage.allocated, files: usage.files },
        });
        // The auditor runs in a fresh process, so its floor is measured in fresh processes too.
        const childRates = async () => {
            const r = await runNode(join(ROOT, 'dist', 'bench', 'hash-floor.js'), [String(localSeconds), String(ENTRY_BYTES)]);
            const j = JSON.parse(r.stdout);
            return { nodeRate: j.nodeHashesPerSecond, leafRate: j.leafHashesPerSecond };
        };
        note('baseline: peak RSS of a bare node process');
        const bare = await runNode(undefined, []);
        const nodeArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, 'bench', 'results', 'profiles')}`] : [];
        note(`auditor child: signet tlog verify <dir> --key <vkey> --json --quiet${profile ? ' (with --cpu-prof)' : ''}`);
        const before = await childRates();
        const audit = await runNode(join(ROOT, 'dist', 'src', 'cli', 'main.js'), ['tlog', 'verify', dir, '--key', vkey, '--json', '--quiet'], nodeArgs);
        const auditRates = record('auditor-rate', before, await childRates());
        let report = {};
        try {
            report = JSON.parse(audit.stdout);
        }
        catch {
            // reported below
        }
        const ok = audit.code === 0 && report.ok === true && report.entriesVerified === size;
        if (!ok) {
            warnings.push(`the auditor did not verify the log (exit ${audit.code ?? audit.signal}, entriesVerified ${String(report.entriesVerified)}): ` +
                (audit.stdout + audit.stderr).trim().slice(0, 2000));
        }
        figures.push({
            id: 'auditor-rate',
            name: `auditor: signet tlog verify, ${fmt(size)} entries (wall)`,
            value: size / audit.wallSeconds,
            unit: 'entries/s',
            better: 'higher',
            floor: {
                name: 'hash-bound',
                value: leafAndNodesBound(auditRates),
                unit: 'entries/s',
                basis: `1 leaf hash + ${nodesPerLeaf.toFixed(3)} node hashes per entry, at the SHA-256 rates measured in fresh processes just before and after the auditor`,
            },
            target: { kind: 'min', value: 50_000, unit: 'entries/s' },
            details: {
                ok,
                exitCode: audit.code,
                wallSeconds: audit.wallSeconds,
                auditorReportedSeconds: report.seconds,
                tilesVerified: report.tilesVerified,
                pageCache: 'warm (the log was just written)',
                ...(profile ? { profileDir: join(ROOT, 'bench', 'results', 'profiles') } : {}),
            },
        });
        figures.push({
            id: 'auditor-peak-rss',
            name: 'auditor peak RSS',
            value: (audit.maxRssBytes ?? NaN) / 1e6,
            unit: 'MB',
            better: 'lower',
            ...(bare.maxRssBytes === undefined
                ? {}
                : { floor: { name: 'bare node', value: bare.maxRssBytes / 1e6, unit: 'MB', basis: `peak RSS of a bare \`node -e 0\` (${bare.method})` } }),
            target: { kind: 'max', value: 200, unit: 'MB' },
            details: { method: audit.method, maxRssBytes: audit.maxRssBytes },
        });
        if (audit.maxRssBytes === undefined)
            warnings.push(`could not read the auditor's peak RSS (${audit.method})`);
        return {
            params: {
                leaves,
                entryBytes: ENTRY_BYTES,
                rateSeconds: seconds,
                samples: SAMPLES,
                rssMethod: audit.method,
                loadAverageAtStart: loadStart.map((x) => x.toFixed(2)).join(' '),
                loadAverageAtEnd: os.loadavg().map((x) => x.toFixed(2)).join(' '),
            },
            floors,
            localFloors,
            figures,
            warnings,
        };
    }
    finally {
        rmSync(dir, { recursive: true, force: true });
    }
}
/** Ops/s of `op` over `seconds` (after a 0.2 s warm-up), in batches of `batchSize`. */
function measureRateOf(seconds, batchSize, op) {
    return measureRate((n) => {
        for (let i = 0; i < n; i++)
            op();
    }, { seconds, batchSize });
}
export const tlog = {
    name: 'tlog',
    summary: 'Merkle append, inclusion/consistency proofs and the auditor over a local log (BENCH_LEAVES, default 1,000,000)',
    run,
};
//# sourceMappingURL=tlog.js.map