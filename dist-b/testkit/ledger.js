/** Test helpers for the ledger: deterministic keys, a log config, and signed statements. */
import { createHash } from 'node:crypto';
import { Ed25519PrivateKey } from '../src/crypto/ed25519.js';
import { signetKey } from '../src/crypto/keys.js';
import { PAYLOAD_TYPES, buildAttestation, buildKeyAdd, buildKeyRevoke, buildPolicy, buildRelease, buildReleaseRevoke, buildVendorStatement, formatTime, keySigner, normalizeVersion, signStatement, } from '../src/ledger/index.js';
/** A deterministic key: seed = SHA-256("signet ledger test key " + name). */
export function namedKey(name) {
    return Ed25519PrivateKey.fromSeed(createHash('sha256').update(`signet ledger test key ${name}`).digest());
}
export function seedHex(name) {
    return createHash('sha256').update(`signet ledger test key ${name}`).digest('hex');
}
export const T0 = new Date('2026-11-27T10:00:00Z');
/** T0 + `seconds`, as a Date. */
export function at(seconds) {
    return new Date(T0.getTime() + seconds * 1000);
}
export function sha(alg, s) {
    return createHash(alg).update(s).digest('hex');
}
/** Signs statements with keys named by string (see namedKey); tracks nothing itself. */
export class Signers {
    prefix;
    keys = new Map();
    constructor(prefix = '') {
        this.prefix = prefix;
    }
    key(name) {
        let k = this.keys.get(name);
        if (k === undefined)
            this.keys.set(name, (k = namedKey(this.prefix + name)));
        return k;
    }
    sk(name, role = 'full') {
        return signetKey(this.key(name).publicKey, role);
    }
    id(name) {
        return this.sk(name).id;
    }
    signers(names) {
        return names.map((n) => keySigner(this.key(n)));
    }
}
export function harness(opts = {}) {
    const s = new Signers();
    const config = {
        registryKeys: [s.key('registry').publicKey],
        ...(opts.core === false ? {} : { coreKey: s.key('core').publicKey }),
    };
    return { s, config };
}
/** Entry builders; `seq` defaults to the vendor's current seq in `state`. */
export class Statements {
    s;
    time;
    constructor(s, time = T0) {
        this.s = s;
        this.time = time;
    }
    seqOf(state, vendor, seq) {
        return seq ?? state?.vendor(vendor)?.seq ?? 0;
    }
    vendor(o) {
        const payload = buildVendorStatement({
            vendor: o.vendor,
            keys: o.keys.map(([n, r]) => this.s.sk(n, r)),
            threshold: o.threshold ?? 1,
            seq: this.seqOf(o.state, o.vendor, o.seq),
            time: this.time,
            ...(o.breakGlass ? { breakGlass: o.breakGlass } : {}),
        });
        const signers = o.signers ?? (o.breakGlass ? ['core'] : ['registry', ...o.keys.map(([n]) => n)]);
        return signStatement(PAYLOAD_TYPES.vendor, payload, this.s.signers(signers));
    }
    keyAdd(o) {
        const payload = buildKeyAdd({
            vendor: o.vendor,
            key: this.s.sk(o.key[0], o.key[1]),
            seq: this.seqOf(o.state, o.vendor, o.seq),
            time: this.time,
            ...(o.breakGlass ? { breakGlass: o.breakGlass } : {}),
        });
        return signStatement(PAYLOAD_TYPES['key-add'], payload, this.s.signers(o.signers));
    }
    keyRevoke(o) {
        const payload = buildKeyRevoke({
            vendor: o.vendor,
            keyId: this.s.id(o.key),
            reason: o.reason ?? 'rotated',
            seq: this.seqOf(o.state, o.vendor, o.seq),
            time: this.time,
            ...(o.breakGlass ? { breakGlass: o.breakGlass } : {}),
        });
        return signStatement(PAYLOAD_TYPES['key-revoke'], payload, this.s.signers(o.signers));
    }
    policy(o) {
        const payload = buildPolicy({
            vendor: o.vendor,
            threshold: o.threshold,
            seq: this.seqOf(o.state, o.vendor, o.seq),
            time: this.time,
            ...(o.breakGlass ? { breakGlass: o.breakGlass } : {}),
        });
        return signStatement(PAYLOAD_TYPES.policy, payload, this.s.signers(o.signers));
    }
    static subjects(pkg, version) {
        const name = `${pkg.replace('/', '-')}-${normalizeVersion(version)}.zip`;
        return [{ name, digest: { sha256: sha('sha256', `${pkg}@${version} zip`), sha1: sha('sha1', `${pkg}@${version} zip`) } }];
    }
    releasePayload(pkg, version) {
        return buildRelease({
            package: pkg,
            prettyVersion: version,
            subjects: Statements.subjects(pkg, version),
            h1: 'h1:' + Buffer.from(sha('sha256', `${pkg}@${version} files`), 'hex').toString('base64'),
            source: { url: `https://git.example.org/${pkg}.git`, reference: sha('sha1', `${pkg}@${version} commit`) },
            composerJsonSha256: sha('sha256', `${pkg} composer.json`),
            time: this.time,
        });
    }
    release(pkg, version, signers) {
        return signStatement(PAYLOAD_TYPES.release, this.releasePayload(pkg, version), this.s.signers(signers));
    }
    releaseRevoke(pkg, version, signers, reason = 'broken build') {
        return signStatement(PAYLOAD_TYPES['release-revoke'], buildReleaseRevoke({ package: pkg, version, reason, time: this.time }), this.s.signers(signers));
    }
    attestation(kind, pkg, version, attester, signers = [attester], note) {
        const payload = buildAttestation({
            attestation: kind,
            package: pkg,
            version,
            subjects: Statements.subjects(pkg, version).map((s) => ({ name: s.name, digest: { sha256: s.digest.sha256 } })),
            attester: this.s.key(attester).publicKey,
            ...(note === undefined ? {} : { note }),
            time: this.time,
        });
        return signStatement(PAYLOAD_TYPES.attestation, payload, this.s.signers(signers));
    }
}
export { formatTime };
//# sourceMappingURL=ledger.js.map