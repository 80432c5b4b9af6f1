/**
 * The verifier's trust configuration (docs/VERIFY.md "Configuration"): which logs it trusts and under
 * which keys, the witnesses and how many must cosign, the ledger's trust roots, and the policy (mode,
 * break-glass, freshness, attestations, private packages to skip).
 *
 * Layers, most specific first: `--config FILE` alone; otherwise the project's `signet.json` (or, when
 * there is none, `extra.signet` in its composer.json) over the user's `$XDG_CONFIG_HOME/signet/config.json`,
 * top-level field by top-level field. Every layer is parsed completely and strictly before merging:
 * unknown or duplicated fields are refused, so a typo can never silently weaken the policy.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { SignetError } from '../errors.js';
import { decodeCanonicalBase64 } from '../crypto/base64.js';
import { Ed25519PublicKey } from '../crypto/ed25519.js';
import { ed25519NoteVerifier, parseVerifierKey } from '../crypto/note.js';
import { ATTESTATION_KINDS, type AttestationKind, type LedgerConfig } from '../ledger/index.js';
import { cosignatureVerifier } from '../tlog/cosignature.js';

export type BreakGlassPolicy =
  | { readonly policy: 'accept' }
  | { readonly policy: 'reject' }
  | { readonly policy: 'notice'; readonly noticeDays: number };

export interface LogTrust {
  readonly origin: string;
  readonly verifierKey: string;
  readonly url: string;
  readonly mirrors: readonly string[];
  /**
   * How many of the log's URL and mirrors must serve the same (consistent) view before the verifier
   * accepts a checkpoint (the Herd model); 1 = the first that answers. Default 1.
   */
  readonly quorum: number;
}

export interface AttestationRequirement {
  readonly kind: AttestationKind;
  readonly min: number;
}

export interface TrustConfig {
  /** At least one. */
  readonly logs: readonly LogTrust[];
  readonly witnesses: { readonly keys: readonly string[]; readonly required: number };
  readonly registry?: { readonly url: string; readonly key: string };
  /** Base64 of 32-byte Ed25519 keys the log trusts for vendor claims; at least one. */
  readonly registryKeys: readonly string[];
  /** Base64 of the 32-byte Ed25519 core (break-glass) key. */
  readonly coreKey?: string;
  readonly breakGlass: BreakGlassPolicy;
  readonly mode: 'full' | 'light';
  /** Default 86400. */
  readonly maxCheckpointAgeSeconds: number;
  readonly attestations: { readonly require: readonly AttestationRequirement[]; readonly voteAgainst: 'reject' | 'ignore' };
  /** Lowercase glob patterns over package names (`vendor/name`, `*` within a segment). */
  readonly skip: readonly string[];
  /** The files that contributed, most specific first (for status/explain and error messages). */
  readonly sources: readonly string[];
  /**
   * Config files that exist but were not read because a more specific one takes their place (today:
   * composer.json `extra.signet` when signet.json exists). Shown by `signet status` so nobody edits a
   * file that has no effect. Absent when there are none.
   */
  readonly shadowed?: readonly string[];
}

/**
 * One parsed, fully validated config file: only the fields it sets. `coreKey: null` says "no core key"
 * explicitly (it overrides a less specific layer's key); an absent field leaves the decision to the
 * layers below or to the default.
 */
export interface TrustConfigLayer {
  readonly source: string;
  readonly logs?: readonly LogTrust[];
  readonly witnesses?: TrustConfig['witnesses'];
  readonly registry?: { readonly url: string; readonly key: string };
  readonly registryKeys?: readonly string[];
  readonly coreKey?: string | null;
  readonly breakGlass?: BreakGlassPolicy;
  readonly mode?: 'full' | 'light';
  readonly maxCheckpointAgeSeconds?: number;
  readonly attestations?: TrustConfig['attestations'];
  readonly skip?: readonly string[];
}

