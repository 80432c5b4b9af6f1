/**
 * How the plugin reads signet's answer (composer-plugin/src/VerifyOutcome.php), run directly with PHP:
 * which result belongs to which archive, and that a batch of hundreds of archives is read in one pass.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PLUGIN_DIR } from '../../testkit/composer-plugin.js';
const php = spawnSync('php', ['-r', 'echo PHP_VERSION;'], { encoding: 'utf8' });
const skip = php.status === 0 ? false : 'php is not installed (Debian: apt-get install php-cli)';
/** VerifyOutcome::fromProcess($archives, $exit, $stdout, ...) as JSON, and how long it took. */
function outcome(archives, exit, answer) {
    const src = join(PLUGIN_DIR, 'src');
    const code = `
    require ${JSON.stringify(join(src, 'Signet.php'))};
    require ${JSON.stringify(join(src, 'VerifyOutcome.php'))};
    $in = json_decode(stream_get_contents(STDIN), true);
    $t = hrtime(true);
    $o = Signet\\ComposerPlugin\\VerifyOutcome::fromProcess($in['archives'], $in['exit'], $in['stdout'], '', '/bin/signet', 'PATH', 0.1);
    $ms = (hrtime(true) - $t) / 1e6;
    echo json_encode(['ok' => $o->isOk(), 'failures' => $o->getFailures(), 'skipped' => $o->getSkipped(), 'problem' => $o->getProblem(), 'ms' => $ms]);`;
    const r = spawnSync('php', ['-r', code], { input: JSON.stringify({ archives, exit, stdout: JSON.stringify(answer) + '\n' }), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr + r.stdout);
    return JSON.parse(r.stdout);
}
const a = (i) => ({ file: `/tmp/cache/${i}.zip`, package: `acme/p${i}`, version: '1.0.0' });
describe('the plugin reading signet verify-archive --json', { skip }, () => {
    it('matches results by file, else by package and version when a result has no file', () => {
        const archives = [a(1), a(2), a(3)];
        const o = outcome(archives, 0, {
            ok: true,
            results: [
                { package: 'acme/p1', version: '1.0.0', file: '/tmp/cache/1.zip', ok: true },
                { package: 'acme/p2', version: '1.0.0', ok: true, skipped: true },
                'not a result',
                // A result that names another file is not this archive's, even for the same package.
                { package: 'acme/p3', version: '1.0.0', file: '/elsewhere/3.zip', ok: true },
            ],
        });
        assert.equal(o.ok, false);
        assert.deepEqual(o.skipped, ['acme/p2 1.0.0']);
        assert.deepEqual(o.failures, ['acme/p3 1.0.0: NOT_REPORTED signet did not report on this archive (/tmp/cache/3.zip)']);
    });
    it('takes the first result for a file, and reads a failed one with its code', () => {
        const o = outcome([a(1)], 1, {
            ok: false,
            results: [
                { package: 'acme/p1', version: '1.0.0', file: '/tmp/cache/1.zip', ok: false, error: { code: 'ARCHIVE_DIGEST_MISMATCH', message: 'tampered' } },
                { package: 'acme/p1', version: '1.0.0', file: '/tmp/cache/1.zip', ok: true },
            ],
        });
        assert.equal(o.ok, false);
        assert.deepEqual(o.failures, ['acme/p1 1.0.0: ARCHIVE_DIGEST_MISMATCH tampered']);
    });
    it('reads a batch of 2,000 archives in one pass', () => {
        const archives = Array.from({ length: 2000 }, (_, i) => a(i));
        const o = outcome(archives, 0, { ok: true, results: [...archives].reverse().map((x) => ({ ...x, ok: true })) });
        assert.equal(o.ok, true, JSON.stringify(o.failures.slice(0, 3)));
        // Comparing every archive with every result (as before) took ~75 ms here at 2,000; one pass ~2 ms.
        assert.ok(o.ms < 25, `${o.ms} ms`);
    });
});
//# sourceMappingURL=verify-outcome.test.js.map