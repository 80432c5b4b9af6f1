/**
 * The log's admission through the ledger: every entry is parsed into a typed statement and checked
 * against the ledger's state machine before it is sequenced; at start-up the stored entries rebuild it.
 */
import { SignetError, isSignetError } from '../errors.js';
import { LedgerState, applyInPlace, entryLookupKeys, normalizeVersion, parseEntry, signaturesToVerify, } from '../ledger/index.js';
// The keys entries are stored under, and the lookup URLs map to: one format for both.
const vendorKey = (vendor) => `vendor:${vendor}`;
const packageKey = (pkg) => `package:${pkg}`;
const releaseKey = (pkgAtVersion) => `release:${pkgAtVersion}`;
export const lookupKeys = {
    vendor: vendorKey,
    package: (vendor, name) => packageKey(`${vendor}/${name}`),
    release: (vendor, name, version) => releaseKey(`${vendor}/${name}@${normalizeVersion(version)}`),
};
export class LedgerAdmission {
    config;
    state = new LedgerState();
    constructor(config) {
        this.config = config;
    }
    parse(bytes) {
        const entry = parseEntry(bytes);
        return { bytes: entry.bytes, lookupKeys: keysOf(entry), parsed: entry };
    }
    signatureChecks(candidate) {
        const entry = candidate.parsed;
        return signaturesToVerify(this.state, entry, this.config).map((c) => ({
            publicKey: c.publicKey.raw,
            message: entry.pae,
            signature: c.signature,
        }));
    }
    admit(candidate, now, prechecked) {
        const verify = (publicKey, message, signature) => prechecked?.(publicKey.raw, signature) ?? publicKey.verify(message, signature);
        applyInPlace(this.state, candidate.parsed, this.config, { now, verify });
    }
    replay(bytes) {
        const index = this.state.size;
        try {
            // Signatures were checked when the entry was admitted; the rules are checked again.
            const entry = parseEntry(bytes);
            applyInPlace(this.state, entry, this.config, { verify: () => true });
            return keysOf(entry);
        }
        catch (e) {
            throw new SignetError('LOG_CORRUPT', `stored entry ${index} no longer passes the ledger: ${isSignetError(e) ? `${e.code}: ${e.message}` : String(e)}`, {
                hint: 'was the log started before with other --registry-key or --core-key options? Start it with the same ones',
                cause: e,
            });
        }
    }
}
/** The lookup keys of an entry: its vendor, and its package and package@version where it has them. */
function keysOf(entry) {
    const k = entryLookupKeys(entry);
    const keys = [vendorKey(k.vendor)];
    if (k.package !== undefined)
        keys.push(packageKey(k.package));
    if (k.version !== undefined)
        keys.push(releaseKey(k.version));
    return keys;
}
export function createLedgerAdmission(config) {
    return { admission: new LedgerAdmission(config), lookupKeys };
}
//# sourceMappingURL=ledger-admission.js.map