/**
 * The statement kinds of the log (docs/PROTOCOL.md): their payload types, typed forms, strict parsers
 * and builders. Parsing checks grammar only; whether a statement is allowed is the state machine's job
 * (rules.ts).
 */
import { SignetError } from '../errors.js';
import { decodeCanonicalBase64, isCanonicalBase64 } from '../crypto/base64.js';
import { Ed25519PublicKey } from '../crypto/ed25519.js';
import { keyIdOf, parseSignetKey, type KeyRole, type SignetKey } from '../crypto/keys.js';
import { isWellFormedUnicode } from '../crypto/text.js';
import {
  checkNormalizedVersion,
  checkPackageName,
  checkVendorName,
  formatTime,
  normalizeVersion,
  parseTime,
} from './names.js';

export const IN_TOTO_STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';

export const PAYLOAD_TYPES = {
  vendor: 'application/vnd.signet.vendor.v1+json',
  'key-add': 'application/vnd.signet.key-add.v1+json',
  'key-revoke': 'application/vnd.signet.key-revoke.v1+json',
  policy: 'application/vnd.signet.policy.v1+json',
  'release-revoke': 'application/vnd.signet.release-revoke.v1+json',
  release: 'application/vnd.in-toto+json',
  attestation: 'application/vnd.in-toto+json',
} as const;

export const PREDICATE_TYPES = {
  release: 'https://signet.dev/release/v1',
  attestation: 'https://signet.dev/attestation/v1',
} as const;

export type StatementKind = keyof typeof PAYLOAD_TYPES;

export const ATTESTATION_KINDS = ['reproduced', 'code-review', 'sec-audit', 'spot-check', 'vote-against'] as const;
export type AttestationKind = (typeof ATTESTATION_KINDS)[number];

/** Limits (see docs/PROTOCOL.md). */
export const MAX_REASON_LENGTH = 1000;
export const MAX_KEYS_PER_VENDOR_STATEMENT = 32;
export const MAX_THRESHOLD = 32;
export const MAX_SUBJECTS = 16;
export const MAX_SUBJECT_NAME_LENGTH = 255;
export const MAX_URL_LENGTH = 2048;
export const MAX_SEQ = 2 ** 32 - 1;

export interface BreakGlass {
  readonly reason: string;
}

interface KeyStatementBase {
  readonly vendor: string;
  /** The vendor's key-change sequence number this statement expects (replay protection). */
  readonly seq: number;
  readonly time: string;
  /** Present when the statement is a core break-glass action. */
  readonly breakGlass?: BreakGlass;
}

export interface VendorStatement extends KeyStatementBase {
  readonly kind: 'vendor';
  readonly keys: readonly SignetKey[];
  readonly threshold: number;
}

export interface KeyAddStatement extends KeyStatementBase {
  readonly kind: 'key-add';
  readonly key: SignetKey;
}

export interface KeyRevokeStatement extends KeyStatementBase {
  readonly kind: 'key-revoke';
  readonly keyId: string;
  readonly reason: string;
}

export interface PolicyStatement extends KeyStatementBase {
  readonly kind: 'policy';
  readonly threshold: number;
}

export interface ReleaseSubject {
  readonly name: string;
  readonly digest: { readonly sha256: string; readonly sha1: string };
}

export interface ReleaseStatement {
  readonly kind: 'release';
  readonly package: string;
  /** Normalised (Composer VersionParser) version. */
  readonly version: string;
  /** The version as tagged. */
  readonly prettyVersion: string;
  readonly subjects: readonly ReleaseSubject[];
  /** `h1:` + base64 of the 32-byte dirhash. */
  readonly h1: string;
  readonly source: { readonly type: 'git'; readonly url: string; readonly reference: string };
  readonly composerJson: { readonly sha256: string };
  readonly time: string;
}

export interface ReleaseRevokeStatement {
  readonly kind: 'release-revoke';
  readonly package: string;
  readonly version: string;
  readonly reason: string;
  readonly time: string;
}

export interface AttestationSubject {
  readonly name: string;
  readonly digest: { readonly sha256: string; readonly sha1?: string };
}

export interface AttesterKey {
  readonly id: string;
  readonly alg: 'ed25519';
  readonly public: string;
}

export interface AttestationStatement {
  readonly kind: 'attestation';
  readonly attestation: AttestationKind;
  readonly package: string;
  readonly version: string;
  readonly subjects: readonly AttestationSubject[];
  readonly attester: AttesterKey;
  readonly note?: string;
  readonly time: string;
}

