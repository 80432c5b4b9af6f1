/** What a user's mistakes get: a usage error (exit 2) that says what to do, as JSON with --json; never a stack trace. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../../testkit/cli.js';

const work = mkdtempSync(join(tmpdir(), 'signet-usage-'));
after(() => rmSync(work, { recursive: true, force: true }));

describe('usage mistakes', () => {
  it('an unknown option with --json: a JSON error on stdout, exit 2', async () => {
    const r = await runCli(['verify', '--bogus', '--json']);
    assert.equal(r.code, 2);
    const o = JSON.parse(r.stdout) as { ok: boolean; error: { code: string; message: string } };
    assert.equal(o.ok, false);
    assert.equal(o.error.code, 'USAGE');
    assert.match(o.error.message, /unknown option '--bogus'/);
  });

  it('a key written into a folder that does not exist: USAGE with what to do, no internal error', async () => {
    const r = await runCli(['keygen', '--out', join(work, 'no-such-folder', 'k.key')], { env: { SIGNET_PASSPHRASE: 'a passphrase for the test' } });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /its folder does not exist/);
    assert.match(r.stderr, /mkdir -p/);
    assert.doesNotMatch(r.stderr, /internal error|    at /);
  });

  it('--witness-min without --witness is refused, not ignored', async () => {
    const r = await runCli(['log', 'serve', '--data', join(work, 'log'), '--listen', '127.0.0.1:0', '--witness-min', '1']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /--witness-min 1 with 0 --witness/);
  });

  it('signet login takes the token from SIGNET_TOKEN (out of argv); without any token it says how to give one', async () => {
    // With SIGNET_TOKEN the only problem left is the unreachable registry (exit 3), not a missing option.
    const withEnv = await runCli(['login', '--registry', 'http://127.0.0.1:9'], { env: { SIGNET_TOKEN: 'signet_aaaaaaaaaaaa_' + 'b'.repeat(43) } });
    assert.equal(withEnv.code, 3, withEnv.stderr);
    assert.doesNotMatch(withEnv.stderr, /required option/);
    const none = await runCli(['login', '--registry', 'http://127.0.0.1:9'], { env: { SIGNET_TOKEN: '' } });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /give --token TOKEN, set SIGNET_TOKEN/);
  });

  it('signet reproduce --git with a folder that does not exist: USAGE before anything is fetched (not a failed clone, exit 3)', async () => {
    // The registry address is unreachable: were it asked first, the answer would be exit 3.
    const r = await runCli(['reproduce', 'acme/widget', '1.0.0', '--git', join(work, 'no-clone-here'), '--registry', 'http://127.0.0.1:9']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /no-clone-here: no such folder/);
    // A URL is to be cloned, not judged as a folder: it gets past this check (here to the missing trust configuration).
    for (const git of ['https://example.invalid/acme/widget.git', 'git@example.invalid:acme/widget.git', 'example.invalid:acme/widget.git', 'gh-work:acme/widget']) {
      const url = await runCli(['reproduce', 'acme/widget', '1.0.0', '--git', git, '--registry', 'http://127.0.0.1:9'], { cwd: work, env: { HOME: work, XDG_CONFIG_HOME: join(work, '.config') } });
      assert.doesNotMatch(url.stderr, /no such folder/);
      assert.match(url.stderr, /signet init/);
    }
  });
});
