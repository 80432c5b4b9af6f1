/**
 * The verifier's trust configuration on real files: the layers and their precedence (signet.json over
 * composer.json extra.signet over the user config; --config alone), every field's validation with the
 * field named in the error, and the helpers the verifier uses (skip patterns, the ledger's keys).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import {
  duplicateKeys,
  isSkipped,
  ledgerConfigOf,
  loadTrustConfig,
  mergeTrustConfig,
  parseTrustConfig,
  userConfigPath,
  type TrustConfig,
} from '../../src/client/config.js';
import { Ed25519PrivateKey } from '../../src/crypto/ed25519.js';
import { formatVerifierKey } from '../../src/crypto/note.js';
import { cosignatureVerifierKey } from '../../src/tlog/cosignature.js';
import { rejectsWith, throwsWith } from '../../testkit/assert-error.js';

const root = mkdtempSync(join(tmpdir(), 'signet-config-'));
after(() => rmSync(root, { recursive: true, force: true }));

const logKey = Ed25519PrivateKey.generate();
const otherLogKey = Ed25519PrivateKey.generate();
const ORIGIN = 'log.example/signet';
const VKEY = formatVerifierKey(ORIGIN, logKey.publicKey);
const OTHER_VKEY = formatVerifierKey('other.example/log', otherLogKey.publicKey);
const b64 = (k: Ed25519PrivateKey): string => k.publicKey.raw.toString('base64');
const registryKey = Ed25519PrivateKey.generate();
const oldRegistryKey = Ed25519PrivateKey.generate();
const coreKey = Ed25519PrivateKey.generate();
const witnessA = cosignatureVerifierKey('witness-a.example', Ed25519PrivateKey.generate().publicKey);
const witnessB = formatVerifierKey('witness-b.example', Ed25519PrivateKey.generate().publicKey);

/** The example of docs/VERIFY.md, with real keys. */
function full(): Record<string, unknown> {
  return {
    logs: [{ origin: ORIGIN, verifierKey: VKEY, url: 'https://log.example/', mirrors: ['https://mirror.example/log'] }],
    witnesses: { keys: [witnessA, witnessB], required: 1 },
    registry: { url: 'https://registry.example', key: b64(registryKey) },
    registryKeys: [b64(registryKey), b64(oldRegistryKey)],
    coreKey: b64(coreKey),
    breakGlass: { noticeDays: 14 },
    mode: 'full',
    maxCheckpointAge: 3600,
    attestations: { require: [{ kind: 'reproduced', min: 2 }], voteAgainst: 'reject' },
    skip: ['acme-internal/*'],
  };
}

function minimal(): Record<string, unknown> {
  return {
    logs: [{ origin: ORIGIN, verifierKey: VKEY, url: 'https://log.example' }],
    registry: { url: 'https://registry.example', key: b64(registryKey) },
  };
}

function with_(o: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  return { ...o, ...patch };
}

/** parseTrustConfig must refuse `json` with CONFIG_INVALID naming `field`. */
function refuses(json: unknown, field: string, message?: RegExp): void {
  const e = throwsWith(() => parseTrustConfig(json, 'test.json'), 'CONFIG_INVALID');
  assert.equal(e.details.evidence?.field, field === '' ? undefined : field, e.message);
  assert.ok(e.message.startsWith(field === '' ? 'test.json: ' : `test.json: ${field}: `), e.message);
  if (message !== undefined) assert.match(e.message, message);
  assert.equal(e.kind, 'usage');
}