export type KeyStatement = VendorStatement | KeyAddStatement | KeyRevokeStatement | PolicyStatement;
export type Statement = KeyStatement | ReleaseStatement | ReleaseRevokeStatement | AttestationStatement;

// ---------------------------------------------------------------------------------------------------
// Strict field helpers

type Obj = Record<string, unknown>;

function invalid(field: string, message: string, expected: string, got: unknown): SignetError {
  return new SignetError('STATEMENT_INVALID', `invalid statement: ${field} ${message}`, {
    expected,
    got: typeof got === 'string' ? JSON.stringify(got.length > 120 ? got.slice(0, 120) + '…' : got) : got === undefined ? '(missing)' : describe(got),
    evidence: { field },
  });
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function obj(v: unknown, field: string): Obj {
  if (!isObj(v)) throw invalid(field, 'must be a JSON object', 'an object', v);
  return v;
}

function fields(o: Obj, field: string, required: readonly string[], optional: readonly string[] = []): void {
  // for-in visits the same own keys as Object.keys (JSON.parse makes plain objects), without the array.
  for (const k in o) {
    if (!required.includes(k) && !optional.includes(k)) {
      throw invalid(`${field}.${k}`, 'is not a field of this statement', `only ${[...required, ...optional].join(', ')}`, o[k]);
    }
  }
  for (const k of required) if (!(k in o)) throw invalid(`${field}.${k}`, 'is missing', 'present', undefined);
}

function str(v: unknown, field: string, max: number, min = 1): string {
  if (typeof v !== 'string' || v.length < min || v.length > max) {
    throw invalid(field, `must be a string of ${min}..${max} characters`, `a string of ${min}..${max} characters`, v);
  }
  return v;
}

/** Free text (reasons, notes): no control characters, valid Unicode. */
function text(v: unknown, field: string): string {
  const s = str(v, field, MAX_REASON_LENGTH);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(s) || !isWellFormedUnicode(s)) {
    throw invalid(field, 'must not contain control characters or lone surrogates', 'printable text', v);
  }
  return s;
}

function int(v: unknown, field: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) {
    throw invalid(field, `must be an integer in ${min}..${max}`, `an integer ${min}..${max}`, v);
  }
  return v;
}

/** Lowercase hex of an exact length (a digest, a key ID, a commit id). */
const HEX64 = 64;
const HEX40 = 40;

/** 1 for the code units of 0-9 and a-f (a table: about 3x faster than range tests, per benchmark). */
const LOWER_HEX = new Uint8Array(128);
for (const c of '0123456789abcdef') LOWER_HEX[c.charCodeAt(0)] = 1;

function isLowerHex(s: string, length: number): boolean {
  if (s.length !== length) return false;
  for (let i = 0; i < length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || LOWER_HEX[c] === 0) return false;
  }
  return true;
}

function hex(v: unknown, field: string, length: number, what: string): string {
  if (typeof v !== 'string' || !isLowerHex(v, length)) throw invalid(field, `must be ${what}`, what, v);
  return v;
}

function time(v: unknown, field: string): string {
  if (parseTime(v) === undefined) {
    throw invalid(field, 'must be an RFC 3339 UTC time with whole seconds', 'e.g. "2026-11-27T10:00:00Z"', v);
  }
  return v as string;
}

function key(v: unknown, field: string): SignetKey {
  try {
    return parseSignetKey(v);
  } catch (e) {
    if (e instanceof SignetError) {
      throw new SignetError('STATEMENT_INVALID', `invalid statement: ${field} is not a valid Signet key: ${e.message}`, {
        ...e.details,
        evidence: { field },
        cause: e,
      });
    }
    throw e;
  }
}

function breakGlass(o: Obj): { breakGlass?: BreakGlass } {
  if (!('breakGlass' in o)) return {};
  const b = obj(o.breakGlass, 'breakGlass');
  fields(b, 'breakGlass', ['reason']);
  return { breakGlass: { reason: text(b.reason, 'breakGlass.reason') } };
}

const SUBJECT_NAME = /^[A-Za-z0-9][A-Za-z0-9._+@-]*$/;

function subjectName(v: unknown, field: string): string {
  const s = str(v, field, MAX_SUBJECT_NAME_LENGTH);
  if (!SUBJECT_NAME.test(s)) throw invalid(field, 'must be a file name of [A-Za-z0-9._+@-] starting with a letter or digit', 'e.g. "acme-widget-1.2.0.0.zip"', v);
  return s;
}

