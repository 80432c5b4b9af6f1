/**
 * Everyone sees the same log: one log, three witnesses, two mirrors, the registry and clients, each a
 * `signet` process on 127.0.0.1. A log operator showing two histories (a split view) is caught by the
 * witnesses and the clients with both checkpoints as evidence; a mirror serving an altered tile is caught;
 * a witness killed and restarted keeps its state; the monitor reports a release the vendor did not make.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../testkit/cli.js';
import { startSignet } from '../../testkit/processes.js';
import { serveFolder } from '../../testkit/log.js';
import { Signers, Statements } from '../../testkit/ledger.js';
import { release } from '../../testkit/verifier.js';
import { checkCosignatures } from '../../src/tlog/audit.js';
const PASS = 'herd test passphrase';
function json(r, code) {
    if (code !== undefined)
        assert.equal(r.code, code, `exit ${r.code}:\n${r.stdout}\n${r.stderr}`);
    const t = r.stdout.trim();
    try {
        return JSON.parse(t.startsWith('{\n') ? t : t.split('\n').pop());
    }
    catch {
        throw new Error(`not JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
    }
}
describe('witnesses, mirrors, monitors: a multi-process scenario', { timeout: 600_000 }, () => {
    const procs = [];
    let work;
    let env;
    let log;
    let registry;
    const witnesses = [];
    const mirrors = [];
    let logKey;
    let registryKey;
    const s = new Signers();
    let st;
    const dir = (n) => join(work, n);
    const cli = (args, extra = {}) => runCli([...args, '--json'], { env: { ...env, ...extra }, cwd: work });
    const track = (p) => (procs.push(p), p);
    /** The log with the registry's key and the three witnesses. */
    const startLog = async (port) => track(await startSignet('log', ['log', 'serve', '--data', dir('log'), '--origin', 'herd.test/log', '--registry-key', registryKey, '--tiles-dir', dir('tiles'), ...witnesses.flatMap((w) => ['--witness', `${w.proc.url}=${w.vkey}`])], {
        ready: '/checkpoint',
        ...(port === undefined ? {} : { port }),
    }));
    const startWitness = async (i, port) => track(await startSignet(`witness${i}`, ['witness', 'serve', '--data', dir(`w${i}`), '--name', `w${i}.herd.test`, '--log', logKey], { ...(port === undefined ? {} : { port }) }));
    /** A client project whose config requires two witness cosignatures and `quorum` of the log's sources. */
    const client = (name, o = {}) => {
        const p = dir(`client-${name}`);
        cpSync(dir('template'), p, { recursive: true });
        const cfg = JSON.parse(readFileSync(join(p, 'signet.json'), 'utf8'));
        cfg.logs[0].url = o.url ?? log.url;
        cfg.logs[0].mirrors = o.mirrors ?? mirrors.map((m) => m.url);
        cfg.logs[0].quorum = o.quorum ?? 1;
        cfg.witnesses = { keys: witnesses.map((w) => w.vkey), required: o.required ?? 2 };
        cfg.mode = o.mode ?? 'full';
        writeFileSync(join(p, 'signet.json'), JSON.stringify(cfg));
        return p;
    };
    before(async () => {
        work = mkdtempSync(join(tmpdir(), 'signet-herd-'));
        env = { SIGNET_PASSPHRASE: PASS, HOME: work, XDG_CONFIG_HOME: dir('config'), XDG_STATE_HOME: dir('state') };
        // Keys first: the registry's (the log trusts it), the log's (the witnesses pin it), the witnesses'.
        registryKey = (await runCli(['registry', 'key', '--data', dir('registry')])).stdout.trim();
        const first = await startSignet('log-first-run', ['log', 'serve', '--data', dir('log'), '--origin', 'herd.test/log', '--registry-key', registryKey], { ready: '/checkpoint' });
        await first.stop();
        logKey = (await runCli(['log', 'key', '--data', dir('log')])).stdout.trim();
        for (let i = 0; i < 3; i++) {
            const proc = await startWitness(i);
            const vkey = (await runCli(['witness', 'key', '--data', dir(`w${i}`)])).stdout.trim();
            witnesses.push({ proc, dir: dir(`w${i}`), vkey, port: proc.port });
        }
        log = await startLog();
        registry = track(await startSignet('registry', ['registry', 'serve', '--data', dir('registry'), '--log', log.url, '--log-key', logKey], { ready: '/.well-known/signet' }));
        for (let i = 0; i < 2; i++)
            mirrors.push(track(await startSignet(`mirror${i}`, ['mirror', 'serve', '--upstream', log.url, '--key', logKey, '--data', dir(`m${i}`), '--interval', '0.2'])));
        // A vendor through the registry, and a client configuration from the registry's discovery document.
        json(await cli(['login', '--registry', registry.url, '--token', (await runCli(['registry', 'token', 'create', 'acme-owner', '--data', dir('registry'), '--json'], { env })).stdout.match(/"token":"([^"]+)"/)[1]]));
        for (const k of ['k1', 'k2'])
            json(await runCli(['keygen', '--out', dir(`${k}.key`), '--json'], { env, cwd: work }));
        json(await cli(['vendor', 'claim', 'acme', '--key', dir('k1.key'), '--key', dir('k2.key'), '--registry', registry.url]), 0);
        mkdirSync(dir('template'));
        json(await cli(['init', '--registry', registry.url, '--out', join(dir('template'), 'signet.json')]), 0);
        st = new Statements(s, new Date());
    });
    after(async () => {
        for (const p of procs.reverse())
            await p.stop().catch(() => undefined);
        rmSync(work, { recursive: true, force: true });
    });
    it('publishes checkpoints cosigned by the three witnesses, served alike by the log and both mirrors', async () => {
        const cp = await (await fetch(`${log.url}/checkpoint`)).text();
        assert.equal(checkCosignatures(cp, witnesses.map((w) => w.vkey), 3).length, 3, cp);
        for (const m of mirrors) {
            for (let i = 0; i < 50 && (await (await fetch(`${m.url}/checkpoint`)).text()) !== cp; i++)
                await new Promise((r) => setTimeout(r, 100));
            assert.equal(await (await fetch(`${m.url}/checkpoint`)).text(), cp, `${m.name} serves the log's checkpoint with its cosignatures`);
        }
        const r = await cli(['sync', '--project', client('herd', { quorum: 3 })]);
        assert.equal(r.code, 0, r.stdout + r.stderr);
    });
    it('catches a split view: the witnesses refuse the other history, and a client that saw one history refuses the other', async () => {
        const seen = client('seen', { quorum: 1, mirrors: [] });
        assert.equal((await cli(['sync', '--project', seen])).code, 0);
        const accepted = await (await fetch(`${log.url}/checkpoint`)).text();
        // The operator runs a second instance with the same key and another history, and asks the same witnesses.
        cpSync(join(dir('log'), 'log.key'), join(dir('evil'), 'log.key'), { recursive: false, force: true, errorOnExist: false });
        const evil = track(await startSignet('evil-log', ['log', 'serve', '--data', dir('evil'), '--origin', 'herd.test/log', '--registry-key', registryKey, ...witnesses.flatMap((w) => ['--witness', `${w.proc.url}=${w.vkey}`])], { ready: '/checkpoint' }));
        // Its history: other vendors claimed (the operator also holds the registry's key in this story).
        const { parseSignerKey } = await import('../../src/crypto/note.js');
        const { keyIdOf } = await import('../../src/crypto/keys.js');
        const { PAYLOAD_TYPES, buildVendorStatement, keySigner, signStatement } = await import('../../src/ledger/index.js');
        const reg = parseSignerKey(readFileSync(join(dir('registry'), 'registry.key'), 'utf8').trim());
        const regSigner = { keyid: keyIdOf(reg.publicKey), sign: (m) => Buffer.from(reg.sign(m)) };
        for (let i = 0; i < 6; i++) {
            const k = s.key(`evil${i}`);
            const stmt = buildVendorStatement({ vendor: `evil${i}`, keys: [s.sk(`evil${i}`)], threshold: 1 });
            const res = await fetch(`${evil.url}/add`, { method: 'POST', body: new Uint8Array(signStatement(PAYLOAD_TYPES.vendor, stmt, [regSigner, keySigner(k)])) });
            assert.equal(res.status, 200, await res.text());
        }
        const evilCp = await (await fetch(`${evil.url}/checkpoint`)).text();
        assert.ok(Number(evilCp.split('\n')[1]) > Number(accepted.split('\n')[1]), 'the other history is longer');
        assert.equal(checkCosignatures(evilCp, witnesses.map((w) => w.vkey), 0).length, 0, 'no witness cosigned the other history');
        assert.match(evil.output(), /witness .*: HTTP 409|witness .*: HTTP 422|409: it has cosigned/);
        // A client requiring cosignatures refuses it outright; one that accepted a checkpoint before names the fork.
        const strict = await cli(['sync', '--project', client('strict', { url: evil.url, mirrors: [] })], { XDG_STATE_HOME: dir('state-strict') });
        assert.equal(json(strict).error.code, 'COSIGNATURE_MISSING');
        const lax = client('lax', { url: evil.url, mirrors: [], required: 0 });
        writeFileSync(join(lax, 'signet.json'), readFileSync(join(lax, 'signet.json'), 'utf8'));
        const forked = await cli(['sync', '--project', lax], { XDG_STATE_HOME: dir('state') });
        const e = json(forked).error;
        assert.equal(e.code, 'CHECKPOINT_FORK');
        assert.equal(e.evidence.stored.split('\n\n')[0], accepted.split('\n\n')[0]);
        assert.equal(e.evidence.served.split('\n\n')[0], evilCp.split('\n\n')[0]);
        await evil.stop();
    });
    it('catches a mirror that serves an altered tile', async () => {
        const folder = dir('bad-mirror');
        cpSync(dir('tiles'), folder, { recursive: true });
        const bundle = join(folder, 'tile', 'entries', readdirSync(join(folder, 'tile', 'entries')).sort()[0]);
        const file = readdirSync(bundle.endsWith('.p') ? bundle : join(bundle, '..')).length > 0 ? bundle : bundle;
        const target = file.endsWith('.p') ? join(file, readdirSync(file).sort().pop()) : file;
        const bytes = readFileSync(target);
        bytes[bytes.length - 3] ^= 0xff;
        writeFileSync(target, bytes);
        const site = await serveFolder(folder);
        try {
            const audit = await runCli(['tlog', 'verify', site.url, '--key', logKey, '--json']);
            assert.equal(audit.code, 1);
            assert.match(audit.stdout, /ENTRY_ALTERED|TILE_ALTERED|ROOT_MISMATCH|BUNDLE_MALFORMED/);
            const r = await cli(['sync', '--project', client('badmirror', { url: site.url, mirrors: [] })], { XDG_STATE_HOME: dir('state-badmirror') });
            assert.equal(r.code, 1, r.stdout);
            assert.match(String(json(r).error.code), /ROOT_MISMATCH|ENTRY|BUNDLE|STATEMENT|ENTRY_NOT/);
        }
        finally {
            await site.close();
        }
    });
    it('a witness killed and restarted keeps its state: it cosigns the next checkpoint and refuses an older one', async () => {
        const w = witnesses[0];
        const before = await (await fetch(`${log.url}/checkpoint`)).text();
        await w.proc.kill();
        w.proc = await startWitness(0, w.port);
        const k1 = (await runCli(['keygen', '--out', dir('k3.key'), '--json'], { env, cwd: work })).code;
        assert.equal(k1, 0);
        // Something new in the log: a release through the registry (hand-made archive and statement).
        json(await cli(['key', 'add', dir('k3.key'), '--vendor', 'acme', '--key', dir('k1.key'), '--registry', registry.url]));
        const after = await (await fetch(`${log.url}/checkpoint`)).text();
        assert.notEqual(after, before);
        assert.equal(checkCosignatures(after, [w.vkey], 1).length, 1, 'the restarted witness cosigned the new checkpoint');
        const old = await fetch(`${w.proc.url}/add-checkpoint`, { method: 'POST', body: `old 0\n\n${before}` });
        assert.equal(old.status, 409, 'an older checkpoint is refused: the witness remembers the size it cosigned');
    });
    it('the monitor reports a release the vendor did not make', async () => {
        const mon = client('monitor', { mirrors: [] });
        const base = await cli(['monitor', 'acme', '--project', mon], { XDG_STATE_HOME: dir('state-monitor') });
        assert.equal(base.code, 0, base.stdout + base.stderr);
        // k2 was stolen: a release the vendor did not make, signed with it and pushed to the log directly.
        const { decryptKeyFile } = await import('../../src/crypto/keyfile.js');
        const stolen = decryptKeyFile(readFileSync(dir('k2.key'), 'utf8'), PASS);
        s.keys.set('stolen', stolen);
        const evil = release(st, 'acme/widget', '6.6.6', ['stolen']);
        const res = await fetch(`${log.url}/add`, { method: 'POST', body: new Uint8Array(evil.entry) });
        assert.equal(res.status, 200, await res.text());
        const { keyIdOf } = await import('../../src/crypto/keys.js');
        const { decryptKeyFile: dk } = await import('../../src/crypto/keyfile.js');
        const mine = keyIdOf(dk(readFileSync(dir('k1.key'), 'utf8'), PASS).publicKey);
        const r = await cli(['monitor', 'acme', '--project', mon, '--expect-keys', mine], { XDG_STATE_HOME: dir('state-monitor') });
        assert.equal(r.code, 1, r.stdout + r.stderr);
        const events = json(r).events;
        const rel = events.find((e) => e.kind === 'release');
        assert.equal(rel.severity, 'critical');
        assert.match(rel.summary, /6\.6\.6/);
        const again = await cli(['monitor', 'acme', '--project', mon, '--expect-keys', mine], { XDG_STATE_HOME: dir('state-monitor') });
        assert.equal(again.code, 0, 'reported once');
    });
});
//# sourceMappingURL=herd.test.js.map