export const DEFAULT_MAX_CHECKPOINT_AGE_SECONDS = 86400;
/** signet.json and the user config are small; anything larger is refused before it is read. */
export const MAX_CONFIG_BYTES = 1 << 20;
/** composer.json may carry much else (scripts, long descriptions). */
export const MAX_COMPOSER_JSON_BYTES = 4 << 20;
/** The name of the project's config file. */
export const PROJECT_CONFIG_FILE = 'signet.json';

const MAX_NOTICE_DAYS = 3650;
const MAX_AGE_SECONDS = 10 * 365 * 86400;
const MAX_LIST = 1000;

// ---------------------------------------------------------------------------------------------------
// Paths

function xdgDir(variable: string, fallback: string[]): string {
  const v = process.env[variable];
  // The XDG spec: a relative path in these variables is invalid and must be ignored.
  return v !== undefined && isAbsolute(v) ? v : join(homedir(), ...fallback);
}

/** `$XDG_CONFIG_HOME/signet/config.json`, by default `~/.config/signet/config.json`. */
export function userConfigPath(): string {
  return join(xdgDir('XDG_CONFIG_HOME', ['.config']), 'signet', 'config.json');
}

// ---------------------------------------------------------------------------------------------------
// Errors

function invalid(source: string, field: string, message: string, details: { expected?: string; got?: string; hint?: string } = {}): SignetError {
  const where = field === '' ? source : `${source}: ${field}`;
  return new SignetError('CONFIG_INVALID', `${where}: ${message}`, {
    ...details,
    hint: details.hint ?? 'fix the configuration file (docs/VERIFY.md, "Configuration", lists every field)',
    evidence: { file: source, ...(field === '' ? {} : { field }) },
  });
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 120 ? s.slice(0, 120) + '…' : s;
}

// ---------------------------------------------------------------------------------------------------
// Parsing one layer

type Obj = Record<string, unknown>;

class Reader {
  constructor(
    readonly source: string,
    readonly prefix: string,
  ) {}

  path(field: string): string {
    if (field === '') return this.prefix;
    return this.prefix === '' ? field : field.startsWith('[') ? `${this.prefix}${field}` : `${this.prefix}.${field}`;
  }

  fail(field: string, message: string, details: { expected?: string; got?: string; hint?: string } = {}): SignetError {
    return invalid(this.source, this.path(field), message, details);
  }

  object(v: unknown, field: string, allowed: readonly string[], required: readonly string[] = []): Obj {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      throw this.fail(field, 'is not a JSON object', { expected: 'an object', got: show(v) });
    }
    const o = v as Obj;
    for (const k of Object.keys(o)) {
      if (!allowed.includes(k)) {
        const at = field === '' ? k : `${field}.${k}`;
        throw this.fail(at, `unknown field ${JSON.stringify(k)}`, {
          expected: `only the fields ${allowed.join(', ')}`,
          got: JSON.stringify(k),
          hint: 'check the spelling: unknown fields are refused so that a typo cannot silently weaken the policy',
        });
      }
    }
    for (const k of required) {
      if (o[k] === undefined) throw this.fail(field === '' ? k : `${field}.${k}`, 'is missing', { expected: `a value for ${JSON.stringify(k)}` });
    }
    return o;
  }

  array(v: unknown, field: string): unknown[] {
    if (!Array.isArray(v)) throw this.fail(field, 'is not a JSON array', { expected: 'an array', got: show(v) });
    if (v.length > MAX_LIST) throw this.fail(field, `has more than ${MAX_LIST} items`, { got: `${v.length} items` });
    return v;
  }

  string(v: unknown, field: string): string {
    if (typeof v !== 'string' || v === '') throw this.fail(field, 'is not a non-empty string', { expected: 'a string', got: show(v) });
    return v;
  }

  integer(v: unknown, field: string, min: number, max: number): number {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) {
      throw this.fail(field, `is not an integer from ${min} to ${max}`, { expected: `an integer in [${min}, ${max}]`, got: show(v) });
    }
    return v;
  }

  url(v: unknown, field: string): string {
    const s = this.string(v, field);
    let u: URL;
    try {
      u = new URL(s);
    } catch {
      throw this.fail(field, 'is not a URL', { expected: 'an http(s) URL, e.g. https://log.example', got: show(s) });
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') {
      throw this.fail(field, 'is not an http(s) URL', { expected: 'http:// or https://', got: show(s) });
    }
    if (u.username !== '' || u.password !== '') {
      throw this.fail(field, 'carries a user name or password', { expected: 'a URL without credentials', got: '(not shown)' });
    }
    if (u.search !== '' || u.hash !== '') {
      throw this.fail(field, 'has a query or fragment', { expected: 'a base URL (paths are appended to it)', got: show(s) });
    }
    return u.toString().replace(/\/+$/, '');
  }

  key(v: unknown, field: string): string {
    const s = this.string(v, field);
    const raw = decodeCanonicalBase64(s);
    if (raw === undefined || raw.length !== 32) {
      throw this.fail(field, 'is not the base64 of a 32-byte Ed25519 public key', {
        expected: 'standard padded base64 of 32 bytes (44 characters)',
        got: raw === undefined ? show(s) : `${raw.length} bytes`,
      });
    }
    try {
      Ed25519PublicKey.fromRaw(raw);
    } catch {
      throw this.fail(field, 'is not a valid Ed25519 public key', { got: show(s) });
    }
    return s;
  }
}