function subjectList<T>(v: unknown, field: string, each: (s: Obj, f: string) => T & { name: string }): T[] {
  if (!Array.isArray(v) || v.length < 1 || v.length > MAX_SUBJECTS) {
    throw invalid(field, `must be an array of 1..${MAX_SUBJECTS} subjects`, `1..${MAX_SUBJECTS} subjects`, v);
  }
  const seen = new Set<string>();
  return v.map((s: unknown, i) => {
    const out = each(obj(s, `${field}[${i}]`), `${field}[${i}]`);
    if (seen.has(out.name)) throw invalid(`${field}[${i}].name`, 'repeats an earlier subject name', 'distinct names', out.name);
    seen.add(out.name);
    return out;
  });
}

// ---------------------------------------------------------------------------------------------------
// Parsers (input: the payload's parsed JSON)

function keyStatementBase(o: Obj): KeyStatementBase {
  return {
    vendor: checkVendorName(o.vendor, 'vendor'),
    seq: int(o.seq, 'seq', 0, MAX_SEQ),
    time: time(o.time, 'time'),
    ...breakGlass(o),
  };
}

function parseVendor(o: Obj): VendorStatement {
  fields(o, '$', ['vendor', 'keys', 'threshold', 'seq', 'time'], ['breakGlass']);
  const base = keyStatementBase(o);
  if (!Array.isArray(o.keys) || o.keys.length < 1 || o.keys.length > MAX_KEYS_PER_VENDOR_STATEMENT) {
    throw invalid('keys', `must be an array of 1..${MAX_KEYS_PER_VENDOR_STATEMENT} keys`, `1..${MAX_KEYS_PER_VENDOR_STATEMENT} keys`, o.keys);
  }
  const seen = new Set<string>();
  const keys = o.keys.map((k: unknown, i) => {
    const sk = key(k, `keys[${i}]`);
    if (seen.has(sk.id)) throw invalid(`keys[${i}]`, 'lists the same key twice', 'distinct keys', sk.id);
    seen.add(sk.id);
    return sk;
  });
  return { kind: 'vendor', ...base, keys, threshold: int(o.threshold, 'threshold', 1, MAX_THRESHOLD) };
}

function parseKeyAdd(o: Obj): KeyAddStatement {
  fields(o, '$', ['vendor', 'key', 'seq', 'time'], ['breakGlass']);
  return { kind: 'key-add', ...keyStatementBase(o), key: key(o.key, 'key') };
}

function parseKeyRevoke(o: Obj): KeyRevokeStatement {
  fields(o, '$', ['vendor', 'keyId', 'reason', 'seq', 'time'], ['breakGlass']);
  return {
    kind: 'key-revoke',
    ...keyStatementBase(o),
    keyId: hex(o.keyId, 'keyId', HEX64, 'a key ID (64 lowercase hex digits)'),
    reason: text(o.reason, 'reason'),
  };
}

function parsePolicy(o: Obj): PolicyStatement {
  fields(o, '$', ['vendor', 'threshold', 'seq', 'time'], ['breakGlass']);
  return { kind: 'policy', ...keyStatementBase(o), threshold: int(o.threshold, 'threshold', 1, MAX_THRESHOLD) };
}

function parseReleaseRevoke(o: Obj): ReleaseRevokeStatement {
  fields(o, '$', ['package', 'version', 'reason', 'time']);
  return {
    kind: 'release-revoke',
    package: checkPackageName(o.package, 'package'),
    version: checkNormalizedVersion(o.version, 'version'),
    reason: text(o.reason, 'reason'),
    time: time(o.time, 'time'),
  };
}

/**
 * `h1:` + canonical standard base64 of 32 bytes: 47 characters, the last one the only padding. Checked
 * by character codes (isCanonicalBase64) rather than a regular expression: every release carries one.
 */
function isH1(v: unknown): v is string {
  return typeof v === 'string' && v.length === 47 && v.startsWith('h1:') && v.charCodeAt(46) === 0x3d && v.charCodeAt(45) !== 0x3d && isCanonicalBase64(v.slice(3));
}

