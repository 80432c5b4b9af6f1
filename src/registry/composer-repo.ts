/**
 * The Composer v2 repository documents the registry serves (pure: no I/O).
 *
 * - `packages.json` (packagesJson): `{"packages": [], "metadata-url": "/p2/%package%.json",
 *   "available-packages": [...]}`. `metadata-url` is what makes Composer 2 speak the v2 protocol;
 *   `available-packages` tells it which names it may ask for, so it never requests a p2 file for a
 *   package we do not have (with no package at all, `available-package-patterns` says so: NOTHING_PATTERN).
 *   Nothing else is needed (no `notify-batch`, `search`, `providers-*`).
 *
 *   URL resolution, from Composer 2.5's ComposerRepository::canonicalizeUrl: a `metadata-url` starting
 *   with `/` is appended to the scheme and host of the repository URL, and any path of the repository
 *   URL is DROPPED (`http://h/prefix` + `/p2/x.json` = `http://h/p2/x.json`). A value without a leading
 *   `/` is used verbatim, not resolved. So a registry served below a path prefix must say so in
 *   `pathPrefix` (`/prefix/p2/%package%.json`); the default serves at the root, as packagist.org does.
 *
 * - `p2/<vendor>/<name>.json` (p2Json): every release of one package, newest first, each version object
 *   built as Packagist's Version::toV2Array builds it, then compressed with Composer's MetadataMinifier
 *   ("minified": "composer/2.0"). `expandP2` is the inverse, as Composer's MetadataMinifier::expand.
 *
 * Releases are never dev versions, so `p2/<vendor>/<name>~dev.json` has nothing to list (Composer 2.5
 * requests it only when the root allows dev stability for the package, and accepts a 404).
 *
 * Output is deterministic: the same input gives objects with the same key order, so JSON.stringify
 * gives the same bytes (Packagist's json_encode with JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE
 * writes the same text as JSON.stringify for these documents).
 */
import { SignetError } from '../errors.js';
import { checkPackageName, normalizeVersion, versionIdentity } from '../ledger/names.js';

/** One package version as a JSON object (a PHP array in Composer). */
export type ComposerMetadata = Record<string, unknown>;

export interface PackagesJsonOptions {
  readonly packageNames: readonly string[];
  /**
   * Where the repository is mounted on its host, e.g. `/composer` ('' = the root, the default).
   * Composer resolves a leading-`/` metadata-url against the host only (see the module comment).
   */
  readonly pathPrefix?: string;
}

export interface PackagesJson {
  readonly packages: readonly never[];
  readonly 'metadata-url': string;
  readonly 'available-packages': readonly string[];
  /** Only while there is no package: NOTHING_PATTERN (see packagesJson). */
  readonly 'available-package-patterns'?: readonly string[];
}

/**
 * A package-name pattern no lookup can match (a space is in no package name). Composer ignores an empty
 * `available-packages` (PHP's empty([]) is true) and then asks this repository for the p2 file of every
 * package a project needs, telling it every dependency's name; a non-empty pattern list that matches
 * nothing keeps it from asking anything.
 */
export const NOTHING_PATTERN = 'signet/no packages yet';

export interface ComposerVersion {
  /** The parsed composer.json from the archive. */
  readonly composerJson: Readonly<Record<string, unknown>>;
  /** The tag as the vendor wrote it (`v1.2.0`). */
  readonly prettyVersion: string;
  /** Composer's normalised form of prettyVersion (`1.2.0.0`). */
  readonly normalizedVersion: string;
  /** Absolute http(s) URL of the zip archive. */
  readonly distUrl: string;
  /** Lowercase hex SHA-1 of the archive bytes (Composer checks it). */
  readonly sha1: string;
  /** The git commit the release was built from (lowercase hex, 40 or 64 digits). */
  readonly reference: string;
  /** Release time, RFC 3339. */
  readonly time: string;
  /** Git URL of the source repository; without it the metadata has no `source`. */
  readonly sourceUrl?: string;
}