const TOP_FIELDS = ['logs', 'witnesses', 'registry', 'registryKeys', 'coreKey', 'breakGlass', 'mode', 'maxCheckpointAge', 'attestations', 'skip'];

function parseLog(r: Reader, v: unknown, field: string): LogTrust {
  const o = r.object(v, field, ['origin', 'verifierKey', 'url', 'mirrors', 'quorum'], ['origin', 'verifierKey', 'url']);
  const origin = r.string(o.origin, `${field}.origin`);
  const verifierKey = r.string(o.verifierKey, `${field}.verifierKey`);
  let name: string;
  try {
    name = ed25519NoteVerifier(verifierKey).name;
  } catch (e) {
    throw r.fail(`${field}.verifierKey`, `is not a valid Ed25519 note verifier key: ${(e as Error).message}`, {
      expected: 'name+hex8+base64(0x01||32-byte key), as the log publishes it',
      got: show(verifierKey),
      hint: 'copy the verifier key exactly as the log publishes it (signet init --registry URL does this)',
    });
  }
  if (name !== origin) {
    throw r.fail(`${field}.origin`, 'is not the name of the log\'s verifier key', {
      expected: JSON.stringify(name),
      got: JSON.stringify(origin),
      hint: 'a log signs its checkpoints under a key named after its origin; one of the two is wrong',
    });
  }
  const url = r.url(o.url, `${field}.url`);
  const mirrors = o.mirrors === undefined ? [] : r.array(o.mirrors, `${field}.mirrors`).map((m, i) => r.url(m, `${field}.mirrors[${i}]`));
  const all = [url, ...mirrors];
  const twice = all.find((u, i) => all.indexOf(u) !== i);
  if (twice !== undefined) {
    throw r.fail(`${field}.mirrors`, 'lists one URL twice (or the log itself): each source counts once toward the quorum', { got: show(twice) });
  }
  const quorum = o.quorum === undefined ? 1 : r.integer(o.quorum, `${field}.quorum`, 1, 1 + mirrors.length);
  return { origin, verifierKey, url, mirrors, quorum };
}

