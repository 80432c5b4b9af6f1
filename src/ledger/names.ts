/**
 * The grammar of names, versions and times in ledger statements.
 *
 * Package names follow Composer 2 (doc/04-schema.md):
 *   ^[a-z0-9]([_.-]?[a-z0-9]+)*\/[a-z0-9](([_.]|-{1,2})?[a-z0-9]+)*$
 * implemented with equivalent regular expressions that cannot backtrack exponentially.
 *
 * Versions are normalised exactly as Composer's VersionParser::normalize does for a tag
 * (composer/semver), and dev branches (`dev-main`, `1.x-dev`, `1.0.0-dev`) are refused: they are not
 * releases.
 */
import { SignetError } from '../errors.js';

/** Longest vendor name, package name and pretty version accepted (Composer has no limit; we need one). */
export const MAX_NAME_LENGTH = 214;
export const MAX_VERSION_LENGTH = 100;

// Same languages as Composer's, written without nested optional quantifiers.
const VENDOR_RE = /^[a-z0-9]+(?:[_.-][a-z0-9]+)*$/;
const PROJECT_RE = /^[a-z0-9]+(?:(?:[_.]|--?)[a-z0-9]+)*$/;

export function isValidVendorName(name: unknown): name is string {
  return typeof name === 'string' && name.length > 0 && name.length <= MAX_NAME_LENGTH && VENDOR_RE.test(name);
}

export function isValidPackageName(name: unknown): name is string {
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_LENGTH) return false;
  const slash = name.indexOf('/');
  if (slash < 0) return false;
  return VENDOR_RE.test(name.slice(0, slash)) && PROJECT_RE.test(name.slice(slash + 1));
}

/** The vendor (namespace) of a valid package name: `acme` for `acme/widget`. */
export function vendorOf(packageName: string): string {
  const slash = packageName.indexOf('/');
  return slash < 0 ? packageName : packageName.slice(0, slash);
}

export function checkVendorName(name: unknown, field: string): string {
  if (!isValidVendorName(name)) {
    throw new SignetError('NAME_INVALID', `${field} is not a valid Composer vendor name`, {
      expected: `lowercase ^[a-z0-9]([_.-]?[a-z0-9]+)*$, at most ${MAX_NAME_LENGTH} characters`,
      got: JSON.stringify(name),
      evidence: { field },
    });
  }
  return name;
}

export function checkPackageName(name: unknown, field: string): string {
  if (!isValidPackageName(name)) {
    throw new SignetError('NAME_INVALID', `${field} is not a valid Composer package name`, {
      expected: `lowercase vendor/name matching ^[a-z0-9]([_.-]?[a-z0-9]+)*/[a-z0-9](([_.]|-{1,2})?[a-z0-9]+)*$, at most ${MAX_NAME_LENGTH} characters`,
      got: JSON.stringify(name),
      evidence: { field },
    });
  }
  return name;
}

