/**
 * What the registry does with a request, independent of HTTP: it checks the account and the upload,
 * countersigns vendor claims, submits to the log, and only after the log has integrated an entry
 * records it as accepted. The log remains the judge of every ledger rule; the registry adds the checks
 * only it can make (who owns a namespace, that the archive is the one signed).
 */
import { createHash } from 'node:crypto';
import { SignetError } from '../errors.js';
import { addSignature, envelopeBytes, parseEnvelope } from '../crypto/dsse.js';
import { parseJsonBounded } from '../crypto/canonical.js';
import { parseEntry, vendorOf } from '../ledger/index.js';
import { leafHash } from '../tlog/hash.js';
import { DEFAULT_ZIP_LIMITS, h1OfFiles, readZip } from '../archive/index.js';
function accepted(i) {
    return {
        index: i.index,
        size: i.size,
        leafHash: i.leafHash.toString('base64'),
        proof: i.proof.map((h) => h.toString('base64')),
        checkpoint: i.checkpoint,
    };
}
function wrongKind(expected, entry) {
    return new SignetError('STATEMENT_INVALID', `this endpoint takes a ${expected} statement, not a ${entry.statement.kind}`, {
        expected,
        got: entry.statement.kind,
    });
}
/**
 * A refusal by the log (a rule was broken): nothing was logged. Only a typed error the log itself
 * answered with (4xx, with its code) counts; a bad answer (a proof that does not verify, a proxy's
 * page) leaves the outcome unknown, for reconcile() to settle.
 */