function parseWitnesses(r: Reader, v: unknown): TrustConfig['witnesses'] {
  const o = r.object(v, 'witnesses', ['keys', 'required'], ['keys', 'required']);
  const seen = new Map<string, number>();
  const keys = r.array(o.keys, 'witnesses.keys').map((k, i) => {
    const f = `witnesses.keys[${i}]`;
    const s = r.string(k, f);
    let id: string;
    try {
      // One entry per Ed25519 key: a cosignature does not cover the witness's name, so one key under two
      // names would let one witness count twice (and the same key as 0x01 and 0x04 is one witness).
      id = cosignatureVerifier(s).publicKey.raw.toString('base64');
    } catch (e) {
      throw r.fail(f, `is not a valid witness verifier key: ${(e as Error).message}`, {
        expected: 'name+hex8+base64(0x04 or 0x01 || 32-byte key), as the witness publishes it',
        got: show(s),
      });
    }
    const before = seen.get(id);
    if (before !== undefined) {
      throw r.fail(f, `is the same witness key as witnesses.keys[${before}] (a cosignature does not cover the witness's name, so one key under two names would count one witness twice)`, {
        hint: 'list each witness once: a cosignature counts once per key',
      });
    }
    seen.set(id, i);
    return s;
  });
  const required = r.integer(o.required, 'witnesses.required', 0, MAX_LIST);
  if (required > keys.length) {
    throw r.fail('witnesses.required', `asks for ${required} cosignature(s) from ${keys.length} witness key(s)`, {
      expected: `at most ${keys.length} (the number of witness keys)`,
      got: String(required),
      hint: 'add the witnesses\' keys, or lower "required"; no checkpoint could ever be accepted otherwise',
    });
  }
  return { keys, required };
}

function parseBreakGlass(r: Reader, v: unknown): BreakGlassPolicy {
  if (v === 'accept') return { policy: 'accept' };
  if (v === 'reject') return { policy: 'reject' };
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const o = r.object(v, 'breakGlass', ['noticeDays'], ['noticeDays']);
    return { policy: 'notice', noticeDays: r.integer(o.noticeDays, 'breakGlass.noticeDays', 1, MAX_NOTICE_DAYS) };
  }
  throw r.fail('breakGlass', 'is not a break-glass policy', { expected: '"accept", "reject" or {"noticeDays": N}', got: show(v) });
}

const REQUIRABLE_KINDS = ATTESTATION_KINDS.filter((k) => k !== 'vote-against');

function parseAttestations(r: Reader, v: unknown): TrustConfig['attestations'] {
  const o = r.object(v, 'attestations', ['require', 'voteAgainst']);
  const kinds = new Set<string>();
  const require = (o.require === undefined ? [] : r.array(o.require, 'attestations.require')).map((x, i): AttestationRequirement => {
    const f = `attestations.require[${i}]`;
    const q = r.object(x, f, ['kind', 'min'], ['kind', 'min']);
    if (typeof q.kind !== 'string' || !(REQUIRABLE_KINDS as readonly string[]).includes(q.kind)) {
      throw r.fail(`${f}.kind`, 'is not an attestation kind that can be required', {
        expected: REQUIRABLE_KINDS.map((k) => JSON.stringify(k)).join(', ') + ' ("vote-against" is governed by attestations.voteAgainst)',
        got: show(q.kind),
      });
    }
    if (kinds.has(q.kind)) throw r.fail(`${f}.kind`, `requires ${JSON.stringify(q.kind)} twice`, { hint: 'keep one requirement per kind' });
    kinds.add(q.kind);
    return { kind: q.kind as AttestationKind, min: r.integer(q.min, `${f}.min`, 1, MAX_LIST) };
  });
  let voteAgainst: 'reject' | 'ignore' = 'ignore';
  if (o.voteAgainst !== undefined) {
    if (o.voteAgainst !== 'reject' && o.voteAgainst !== 'ignore') {
      throw r.fail('attestations.voteAgainst', 'is not a vote-against policy', { expected: '"reject" or "ignore"', got: show(o.voteAgainst) });
    }
    voteAgainst = o.voteAgainst;
  }
  return { require, voteAgainst };
}

const SKIP_SEGMENT = /^[a-z0-9_.*-]+$/;