function parseRelease(o: Obj): ReleaseStatement {
  const p = obj(o.predicate, 'predicate');
  fields(p, 'predicate', ['package', 'version', 'prettyVersion', 'h1', 'source', 'composerJson', 'time']);
  const pkg = checkPackageName(p.package, 'predicate.package');
  const version = checkNormalizedVersion(p.version, 'predicate.version');
  const prettyVersion = str(p.prettyVersion, 'predicate.prettyVersion', 100);
  const n = normalizeVersion(prettyVersion, 'predicate.prettyVersion');
  if (n !== version) {
    throw new SignetError('VERSION_INVALID', 'predicate.version is not the normalised form of predicate.prettyVersion', {
      expected: n,
      got: JSON.stringify(version),
      attack: 'a release whose tag and version disagree',
      evidence: { field: 'predicate.version' },
    });
  }
  if (!isH1(p.h1)) {
    throw invalid('predicate.h1', 'must be "h1:" + canonical base64 of 32 bytes', 'h1:<base64 of SHA-256>', p.h1);
  }
  const src = obj(p.source, 'predicate.source');
  fields(src, 'predicate.source', ['type', 'url', 'reference']);
  if (src.type !== 'git') throw invalid('predicate.source.type', 'must be "git"', '"git"', src.type);
  const url = str(src.url, 'predicate.source.url', MAX_URL_LENGTH);
  if (!/^[\x21-\x7e]+$/.test(url)) throw invalid('predicate.source.url', 'must be printable ASCII without spaces', 'a git URL', url);
  const cj = obj(p.composerJson, 'predicate.composerJson');
  fields(cj, 'predicate.composerJson', ['sha256']);
  const subjects = subjectList(o.subject, 'subject', (s, f): ReleaseSubject => {
    fields(s, f, ['name', 'digest']);
    const d = obj(s.digest, `${f}.digest`);
    fields(d, `${f}.digest`, ['sha256', 'sha1']);
    return {
      name: subjectName(s.name, `${f}.name`),
      digest: {
        sha256: hex(d.sha256, `${f}.digest.sha256`, HEX64, '64 lowercase hex digits'),
        sha1: hex(d.sha1, `${f}.digest.sha1`, HEX40, '40 lowercase hex digits'),
      },
    };
  });
  return {
    kind: 'release',
    package: pkg,
    version,
    prettyVersion,
    subjects,
    h1: p.h1,
    source: { type: 'git', url, reference: hex(src.reference, 'predicate.source.reference', HEX40, 'a git commit id (40 lowercase hex digits)') },
    composerJson: { sha256: hex(cj.sha256, 'predicate.composerJson.sha256', HEX64, '64 lowercase hex digits') },
    time: time(p.time, 'predicate.time'),
  };
}

function parseAttester(v: unknown): AttesterKey {
  const a = obj(v, 'predicate.attester');
  fields(a, 'predicate.attester', ['id', 'alg', 'public']);
  const k = key({ ...a, role: 'full' }, 'predicate.attester');
  return { id: k.id, alg: 'ed25519', public: k.public };
}

function parseAttestation(o: Obj): AttestationStatement {
  const p = obj(o.predicate, 'predicate');
  fields(p, 'predicate', ['kind', 'package', 'version', 'attester', 'time'], ['note']);
  if (typeof p.kind !== 'string' || !(ATTESTATION_KINDS as readonly string[]).includes(p.kind)) {
    throw invalid('predicate.kind', 'is not an attestation kind', ATTESTATION_KINDS.join(' | '), p.kind);
  }
  const subjects = subjectList(o.subject, 'subject', (s, f): AttestationSubject => {
    fields(s, f, ['name', 'digest']);
    const d = obj(s.digest, `${f}.digest`);
    fields(d, `${f}.digest`, ['sha256'], ['sha1']);
    const sha256 = hex(d.sha256, `${f}.digest.sha256`, HEX64, '64 lowercase hex digits');
    const name = subjectName(s.name, `${f}.name`);
    return 'sha1' in d ? { name, digest: { sha256, sha1: hex(d.sha1, `${f}.digest.sha1`, HEX40, '40 lowercase hex digits') } } : { name, digest: { sha256 } };
  });
  return {
    kind: 'attestation',
    attestation: p.kind as AttestationKind,
    package: checkPackageName(p.package, 'predicate.package'),
    version: checkNormalizedVersion(p.version, 'predicate.version'),
    subjects,
    attester: parseAttester(p.attester),
    ...('note' in p ? { note: text(p.note, 'predicate.note') } : {}),
    time: time(p.time, 'predicate.time'),
  };
}

