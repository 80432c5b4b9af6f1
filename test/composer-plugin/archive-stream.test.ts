/**
 * The plugin's feed to signet (composer-plugin/src/ArchiveStream.php), run directly with PHP against
 * small stand-ins for signet: every line reaches a signet that reads, a signet that stopped reading
 * makes the plugin fail within its timeout instead of hanging Composer, and one that exited is reported
 * by its exit code.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PLUGIN_DIR } from '../../testkit/composer-plugin.js';

const php = spawnSync('php', ['-r', 'echo PHP_VERSION;'], { encoding: 'utf8' });
const skip = php.status === 0 ? false : 'php is not installed (Debian: apt-get install php-cli)';

interface Run {
  /** Milliseconds the sends took, all together. */
  sendMs: number;
  finishMs: number;
  result?: { exitCode: number; stdout: string; stderr: string };
  unavailable?: string;
  /** Whether the stand-in was still running after the plugin was done with it. */
  leftRunning: boolean;
}

/** Starts `bin` through ArchiveStream, sends `n` archives, finishes with `timeout` seconds. */
function feed(bin: string, n: number, timeout: number): Run {
  const src = join(PLUGIN_DIR, 'src');
  const code = `
    require ${JSON.stringify(join(src, 'SignetUnavailable.php'))};
    require ${JSON.stringify(join(src, 'Signet.php'))};
    require ${JSON.stringify(join(src, 'ArchiveStream.php'))};
    $s = new Signet\\ComposerPlugin\\ArchiveStream([${JSON.stringify(bin)}, 'verify-archive', '--batch', '-'], sys_get_temp_dir(), ['PATH' => getenv('PATH')], 'SIGNET_BIN');
    $pid = proc_get_status((function () { return $this->process; })->call($s))['pid'];
    $t = hrtime(true);
    for ($i = 0; $i < ${n}; $i++) {
      $s->send(['file' => '/tmp/cache/vendor-' . $i . '/package-' . $i . '-1.0.0-' . str_repeat('x', 60) . '.zip', 'package' => 'vendor-' . $i . '/package', 'version' => '1.0.0']);
    }
    $out = ['sendMs' => (hrtime(true) - $t) / 1e6];
    $t = hrtime(true);
    try {
      $out['result'] = $s->finish(${timeout});
    } catch (Signet\\ComposerPlugin\\SignetUnavailable $e) {
      $out['unavailable'] = $e->getMessage();
    }
    $out['finishMs'] = (hrtime(true) - $t) / 1e6;
    usleep(100000);
    $out['leftRunning'] = file_exists('/proc/' . $pid) && strpos((string) @file_get_contents('/proc/' . $pid . '/stat'), ') Z') === false;
    echo json_encode($out);`;
  const r = spawnSync('php', ['-r', code], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr + r.stdout);
  return JSON.parse(r.stdout) as Run;
}

describe('the plugin feeding archives to signet (ArchiveStream)', { skip }, () => {
  let dir: string;
  const script = (name: string, body: string): string => {
    const f = join(dir, name);
    writeFileSync(f, `#!${process.execPath}\n${body}`);
    chmodSync(f, 0o755);
    return f;
  };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'signet-archive-stream-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  // 3,000 lines of ~150 bytes: several times what a pipe holds (64 KiB on Linux).
  const N = 3000;

  it('delivers every line and the end line to a signet that reads, and returns its answer', () => {
    const reader = script(
      'reader',
      `let t = ''; process.stdin.setEncoding('utf8').on('data', (d) => (t += d)).on('end', () => {
         const lines = t.split('\\n').filter((l) => l !== '').map((l) => JSON.parse(l));
         process.stdout.write(JSON.stringify({ archives: lines.length - 1, end: lines[lines.length - 1] }) + '\\n');
         process.stderr.write('a note on stderr\\n');
       });`,
    );
    const r = feed(reader, N, 30);
    assert.equal(r.unavailable, undefined);
    assert.equal(r.result!.exitCode, 0);
    assert.deepEqual(JSON.parse(r.result!.stdout), { archives: N, end: { end: true } });
    assert.equal(r.result!.stderr, 'a note on stderr\n');
    assert.equal(r.leftRunning, false);
  });

  it('never blocks Composer on a signet that stopped reading: the sends return, finish() gives up at its timeout and stops it', () => {
    const stuck = script('stuck', `setTimeout(() => {}, 60_000);`);
    const r = feed(stuck, N, 1);
    assert.ok(r.sendMs < 2000, `the sends took ${r.sendMs} ms`);
    assert.match(r.unavailable ?? 'no error', /did not read the list of archives within 1 s/);
    assert.ok(r.finishMs >= 900 && r.finishMs < 5000, `finish() took ${r.finishMs} ms`);
    assert.equal(r.leftRunning, false, 'the stuck process was stopped');
  });

  it('reports a signet that exited early by its exit code and output, without failing on the closed pipe', () => {
    const quitter = script('quitter', `process.stderr.write('cannot start: no config\\n'); process.exit(3);`);
    const r = feed(quitter, N, 30);
    assert.equal(r.unavailable, undefined);
    assert.equal(r.result!.exitCode, 3);
    assert.match(r.result!.stderr, /cannot start: no config/);
    assert.equal(r.leftRunning, false);
  });

  it('times out a signet that reads everything but never answers', () => {
    const silent = script('silent', `process.stdin.resume(); setTimeout(() => {}, 60_000);`);
    const r = feed(silent, 10, 1);
    assert.match(r.unavailable ?? 'no error', /did not answer within 1 s/);
    assert.equal(r.leftRunning, false);
  });
});