function parseSkip(r: Reader, v: unknown): string[] {
  return r.array(v, 'skip').map((p, i) => {
    const f = `skip[${i}]`;
    const s = r.string(p, f).toLowerCase();
    const parts = s.split('/');
    if (parts.length !== 2 || !parts.every((x) => SKIP_SEGMENT.test(x))) {
      throw r.fail(f, 'is not a package-name pattern', {
        expected: 'vendor/name, where * matches any characters within one part (e.g. "acme-internal/*", "*/secret-*")',
        got: show(p),
      });
    }
    if (s.includes('**')) {
      throw r.fail(f, '"**" is not supported', {
        expected: 'a single "*": package names have exactly one "/", so "*" already matches a whole vendor or name',
        got: show(p),
      });
    }
    return s;
  });
}

function parseLayer(json: unknown, source: string, prefix: string): TrustConfigLayer {
  const r = new Reader(source, prefix);
  const o = r.object(json, '', TOP_FIELDS);
  const layer: {
    -readonly [K in keyof TrustConfigLayer]: TrustConfigLayer[K];
  } = { source };
  if (o.logs !== undefined) {
    const logs = r.array(o.logs, 'logs').map((l, i) => parseLog(r, l, `logs[${i}]`));
    if (logs.length === 0) throw r.fail('logs', 'is empty', { expected: 'at least one log', hint: 'run `signet init --registry URL`, or remove the empty list' });
    const origins = new Map<string, number>();
    logs.forEach((l, i) => {
      const before = origins.get(l.origin);
      if (before !== undefined) throw r.fail(`logs[${i}].origin`, `names the same log as logs[${before}]`, { got: JSON.stringify(l.origin) });
      origins.set(l.origin, i);
    });
    layer.logs = logs;
  }
  if (o.witnesses !== undefined) layer.witnesses = parseWitnesses(r, o.witnesses);
  if (o.registry !== undefined) {
    const g = r.object(o.registry, 'registry', ['url', 'key'], ['url', 'key']);
    layer.registry = { url: r.url(g.url, 'registry.url'), key: r.key(g.key, 'registry.key') };
  }
  if (o.registryKeys !== undefined) {
    const keys = r.array(o.registryKeys, 'registryKeys').map((k, i) => r.key(k, `registryKeys[${i}]`));
    if (keys.length === 0) throw r.fail('registryKeys', 'is empty', { expected: 'at least one key (or leave the field out to use registry.key)' });
    keys.forEach((k, i) => {
      if (keys.indexOf(k) !== i) throw r.fail(`registryKeys[${i}]`, 'is listed twice', { got: k });
    });
    layer.registryKeys = keys;
  }
  if (o.coreKey !== undefined) layer.coreKey = o.coreKey === null ? null : r.key(o.coreKey, 'coreKey');
  if (o.breakGlass !== undefined) layer.breakGlass = parseBreakGlass(r, o.breakGlass);
  if (o.mode !== undefined) {
    if (o.mode !== 'full' && o.mode !== 'light') throw r.fail('mode', 'is not a mode', { expected: '"full" or "light"', got: show(o.mode) });
    layer.mode = o.mode;
  }
  if (o.maxCheckpointAge !== undefined) layer.maxCheckpointAgeSeconds = r.integer(o.maxCheckpointAge, 'maxCheckpointAge', 1, MAX_AGE_SECONDS);
  if (o.attestations !== undefined) layer.attestations = parseAttestations(r, o.attestations);
  if (o.skip !== undefined) layer.skip = parseSkip(r, o.skip);
  return layer;
}

/**
 * Parses one config document (the contents of signet.json, the user config, or composer.json's
 * `extra.signet`) into the fields it sets, validating each completely. `source` names it in errors.
 * Throws CONFIG_INVALID naming the field.
 */
export function parseTrustConfig(json: unknown, source: string): TrustConfigLayer {
  return parseLayer(json, source, '');
}

/**
 * Merges layers, most specific first: each top-level field comes whole from the most specific layer
 * that sets it (a project's `logs` replaces the user's), else its default. Throws CONFIG_INVALID when
 * the result lacks a log or the ledger's registry keys.
 */
