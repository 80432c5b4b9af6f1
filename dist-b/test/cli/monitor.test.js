/**
 * `signet monitor` end to end: a real log on 127.0.0.1, the CLI in child processes with its own state
 * folder, and a configuration in light mode (the monitor reads the whole log anyway). The first run is
 * silent; a release the vendor did not make is reported once and never again; a break-glass key change
 * by the core key is flagged loudly with its reason; --since, --json, --follow; a forked log stops it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, runCli } from '../../testkit/cli.js';
import { Signers, Statements } from '../../testkit/ledger.js';
import { project, release, startTestLog, writeConfig } from '../../testkit/verifier.js';
function out(r) {
    try {
        return JSON.parse(r.stdout.trim());
    }
    catch {
        throw new Error(`not JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
    }
}
describe('signet monitor', { timeout: 300_000 }, () => {
    const s = new Signers();
    const st = new Statements(s, new Date());
    let log;
    let work;
    let env;
    let proj;
    const run = (args, o = {}) => runCli(['monitor', ...args], { env: { ...env, ...o.env }, cwd: proj });
    const json = async (args, code) => {
        const r = await run([...args, '--json']);
        assert.equal(r.code, code, r.stdout + r.stderr);
        return out(r);
    };
    before(async () => {
        work = mkdtempSync(join(tmpdir(), 'signet-monitor-'));
        env = { XDG_STATE_HOME: join(work, 'state'), XDG_CONFIG_HOME: join(work, 'config'), HOME: work };
        log = await startTestLog(s);
        await log.add(st.vendor({ vendor: 'acme', keys: [['k1', 'full']] })); // 0
        await log.add(release(st, 'acme/widget', '1.0.0', ['k1']).entry); // 1
        await log.add(st.vendor({ vendor: 'beta', keys: [['kb', 'full']] })); // 2
        proj = project(s, log.log.log.verifierKey, log.log.url, { mode: 'light' });
    });
    after(async () => {
        await log?.log.close();
        rmSync(work, { recursive: true, force: true });
    });
    it('records a baseline silently on the first run (exit 0), after a light-mode sync', async () => {
        const sync = await runCli(['sync', '--json'], { env, cwd: proj });
        assert.equal(sync.code, 0, sync.stdout + sync.stderr);
        await log.add(release(st, 'acme/gadget', '1.0.0', ['k1']).entry); // 3: before the baseline, never reported
        const o = await json(['acme', 'beta'], 0);
        assert.equal(o.ok, true);
        assert.deepEqual(o.events, []);
        assert.equal(o.size, 4);
        assert.deepEqual(o.baseline.acme, { from: 4, size: 4, silent: true, claimed: true });
        assert.match(o.notes.join('\n'), /acme: first run, baseline recorded at log size 4/);
        const file = JSON.parse(readFileSync(join(work, 'state', 'signet', 'monitor', 'acme.json'), 'utf8'));
        assert.deepEqual([file.size, file.origin], [4, 'signet.test/log']);
        // The next run has a baseline: nothing new, nothing printed but that.
        const r = await run(['acme', 'beta']);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /^Nothing new for acme, beta in signet\.test\/log up to size 4\.\n$/);
    });
    it('reports a release the vendor did not make (signed by a stolen key), once', async () => {
        // The vendor's own key was stolen: the release is valid in the log, and only the monitor tells.
        await log.add(release(st, 'acme/widget', '6.6.6', ['k1'], 'backdoor').entry); // 4
        await log.add(release(st, 'beta/thing', '1.0.0', ['kb']).entry); // 5: another vendor, not watched here
        const r = await run(['acme']);
        assert.equal(r.code, 0, 'a release is info: exit 0 unless --fail-on info');
        assert.match(r.stdout, /^INDEX +SEVERITY +VENDOR +KIND +TIME +WHAT\n/);
        assert.match(r.stdout, new RegExp(`#4 +INFO +acme +release +\\S+ +acme/widget 6\\.6\\.6 released .*signed by key ${s.id('k1')} \\(full\\)`));
        assert.doesNotMatch(r.stdout, /beta/);
        assert.match(r.stdout, /1 new entry \(1 info\)/);
        // Reported once: the next run has nothing, for cron or for a person.
        const again = await json(['acme'], 0);
        assert.deepEqual(again.events, []);
        assert.deepEqual(again.baseline.acme, { from: 6, size: 6, silent: false, claimed: true });
        // beta's baseline was recorded at 4: its release at 5 is new for beta, and --fail-on info makes it exit 1.
        const b = await json(['beta', '--fail-on', 'info'], 1);
        assert.deepEqual(b.events.map((e) => [e.index, e.kind, e.package]), [[5, 'release', 'beta/thing']]);
        assert.equal(b.ok, false);
    });
    it('with --expect-keys, flags a key added by a stolen key and the release it signs (critical, exit 1)', async () => {
        await log.add(st.keyAdd({ vendor: 'acme', key: ['evil', 'full'], signers: ['k1', 'evil'], seq: 1 })); // 6
        await log.add(release(st, 'acme/widget', '6.6.7', ['evil']).entry); // 7
        const o = await json(['acme', '--expect-keys', s.id('k1')], 1);
        assert.equal(o.ok, false);
        assert.deepEqual(o.events.map((e) => [e.index, e.kind, e.severity, e.unexpectedKeyIds]), [
            [6, 'key-add', 'critical', [s.id('evil')]],
            [7, 'release', 'critical', [s.id('evil')]],
        ]);
        assert.deepEqual(o.events[1].keyIds, [s.id('evil')]);
        assert.deepEqual((await json(['acme'], 0)).events, []);
    });
    it('flags a break-glass key change by the core key loudly, with its reason (exit 1)', async () => {
        // beta lost every key; the core key installs a new one.
        await log.add(st.keyAdd({ vendor: 'beta', key: ['kb2', 'full'], signers: ['core'], seq: 1, breakGlass: { reason: 'vendor lost every key' } })); // 8
        const r = await run(['beta']);
        assert.equal(r.code, 1, r.stdout + r.stderr);
        assert.match(r.stdout, /#8 +CRITICAL +beta +BREAK-GLASS key-add /);
        assert.match(r.stdout, /BREAK-GLASS: key [0-9a-f]{64} \(full\) added by the core key, not by the vendor — reason: "vendor lost every key"; signed by the CORE KEY/);
        assert.match(r.stdout, /!!! BREAK-GLASS at #8: the core key acted on beta's keys \(key-add\)\. Reason given: "vendor lost every key"/);
        assert.equal((await run(['beta'])).code, 0, 'not reported twice');
    });
    it('--since INDEX reports from there (JSON shape) and moves the baseline', async () => {
        const o = await json(['acme', 'beta', '--since', '5'], 1);
        assert.deepEqual(Object.keys(o).sort(), ['baseline', 'events', 'notes', 'ok', 'origin', 'root', 'size', 'vendors']);
        assert.deepEqual(o.vendors, ['acme', 'beta']);
        assert.equal(o.origin, 'signet.test/log');
        assert.equal(o.size, 9);
        assert.match(o.root, /^[A-Za-z0-9+/]{43}=$/);
        assert.deepEqual(o.baseline.beta, { from: 5, size: 9, silent: false, claimed: true });
        assert.deepEqual(o.events.map((e) => `${e.index} ${e.vendor} ${e.kind} ${e.severity}`), ['5 beta release info', '6 acme key-add warning', '7 acme release info', '8 beta key-add critical']);
        const e = o.events[3];
        assert.deepEqual(e.breakGlass, { reason: 'vendor lost every key' });
        assert.deepEqual(e.keyIds, [s.id('core')]);
        assert.match(e.time, /^\d{4}-\d\d-\d\dT/);
        assert.equal(typeof e.summary, 'string');
        assert.deepEqual((await json(['acme', 'beta'], 0)).events, []);
        // Usage errors: exit 2.
        for (const args of [['acme', '--since', '99'], ['acme', '--since', '-1'], ['../etc'], ['acme', '--expect-keys', 'abc'], ['acme', '--interval', '0', '--follow']]) {
            const bad = await run(args);
            assert.equal(bad.code, 2, `${args.join(' ')}: ${bad.stdout}${bad.stderr}`);
        }
    });
    it('--follow reports an entry added while it runs, then stops on SIGTERM', async () => {
        const child = spawn(process.execPath, [CLI, 'monitor', 'acme', '--follow', '--interval', '0.2', '--json'], { cwd: proj, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        const waiters = [];
        child.stdout.setEncoding('utf8').on('data', (d) => {
            stdout += d;
            for (const w of waiters.splice(0))
                w();
        });
        child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
        const exited = new Promise((res) => child.on('close', (code) => res(code)));
        const lines = async (n) => {
            const deadline = Date.now() + 30_000;
            while (stdout.split('\n').filter((l) => l !== '').length < n) {
                if (Date.now() > deadline)
                    throw new Error(`timed out waiting for ${n} lines:\n${stdout}\n${stderr}`);
                await Promise.race([new Promise((r) => waiters.push(r)), new Promise((r) => setTimeout(r, 500))]);
            }
            return stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
        };
        try {
            const [first] = await lines(1);
            assert.deepEqual(first.events, []);
            await log.add(release(st, 'acme/widget', '7.0.0', ['evil']).entry); // 9
            const [, batch] = await lines(2);
            assert.deepEqual(batch.events.map((e) => [e.index, e.kind, e.package]), [[9, 'release', 'acme/widget']]);
            child.kill('SIGTERM');
            assert.equal(await exited, 0, stderr);
        }
        finally {
            child.kill('SIGKILL');
        }
        assert.equal((await lines(2)).length, 2, 'nothing more after the batch');
        assert.deepEqual((await json(['acme'], 0)).events, [], 'the batch printed by --follow is not reported again');
    });
    it('exits 3 when the log is unreachable', async () => {
        writeConfig(proj, s, log.log.log.verifierKey, 'http://127.0.0.1:9', { mode: 'light' });
        try {
            const r = await run(['acme', '--json']);
            assert.equal(r.code, 3, r.stdout + r.stderr);
        }
        finally {
            writeConfig(proj, s, log.log.log.verifierKey, log.log.url, { mode: 'light' });
        }
    });
    it('stops at a forked log with CHECKPOINT_FORK and both checkpoints as evidence (exit 1)', async () => {
        const fork = await startTestLog(s, { keyFrom: log.dir });
        try {
            await fork.add(st.vendor({ vendor: 'acme', keys: [['evil', 'full']] }));
            for (let i = 0; i < 12; i++)
                await fork.add(release(st, 'acme/widget', `1.0.${i}`, ['evil']).entry);
            writeConfig(proj, s, log.log.log.verifierKey, fork.log.url, { mode: 'light' });
            const o = await json(['acme'], 1);
            assert.equal(o.ok, false);
            assert.equal(o.error?.code, 'CHECKPOINT_FORK');
            assert.match(o.error.evidence.stored, /^signet\.test\/log\n10\n/);
            assert.notEqual(o.error.evidence.stored, o.error.evidence.served);
            const human = await run(['acme']);
            assert.equal(human.code, 1);
            assert.match(human.stderr, /CHECKPOINT_FORK/);
            // Nothing from the other history was reported or recorded.
            assert.equal(JSON.parse(readFileSync(join(work, 'state', 'signet', 'monitor', 'acme.json'), 'utf8')).size, 10);
            // A light-mode verifier has no local entries, only its checkpoint: a first monitor run against the
            // other history must still find that checkpoint is not a prefix of it.
            const fresh = { XDG_STATE_HOME: join(work, 'state-light') };
            writeConfig(proj, s, log.log.log.verifierKey, log.log.url, { mode: 'light' });
            assert.equal((await runCli(['sync', '--json'], { env: { ...env, ...fresh }, cwd: proj })).code, 0);
            writeConfig(proj, s, log.log.log.verifierKey, fork.log.url, { mode: 'light' });
            const r = await run(['acme', '--json'], { env: fresh });
            assert.equal(r.code, 1, r.stdout + r.stderr);
            assert.equal(out(r).error?.code, 'CHECKPOINT_FORK');
        }
        finally {
            writeConfig(proj, s, log.log.log.verifierKey, log.log.url, { mode: 'light' });
            await fork.log.close();
        }
        assert.ok(existsSync(join(work, 'state', 'signet', 'monitor', 'beta.json')));
    });
});
//# sourceMappingURL=monitor.test.js.map