function isRefusal(e) {
    if (!(e instanceof SignetError) || e.kind === 'unavailable' || e.code === 'USAGE')
        return false;
    const status = e.details.evidence?.status;
    return typeof status === 'number' && status >= 400 && status < 500;
}
export class RegistryService {
    d;
    constructor(d) {
        this.d = d;
    }
    /** Parses an envelope as sent by a client (any JSON form) into the canonical entry. */
    #entry(body, extraSigner) {
        const env = parseEnvelope(body);
        const signed = extraSigner === true ? addSignature(env, this.d.key.signer) : env;
        return parseEntry(envelopeBytes(signed));
    }
    #owner(account, vendor) {
        const row = this.d.db.vendor(vendor);
        if (row === undefined || row.state !== 'published') {
            throw new SignetError('VENDOR_UNCLAIMED', `the vendor ${vendor} is not claimed on this registry`, {
                hint: `claim it first: signet vendor claim ${vendor} --key FILE`,
            });
        }
        if (row.account !== account) {
            throw new SignetError('NOT_VENDOR_OWNER', `the account ${account} does not own the vendor ${vendor}`, {
                expected: `a token of the account that claimed ${vendor}`,
                got: `a token of ${account}`,
                attack: "an account acting on another account's namespace",
            });
        }
    }
    async #submit(entry) {
        const inc = await this.d.log.submit(entry.bytes);
        // Let the registry's own view catch up in the background (key lists, revocations).
        this.d.follower.sync().catch(() => undefined);
        return inc;
    }
    // ---- vendors and keys -------------------------------------------------------------------------
    async claimVendor(account, body) {
        const entry = this.#entry(body, true);
        const s = entry.statement;
        if (s.kind !== 'vendor')
            throw wrongKind('vendor', entry);
        if (s.breakGlass !== undefined) {
            throw new SignetError('STATEMENT_INVALID', 'break-glass statements go to the log with the core key, not through the registry', { got: 'breakGlass' });
        }
        const existing = this.d.db.vendor(s.vendor);
        if (existing !== undefined && (existing.state === 'published' || existing.account !== account)) {
            throw new SignetError('VENDOR_ALREADY_CLAIMED', `the vendor ${s.vendor} is already claimed`, {
                got: s.vendor,
                attack: 'a takeover of a namespace that already has an owner',
            });
        }
        if (existing !== undefined)
            await this.reconcile();
        if (!this.d.db.addPendingVendor(s.vendor, account, entry.bytes)) {
            throw new SignetError('VENDOR_ALREADY_CLAIMED', `the vendor ${s.vendor} is already claimed`, { got: s.vendor });
        }
        let inc;
        try {
            inc = await this.#submit(entry);
        }
        catch (e) {
            if (isRefusal(e))
                this.d.db.dropPendingVendor(s.vendor);
            throw e;
        }
        this.d.db.publishVendor(s.vendor, inc.index);
        return { vendor: s.vendor, ...accepted(inc) };
    }
    /** key-add, key-revoke and policy statements of a vendor the account owns. */
    async keyChange(account, vendor, kind, body) {
        const entry = this.#entry(body);
        const s = entry.statement;
        if (s.kind !== kind)
            throw wrongKind(kind, entry);
        if (s.vendor !== vendor) {
            throw new SignetError('STATEMENT_INVALID', `the statement is about ${s.vendor}, but was sent for ${vendor}`, { expected: vendor, got: s.vendor });
        }
        if (s.breakGlass !== undefined) {
            throw new SignetError('STATEMENT_INVALID', 'break-glass statements go to the log with the core key, not through the registry', { got: 'breakGlass' });
        }
        this.#owner(account, vendor);
        return accepted(await this.#submit(entry));
    }
    // ---- releases ---------------------------------------------------------------------------------
    /** Checks an upload against its signed statement; returns what the metadata needs. Stores nothing. */
    async checkUpload(entry, archive) {
        const s = entry.statement;
        const sha256 = createHash('sha256').update(archive).digest('hex');
        const sha1 = createHash('sha1').update(archive).digest('hex');
        const subject = s.subjects.find((x) => x.digest.sha256 === sha256);
        if (subject === undefined || subject.digest.sha1 !== sha1) {
            throw new SignetError('ARCHIVE_DIGEST_MISMATCH', 'the uploaded archive is not one the release statement signs', {
                expected: s.subjects.map((x) => `${x.name} sha256:${x.digest.sha256} sha1:${x.digest.sha1}`).join(', '),
                got: `sha256:${sha256} sha1:${sha1}`,
                attack: 'an archive swapped after signing (tampered upload)',
            });
        }
        const zip = await readZip(archive, { ...DEFAULT_ZIP_LIMITS, ...this.d.zipLimits });
        const h1 = h1OfFiles(zip.files);
        if (h1 !== s.h1) {
            throw new SignetError('ARCHIVE_H1_MISMATCH', "the archive's files do not have the content hash the statement signs", {
                expected: s.h1,
                got: h1,
                attack: 'an archive whose files differ from the signed release',
            });
        }
        const cj = zip.files.find((f) => f.path === 'composer.json');
        if (cj === undefined) {
            throw new SignetError('COMPOSER_JSON_MISMATCH', 'the archive has no composer.json in its top folder', {
                expected: `${zip.top}/composer.json`,
                got: 'no such file',
            });
        }
        const cjSha = createHash('sha256').update(cj.data).digest('hex');
        if (cjSha !== s.composerJson.sha256) {
            throw new SignetError('COMPOSER_JSON_MISMATCH', "the archive's composer.json is not the one the statement signs", {
                expected: `sha256 ${s.composerJson.sha256}`,
                got: `sha256 ${cjSha}`,
            });
        }
        let parsed;
        try {
            parsed = parseJsonBounded(cj.data, 1024 * 1024);
        }
        catch (e) {
            throw new SignetError('COMPOSER_JSON_MISMATCH', "the archive's composer.json is not valid JSON", { cause: e });
        }
        const name = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed.name : undefined;
        if (name !== s.package) {
            throw new SignetError('COMPOSER_JSON_MISMATCH', "the archive's composer.json names another package", {
                expected: s.package,
                got: JSON.stringify(name),
                attack: "mix-and-match: one package's archive published under another's name",
            });
        }
        return { fileName: subject.name, sha256, sha1, composerJson: JSON.stringify(parsed) };
    }
    async publishRelease(account, envelope, archive) {
        const entry = this.#entry(envelope);
        const s = entry.statement;
        if (s.kind !== 'release')
            throw wrongKind('release', entry);
        this.#owner(account, vendorOf(s.package));
        const known = this.d.db.release(s.package, s.version);
        if (known !== undefined) {
            throw new SignetError('RELEASE_EXISTS', `${s.package} ${s.prettyVersion} was already ${known.state === 'pending' ? 'submitted' : 'released'}`, {
                got: `${s.package}@${s.version}`,
                attack: 'a second, different release of a version users may already have (a version is released at most once)',
                hint: 'release a new version instead',
            });
        }
        const u = await this.checkUpload(entry, archive);
        // The archive first, then the pending row, then the log: a crash leaves a pending row that
        // reconcile() settles against the log, never a logged release without its archive.
        await this.d.blobs.put(u.sha256, archive);
        const row = {
            package: s.package,
            version: s.version,
            prettyVersion: s.prettyVersion,
            fileName: u.fileName,
            sha256: u.sha256,
            sha1: u.sha1,
            reference: s.source.reference,
            time: s.time,
            composerJson: u.composerJson,
            entry: entry.bytes,
        };
        if (!this.d.db.addPendingRelease(row)) {
            throw new SignetError('RELEASE_EXISTS', `${s.package} ${s.prettyVersion} is being released by another request`, { got: `${s.package}@${s.version}` });
        }
        let inc;
        try {
            inc = await this.#submit(entry);
        }
        catch (e) {
            if (isRefusal(e)) {
                this.d.db.dropPendingRelease(s.package, s.version);
                await this.#dropBlobIfUnused(u.sha256);
            }
            throw e;
        }
        this.d.db.publishRelease(s.package, s.version, inc.index);
        this.d.repo.rebuild(s.package);
        return { package: s.package, version: s.version, dist: `/dist/${s.package}/${u.fileName}`, ...accepted(inc) };
    }
    async revokeRelease(account, body) {
        const entry = this.#entry(body);
        const s = entry.statement;
        if (s.kind !== 'release-revoke')
            throw wrongKind('release-revoke', entry);
        this.#owner(account, vendorOf(s.package));
        const inc = await this.#submit(entry);
        if (this.d.db.markRevoked(s.package, s.version, s.reason))
            this.d.repo.rebuild(s.package);
        return accepted(inc);
    }
    /** Attestations may come from any account (rebuilders, reviewers); the log counts distinct keys. */
    async attest(_account, body) {
        const entry = this.#entry(body);
        if (entry.statement.kind !== 'attestation')
            throw wrongKind('attestation', entry);
        return accepted(await this.#submit(entry));
    }
    async #dropBlobIfUnused(sha256) {
        if (!this.d.db.archiveDigests().has(sha256))
            await this.d.blobs.delete(sha256);
    }
    // ---- crash recovery and the log's own news ------------------------------------------------------
    /**
     * Settles rows left pending by a crash or a log outage: whatever the log holds (our exact entry at
     * the index the ledger names) becomes published; what it does not hold is dropped.
     */
    async reconcile() {
        const f = this.d.follower;
        await f.sync();
        let published = 0;
        let dropped = 0;
        const ours = (index, bytes) => index !== undefined && f.leafHashAt(index)?.equals(leafHash(bytes)) === true;
        for (const v of this.d.db.pendingVendors()) {
            const info = f.state.vendor(v.vendor);
            if (ours(info?.claimedAt, v.entry)) {
                this.d.db.publishVendor(v.vendor, info.claimedAt);
                published++;
            }
            else if (await this.#retry(v.entry)) {
                this.d.db.publishVendor(v.vendor, f.state.vendor(v.vendor).claimedAt);
                published++;
            }
            else {
                this.d.db.dropPendingVendor(v.vendor);
                dropped++;
            }
        }
        for (const r of this.d.db.pendingReleases()) {
            const info = f.state.release(r.package, r.version);
            if (ours(info?.index, r.entry) || (info === undefined && (await this.#retry(r.entry)))) {
                this.d.db.publishRelease(r.package, r.version, f.state.release(r.package, r.version).index);
                this.d.repo.rebuild(r.package);
                published++;
            }
            else {
                this.d.db.dropPendingRelease(r.package, r.version);
                await this.#dropBlobIfUnused(r.sha256);
                dropped++;
            }
        }
        return { published, dropped };
    }
    /** Submits a pending entry again; true if the log now has it. A refusal means it never will. */
    async #retry(bytes) {
        try {
            await this.d.log.submit(bytes);
            await this.d.follower.sync();
            return true;
        }
        catch (e) {
            if (isRefusal(e))
                return false;
            throw e;
        }
    }
    /** The follower saw a release-revoke (maybe sent to the log directly): stop serving that version. */
    onLogEntry(entry) {
        const s = entry.statement;
        if (s.kind === 'release-revoke' && this.d.db.markRevoked(s.package, s.version, s.reason))
            this.d.repo.rebuild(s.package);
    }
}
//# sourceMappingURL=service.js.map