export function mergeTrustConfig(layers: readonly TrustConfigLayer[]): TrustConfig {
  const pick = <K extends keyof TrustConfigLayer>(k: K): { value: TrustConfigLayer[K]; source: string } | undefined => {
    for (const l of layers) if (l[k] !== undefined) return { value: l[k], source: l.source };
    return undefined;
  };
  const sources = layers.map((l) => l.source);
  const where = sources.length === 0 ? '(no configuration)' : sources.join(' + ');
  const logs = pick('logs')?.value;
  if (logs === undefined) {
    throw invalid(where, 'logs', 'no log is configured', {
      expected: 'at least one trusted log',
      hint: 'run `signet init --registry URL` to write a starter configuration from your registry',
    });
  }
  const registry = pick('registry')?.value;
  const registryKeys = pick('registryKeys')?.value ?? (registry === undefined ? undefined : [registry.key]);
  if (registryKeys === undefined) {
    throw invalid(where, 'registryKeys', 'the ledger\'s registry keys are not configured', {
      expected: '"registryKeys", or "registry" (whose key is then the only one)',
      hint: 'the verifier checks vendor claims against the registry keys the log trusts; `signet init --registry URL` writes them',
    });
  }
  const coreKey = pick('coreKey')?.value ?? undefined; // null (explicitly none) becomes absent
  return {
    logs,
    witnesses: pick('witnesses')?.value ?? { keys: [], required: 0 },
    ...(registry === undefined ? {} : { registry }),
    registryKeys,
    ...(coreKey === undefined ? {} : { coreKey }),
    breakGlass: pick('breakGlass')?.value ?? { policy: 'reject' },
    mode: pick('mode')?.value ?? 'light',
    maxCheckpointAgeSeconds: pick('maxCheckpointAgeSeconds')?.value ?? DEFAULT_MAX_CHECKPOINT_AGE_SECONDS,
    attestations: pick('attestations')?.value ?? { require: [], voteAgainst: 'ignore' },
    skip: pick('skip')?.value ?? [],
    sources,
  };
}

// ---------------------------------------------------------------------------------------------------
// Reading files

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** The file's text, or undefined when it does not exist. Refuses non-regular files and files over `maxBytes`. */
async function readCapped(path: string, maxBytes: number, required: boolean): Promise<string | undefined> {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO someone left in place must not hang the verifier.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (!required && (code === 'ENOENT' || code === 'ENOTDIR')) return undefined;
    throw invalid(path, '', code === 'ENOENT' ? 'the file does not exist' : `cannot be read: ${(e as Error).message}`, {
      hint: code === 'ENOENT' ? 'check the path given to --config' : 'check the file\'s permissions',
    });
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw invalid(path, '', 'is not a regular file', { got: st.isDirectory() ? 'a directory' : 'a special file' });
    if (st.size > maxBytes) throw invalid(path, '', `is larger than ${maxBytes} bytes`, { expected: `at most ${maxBytes} bytes`, got: `${st.size} bytes` });
    let buf = Buffer.allocUnsafe(st.size + 1);
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        if (n > maxBytes) throw invalid(path, '', `is larger than ${maxBytes} bytes`, { expected: `at most ${maxBytes} bytes`, got: 'more (it grew while being read)' });
        const bigger = Buffer.allocUnsafe(Math.min(maxBytes + 1, 2 * buf.length));
        buf.copy(bigger, 0, 0, n);
        buf = bigger;
      }
      const bytesRead = readSync(fd, buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
    }
    if (n > maxBytes) throw invalid(path, '', `is larger than ${maxBytes} bytes`, { expected: `at most ${maxBytes} bytes`, got: 'more (it grew while being read)' });
    try {
      return utf8.decode(buf.subarray(0, n)); // strips a UTF-8 byte-order mark
    } catch {
      throw invalid(path, '', 'is not UTF-8 text');
    }
  } finally {
    closeSync(fd);
  }
}