// composer/semver VersionParser::$modifierRegex, with `((?:[.-]?\d+)*+)?` (possessive) rewritten as the
// same language without nested quantifiers.
const MODIFIER = '[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\\d+(?:[.-]\\d+)*)?))?([.-]?dev)?';
const CLASSICAL_RE = new RegExp(`^v?(\\d{1,5})(\\.\\d+)?(\\.\\d+)?(\\.\\d+)?${MODIFIER}$`, 'i');
const DATE_RE = new RegExp(`^v?(\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3})?)${MODIFIER}$`, 'i');
const BUILD_RE = /^([^,\s+]+)\+\S+$/;
const DEV_SUFFIX_RE = /^(.*?)[.-]?dev$/i;
const BRANCH_RE = /^v?(\d+)(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?$/i;

function expandStability(s: string): string {
  switch (s.toLowerCase()) {
    case 'a':
      return 'alpha';
    case 'b':
      return 'beta';
    case 'p':
    case 'pl':
      return 'patch';
    case 'rc':
      return 'RC';
    default:
      return s.toLowerCase();
  }
}

function withModifiers(base: string, stability: string | undefined, number: string | undefined, dev: string | undefined): string {
  let v = base;
  if (stability !== undefined && stability !== '') {
    if (stability === 'stable') return v; // Composer compares case-sensitively here
    v += '-' + expandStability(stability) + (number !== undefined && number !== '' ? number.replace(/^[.-]+/, '') : '');
  }
  if (dev !== undefined && dev !== '') v += '-dev';
  return v;
}

/**
 * Composer's normalisation of a version string, or undefined when Composer would throw. Branch
 * versions are returned in Composer's form (`dev-main`, `1.9999999.9999999.9999999-dev`).
 */
export function composerNormalize(version: string): string | undefined {
  return normalizeMemo(version);
}

/**
 * A bounded memo of a pure function of a string: version strings repeat across packages (1.0.0,
 * 2.3.1, v1.2.0), and these functions run for every entry of a log. At most MAX_MEMO keys of at most
 * MAX_MEMO_KEY characters are kept (the oldest goes first); longer keys are computed every time.
 */
function boundedMemo<T>(compute: (key: string) => T): (key: string) => T {
  const memo = new Map<string, T>();
  return (key) => {
    if (memo.has(key)) return memo.get(key) as T;
    const value = compute(key);
    if (key.length <= MAX_MEMO_KEY) {
      if (memo.size >= MAX_MEMO) memo.delete(memo.keys().next().value as string);
      memo.set(key, value);
    }
    return value;
  };
}

const MAX_MEMO = 4096;
const MAX_MEMO_KEY = 64;
const normalizeMemo = boundedMemo(computeComposerNormalize);

function computeComposerNormalize(version: string): string | undefined {
  let v = version.trim();
  const alias = /^([^,\s]+) +as +([^,\s]+)$/.exec(v);
  if (alias) v = alias[1]!;
  const flag = /@(?:stable|RC|beta|alpha|dev)$/i.exec(v);
  if (flag) v = v.slice(0, v.length - flag[0].length);
  if (v === 'master' || v === 'trunk' || v === 'default') v = 'dev-' + v;
  if (v.slice(0, 4).toLowerCase() === 'dev-') return 'dev-' + v.slice(4);
  const build = BUILD_RE.exec(v);
  if (build) v = build[1]!;
  let m = CLASSICAL_RE.exec(v);
  if (m) {
    const base = m[1]! + (m[2] || '.0') + (m[3] || '.0') + (m[4] || '.0');
    return withModifiers(base, m[5], m[6], m[7]);
  }
  m = DATE_RE.exec(v);
  if (m) return withModifiers(m[1]!.replace(/\D/g, '.'), m[2], m[3], m[4]);
  const dev = DEV_SUFFIX_RE.exec(v);
  if (dev) {
    const b = BRANCH_RE.exec(dev[1]!.trim());
    if (b) {
      let out = '';
      for (let i = 1; i < 5; i++) out += b[i] !== undefined ? b[i]!.replace(/[*X]/g, 'x') : '.x';
      return out.replace(/x/g, '9999999') + '-dev';
    }
  }
  return undefined;
}

/** True when a normalised version is a dev branch, not a release. */
export function isDevVersion(normalized: string): boolean {
  return normalized.startsWith('dev-') || normalized.endsWith('-dev');
}

/**
 * The normalised release version of a tag (`v1.2` → `1.2.0.0`, `1.0.0-RC1` → `1.0.0.0-RC1`). Throws
 * VERSION_INVALID for text Composer cannot parse (or that is not a plain tag: whitespace, aliases,
 * `@stability` flags) and VERSION_NOT_RELEASE for dev branches.
 */
export function normalizeVersion(version: string, field = 'version'): string {
  if (typeof version !== 'string' || version.length === 0 || version.length > MAX_VERSION_LENGTH || /[\s@]/.test(version)) {
    throw new SignetError('VERSION_INVALID', `${field} is not a version Composer can parse`, {
      expected: `a tag such as 1.2.0, v2.0 or 1.0.0-beta2 (at most ${MAX_VERSION_LENGTH} characters, no spaces, aliases or @flags)`,
      got: JSON.stringify(version),
      evidence: { field },
    });
  }
  const n = composerNormalize(version);
  if (n === undefined) {
    throw new SignetError('VERSION_INVALID', `${field} is not a version Composer can parse`, {
      expected: 'a tag such as 1.2.0, v2.0 or 1.0.0-beta2',
      got: JSON.stringify(version),
      evidence: { field },
    });
  }
  if (isDevVersion(n)) {
    throw new SignetError('VERSION_NOT_RELEASE', `${field} ${JSON.stringify(version)} is a dev branch (${n}), not a release`, {
      expected: 'a tagged release version',
      got: `${JSON.stringify(version)}, which Composer normalises to ${n}`,
      attack: 'a moving branch presented as an immutable release',
      evidence: { field },
    });
  }
  return n;
}

/**
 * The identity of a normalised version as Composer compares versions (PHP's version_compare): numbers
 * by value (`01` = `1`), the separators `.`, `-`, `_` and `+` alike, and a boundary between digits and
 * letters counting as a separator (`beta1.2` = `beta-1-2`). Two versions with one identity are the
 * same release to Composer, so the ledger lets only one of them be released.
 */
export function versionIdentity(normalized: string): string {
  return identityMemo(normalized);
}

const identityMemo = boundedMemo(computeVersionIdentity);

function computeVersionIdentity(normalized: string): string {
  return normalized
    .toLowerCase()
    .replace(/[-_+]/g, '.')
    .replace(/(\d)(?=[a-z])|([a-z])(?=\d)/g, '$1$2.')
    .split('.')
    .filter((p) => p !== '')
    .map((p) => (/^\d+$/.test(p) ? p.replace(/^0+(?=\d)/, '') : p))
    .join('.');
}

/** A version as stored in the ledger: the normalised form, which normalises to itself. */
export function checkNormalizedVersion(version: unknown, field: string): string {
  if (typeof version !== 'string') {
    throw new SignetError('VERSION_INVALID', `${field} must be a string`, { expected: 'a normalised version such as 1.2.0.0', got: typeof version, evidence: { field } });
  }
  const n = normalizeVersion(version, field);
  if (n !== version) {
    throw new SignetError('VERSION_INVALID', `${field} is not in Composer's normalised form`, {
      expected: n,
      got: JSON.stringify(version),
      evidence: { field },
    });
  }
  return n;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The number in s[from, from + count) when it is all ASCII digits, else -1. */
function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Parses an RFC 3339 UTC time with second precision (`2026-11-27T10:00:00Z`, exactly
 * YYYY-MM-DDTHH:MM:SSZ); undefined if invalid. Read character by character: every entry carries one.
 */
export function parseTime(s: unknown): number | undefined {
  if (typeof s !== 'string' || s.length !== 20) return undefined;
  if (s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':' || s[19] !== 'Z') return undefined;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  // Impossible dates and times are refused, not rolled over (2026-02-30, 24:00:00, a leap second).
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  return daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (any year 0..9999; Date.UTC maps 0..99 to 19xx). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Formats a time as a statement's `time`: RFC 3339 UTC, whole seconds. */
export function formatTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