describe('parseTrustConfig', () => {
  it('parses every field of the documented example', () => {
    const c = mergeTrustConfig([parseTrustConfig(full(), 'a.json')]);
    assert.deepEqual(c.logs, [{ origin: ORIGIN, verifierKey: VKEY, url: 'https://log.example', mirrors: ['https://mirror.example/log'], quorum: 1 }]);
    assert.deepEqual(c.witnesses, { keys: [witnessA, witnessB], required: 1 });
    assert.deepEqual(c.registry, { url: 'https://registry.example', key: b64(registryKey) });
    assert.deepEqual(c.registryKeys, [b64(registryKey), b64(oldRegistryKey)]);
    assert.equal(c.coreKey, b64(coreKey));
    assert.deepEqual(c.breakGlass, { policy: 'notice', noticeDays: 14 });
    assert.equal(c.mode, 'full');
    assert.equal(c.maxCheckpointAgeSeconds, 3600);
    assert.deepEqual(c.attestations, { require: [{ kind: 'reproduced', min: 2 }], voteAgainst: 'reject' });
    assert.deepEqual(c.skip, ['acme-internal/*']);
    assert.deepEqual(c.sources, ['a.json']);
  });

  it('fills the documented defaults, and registryKeys from registry.key', () => {
    const c = mergeTrustConfig([parseTrustConfig(minimal(), 'a.json')]);
    assert.deepEqual(c.witnesses, { keys: [], required: 0 });
    assert.deepEqual(c.registryKeys, [b64(registryKey)]);
    assert.equal(c.coreKey, undefined);
    assert.ok(!('coreKey' in c));
    assert.deepEqual(c.breakGlass, { policy: 'reject' });
    assert.equal(c.mode, 'light');
    assert.equal(c.maxCheckpointAgeSeconds, 86400);
    assert.deepEqual(c.attestations, { require: [], voteAgainst: 'ignore' });
    assert.deepEqual(c.skip, []);
    assert.deepEqual(mergeTrustConfig([parseTrustConfig({ ...minimal(), attestations: { require: [] } }, 'a')]).attestations.voteAgainst, 'ignore');
    assert.deepEqual(parseTrustConfig({ ...minimal(), breakGlass: 'accept' }, 'a').breakGlass, { policy: 'accept' });
  });

  it('refuses unknown fields, naming them, at every level', () => {
    refuses(with_(minimal(), { breakglass: 'accept' }), 'breakglass', /unknown field "breakglass"/);
    refuses(with_(minimal(), { logs: [{ origin: ORIGIN, verifierKey: VKEY, url: 'https://l', mirror: [] }] }), 'logs[0].mirror');
    refuses(with_(minimal(), { witnesses: { keys: [], required: 0, threshold: 1 } }), 'witnesses.threshold');
    refuses(with_(minimal(), { attestations: { requires: [] } }), 'attestations.requires');
    refuses(with_(minimal(), { attestations: { require: [{ kind: 'reproduced', min: 1, from: [] }] } }), 'attestations.require[0].from');
    refuses(with_(minimal(), { registry: { url: 'https://r', key: b64(registryKey), token: 'x' } }), 'registry.token');
    refuses(with_(minimal(), { breakGlass: { noticeDays: 3, days: 3 } }), 'breakGlass.days');
    refuses([], '', /not a JSON object/);
  });

  it('refuses a bad verifier key, a non-Ed25519 one, and an origin that is not its name', () => {
    refuses({ logs: [{ origin: ORIGIN, verifierKey: 'log.example/signet+00000000+AQ==', url: 'https://l' }] }, 'logs[0].verifierKey');
    refuses({ logs: [{ origin: ORIGIN, verifierKey: VKEY.slice(0, -4) + 'AAA=', url: 'https://l' }] }, 'logs[0].verifierKey');
    // A witness (cosignature/v1) key is not a log's note key.
    const cosig = cosignatureVerifierKey(ORIGIN, logKey.publicKey);
    refuses({ logs: [{ origin: ORIGIN, verifierKey: cosig, url: 'https://l' }] }, 'logs[0].verifierKey', /Ed25519/);
    refuses({ logs: [{ origin: 'other.example/log', verifierKey: VKEY, url: 'https://l' }] }, 'logs[0].origin', /name of the log's verifier key/);
    refuses({ logs: [{ verifierKey: VKEY, url: 'https://l' }] }, 'logs[0].origin', /missing/);
    refuses({ logs: [] }, 'logs', /empty/);
    refuses({ logs: [minimal().logs, minimal().logs].flat() }, 'logs[1].origin', /same log/);
  });

  it('refuses URLs that are not plain http(s) base URLs', () => {
    const log = (url: unknown) => ({ logs: [{ origin: ORIGIN, verifierKey: VKEY, url }] });
    refuses(log('ftp://log.example'), 'logs[0].url', /http/);
    refuses(log('log.example'), 'logs[0].url', /not a URL/);
    refuses(log('https://user:pw@log.example'), 'logs[0].url', /password/);
    refuses(log('https://log.example/?x=1'), 'logs[0].url', /query/);
    refuses({ logs: [{ origin: ORIGIN, verifierKey: VKEY, url: 'https://l', mirrors: ['file:///srv/log'] }] }, 'logs[0].mirrors[0]');
    refuses(with_(minimal(), { registry: { url: 'javascript:alert(1)', key: b64(registryKey) } }), 'registry.url');
    assert.equal(parseTrustConfig(log('http://127.0.0.1:8080/log/'), 'a').logs?.[0]?.url, 'http://127.0.0.1:8080/log');
  });

  it('refuses witness thresholds above the number of keys, and a witness listed twice', () => {
    refuses(with_(minimal(), { witnesses: { keys: [witnessA], required: 2 } }), 'witnesses.required', /2 cosignature\(s\) from 1 witness key/);
    refuses(with_(minimal(), { witnesses: { keys: [], required: 1 } }), 'witnesses.required');
    refuses(with_(minimal(), { witnesses: { keys: [witnessA], required: -1 } }), 'witnesses.required');
    refuses(with_(minimal(), { witnesses: { keys: [witnessA] } }), 'witnesses.required', /missing/);
    refuses(with_(minimal(), { witnesses: { keys: ['not a key'], required: 0 } }), 'witnesses.keys[0]');
    refuses(with_(minimal(), { witnesses: { keys: [witnessA, witnessA], required: 1 } }), 'witnesses.keys[1]', /same witness key/);
    // The same witness key as a 0x01 vkey and as a 0x04 vkey is one witness.
    const k = Ed25519PrivateKey.generate().publicKey;
    refuses(
      with_(minimal(), { witnesses: { keys: [formatVerifierKey('w.example', k), cosignatureVerifierKey('w.example', k)], required: 2 } }),
      'witnesses.keys[1]',
    );
    // One key under two names: a cosignature does not cover the name, so a copy of the line under the
    // second name would verify too, and one witness would count twice.
    refuses(
      with_(minimal(), { witnesses: { keys: [cosignatureVerifierKey('w1.example', k), cosignatureVerifierKey('w2.example', k)], required: 2 } }),
      'witnesses.keys[1]',
      /same witness key/,
    );
    assert.deepEqual(parseTrustConfig(with_(minimal(), { witnesses: { keys: [witnessA, witnessB], required: 2 } }), 'a').witnesses?.required, 2);
  });

  it('refuses keys that are not canonical base64 of 32 bytes', () => {
    const raw = registryKey.publicKey.raw;
    refuses(with_(minimal(), { registry: { url: 'https://r', key: raw.subarray(0, 31).toString('base64') } }), 'registry.key', /32-byte/);
    refuses(with_(minimal(), { registryKeys: [raw.toString('base64').replace(/=$/, '')] }), 'registryKeys[0]');
    refuses(with_(minimal(), { registryKeys: [raw.toString('hex')] }), 'registryKeys[0]');
    refuses(with_(minimal(), { registryKeys: [] }), 'registryKeys', /empty/);
    refuses(with_(minimal(), { registryKeys: [b64(registryKey), b64(registryKey)] }), 'registryKeys[1]', /twice/);
    refuses(with_(minimal(), { coreKey: 'AAAA' }), 'coreKey');
    assert.equal(parseTrustConfig(with_(minimal(), { coreKey: null }), 'a').coreKey, null);
  });

  it('refuses bad policies', () => {
    refuses(with_(minimal(), { breakGlass: 'maybe' }), 'breakGlass');
    refuses(with_(minimal(), { breakGlass: { noticeDays: 0 } }), 'breakGlass.noticeDays');
    refuses(with_(minimal(), { breakGlass: { noticeDays: 1.5 } }), 'breakGlass.noticeDays');
    refuses(with_(minimal(), { mode: 'heavy' }), 'mode');
    refuses(with_(minimal(), { maxCheckpointAge: 0 }), 'maxCheckpointAge');
    refuses(with_(minimal(), { maxCheckpointAge: '1d' }), 'maxCheckpointAge');
    refuses(with_(minimal(), { attestations: { require: [{ kind: 'vote-against', min: 1 }] } }), 'attestations.require[0].kind');
    refuses(with_(minimal(), { attestations: { require: [{ kind: 'reproduce', min: 1 }] } }), 'attestations.require[0].kind');
    refuses(with_(minimal(), { attestations: { require: [{ kind: 'reproduced', min: 0 }] } }), 'attestations.require[0].min');
    refuses(
      with_(minimal(), { attestations: { require: [{ kind: 'reproduced', min: 1 }, { kind: 'reproduced', min: 2 }] } }),
      'attestations.require[1].kind',
      /twice/,
    );
    refuses(with_(minimal(), { attestations: { voteAgainst: 'warn' } }), 'attestations.voteAgainst');
  });

  it('refuses a configuration without logs or registry keys once merged', () => {
    const e = throwsWith(() => mergeTrustConfig([parseTrustConfig({ mode: 'full' }, 'a.json')]), 'CONFIG_INVALID');
    assert.match(e.details.hint ?? '', /signet init --registry URL/);
    const noKeys = { logs: minimal().logs };
    throwsWith(() => mergeTrustConfig([parseTrustConfig(noKeys, 'a.json')]), 'CONFIG_INVALID');
    assert.deepEqual(mergeTrustConfig([parseTrustConfig({ ...noKeys, registryKeys: [b64(registryKey)] }, 'a.json')]).registry, undefined);
  });
});

describe('skip patterns', () => {
  const config = (skip: string[]): TrustConfig => mergeTrustConfig([parseTrustConfig({ ...minimal(), skip }, 'a')]);

  it('match package names, * within one part, case-insensitively', () => {
    const c = config(['acme-internal/*', '*/secret-*', 'Exact/Name']);
    assert.deepEqual(c.skip, ['acme-internal/*', '*/secret-*', 'exact/name']);
    assert.equal(isSkipped(c, 'acme-internal/tools'), true);
    assert.equal(isSkipped(c, 'ACME-Internal/Tools'), true);
    // ASCII case only, as Composer compares names: the Kelvin sign lower-cases to "k" in Unicode.
    assert.equal(isSkipped(config(['kcme-internal/*']), '\u212Acme-internal/x'), false);
    assert.equal(isSkipped(c, 'acme-internal2/tools'), false);
    assert.equal(isSkipped(c, 'acme/internal-tools'), false);
    assert.equal(isSkipped(c, 'bob/secret-sauce'), true);
    assert.equal(isSkipped(c, 'bob/not-secret-sauce'), false);
    assert.equal(isSkipped(c, 'exact/name'), true);
    assert.equal(isSkipped(c, 'exact/names'), false);
    assert.equal(isSkipped(config(['a.b/*']), 'axb/c'), false, 'a dot is literal');
    assert.equal(isSkipped(config([]), 'acme-internal/tools'), false);
  });

  it('refuses patterns that are not vendor/name shaped, and **', () => {
    refuses(with_(minimal(), { skip: ['acme-internal'] }), 'skip[0]', /package-name pattern/);
    refuses(with_(minimal(), { skip: ['acme/**'] }), 'skip[0]', /\*\*/);
    refuses(with_(minimal(), { skip: ['a/b/c'] }), 'skip[0]');
    refuses(with_(minimal(), { skip: ['acme/?'] }), 'skip[0]');
    refuses(with_(minimal(), { skip: ['ok/*', ''] }), 'skip[1]');
    refuses(with_(minimal(), { skip: 'acme/*' }), 'skip', /array/);
  });
});

describe('ledgerConfigOf', () => {
  it('gives the registry keys and the core key as Ed25519 keys', () => {
    const lc = ledgerConfigOf(mergeTrustConfig([parseTrustConfig(full(), 'a')]));
    assert.deepEqual(
      lc.registryKeys.map((k) => k.raw.toString('base64')),
      [b64(registryKey), b64(oldRegistryKey)],
    );
    assert.ok(lc.coreKey?.equals(coreKey.publicKey));
    assert.equal(ledgerConfigOf(mergeTrustConfig([parseTrustConfig(minimal(), 'a')])).coreKey, undefined);
  });
});

describe('duplicateKeys', () => {
  it('finds members repeated in the same object, with their path, and nothing else', () => {
    assert.deepEqual(duplicateKeys('{"a": 1, "b": {"c": [1, {"d": 1, "d": 2}], "c2": "\\"d\\", \\"d\\""}, "a": 3}'), ['b.c[1].d', 'a']);
    assert.deepEqual(duplicateKeys('{"a": {"x": 1}, "b": {"x": 1}, "s": "{\\"x\\": 1, \\"x\\": 2}", "\\u0061b": 1, "ab": 2}'), ['ab']);
    assert.deepEqual(duplicateKeys('[{"k": 1}, {"k": 2}]'), []);
  });
});

describe('loadTrustConfig on files', () => {
  let n = 0;
  let project: string;
  let xdg: string;
  const saved = process.env.XDG_CONFIG_HOME;

  beforeEach(() => {
    n++;
    project = join(root, `p${n}`);
    xdg = join(root, `xdg${n}`);
    mkdirSync(project);
    process.env.XDG_CONFIG_HOME = xdg;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.XDG_CONFIG_HOME;
    else process.env.XDG_CONFIG_HOME = saved;
  });

  const writeUser = (o: unknown): string => {
    mkdirSync(join(xdg, 'signet'), { recursive: true });
    writeFileSync(userConfigPath(), JSON.stringify(o));
    return userConfigPath();
  };
  const writeProject = (o: unknown): string => {
    writeFileSync(join(project, 'signet.json'), typeof o === 'string' ? o : JSON.stringify(o));
    return join(project, 'signet.json');
  };
  const writeComposer = (signet: unknown, more: Record<string, unknown> = {}): string => {
    writeFileSync(join(project, 'composer.json'), JSON.stringify({ name: 'acme/app', require: {}, ...more, extra: { other: 1, signet } }));
    return join(project, 'composer.json');
  };

  it('puts the user config under $XDG_CONFIG_HOME/signet/config.json (relative values ignored)', () => {
    assert.equal(userConfigPath(), join(xdg, 'signet', 'config.json'));
    process.env.XDG_CONFIG_HOME = 'relative/dir';
    assert.ok(userConfigPath().endsWith(join('.config', 'signet', 'config.json')));
    assert.ok(!userConfigPath().includes('relative'));
  });

  it('without any configuration: CONFIG_INVALID (exit 2) with a hint to run signet init', async () => {
    const e = await rejectsWith(loadTrustConfig({ projectDir: project }), 'CONFIG_INVALID');
    assert.equal(e.kind, 'usage');
    assert.match(e.details.hint ?? '', /signet init --registry URL/);
    assert.deepEqual(e.details.evidence?.searched, [join(project, 'signet.json'), join(project, 'composer.json'), userConfigPath()]);
    // A composer.json without extra.signet is no configuration either.
    writeFileSync(join(project, 'composer.json'), JSON.stringify({ name: 'acme/app' }));
    await rejectsWith(loadTrustConfig({ projectDir: project }), 'CONFIG_INVALID');
  });

  it('reads the user config alone', async () => {
    const u = writeUser(full());
    const c = await loadTrustConfig({ projectDir: project });
    assert.deepEqual(c.sources, [u]);
    assert.equal(c.mode, 'full');
  });

  it('merges the project over the user field by field: a project field replaces the user one whole', async () => {
    const u = writeUser(full());
    const otherLogs = [{ origin: 'other.example/log', verifierKey: OTHER_VKEY, url: 'https://other.example' }];
    const p = writeProject({ logs: otherLogs, mode: 'light', skip: [], attestations: { require: [{ kind: 'code-review', min: 1 }] }, coreKey: null });
    const c = await loadTrustConfig({ projectDir: project });
    assert.deepEqual(c.sources, [p, u]);
    assert.deepEqual(c.logs, [{ ...otherLogs[0], mirrors: [], quorum: 1 }], 'the project logs replace the user logs');
    assert.equal(c.mode, 'light');
    assert.deepEqual(c.skip, []);
    // attestations came whole from the project: voteAgainst is the default, not the user's "reject".
    assert.deepEqual(c.attestations, { require: [{ kind: 'code-review', min: 1 }], voteAgainst: 'ignore' });
    assert.equal(c.coreKey, undefined, 'coreKey: null in the project removes the user\'s core key');
    // Fields the project does not set come from the user.
    assert.deepEqual(c.witnesses, { keys: [witnessA, witnessB], required: 1 });
    assert.deepEqual(c.breakGlass, { policy: 'notice', noticeDays: 14 });
    assert.equal(c.maxCheckpointAgeSeconds, 3600);
    assert.deepEqual(c.registryKeys, [b64(registryKey), b64(oldRegistryKey)]);
    assert.equal(c.shadowed, undefined);
  });

  it('signet.json over composer.json extra.signet over the user config', async () => {
    const u = writeUser(with_(minimal(), { mode: 'full', maxCheckpointAge: 60 }));
    const composer = writeComposer({ mode: 'light', breakGlass: 'accept' });
    // extra.signet over the user config
    let c = await loadTrustConfig({ projectDir: project });
    assert.deepEqual(c.sources, [composer, u]);
    assert.equal(c.mode, 'light');
    assert.deepEqual(c.breakGlass, { policy: 'accept' });
    assert.equal(c.maxCheckpointAgeSeconds, 60);
    // signet.json takes the place of extra.signet entirely (it is not read, and reported as shadowed).
    const p = writeProject({ maxCheckpointAge: 120 });
    c = await loadTrustConfig({ projectDir: project });
    assert.deepEqual(c.sources, [p, u]);
    assert.equal(c.mode, 'full', 'extra.signet is not read when signet.json exists');
    assert.deepEqual(c.breakGlass, { policy: 'reject' });
    assert.equal(c.maxCheckpointAgeSeconds, 120);
    assert.deepEqual(c.shadowed, [composer]);
  });

  it('names the extra.signet field in errors, and refuses duplicates inside extra.signet only', async () => {
    const composer = writeComposer({ ...minimal(), mode: 'fast' });
    let e = await rejectsWith(loadTrustConfig({ projectDir: project }), 'CONFIG_INVALID');
    assert.equal(e.details.evidence?.field, 'extra.signet.mode');
    assert.equal(e.details.evidence?.file, composer);
    writeComposer({ ...minimal(), logs: [{ origin: ORIGIN, verifierKey: VKEY, url: 'https://l', extra: 1 }] });
    e = await rejectsWith(loadTrustConfig({ projectDir: project }), 'CONFIG_INVALID');
    assert.equal(e.details.evidence?.field, 'extra.signet.logs[0].extra');
    writeFileSync(join(project, 'composer.json'), JSON.stringify({ extra: { signet: 'x' } }));
    e = await rejectsWith(loadTrustConfig({ projectDir: project }), 'CONFIG_INVALID');
    assert.equal(e.details.evidence?.field, 'extra.signet');
    // A duplicate elsewhere in composer.json is Composer's business; one inside extra.signet is ours.
    const m = JSON.stringify(minimal());
    writeFileSync(join(project, 'composer.json'), `{"name": "acme/app", "name": "acme/app2", "extra": {"signet": ${m}}}`);
    assert.equal((await loadTrustConfig({ projectDir: project })).mode, 'light');
    writeFileSync(join(project, 'composer.json'), `{"extra": {"signet": ${m.slice(0, -1)}, "mode": "full", "mode": "light"}}}`);
    e = await rejectsWith(loadTrustConfig({ projectDir: project }), 'CONFIG_INVALID');
    assert.equal(e.details.evidence?.field, 'extra.signet.mode');
    assert.match(e.message, /twice/);
  });

  it('refuses a member given twice (parsers disagree on which one wins)', async () => {
    const m = JSON.stringify(minimal());
    writeProject(`${m.slice(0, -1)}, "breakGlass": "reject", "breakGlass": "accept"}`);
    const e = await rejectsWith(loadTrustConfig({ projectDir: project }), 'CONFIG_INVALID');
    assert.equal(e.details.evidence?.field, 'breakGlass');
  });

  it('refuses files that are not JSON, too large, or not regular files; accepts a UTF-8 BOM', async () => {
    writeProject('{"mode": "light",}');
    let e = await rejectsWith(loadTrustConfig({ projectDir: project }), 'CONFIG_INVALID');
    assert.match(e.message, /not valid JSON/);
    writeProject(' '.repeat((1 << 20) + 1));
    e = await rejectsWith(loadTrustConfig({ projectDir: project }), 'CONFIG_INVALID');
    assert.match(e.message, /larger than/);
    writeProject('\ufeff' + JSON.stringify(minimal()));
    assert.equal((await loadTrustConfig({ projectDir: project })).logs.length, 1);
    rmSync(join(project, 'signet.json'));
    mkdirSync(join(project, 'signet.json'));
    e = await rejectsWith(loadTrustConfig({ projectDir: project }), 'CONFIG_INVALID');
    assert.match(e.message, /not a regular file/);
  });

  it('with configFile: that file alone (the user config and project are not read)', async () => {
    writeUser(with_(minimal(), { mode: 'full', skip: ['acme/*'] }));
    writeProject({ mode: 'full' });
    const file = join(project, 'ci-signet.json');
    writeFileSync(file, JSON.stringify(minimal()));
    let c = await loadTrustConfig({ projectDir: project, configFile: 'ci-signet.json' });
    assert.deepEqual(c.sources, [file]);
    assert.equal(c.mode, 'light');
    assert.deepEqual(c.skip, []);
    // A composer.json given as the file: its extra.signet.
    const composer = writeComposer(with_(minimal(), { mode: 'full' }));
    c = await loadTrustConfig({ projectDir: root, configFile: composer });
    assert.deepEqual(c.sources, [composer]);
    assert.equal(c.mode, 'full');
    // A missing file is an error, not "no configuration".
    const e = await rejectsWith(loadTrustConfig({ projectDir: project, configFile: 'nope.json' }), 'CONFIG_INVALID');
    assert.match(e.message, /does not exist/);
    // An incomplete file is not completed from elsewhere.
    writeFileSync(file, JSON.stringify({ mode: 'full' }));
    await rejectsWith(loadTrustConfig({ projectDir: project, configFile: file }), 'CONFIG_INVALID');
  });
});

it("extra.signet may carry the Composer plugin's own settings (bin, allow-source) beside the configuration, or alone", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'signet-extra-'));
  const log = { origin: 'example.com/log/testdata', verifierKey: 'example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx', url: 'https://log.example' };
  const registryKeys = [Buffer.alloc(32, 7).toString('base64')];
  writeFileSync(join(dir, 'composer.json'), JSON.stringify({ extra: { signet: { bin: '/usr/local/bin/signet', 'allow-source': ['acme/*'], logs: [log], registryKeys } } }));
  const c = await loadTrustConfig({ projectDir: dir, configFile: 'composer.json' });
  assert.equal(c.logs[0]!.origin, log.origin);
  writeFileSync(join(dir, 'composer.json'), JSON.stringify({ extra: { signet: { bin: '/usr/local/bin/signet' } } }));
  await assert.rejects(loadTrustConfig({ projectDir: dir, configFile: 'composer.json' }), (e: { code?: string }) => e.code === 'CONFIG_INVALID');
});