function parseJsonText(text: string, source: string, checkDuplicatesUnder: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (e) {
    throw invalid(source, '', `is not valid JSON: ${(e as Error).message}`);
  }
  const dup = duplicateKeys(text).find((p) => checkDuplicatesUnder === '' || p === checkDuplicatesUnder || p.startsWith(checkDuplicatesUnder + '.') || p.startsWith(checkDuplicatesUnder + '['));
  if (dup !== undefined) {
    throw invalid(source, dup, 'appears twice in the same object', {
      hint: 'JSON parsers keep only one of the two (which one differs between tools): remove the other',
    });
  }
  return json;
}

/**
 * The paths of object members that appear more than once in their object (`a.b[2].c`). The text must
 * be valid JSON (JSON.parse it first): this scanner only follows strings and brackets.
 */
export function duplicateKeys(text: string): string[] {
  type Frame = { obj: true; path: string; keys: Set<string>; key: string; expectKey: boolean } | { obj: false; path: string; index: number };
  const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);
  const stack: Frame[] = [];
  const out: string[] = [];
  const childPath = (): string => {
    const top = stack[stack.length - 1];
    if (top === undefined) return '';
    return top.obj ? join(top.path, top.key) : `${top.path}[${top.index}]`;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top !== undefined && top.obj && top.expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.keys.has(key)) out.push(join(top.path, key));
        top.keys.add(key);
        top.key = key;
        top.expectKey = false;
      }
      i = j;
    } else if (c === '{') {
      stack.push({ obj: true, path: childPath(), keys: new Set(), key: '', expectKey: true });
    } else if (c === '[') {
      stack.push({ obj: false, path: childPath(), index: 0 });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top !== undefined) {
        if (top.obj) top.expectKey = true;
        else top.index++;
      }
    }
  }
  return out;
}

async function readConfigFile(path: string, required: boolean): Promise<TrustConfigLayer | undefined> {
  const text = await readCapped(path, MAX_CONFIG_BYTES, required);
  if (text === undefined) return undefined;
  return parseTrustConfig(parseJsonText(text, path, ''), path);
}

/** composer.json's `extra.signet`, or undefined when the file or the field is absent. */
async function readComposerExtra(path: string, required: boolean): Promise<TrustConfigLayer | undefined> {
  const text = await readCapped(path, MAX_COMPOSER_JSON_BYTES, required);
  if (text === undefined) return undefined;
  const json = parseJsonText(text, path, 'extra.signet');
  const extra = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Obj).extra : undefined;
  const signet = typeof extra === 'object' && extra !== null && !Array.isArray(extra) ? (extra as Obj).signet : undefined;
  // `bin` and `allow-source` are the Composer plugin's own settings (composer-plugin/README.md), not trust
  // configuration; extra.signet holding only those is no configuration layer at all.
  const config =
    typeof signet === 'object' && signet !== null && !Array.isArray(signet)
      ? Object.fromEntries(Object.entries(signet as Obj).filter(([k]) => !PLUGIN_SETTINGS.has(k)))
      : signet;
  if (signet === undefined || (typeof config === 'object' && config !== null && Object.keys(config).length === 0)) {
    if (required) throw invalid(path, 'extra.signet', 'is missing', { expected: 'a Signet configuration object under extra.signet' });
    return undefined;
  }
  return parseLayer(config, path, 'extra.signet');
}

/** Keys of extra.signet that configure the Composer plugin, not the verifier. */
const PLUGIN_SETTINGS = new Set(['bin', 'allow-source']);

/**
 * Loads the trust configuration. With `configFile`, that file alone (a signet.json, or a composer.json
 * whose `extra.signet` is read); otherwise the project's signet.json (else composer.json `extra.signet`)
 * in `projectDir` over the user config. No configuration at all → CONFIG_INVALID with a hint to run
 * `signet init --registry URL`.
 */
