/** `signet explain PACKAGE VERSION`: the chain of evidence behind a release's verdict. */
import { SignetError } from '../../errors.js';
import { normalizeVersion, vendorOf } from '../../ledger/index.js';
import { leafHash } from '../../tlog/hash.js';
import { verifyRelease } from '../../client/verify.js';
export async function explain(pkg, version, flags, v) {
    try {
        const normalized = normalizeVersion(version);
        const r = v.state.release(pkg, normalized);
        if (r === undefined) {
            throw new SignetError('RELEASE_NOT_IN_LOG', `${pkg} ${version} is not in the log ${v.log.origin}`, {
                got: `releases of ${pkg}: ${v.state.releasesOf(pkg).map((x) => x.prettyVersion).join(', ') || 'none'}`,
            });
        }
        const vendor = vendorOf(pkg);
        const cp = v.checkpointParsed;
        const key = v.state.key(vendor, r.keyId);
        let verdict;
        let code = 0;
        try {
            const ok = await verifyRelease(v.state, { package: pkg, version }, v.config, { digests: v.digests });
            verdict = `VERIFIED${ok.notes.length ? ` (${ok.notes.join('; ')})` : ''}`;
        }
        catch (e) {
            if (!(e instanceof SignetError))
                throw e;
            verdict = `REFUSED ${e.code}: ${e.message}`;
            code = 1;
        }
        const entry = v.entry(r.index);
        const chain = {
            package: pkg,
            version: r.prettyVersion,
            verdict,
            log: { origin: v.log.origin, size: cp.size, root: cp.root.toString('base64') },
            release: { index: r.index, leafHash: leafHash(entry.bytes).toString('base64'), time: r.time, subjects: r.subjects, h1: r.h1, source: r.source, proof: (await v.proof(r.index)).map((h) => Buffer.from(h).toString('base64')) },
            key: { id: key.id, role: key.role, validFrom: key.from, validUntil: key.until ?? null, addedBy: key.addedBy, revocation: key.revocation ?? null },
            vendor: { name: vendor, threshold: v.state.threshold(vendor), keys: v.state.keysOf(vendor).map((k) => ({ id: k.id, role: k.role, from: k.from, until: k.until ?? null, addedBy: k.addedBy })), breakGlass: v.state.breakGlassActions(vendor) },
            revoked: r.revoked ?? null,
            attestations: r.attestations.map((a) => ({ index: a.index, kind: a.attestation, keyId: a.keyId, note: a.note ?? null, time: a.time })),
        };
        if (flags.json) {
            process.stdout.write(JSON.stringify(chain) + '\n');
            return code;
        }
        const lines = [
            `${pkg} ${r.prettyVersion}: ${verdict}`,
            `  log          ${v.log.origin}, size ${cp.size}, root ${chain.log.root}`,
            `  release      entry #${r.index} (${r.time}), leaf hash ${chain.release.leafHash}`,
            `               inclusion proof: ${chain.release.proof.length} hashes to the checkpoint's root`,
            `  archive      ${r.subjects.map((s) => `${s.name} sha256:${s.digest.sha256} sha1:${s.digest.sha1}`).join(', ')}`,
            `  content      ${r.h1}`,
            `  source       ${r.source.url} @ ${r.source.reference}`,
            `  signed by    ${key.id} (${key.role}), valid from entry #${key.from}${key.until === undefined ? '' : ` until #${key.until}`}, added by ${key.addedBy}`,
            `  vendor keys  (threshold ${chain.vendor.threshold}):`,
            ...chain.vendor.keys.map((k) => `               ${k.id} ${k.role} #${k.from}${k.until === null ? ' current' : `..#${k.until} revoked`} (${k.addedBy})`),
            ...chain.vendor.breakGlass.map((b) => `  BREAK-GLASS  #${b.index} ${b.kind}: ${b.reason}`),
            `  revoked      ${r.revoked ? `#${r.revoked.index}: ${r.revoked.reason}` : 'no'}`,
            `  attestations ${r.attestations.length === 0 ? 'none' : ''}`,
            ...chain.attestations.map((a) => `               #${a.index} ${a.kind} by ${a.keyId}${a.note ? `: ${a.note}` : ''}`),
        ];
        process.stdout.write(lines.join('\n') + '\n');
        return code;
    }
    finally {
        v.close();
    }
}
//# sourceMappingURL=verify-explain.js.map