export interface P2Document {
  readonly packages: Readonly<Record<string, readonly ComposerMetadata[]>>;
  readonly minified: 'composer/2.0';
}

export const MINIFIED_V2 = 'composer/2.0';

// ---------------------------------------------------------------------------------------------------
// packages.json

const PATH_PREFIX = /^(?:\/[A-Za-z0-9._~-]+)*$/;

export function packagesJson(o: PackagesJsonOptions): PackagesJson {
  const prefix = o.pathPrefix ?? '';
  if (!PATH_PREFIX.test(prefix) || /\/\.\.?(?:\/|$)/.test(prefix)) {
    throw invalid('pathPrefix', 'empty, or a path such as /composer (no trailing slash, no . or .. segments)', JSON.stringify(prefix));
  }
  const names = new Set<string>();
  for (const n of o.packageNames) names.add(checkPackageName(n, 'packageNames[]'));
  return {
    packages: [],
    'metadata-url': `${prefix}/p2/%package%.json`,
    'available-packages': [...names].sort(compareCodeUnits),
    ...(names.size === 0 ? { 'available-package-patterns': [NOTHING_PATTERN] } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------
// Version order: PHP's version_compare, which Composer (and Packagist's sorting) use.

const LONG_MAX = (1n << 63n) - 1n;

// compare_special_version_forms in php-src ext/standard/versioning.c: the first name the element
// starts with (strncmp) gives its order; anything else is -1.
const SPECIAL_FORMS: ReadonlyArray<readonly [string, number]> = [
  ['dev', 0],
  ['alpha', 1],
  ['a', 1],
  ['beta', 2],
  ['b', 2],
  ['RC', 3],
  ['rc', 3],
  ['#', 4],
  ['pl', 5],
  ['p', 5],
];

function specialFormOrder(form: string): number {
  for (const [name, order] of SPECIAL_FORMS) if (form.startsWith(name)) return order;
  return -1;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isAlnum = (c: string): boolean => /^[A-Za-z0-9]$/.test(c);

/** php_canonicalize_version: separators `-_+` and any other non-alphanumeric become one `.`, and a `.` goes between digits and letters. */
function phpCanonicalize(v: string): string {
  let out = v[0]!;
  let lp = v[0]!;
  const isdig = (x: string): boolean => isDigit(x);
  const isndig = (x: string): boolean => !isDigit(x) && x !== '.';
  for (let i = 1; i < v.length; i++) {
    const c = v[i]!;
    const lq = out[out.length - 1];
    if (c === '-' || c === '_' || c === '+') {
      if (lq !== '.') out += '.';
    } else if ((isndig(lp) && isdig(c)) || (isdig(lp) && isndig(c))) {
      if (lq !== '.') out += '.';
      out += c;
    } else if (!isAlnum(c)) {
      if (lq !== '.') out += '.';
    } else {
      out += c;
    }
    lp = c;
  }
  return out;
}

/** strtol of an element: its leading digits, saturated at LONG_MAX as on 64-bit Linux. */
function strtol(s: string): bigint {
  const m = /^\d+/.exec(s);
  if (!m) return 0n;
  const n = BigInt(m[0]);
  return n > LONG_MAX ? LONG_MAX : n;
}

function phpVersionCompare(orig1: string, orig2: string): number {
  if (orig1 === '' || orig2 === '') {
    if (orig1 === '' && orig2 === '') return 0;
    return orig1 !== '' ? 1 : -1;
  }
  const v1 = orig1[0] === '#' ? orig1 : phpCanonicalize(orig1);
  const v2 = orig2[0] === '#' ? orig2 : phpCanonicalize(orig2);
  // p = start of the current element; n = index of the '.' ending it (null: last element).
  let p1 = 0;
  let p2 = 0;
  let n1: number | null = 0;
  let n2: number | null = 0;
  let compare = 0;
  while (p1 < v1.length && p2 < v2.length && n1 !== null && n2 !== null) {
    const d1 = v1.indexOf('.', p1);
    const d2 = v2.indexOf('.', p2);
    n1 = d1 < 0 ? null : d1;
    n2 = d2 < 0 ? null : d2;
    const e1 = v1.slice(p1, n1 ?? v1.length);
    const e2 = v2.slice(p2, n2 ?? v2.length);
    if (isDigit(e1[0]) && isDigit(e2[0])) {
      const l1 = strtol(e1);
      const l2 = strtol(e2);
      compare = l1 < l2 ? -1 : l1 > l2 ? 1 : 0;
    } else if (!isDigit(e1[0]) && !isDigit(e2[0])) {
      compare = Math.sign(specialFormOrder(e1) - specialFormOrder(e2));
    } else if (isDigit(e1[0])) {
      compare = Math.sign(specialFormOrder('#N#') - specialFormOrder(e2));
    } else {
      compare = Math.sign(specialFormOrder(e1) - specialFormOrder('#N#'));
    }
    if (compare !== 0) break;
    if (n1 !== null) p1 = n1 + 1;
    if (n2 !== null) p2 = n2 + 1;
  }
  if (compare === 0) {
    if (n1 !== null) {
      compare = isDigit(v1[p1]) ? 1 : phpVersionCompare(v1.slice(p1), '#N#');
    } else if (n2 !== null) {
      compare = isDigit(v2[p2]) ? -1 : phpVersionCompare('#N#', v2.slice(p2));
    }
  }
  return compare;
}

/**
 * Composer's order of two normalised versions (PHP's version_compare, as Composer's constraints and
 * Packagist's sorting use it): -1, 0 or 1. `1.0.0.0-dev` < `1.0.0.0-alpha1` < `1.0.0.0-beta2` <
 * `1.0.0.0-RC1` < `1.0.0.0` < `1.0.0.0-patch1` < `1.0.0.1`; numbers compare by value.
 */
export function composerVersionCompare(a: string, b: string): -1 | 0 | 1 {
  const c = phpVersionCompare(a, b);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------------
// One version's metadata, as Packagist's Version::toV2Array writes it.

const SHA1_HEX = /^[0-9a-f]{40}$/;
const COMMIT_HEX = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?([Zz]|([+-])(\d{2}):(\d{2}))$/;

/**
 * The metadata of one version, unminified: the composer.json fields Packagist publishes, in
 * Packagist's key order (name, description, keywords, homepage, version, version_normalized, license,
 * authors, source, dist, type, support, php-ext, funding, time, autoload, extra, target-dir,
 * include-path, bin, require, require-dev, suggest, conflict, provide, replace), each normalised as
 * Composer's ArrayLoader and Packagist's Updater do. Packagist does not publish autoload-dev, scripts,
 * config, archive, minimum-stability, prefer-stable or notification-url, and neither do we. A field
 * whose type Composer's loader would ignore is left out. `abandoned` is a package-level registry
 * decision on Packagist, not read from composer.json, and `default-branch` is for dev branches only.
 */
export function versionMetadata(pkg: string, v: ComposerVersion): ComposerMetadata {
  const name = checkPackageName(pkg, 'package');
  checkVersionInput(v);
  const cj = v.composerJson;
  const out: ComposerMetadata = {};
  out.name = name;
  out.description = isPhpTruthyString(cj.description) ? sanitize(cj.description) : '';
  out.keywords = keywords(cj.keywords);
  out.homepage = isPhpTruthyString(cj.homepage) ? cj.homepage : '';
  out.version = v.prettyVersion;
  out.version_normalized = v.normalizedVersion;
  out.license = license(cj.license);
  out.authors = authors(cj.authors);
  if (v.sourceUrl !== undefined) out.source = { type: 'git', url: v.sourceUrl, reference: v.reference };
  out.dist = { type: 'zip', url: v.distUrl, reference: v.reference, shasum: v.sha1 };
  out.type = packageType(cj.type);
  if (isObject(cj.support) && phpTruthy(cj.support)) out.support = sortKeys(cj.support);
  if (isObject(cj['php-ext'])) out['php-ext'] = phpExt(cj['php-ext']);
  out.funding = funding(cj.funding);
  out.time = packagistTime(v.time);
  if (isObject(cj.autoload) && phpTruthy(cj.autoload)) out.autoload = cj.autoload;
  if ((isObject(cj.extra) || Array.isArray(cj.extra)) && phpTruthy(cj.extra)) out.extra = cj.extra;
  if (isPhpTruthyString(cj['target-dir'])) out['target-dir'] = cj['target-dir'];
  const includePath = stringList(cj['include-path']);
  if (includePath.length > 0) out['include-path'] = includePath;
  const bin = binaries(cj.bin);
  if (bin.length > 0) out.bin = bin;
  for (const type of ['require', 'require-dev', 'suggest', 'conflict', 'provide', 'replace'] as const) {
    const links = type === 'suggest' ? suggests(cj.suggest, v.prettyVersion) : packageLinks(cj[type]);
    if (links !== undefined) out[type] = links;
  }
  return out;
}

function checkVersionInput(v: ComposerVersion): void {
  if (!isObject(v.composerJson)) throw invalid('composerJson', 'the parsed composer.json object', typeOf(v.composerJson));
  const n = normalizeVersion(v.prettyVersion, 'prettyVersion');
  if (n !== v.normalizedVersion) {
    throw new SignetError('VERSION_INVALID', `normalizedVersion does not match prettyVersion ${JSON.stringify(v.prettyVersion)}`, {
      expected: n,
      got: JSON.stringify(v.normalizedVersion),
      evidence: { field: 'normalizedVersion' },
    });
  }
  if (typeof v.distUrl !== 'string' || !isHttpUrl(v.distUrl)) throw invalid('distUrl', 'an absolute http(s) URL', JSON.stringify(v.distUrl));
  if (typeof v.sha1 !== 'string' || !SHA1_HEX.test(v.sha1)) throw invalid('sha1', '40 lowercase hex digits', JSON.stringify(v.sha1));
  if (typeof v.reference !== 'string' || !COMMIT_HEX.test(v.reference)) {
    throw invalid('reference', 'a git commit id: 40 (or 64) lowercase hex digits', JSON.stringify(v.reference));
  }
  if (v.sourceUrl !== undefined && (typeof v.sourceUrl !== 'string' || v.sourceUrl === '' || /\s/.test(v.sourceUrl))) {
    throw invalid('sourceUrl', 'a git URL without spaces', JSON.stringify(v.sourceUrl));
  }
  packagistTime(v.time); // throws when invalid
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host !== '';
  } catch {
    return false;
  }
}

/** An RFC 3339 time as Packagist writes it: UTC, whole seconds, `+00:00` (PHP's 'Y-m-d\TH:i:sP'). */
function packagistTime(s: unknown): string {
  const m = typeof s === 'string' ? RFC3339.exec(s) : null;
  if (m) {
    const [y, mo, d, h, mi, se] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
    const local = Date.UTC(y, mo - 1, d, h, mi, se);
    const back = new Date(local);
    const sameFields =
      back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d && back.getUTCHours() === h && back.getUTCMinutes() === mi && back.getUTCSeconds() === se;
    const offH = m[9] === undefined ? 0 : Number(m[9]);
    const offM = m[10] === undefined ? 0 : Number(m[10]);
    if (sameFields && y >= 1 && offH < 24 && offM < 60) {
      const offset = (m[8] === '-' ? -1 : 1) * (offH * 60 + offM) * 60_000;
      return new Date(local - offset).toISOString().slice(0, 19) + '+00:00';
    }
  }
  throw invalid('time', 'an RFC 3339 time such as 2026-11-27T10:00:00Z', JSON.stringify(s));
}

/** Packagist's Updater::sanitize: drops ANSI escapes and the control characters U+0001..U+001A. */
function sanitize(s: string): string {
  return s.replace(/\x1B(?:\[[^\n])?/gu, '').replace(/[\x01-\x1A]/gu, '');
}

/** PHP's trim() default character set. */
function phpTrim(s: string): string {
  return s.replace(/^[ \t\n\r\0\x0B]+|[ \t\n\r\0\x0B]+$/g, '');
}

function packageType(t: unknown): string {
  // ArrayLoader lowercases it and defaults to "library"; Packagist sanitises it.
  if (typeof t !== 'string' || t === '') return 'library';
  const s = sanitize(t.toLowerCase());
  return s === '' ? 'library' : s;
}

function keywords(k: unknown): string[] {
  // Packagist keeps one tag per lowercase spelling: the first position, the last spelling.
  const byLower = new Map<string, string>();
  for (const w of listValues(k)) {
    const s = typeof w === 'string' ? w : typeof w === 'number' && Number.isFinite(w) ? String(w) : undefined;
    if (s === undefined) continue;
    byLower.set(s.toLowerCase(), s);
  }
  return [...byLower.values()];
}

function license(l: unknown): string[] {
  if (typeof l === 'string') return l === '' ? [] : [l];
  return listValues(l).filter((x): x is string => typeof x === 'string');
}

const AUTHOR_KEY_ORDER = ['name', 'email', 'homepage', 'role'] as const;

function authors(a: unknown): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const entry of listValues(a)) {
    if (!isObject(entry)) continue;
    // Packagist skips authors with neither email nor name, trims the four fields it keeps and drops
    // the empty ones, then orders the keys name, email, homepage, role.
    if (typeof entry.email !== 'string' && typeof entry.name !== 'string') continue;
    const author: Record<string, string> = {};
    for (const key of AUTHOR_KEY_ORDER) {
      const value = entry[key];
      if (typeof value !== 'string') continue;
      const t = phpTrim(value);
      if (t !== '') author[key] = t;
    }
    if (Object.keys(author).length > 0) out.push(author);
  }
  return out;
}

function funding(f: unknown): Record<string, unknown>[] {
  // Composer's CompletePackage defaults funding to [], so Packagist always writes the key; it sorts
  // the entries by type.url to help the minifier.
  const entries = listValues(f).filter(isObject);
  const key = (e: Record<string, unknown>): string => phpString(e.type) + phpString(e.url);
  return entries.map((e, i) => ({ e, i })).sort((x, y) => compareBytes(key(x.e), key(y.e)) || x.i - y.i).map((x) => x.e);
}

function phpExt(p: Record<string, unknown>): Record<string, unknown> {
  const options = p['configure-options'];
  if (!Array.isArray(options)) return p;
  const name = (o: unknown): string => (isObject(o) ? phpString(o.name) : '');
  const sorted = options.map((o: unknown, i) => ({ o, i })).sort((x, y) => compareBytes(name(x.o), name(y.o)) || x.i - y.i);
  return { ...p, 'configure-options': sorted.map((x) => x.o) };
}

function stringList(x: unknown): string[] {
  return listValues(x).filter((s): s is string => typeof s === 'string');
}

function binaries(b: unknown): string[] {
  // ArrayLoader: a string is a one-element list; each entry loses its leading slashes.
  const list = typeof b === 'string' ? [b] : stringList(b);
  return list.map((s) => s.replace(/^\/+/, ''));
}

function packageLinks(l: unknown): Record<string, string> | undefined {
  if (!isObject(l)) return undefined;
  const out: Record<string, string> = {};
  let any = false;
  for (const [target, constraint] of Object.entries(l)) {
    if (typeof constraint !== 'string') continue; // ArrayLoader::parseLinks skips these
    setOwn(out, target.toLowerCase(), packagistConstraint(constraint));
    any = true;
  }
  return any ? out : undefined;
}

/** Packagist rewrites `@stability` flags inside multi-constraints (`>=1.0@beta,<2` → `>=1.0-beta,<2`). */
function packagistConstraint(c: string): string {
  if (!c.includes(',') || !c.includes('@')) return c;
  return c.replace(/([><]=?\s*[^@]+?)@([a-z]+)/gi, (_m, head: string, flag: string) => (flag === 'stable' ? head : `${head}-${flag}`));
}

function suggests(s: unknown, prettyVersion: string): Record<string, string> | undefined {
  if (!isObject(s)) return undefined;
  const out: Record<string, string> = {};
  let any = false;
  for (const [target, reason] of Object.entries(s)) {
    if (typeof reason !== 'string') continue;
    setOwn(out, target, phpTrim(reason) === 'self.version' ? prettyVersion : reason);
    any = true;
  }
  return any ? out : undefined;
}

function sortKeys(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort(compareBytes)) setOwn(out, k, o[k]);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// p2/<vendor>/<name>.json

/**
 * The p2 document of one package: its releases newest first (Composer's version order), each as
 * versionMetadata builds it, minified. Two versions Composer would treat as the same release (one
 * versionIdentity) are refused.
 */
export function p2Json(pkg: string, versions: readonly ComposerVersion[]): P2Document {
  const name = checkPackageName(pkg, 'package');
  const items = versions.map((v) => ({ normalized: v.normalizedVersion, metadata: versionMetadata(name, v) }));
  const seen = new Map<string, string>();
  for (const { normalized } of items) {
    const id = versionIdentity(normalized);
    const other = seen.get(id);
    if (other !== undefined) {
      throw new SignetError('COMPOSER_METADATA_INVALID', `${name} lists one release twice: ${other} and ${normalized}`, {
        expected: 'each version at most once',
        got: `${other} and ${normalized}`,
        evidence: { package: name, versions: [other, normalized] },
      });
    }
    seen.set(id, normalized);
  }
  items.sort((a, b) => composerVersionCompare(b.normalized, a.normalized) || compareCodeUnits(b.normalized, a.normalized));
  const packages: Record<string, ComposerMetadata[]> = {};
  setOwn(packages, name, minifyVersions(items.map((i) => i.metadata)));
  return { packages, minified: MINIFIED_V2 };
}

/**
 * Composer's MetadataMinifier::minify: the first version in full, then each version only with the keys
 * whose value is not identical to the previous version's (PHP `!==` on arrays: same keys, same order,
 * same values), and "__unset" for the keys it no longer has. As in PHP, a null value counts as absent
 * (isset), and an empty running state makes the next version be written in full again.
 */
export function minifyVersions(versions: readonly ComposerMetadata[]): ComposerMetadata[] {
  const out: ComposerMetadata[] = [];
  let last: ComposerMetadata | null = null;
  for (const version of versions) {
    if (last === null || Object.keys(last).length === 0) {
      last = { ...version };
      out.push({ ...version });
      continue;
    }
    const min: ComposerMetadata = {};
    for (const [key, val] of Object.entries(version)) {
      if (!isset(last, key) || !phpIdentical(last[key], val)) {
        setOwn(min, key, val);
        setOwn(last, key, val);
      }
    }
    for (const key of Object.keys(last)) {
      if (!isset(version, key)) {
        setOwn(min, key, '__unset');
        delete last[key];
      }
    }
    out.push(min);
  }
  return out;
}

/** Composer's MetadataMinifier::expand: the inverse of minifyVersions. */
export function expandVersions(versions: readonly ComposerMetadata[]): ComposerMetadata[] {
  const out: ComposerMetadata[] = [];
  let current: ComposerMetadata | null = null;
  for (const data of versions) {
    if (current === null || Object.keys(current).length === 0) {
      current = { ...data };
      out.push({ ...current });
      continue;
    }
    for (const [key, val] of Object.entries(data)) {
      if (val === '__unset') delete current[key];
      else setOwn(current, key, val);
    }
    out.push({ ...current });
  }
  return out;
}

/**
 * Reads a p2 document as Composer does: for each package, its list of version objects, expanded when
 * the document says `"minified": "composer/2.0"`. Throws COMPOSER_METADATA_INVALID when the document is
 * not an object with a `packages` object of lists of objects.
 */
export function expandP2(doc: unknown): Map<string, ComposerMetadata[]> {
  if (!isObject(doc)) throw invalid('p2 document', 'a JSON object', typeOf(doc));
  const packages = doc.packages;
  if (!isObject(packages)) throw invalid('packages', 'an object of package name → versions', typeOf(packages));
  const minified = doc.minified === MINIFIED_V2;
  const out = new Map<string, ComposerMetadata[]>();
  for (const [name, versions] of Object.entries(packages)) {
    if (!Array.isArray(versions)) throw invalid(`packages[${JSON.stringify(name)}]`, 'a list of version objects', typeOf(versions));
    const list: ComposerMetadata[] = [];
    for (const [i, v] of versions.entries()) {
      if (!isObject(v)) throw invalid(`packages[${JSON.stringify(name)}][${i}]`, 'a version object', typeOf(v));
      list.push(v);
    }
    out.set(name, minified ? expandVersions(list) : list.map((v) => ({ ...v })));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// PHP semantics and small helpers

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** isset($a[$k]): present and not null. */
function isset(o: Record<string, unknown>, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k) && o[k] !== null && o[k] !== undefined;
}

/** An own data property even for the key "__proto__" (JSON.parse can produce one). */
function setOwn(o: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

/** A JSON array or object as PHP sees it: an ordered list of key → value (list keys are "0", "1", ...). */
function phpEntries(x: unknown[] | Record<string, unknown>): [string, unknown][] {
  return Array.isArray(x) ? x.map((v, i) => [String(i), v]) : Object.entries(x);
}

/** PHP's `===` between two decoded JSON values (arrays: same key → value pairs in the same order). */
function phpIdentical(a: unknown, b: unknown): boolean {
  const aArr = Array.isArray(a) || isObject(a);
  const bArr = Array.isArray(b) || isObject(b);
  if (aArr !== bArr) return false;
  if (!aArr) return a === b;
  const ea = phpEntries(a as unknown[] | Record<string, unknown>);
  const eb = phpEntries(b as unknown[] | Record<string, unknown>);
  if (ea.length !== eb.length) return false;
  for (let i = 0; i < ea.length; i++) {
    if (ea[i]![0] !== eb[i]![0] || !phpIdentical(ea[i]![1], eb[i]![1])) return false;
  }
  return true;
}

/** PHP truthiness of a decoded JSON value. */
function phpTruthy(x: unknown): boolean {
  if (Array.isArray(x)) return x.length > 0;
  if (isObject(x)) return Object.keys(x).length > 0;
  if (typeof x === 'string') return x !== '' && x !== '0';
  if (typeof x === 'number') return x !== 0;
  return x === true;
}

function isPhpTruthyString(x: unknown): x is string {
  return typeof x === 'string' && phpTruthy(x);
}

function listValues(x: unknown): unknown[] {
  if (Array.isArray(x)) return x;
  if (isObject(x)) return Object.values(x);
  return [];
}

function phpString(x: unknown): string {
  return typeof x === 'string' ? x : typeof x === 'number' && Number.isFinite(x) ? String(x) : '';
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** strcmp on the UTF-8 bytes, as PHP compares strings. */
function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function typeOf(x: unknown): string {
  return x === null ? 'null' : Array.isArray(x) ? 'array' : typeof x;
}

function invalid(field: string, expected: string, got: string): SignetError {
  return new SignetError('COMPOSER_METADATA_INVALID', `${field} is not valid Composer repository metadata`, {
    expected,
    got,
    evidence: { field },
  });
}