export async function loadTrustConfig(opts: { projectDir: string; configFile?: string }): Promise<TrustConfig> {
  if (opts.configFile !== undefined) {
    const file = resolve(opts.projectDir, opts.configFile);
    const layer = basename(file) === 'composer.json' ? await readComposerExtra(file, true) : await readConfigFile(file, true);
    return mergeTrustConfig(layer === undefined ? [] : [layer]);
  }
  const dir = resolve(opts.projectDir);
  const layers: TrustConfigLayer[] = [];
  const shadowed: string[] = [];
  const signetJson = join(dir, PROJECT_CONFIG_FILE);
  const composerJson = join(dir, 'composer.json');
  const project = await readConfigFile(signetJson, false);
  if (project !== undefined) {
    layers.push(project);
    if (await hasComposerExtra(composerJson)) shadowed.push(composerJson);
  } else {
    const extra = await readComposerExtra(composerJson, false);
    if (extra !== undefined) layers.push(extra);
  }
  const userFile = userConfigPath();
  const user = await readConfigFile(userFile, false);
  if (user !== undefined) layers.push(user);
  if (layers.length === 0) {
    throw new SignetError('CONFIG_INVALID', 'no Signet configuration: the verifier does not know which log and keys to trust', {
      expected: `${signetJson}, extra.signet in ${composerJson}, or ${userFile}`,
      got: 'none of them',
      hint: 'run `signet init --registry URL` (or `signet init --registry URL --user` for all your projects), check the fingerprints it shows, and run again',
      evidence: { searched: [signetJson, composerJson, userFile] },
    });
  }
  const config = mergeTrustConfig(layers);
  return shadowed.length === 0 ? config : { ...config, shadowed };
}

/** Whether composer.json sets extra.signet; a broken composer.json counts as no (it is not read). */
async function hasComposerExtra(path: string): Promise<boolean> {
  try {
    const text = await readCapped(path, MAX_COMPOSER_JSON_BYTES, false);
    if (text === undefined) return false;
    const json = JSON.parse(text) as { extra?: { signet?: unknown } } | null;
    return typeof json?.extra === 'object' && json.extra !== null && json.extra.signet !== undefined;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------
// Using the configuration

const patternCache = new Map<string, RegExp>();

function patternRegExp(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (re === undefined) {
    const body = pattern
      .split('*')
      .map((s) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'))
      .join('[^/]*');
    re = new RegExp(`^${body}$`);
    patternCache.set(pattern, re);
  }
  return re;
}

function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

/** Whether `pkg` (vendor/name, any case) matches one of the config's `skip` patterns. */
export function isSkipped(config: TrustConfig, pkg: string): boolean {
  if (config.skip.length === 0) return false;
  // ASCII case only, as Composer compares names: Unicode lower-casing would make "\u212Acme" (Kelvin sign)
  // match a pattern for "kcme".
  const name = asciiLower(pkg);
  return config.skip.some((p) => patternRegExp(asciiLower(p)).test(name));
}

/** The ledger's trust roots as keys (for replay and the state machine). */
export function ledgerConfigOf(config: TrustConfig): LedgerConfig {
  const key = (b64: string, field: string): Ed25519PublicKey => {
    const raw = decodeCanonicalBase64(b64);
    if (raw === undefined || raw.length !== 32) {
      throw invalid(config.sources.join(' + ') || '(trust configuration)', field, 'is not the base64 of a 32-byte Ed25519 public key', { got: show(b64) });
    }
    return Ed25519PublicKey.fromRaw(raw);
  };
  const registryKeys = config.registryKeys.map((k, i) => key(k, `registryKeys[${i}]`));
  return config.coreKey === undefined ? { registryKeys } : { registryKeys, coreKey: key(config.coreKey, 'coreKey') };
}

/** The key hash of a log's verifier key as 8 hex digits (what `signet init` and `status` print). */
export function verifierKeyHash(verifierKey: string): string {
  return parseVerifierKey(verifierKey).keyHash.toString(16).padStart(8, '0');
}
