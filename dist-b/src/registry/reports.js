/** Every entry of each vendor, in log order (fed by the follower). */
export class VendorHistory {
    #items = new Map();
    add(index, entry) {
        const s = entry.statement;
        let vendor;
        let summary;
        let time;
        let breakGlass;
        switch (s.kind) {
            case 'vendor':
                vendor = s.vendor;
                summary = `claimed with ${s.keys.length} key(s), threshold ${s.threshold}`;
                time = s.time;
                breakGlass = s.breakGlass?.reason;
                break;
            case 'key-add':
                vendor = s.vendor;
                summary = `key ${s.key.id} added (${s.key.role})`;
                time = s.time;
                breakGlass = s.breakGlass?.reason;
                break;
            case 'key-revoke':
                vendor = s.vendor;
                summary = `key ${s.keyId} revoked: ${s.reason}`;
                time = s.time;
                breakGlass = s.breakGlass?.reason;
                break;
            case 'policy':
                vendor = s.vendor;
                summary = `threshold set to ${s.threshold}`;
                time = s.time;
                breakGlass = s.breakGlass?.reason;
                break;
            case 'release':
                vendor = s.package.split('/')[0];
                summary = `${s.package} ${s.prettyVersion} released`;
                time = s.time;
                break;
            case 'release-revoke':
                vendor = s.package.split('/')[0];
                summary = `${s.package} ${s.version} revoked: ${s.reason}`;
                time = s.time;
                break;
            case 'attestation':
                vendor = s.package.split('/')[0];
                summary = `${s.attestation} attestation of ${s.package} ${s.version} by key ${s.attester.id}`;
                time = s.time;
                break;
        }
        const list = this.#items.get(vendor) ?? [];
        list.push({ index, kind: s.kind, time, summary, ...(breakGlass === undefined ? {} : { breakGlass }) });
        this.#items.set(vendor, list);
    }
    of(vendor) {
        return this.#items.get(vendor) ?? [];
    }
}
export function vendorReport(state, history, vendor, account) {
    const v = state.vendor(vendor);
    if (v === undefined)
        return undefined;
    return {
        vendor,
        account: account ?? null,
        claimedAt: v.claimedAt,
        seq: v.seq,
        threshold: v.threshold,
        logSize: state.size,
        keys: state.keysOf(vendor).map((k) => ({
            id: k.id,
            alg: 'ed25519',
            public: k.public,
            role: k.role,
            from: k.from,
            until: k.until ?? null,
            addedBy: k.addedBy,
            revocation: k.revocation ?? null,
        })),
        packages: state.packagesOf(vendor),
        breakGlass: state.breakGlassActions(vendor),
        history: history.of(vendor),
    };
}
export function releaseReport(follower, pkg, version) {
    const r = follower.state.release(pkg, version);
    if (r === undefined)
        return undefined;
    return {
        package: r.package,
        version: r.version,
        prettyVersion: r.prettyVersion,
        index: r.index,
        keyId: r.keyId,
        subjects: r.subjects,
        h1: r.h1,
        source: r.source,
        composerJson: r.composerJson,
        time: r.time,
        revoked: r.revoked ?? null,
        attestations: r.attestations,
    };
}
//# sourceMappingURL=reports.js.map