function parseInToto(o: Obj): ReleaseStatement | AttestationStatement {
  // PROTOCOL §1: the type (row 7) is judged before the fields (row 8), so a string predicateType the
  // log does not accept is PAYLOAD_TYPE_UNKNOWN whatever else the statement holds.
  if (typeof o.predicateType === 'string' && o.predicateType !== PREDICATE_TYPES.release && o.predicateType !== PREDICATE_TYPES.attestation) {
    throw new SignetError('PAYLOAD_TYPE_UNKNOWN', 'the in-toto statement has a predicateType the log does not accept', {
      expected: `${PREDICATE_TYPES.release} or ${PREDICATE_TYPES.attestation}`,
      got: JSON.stringify(o.predicateType),
      evidence: { field: 'predicateType' },
    });
  }
  fields(o, '$', ['_type', 'subject', 'predicateType', 'predicate']);
  if (o._type !== IN_TOTO_STATEMENT_TYPE) throw invalid('_type', 'must be the in-toto Statement v1 type', IN_TOTO_STATEMENT_TYPE, o._type);
  if (o.predicateType === PREDICATE_TYPES.release) return parseRelease(o);
  if (o.predicateType === PREDICATE_TYPES.attestation) return parseAttestation(o);
  throw invalid('predicateType', 'must be a string', `${PREDICATE_TYPES.release} or ${PREDICATE_TYPES.attestation}`, o.predicateType);
}

/** Parses a payload (already-parsed JSON) of the given DSSE payloadType into a typed statement. */
export function parseStatement(payloadType: string, json: unknown): Statement {
  // PROTOCOL §1: an unknown payloadType (row 7) is the verdict before any field of the payload (row 8).
  if (!KNOWN_PAYLOAD_TYPES.has(payloadType)) {
    throw new SignetError('PAYLOAD_TYPE_UNKNOWN', `the log does not accept DSSE payloadType ${JSON.stringify(payloadType)}`, {
      expected: [...KNOWN_PAYLOAD_TYPES].join(' | '),
      got: JSON.stringify(payloadType),
      evidence: { field: 'payloadType' },
    });
  }
  const o = obj(json, '$');
  switch (payloadType) {
    case PAYLOAD_TYPES.vendor:
      return parseVendor(o);
    case PAYLOAD_TYPES['key-add']:
      return parseKeyAdd(o);
    case PAYLOAD_TYPES['key-revoke']:
      return parseKeyRevoke(o);
    case PAYLOAD_TYPES.policy:
      return parsePolicy(o);
    case PAYLOAD_TYPES['release-revoke']:
      return parseReleaseRevoke(o);
    case IN_TOTO_PAYLOAD_TYPE:
      return parseInToto(o);
    default:
      throw new Error(`internal: payloadType ${payloadType} is known but has no parser`);
  }
}

/** Every payloadType of §3 (the in-toto one covers releases and attestations). */
const KNOWN_PAYLOAD_TYPES: ReadonlySet<string> = new Set(Object.values(PAYLOAD_TYPES));

const IN_TOTO_PAYLOAD_TYPE = PAYLOAD_TYPES.release;

/** The package an entry's statement is about, if any. */
export function statementPackage(s: Statement): string | undefined {
  return s.kind === 'release' || s.kind === 'release-revoke' || s.kind === 'attestation' ? s.package : undefined;
}

export function isKeyStatement(s: Statement): s is KeyStatement {
  return s.kind === 'vendor' || s.kind === 'key-add' || s.kind === 'key-revoke' || s.kind === 'policy';
}

// ---------------------------------------------------------------------------------------------------
// Builders: the payload objects a vendor CLI signs. Each is checked by the parser before it is returned.

export type TimeInput = Date | string;

function timeOf(t: TimeInput | undefined): string {
  return t === undefined ? formatTime(new Date()) : typeof t === 'string' ? t : formatTime(t);
}

function checked<T extends Obj>(payloadType: string, payload: T): T {
  parseStatement(payloadType, payload);
  return payload;
}

function bg(b: BreakGlass | undefined): Obj {
  return b === undefined ? {} : { breakGlass: { reason: b.reason } };
}

export function buildVendorStatement(o: {
  vendor: string;
  keys: readonly SignetKey[];
  threshold: number;
  seq?: number;
  time?: TimeInput;
  breakGlass?: BreakGlass;
}): Obj {
  return checked(PAYLOAD_TYPES.vendor, {
    vendor: o.vendor,
    keys: o.keys.map((k) => ({ id: k.id, alg: k.alg, public: k.public, role: k.role })),
    threshold: o.threshold,
    seq: o.seq ?? 0,
    time: timeOf(o.time),
    ...bg(o.breakGlass),
  });
}

