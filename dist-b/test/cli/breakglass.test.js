/**
 * Break-glass, end to end: a vendor who lost every key gets a new one through the core key; the action
 * is in the log, `signet key list` and `signet monitor` flag it loudly, and verifiers with the accept,
 * reject and notice-period policies each behave as docs/VERIFY.md says. Real registry, log, git and CLI.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../testkit/cli.js';
import { makeRepo } from '../../testkit/git-repo.js';
import { startStack } from '../../testkit/registry.js';
import { keyFileInfo } from '../../src/crypto/keyfile.js';
const PASS = 'break glass only in an emergency';
function json(r) {
    assert.equal(r.code, 0, `signet failed:\n${r.stdout}\n${r.stderr}`);
    const t = r.stdout.trim();
    return JSON.parse(t.startsWith('{\n') ? t : t.split('\n').pop());
}
describe('break-glass end to end', { timeout: 300_000 }, () => {
    let stack;
    let work;
    let env;
    let repo;
    const key = (n) => join(work, `${n}.key`);
    const cli = (args, extra = {}) => runCli([...args, '--json'], { env: { ...env, ...extra }, cwd: work });
    before(async () => {
        work = mkdtempSync(join(tmpdir(), 'signet-bg-'));
        env = { SIGNET_PASSPHRASE: PASS, HOME: work, XDG_CONFIG_HOME: join(work, 'config'), XDG_STATE_HOME: join(work, 'state') };
        for (const k of ['core', 'lost', 'fresh'])
            json(await runCli(['keygen', '--out', key(k), '--json'], { env, cwd: work }));
        stack = await startStack({ coreKey: keyFileInfo(readFileSync(key('core'), 'utf8')).publicKey });
        env = { ...env, SIGNET_REGISTRY: stack.registry.url };
        json(await cli(['login', '--registry', stack.registry.url, '--token', stack.token('acme-owner')]));
        json(await cli(['vendor', 'claim', 'acme', '--key', key('lost')]));
        repo = makeRepo();
        repo.commit({ 'composer.json': JSON.stringify({ name: 'acme/widget' }) + '\n', 'src/W.php': '<?php\n' });
        repo.git('tag', '1.0.0');
    });
    after(async () => {
        await stack?.close();
        repo?.remove();
        rmSync(work, { recursive: true, force: true });
    });
    it('the core key gives the vendor a new key: logged, and flagged in the key list', async () => {
        const r = json(await cli(['break-glass', 'key-add', key('fresh'), '--vendor', 'acme', '--core-key', key('core'), '--reason', 'vendor lost every key; identity checked by phone', '--log', stack.log.url, '--log-key', stack.log.log.verifierKey, '--registry', stack.registry.url]));
        assert.equal(r.breakGlass, true);
        assert.equal(r.index, 1);
        const human = await runCli(['break-glass', 'key-add', key('fresh'), '--vendor', 'acme', '--core-key', key('core'), '--reason', 'again', '--log', stack.log.url, '--log-key', stack.log.log.verifierKey, '--registry', stack.registry.url], { env, cwd: work });
        assert.equal(human.code, 1, 'the same key twice is refused by the log');
        // The registry follows the log: give it a moment.
        let list = { keys: [], history: [] };
        for (let i = 0; i < 40 && list.keys.length < 2; i++) {
            list = json(await cli(['key', 'list', 'acme']));
            if (list.keys.length < 2)
                await new Promise((res) => setTimeout(res, 100));
        }
        assert.deepEqual(list.keys.map((k) => k.addedBy), ['vendor', 'break-glass-key-add']);
        assert.equal(list.history[1].breakGlass, 'vendor lost every key; identity checked by phone');
        const table = await runCli(['key', 'list', 'acme'], { env, cwd: work });
        assert.match(table.stdout, /BREAK-GLASS: vendor lost every key/);
    });
    it('signet monitor flags it loudly (critical, exit 1), once', async () => {
        const proj = mkdtempSync(join(work, 'mon-'));
        json(await cli(['init', '--registry', stack.registry.url, '--out', join(proj, 'signet.json')]));
        const r = await cli(['monitor', 'acme', '--since', '0', '--project', proj]);
        assert.equal(r.code, 1, r.stdout + r.stderr);
        const o = JSON.parse(r.stdout.trim());
        const bg = o.events.find((e) => e.index === 1);
        assert.equal(bg.severity, 'critical');
        assert.match(bg.breakGlass.reason, /lost every key/);
        const again = await cli(['monitor', 'acme', '--project', proj]);
        assert.equal(again.code, 0, 'no duplicate alert');
    });
    it('a release signed with the new key: accepted, refused or held for the notice period, by policy', async () => {
        const rel = json(await cli(['release', '1.0.0', '--dir', repo.dir, '--key', key('fresh')]));
        const zip = Buffer.from(await (await fetch(rel.dist)).arrayBuffer());
        const file = join(work, 'widget.zip');
        writeFileSync(file, zip);
        const verdict = async (breakGlass) => {
            const proj = mkdtempSync(join(work, 'p-'));
            json(await cli(['init', '--registry', stack.registry.url, '--out', join(proj, 'signet.json')]));
            const cfg = JSON.parse(readFileSync(join(proj, 'signet.json'), 'utf8'));
            writeFileSync(join(proj, 'signet.json'), JSON.stringify({ ...cfg, breakGlass }));
            return cli(['verify-archive', file, '--package', 'acme/widget', '--version', '1.0.0', '--project', proj], { XDG_STATE_HOME: join(proj, 'state') });
        };
        const accept = await verdict('accept');
        assert.equal(accept.code, 0, accept.stdout);
        assert.match(accept.stdout, /break-glass/);
        const reject = await verdict('reject');
        assert.equal(reject.code, 1);
        assert.match(reject.stdout, /BREAK_GLASS_REFUSED/);
        const notice = await verdict({ noticeDays: 7 });
        assert.equal(notice.code, 1);
        assert.match(notice.stdout, /notice period runs until/);
    });
});
//# sourceMappingURL=breakglass.test.js.map