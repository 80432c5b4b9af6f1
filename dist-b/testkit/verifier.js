/**
 * Logs for the verifier's tests: an honest log (the ledger's admission) and hostile ones that sign with
 * the same key but admit anything or show another history, plus real release archives and a project
 * folder whose signet.json trusts the log.
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { startLogServer } from '../src/log/server.js';
import { createLedgerAdmission } from '../src/log/ledger-admission.js';
import { entryLookupKeys, normalizeVersion, parseEntry, PAYLOAD_TYPES, buildRelease, signStatement } from '../src/ledger/index.js';
import { archiveFileName, archiveTopFolder, h1OfFiles, writeZip } from '../src/archive/index.js';
export const ORIGIN = 'signet.test/log';
/** Admits every well-formed entry without checking any rule: a malicious log. */
export class AnythingGoes {
    parse(bytes) {
        const e = parseEntry(bytes);
        const k = entryLookupKeys(e);
        return { bytes: e.bytes, lookupKeys: [`vendor:${k.vendor}`, ...(k.package ? [`package:${k.package}`] : []), ...(k.version ? [`release:${k.version}`] : [])], parsed: e };
    }
    admit() { }
    replay(bytes) {
        return this.parse(bytes).lookupKeys;
    }
}
/** A log server; `keyFrom` reuses another log's key (same origin and verifier key: an impostor history). */
export async function startTestLog(s, opts = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'signet-vlog-'));
    if (opts.keyFrom !== undefined)
        copyFileSync(join(opts.keyFrom, 'log.key'), join(dir, 'log.key'));
    const honest = createLedgerAdmission({ registryKeys: [s.key('registry').publicKey], coreKey: s.key('core').publicKey });
    const log = await startLogServer({
        dataDir: dir,
        listen: { host: '127.0.0.1', port: opts.port ?? 0 },
        origin: ORIGIN,
        admission: opts.malicious ? new AnythingGoes() : honest.admission,
        lookupKeys: honest.lookupKeys,
        verifyThreads: 0,
        info: { ledger: { registryKeys: [s.key('registry').publicKey.raw.toString('base64')], coreKey: s.key('core').publicKey.raw.toString('base64') } },
        ...(opts.tilesDir === undefined ? {} : { tilesDir: opts.tilesDir }),
    });
    return {
        dir,
        log,
        async add(entry) {
            const res = await fetch(`${log.url}/add`, { method: 'POST', body: new Uint8Array(entry) });
            const body = (await res.json());
            if (res.status !== 200)
                throw new Error(`the log refused the entry: ${body.error?.code} ${body.error?.message}`);
            return body.index;
        },
    };
}
/** A real archive of a small package and its release statement signed by `signers`. */
export function release(st, pkg, version, signers, extra = '') {
    const files = [
        { path: 'composer.json', mode: 0o644, data: Buffer.from(JSON.stringify({ name: pkg, autoload: { 'psr-4': { 'Acme\\': 'src/' } } }) + '\n') },
        { path: 'src/Main.php', mode: 0o644, data: Buffer.from(`<?php // ${pkg} ${version} ${extra}\n`) },
    ];
    const commit = createHash('sha1').update(`${pkg}@${version}`).digest('hex');
    const zip = writeZip(archiveTopFolder(pkg, commit), files, new Date('2026-01-01T00:00:00Z'));
    const sha256 = createHash('sha256').update(zip).digest('hex');
    const sha1 = createHash('sha1').update(zip).digest('hex');
    const payload = buildRelease({
        package: pkg,
        prettyVersion: version,
        subjects: [{ name: archiveFileName(pkg, normalizeVersion(version)), digest: { sha256, sha1 } }],
        h1: h1OfFiles(files),
        source: { url: `https://git.example/${pkg}.git`, reference: commit },
        composerJsonSha256: createHash('sha256').update(files[0].data).digest('hex'),
        time: st.time,
    });
    return { pkg, version, zip, files, sha1, sha256, entry: signStatement(PAYLOAD_TYPES.release, payload, st.s.signers(signers)) };
}
/** A project folder with a signet.json trusting `logUrl` (and the signers' registry and core keys). */
export function project(s, verifierKey, logUrl, overrides = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'signet-project-'));
    mkdirSync(join(dir, 'vendor'));
    writeConfig(dir, s, verifierKey, logUrl, overrides);
    return dir;
}
export function writeConfig(dir, s, verifierKey, logUrl, overrides = {}) {
    const config = {
        logs: [{ origin: ORIGIN, verifierKey, url: logUrl, mirrors: [] }],
        registryKeys: [s.key('registry').publicKey.raw.toString('base64')],
        coreKey: s.key('core').publicKey.raw.toString('base64'),
        mode: 'full',
        breakGlass: 'reject',
        ...overrides,
    };
    writeFileSync(join(dir, 'signet.json'), JSON.stringify(config, null, 2) + '\n');
}
//# sourceMappingURL=verifier.js.map