export function buildKeyAdd(o: { vendor: string; key: SignetKey; seq: number; time?: TimeInput; breakGlass?: BreakGlass }): Obj {
  return checked(PAYLOAD_TYPES['key-add'], {
    vendor: o.vendor,
    key: { id: o.key.id, alg: o.key.alg, public: o.key.public, role: o.key.role },
    seq: o.seq,
    time: timeOf(o.time),
    ...bg(o.breakGlass),
  });
}

export function buildKeyRevoke(o: { vendor: string; keyId: string; reason: string; seq: number; time?: TimeInput; breakGlass?: BreakGlass }): Obj {
  return checked(PAYLOAD_TYPES['key-revoke'], {
    vendor: o.vendor,
    keyId: o.keyId,
    reason: o.reason,
    seq: o.seq,
    time: timeOf(o.time),
    ...bg(o.breakGlass),
  });
}

export function buildPolicy(o: { vendor: string; threshold: number; seq: number; time?: TimeInput; breakGlass?: BreakGlass }): Obj {
  return checked(PAYLOAD_TYPES.policy, { vendor: o.vendor, threshold: o.threshold, seq: o.seq, time: timeOf(o.time), ...bg(o.breakGlass) });
}

export function buildRelease(o: {
  package: string;
  /** The version as tagged; the normalised version is computed from it. */
  prettyVersion: string;
  subjects: readonly ReleaseSubject[];
  h1: string;
  source: { url: string; reference: string };
  composerJsonSha256: string;
  time?: TimeInput;
}): Obj {
  return checked(PAYLOAD_TYPES.release, {
    _type: IN_TOTO_STATEMENT_TYPE,
    subject: o.subjects.map((s) => ({ name: s.name, digest: { sha256: s.digest.sha256, sha1: s.digest.sha1 } })),
    predicateType: PREDICATE_TYPES.release,
    predicate: {
      package: o.package,
      version: normalizeVersion(o.prettyVersion, 'prettyVersion'),
      prettyVersion: o.prettyVersion,
      h1: o.h1,
      source: { type: 'git', url: o.source.url, reference: o.source.reference },
      composerJson: { sha256: o.composerJsonSha256 },
      time: timeOf(o.time),
    },
  });
}

export function buildReleaseRevoke(o: { package: string; version: string; reason: string; time?: TimeInput }): Obj {
  return checked(PAYLOAD_TYPES['release-revoke'], {
    package: o.package,
    version: normalizeVersion(o.version),
    reason: o.reason,
    time: timeOf(o.time),
  });
}

export function attesterKeyOf(pub: Ed25519PublicKey): AttesterKey {
  return { id: keyIdOf(pub), alg: 'ed25519', public: pub.raw.toString('base64') };
}

export function buildAttestation(o: {
  attestation: AttestationKind;
  package: string;
  version: string;
  /** The release's subjects being attested (name and sha256, optionally sha1). */
  subjects: readonly AttestationSubject[];
  attester: Ed25519PublicKey;
  note?: string;
  time?: TimeInput;
}): Obj {
  return checked(PAYLOAD_TYPES.attestation, {
    _type: IN_TOTO_STATEMENT_TYPE,
    subject: o.subjects.map((s) => ({ name: s.name, digest: s.digest.sha1 === undefined ? { sha256: s.digest.sha256 } : { sha256: s.digest.sha256, sha1: s.digest.sha1 } })),
    predicateType: PREDICATE_TYPES.attestation,
    predicate: {
      kind: o.attestation,
      package: o.package,
      version: normalizeVersion(o.version),
      attester: { ...attesterKeyOf(o.attester) },
      ...(o.note === undefined ? {} : { note: o.note }),
      time: timeOf(o.time),
    },
  });
}

const publicKeys = new WeakMap<object, Ed25519PublicKey>();

/** The Ed25519 key of a parsed Signet key or attester key (cached per object). */
export function publicKeyFor(k: SignetKey | AttesterKey): Ed25519PublicKey {
  let p = publicKeys.get(k);
  if (p === undefined) {
    p = Ed25519PublicKey.fromRaw(decodeCanonicalBase64(k.public)!);
    publicKeys.set(k, p);
  }
  return p;
}

export type { KeyRole, SignetKey };
