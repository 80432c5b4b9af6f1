/**
 * The ledger state: what the log's entries have established so far. Records are immutable values;
 * each vendor's record is copied on first write after a clone(), so clone() costs O(vendors) and
 * applying to a clone never changes the original.
 */
import { Ed25519PublicKey } from '../crypto/ed25519.js';
import { composerNormalize, vendorOf, versionIdentity } from './names.js';
function normalized(version) {
    return typeof version === 'string' ? composerNormalize(version) : undefined;
}
export class LedgerState {
    #size = 0;
    #vendors = new Map();
    /** keyId → the vendors that have ever listed it (for naming "a key of another vendor"). */
    #keyIndex = new Map();
    #token = {};
    /** Index of the next entry (entries applied so far). */
    get size() {
        return this.#size;
    }
    /**
     * For partial views (light mode, offline bundles): the entries before `index` are not known here, so
     * the next entry applied is entry `index`. A vendor's state depends only on its own entries, so
     * replaying all of one vendor's entries this way gives that vendor's state exactly.
     */
    skipTo(index) {
        if (!Number.isSafeInteger(index) || index < this.#size)
            throw new Error(`internal: cannot skip back from ${this.#size} to ${index}`);
        this.#size = index;
    }
    clone() {
        const c = new LedgerState();
        c.#size = this.#size;
        c.#vendors = new Map(this.#vendors);
        c.#keyIndex = new Map(this.#keyIndex);
        // Both sides now share vendor records: both copy on their next write.
        this.#token = {};
        return c;
    }
    // ---- read accessors ---------------------------------------------------------------------------
    vendor(name) {
        const v = this.#vendors.get(name);
        return v === undefined ? undefined : { name: v.name, claimedAt: v.claimedAt, seq: v.seq, threshold: v.threshold };
    }
    vendors() {
        return [...this.#vendors.keys()].sort();
    }
    /** Every key the vendor has ever had, with its role and validity range [from, until), oldest first. */
    keysOf(vendor) {
        const v = this.#vendors.get(vendor);
        return v === undefined ? [] : [...v.keys.values()];
    }
    /** The vendor's current (unrevoked) keys. */
    currentKeys(vendor) {
        return this.keysOf(vendor).filter((k) => k.until === undefined);
    }
    key(vendor, keyId) {
        return this.#vendors.get(vendor)?.keys.get(keyId);
    }
    /** True when `keyId` was a key of `vendor` valid at log index `index` (added at or before, not yet revoked). */
    keyValidAt(vendor, keyId, index) {
        const k = this.key(vendor, keyId);
        return k !== undefined && k.from <= index && (k.until === undefined || index < k.until);
    }
    threshold(vendor) {
        return this.#vendors.get(vendor)?.threshold;
    }
    /** The release of `pkg` at `version` (pretty or normalised), if logged. */
    release(pkg, version) {
        const n = normalized(version);
        if (n === undefined)
            return undefined;
        return this.#vendors.get(vendorOf(pkg))?.packages.get(pkg)?.get(n);
    }
    /** Every release of `pkg`, in log order. */
    releasesOf(pkg) {
        const m = this.#vendors.get(vendorOf(pkg))?.packages.get(pkg);
        return m === undefined ? [] : [...m.values()].sort((a, b) => a.index - b.index);
    }
    packagesOf(vendor) {
        const v = this.#vendors.get(vendor);
        return v === undefined ? [] : [...v.packages.keys()].sort();
    }
    isReleaseRevoked(pkg, version) {
        return this.release(pkg, version)?.revoked !== undefined;
    }
    attestationsOf(pkg, version) {
        return this.release(pkg, version)?.attestations ?? [];
    }
    breakGlassActions(vendor) {
        return this.#vendors.get(vendor)?.breakGlass ?? [];
    }
    /** The vendors that have ever listed `keyId`. */
    vendorsOfKey(keyId) {
        return this.#keyIndex.get(keyId) ?? [];
    }
    /** A canonical, deterministic view of the whole state. */
    toJSON() {
        return { size: this.#size, vendors: this.vendors().map((name) => this.vendorToJSON(name)) };
    }
    /** One vendor's part of toJSON() (snapshots per vendor: LedgerState.fromJSON takes any subset). */
    vendorToJSON(name) {
        const v = this.#vendors.get(name);
        if (v === undefined)
            return undefined;
        return {
            name,
            claimedAt: v.claimedAt,
            seq: v.seq,
            threshold: v.threshold,
            keys: [...v.keys.values()]
                .sort((a, b) => a.from - b.from || (a.id < b.id ? -1 : 1))
                .map((k) => ({
                id: k.id,
                role: k.role,
                public: k.public,
                from: k.from,
                until: k.until ?? null,
                addedBy: k.addedBy,
                revocation: k.revocation === undefined ? null : { ...k.revocation },
            })),
            breakGlass: v.breakGlass.map((b) => ({ ...b })),
            packages: [...v.packages.keys()].sort().map((pkg) => ({
                name: pkg,
                releases: [...v.packages.get(pkg).values()]
                    .sort((a, b) => a.index - b.index)
                    .map((r) => ({
                    version: r.version,
                    prettyVersion: r.prettyVersion,
                    index: r.index,
                    keyId: r.keyId,
                    subjects: r.subjects.map((s) => ({ name: s.name, digest: { ...s.digest } })),
                    h1: r.h1,
                    source: { ...r.source },
                    composerJson: { ...r.composerJson },
                    time: r.time,
                    revoked: r.revoked === undefined ? null : { ...r.revoked },
                    attestations: r.attestations.map((a) => ({
                        index: a.index,
                        attestation: a.attestation,
                        keyId: a.keyId,
                        public: a.public,
                        subjects: a.subjects.map((s) => ({ name: s.name, digest: { ...s.digest } })),
                        note: a.note ?? null,
                        time: a.time,
                    })),
                })),
            })),
        };
    }
    /**
     * The inverse of toJSON(), for snapshots a verifier wrote itself (trusted input: it is not re-checked
     * against the rules). fromJSON(x.toJSON()) behaves exactly as x for every later entry.
     */
    static fromJSON(json) {
        const j = json;
        const st = new LedgerState();
        st.#size = j.size;
        for (const v of j.vendors) {
            const rec = st._newVendor(v.name, v.claimedAt, v.threshold);
            rec.seq = v.seq;
            for (const k of v.keys) {
                rec.keys.set(k.id, {
                    id: k.id,
                    role: k.role,
                    public: k.public,
                    publicKey: Ed25519PublicKey.fromRaw(Buffer.from(k.public, 'base64')),
                    from: k.from,
                    ...(k.until === null ? {} : { until: k.until }),
                    addedBy: k.addedBy,
                    ...(k.revocation === null ? {} : { revocation: k.revocation }),
                });
                st._indexKey(k.id, v.name);
            }
            rec.breakGlass.push(...v.breakGlass);
            for (const p of v.packages) {
                const versions = new Map();
                const ids = new Map();
                for (const r of p.releases) {
                    versions.set(r.version, {
                        package: p.name,
                        version: r.version,
                        prettyVersion: r.prettyVersion,
                        index: r.index,
                        keyId: r.keyId,
                        subjects: r.subjects,
                        h1: r.h1,
                        source: r.source,
                        composerJson: r.composerJson,
                        time: r.time,
                        ...(r.revoked === null ? {} : { revoked: r.revoked }),
                        attestations: r.attestations.map((a) => ({
                            index: a.index,
                            attestation: a.attestation,
                            keyId: a.keyId,
                            public: a.public,
                            subjects: a.subjects,
                            ...(a.note === null ? {} : { note: a.note }),
                            time: a.time,
                        })),
                    });
                    ids.set(versionIdentity(r.version), r.version);
                }
                rec.packages.set(p.name, versions);
                rec.identities.set(p.name, ids);
            }
        }
        return st;
    }
    // ---- internal: used by rules.ts only ----------------------------------------------------------
    /** @internal */
    _vendor(name) {
        return this.#vendors.get(name);
    }
    /** @internal A record of `name` this state may mutate (copied if shared with a clone). */
    _writableVendor(name) {
        const v = this.#vendors.get(name);
        if (v === undefined)
            throw new Error(`internal: vendor ${name} missing`);
        if (v.owner === this.#token)
            return v;
        const copy = {
            name: v.name,
            claimedAt: v.claimedAt,
            seq: v.seq,
            threshold: v.threshold,
            keys: new Map(v.keys),
            packages: new Map([...v.packages].map(([p, m]) => [p, new Map(m)])),
            identities: new Map([...v.identities].map(([p, m]) => [p, new Map(m)])),
            breakGlass: [...v.breakGlass],
            owner: this.#token,
        };
        this.#vendors.set(name, copy);
        return copy;
    }
    /** @internal */
    _newVendor(name, claimedAt, threshold) {
        const v = { name, claimedAt, seq: 0, threshold, keys: new Map(), packages: new Map(), identities: new Map(), breakGlass: [], owner: this.#token };
        this.#vendors.set(name, v);
        return v;
    }
    /** @internal */
    _indexKey(keyId, vendor) {
        const list = this.#keyIndex.get(keyId) ?? [];
        if (!list.includes(vendor))
            this.#keyIndex.set(keyId, [...list, vendor]);
    }
    /** @internal */
    _advance() {
        this.#size++;
    }
}
//# sourceMappingURL=state.js.map