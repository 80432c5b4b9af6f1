/**
 * Typed errors with stable codes. Every failure Signet reports carries a code from this table, a
 * message that says what was expected and what was found, and (for security failures) the evidence.
 *
 * Codes are part of the public interface: scripts match on them, so never rename one.
 */

/** What kind of failure a code is; the CLI maps each to an exit code. */
export type ErrorKind =
  /** A security check failed: the data is not what it claims to be (exit 1). */
  | 'verification'
  /** The input could not be parsed or violates a format (exit 1 when it is untrusted data). */
  | 'format'
  /** The user asked for something impossible: bad flag, missing file, wrong passphrase (exit 2). */
  | 'usage'
  /** A service or file we depend on could not be reached (exit 3). */
  | 'unavailable';

export const ERROR_CODES = {
  // Merkle tree and proofs
  HASH_SIZE_INVALID: 'format',
  INDEX_OUT_OF_RANGE: 'usage',
  INCLUSION_PROOF_INVALID: 'verification',
  CONSISTENCY_PROOF_INVALID: 'verification',
  // Tiles and bundles
  TILE_PATH_INVALID: 'format',
  TILE_MISSING: 'unavailable',
  TILE_ALTERED: 'verification',
  BUNDLE_TRUNCATED: 'verification',
  BUNDLE_MALFORMED: 'verification',
  ENTRY_ALTERED: 'verification',
  ENTRY_TOO_LARGE: 'format',
  ROOT_MISMATCH: 'verification',
  // Checkpoints and witnesses
  CHECKPOINT_MALFORMED: 'format',
  CHECKPOINT_NOT_SIGNED: 'verification',
  CHECKPOINT_SIGNATURE_INVALID: 'verification',
  CHECKPOINT_ORIGIN_MISMATCH: 'verification',
  CHECKPOINT_ROLLBACK: 'verification',
  CHECKPOINT_FORK: 'verification',
  COSIGNATURE_MISSING: 'verification',
  COSIGNATURE_INVALID: 'verification',
  // Signed notes
  NOTE_MALFORMED: 'format',
  NOTE_SIGNATURE_INVALID: 'verification',
  NOTE_UNVERIFIED: 'verification',
  VERIFIER_KEY_INVALID: 'usage',
  SIGNER_KEY_INVALID: 'usage',
  // Keys, DSSE, canonical JSON
  KEY_INVALID: 'format',
  SIGNATURE_INVALID: 'verification',
  DSSE_MALFORMED: 'format',
  DSSE_THRESHOLD_NOT_MET: 'verification',
  CANONICAL_JSON_INVALID: 'format',
  // Secret key files
  KEYFILE_MALFORMED: 'usage',
  KEYFILE_PASSPHRASE_WRONG: 'usage',
  KEYFILE_EXISTS: 'usage',
  PASSPHRASE_UNAVAILABLE: 'usage',
  // The log server
  ENTRY_NOT_JSON: 'format',
  STORAGE_FAILED: 'unavailable',
  LOG_CORRUPT: 'verification',
  LOG_OVERLOADED: 'unavailable',
  LOG_LOCKED: 'usage',
  NOT_WRITABLE: 'usage',
  MIRROR_STOPPED: 'verification',
  // The ledger: entries and statements (docs/PROTOCOL.md)
  ENTRY_NOT_CANONICAL: 'format',
  PAYLOAD_NOT_CANONICAL: 'format',
  PAYLOAD_TYPE_UNKNOWN: 'format',
  STATEMENT_INVALID: 'format',
  NAME_INVALID: 'format',
  VERSION_INVALID: 'format',
  VERSION_NOT_RELEASE: 'format',
  SIGNATURE_DUPLICATE: 'format',
  // Composer repository documents (packages.json, p2/<vendor>/<name>.json)
  COMPOSER_METADATA_INVALID: 'format',
  // The ledger: rules of the state machine
  TIME_SKEW: 'verification',
  SIGNATURE_MISSING: 'verification',
  KEY_UNAUTHORIZED: 'verification',
  KEY_REVOKED: 'verification',
  KEY_EXISTS: 'verification',
  KEY_UNKNOWN: 'verification',
  VENDOR_UNCLAIMED: 'verification',
  VENDOR_ALREADY_CLAIMED: 'verification',
  RELEASE_EXISTS: 'verification',
  RELEASE_UNKNOWN: 'verification',
  RELEASE_ALREADY_REVOKED: 'verification',
  RELEASE_DIGEST_MISMATCH: 'verification',
  THRESHOLD_INVALID: 'verification',
  BREAK_GLASS_KEY_INVALID: 'verification',
  STATEMENT_REPLAYED: 'verification',
  SEQUENCE_INVALID: 'verification',
  // The registry
  AUTH_REQUIRED: 'usage',
  NOT_VENDOR_OWNER: 'verification',
  ARCHIVE_DIGEST_MISMATCH: 'verification',
  ARCHIVE_H1_MISMATCH: 'verification',
  COMPOSER_JSON_MISMATCH: 'verification',
  NOT_FOUND: 'usage',
  RELEASE_REVOKED: 'verification',
  BODY_TOO_LARGE: 'format',
  // The vendor's CLI
  RELEASE_TREE_DIRTY: 'usage',
  RELEASE_TAG_MISMATCH: 'usage',
  REPRODUCE_MISMATCH: 'verification',
  // The verifier's trust configuration (signet.json, extra.signet, the user config; docs/VERIFY.md)
  CONFIG_INVALID: 'usage',
  // Archives and git exports (src/archive, docs/ARCHIVES.md)
  ARCHIVE_INVALID: 'format',
  ARCHIVE_LAYOUT: 'format',
  ARCHIVE_PATH_UNSAFE: 'verification',
  ARCHIVE_SYMLINK: 'format',
  ARCHIVE_DUPLICATE_PATH: 'verification',
  ARCHIVE_TOO_LARGE: 'format',
  GIT_UNAVAILABLE: 'unavailable',
  GIT_NOT_REPOSITORY: 'usage',
  GIT_REVISION_UNKNOWN: 'usage',
  GIT_FAILED: 'unavailable',
  // The verifier
  RELEASE_NOT_IN_LOG: 'verification',
  PACKAGE_MISMATCH: 'verification',
  LOCK_SHASUM_MISMATCH: 'verification',
  PATH_DIST_UNDECLARED: 'verification',
  INSTALLED_FILES_ALTERED: 'verification',
  ATTESTATION_POLICY_UNMET: 'verification',
  ATTESTATION_VOTE_AGAINST: 'verification',
  BREAK_GLASS_REFUSED: 'verification',
  CHECKPOINT_STALE: 'verification',
  STATE_MISSING: 'usage',
  QUORUM_NOT_MET: 'unavailable',
  // The witness (src/witness, docs/WITNESS.md); each is one tlog-witness status code
  WITNESS_REQUEST_MALFORMED: 'format',
  WITNESS_LOG_UNKNOWN: 'usage',
  WITNESS_CHECKPOINT_UNSIGNED: 'verification',
  WITNESS_OLD_SIZE_MISMATCH: 'usage',
  WITNESS_ROOT_CONFLICT: 'verification',
  WITNESS_PROOF_INVALID: 'verification',
  // Generic
  USAGE: 'usage',
  FETCH_FAILED: 'unavailable',
  /** A worker thread (signature checks, the log's writer) died; the process cannot finish its work. */
  WORKER_FAILED: 'unavailable',
  /** SIGNET_ED25519=libsodium, and sodium-native's addon does not load on this machine. */
  ED25519_BACKEND_UNAVAILABLE: 'unavailable',
  INTERNAL: 'usage',
} as const satisfies Record<string, ErrorKind>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorDetails {
  /** What the check expected, printable. */
  readonly expected?: string;
  /** What it found instead, printable. */
  readonly got?: string;
  /** For security failures: the attack this check caught (e.g. "a fork: two different histories"). */
  readonly attack?: string;
  /** What the user can do about it. */
  readonly hint?: string;
  /** Anything else worth keeping as evidence (indexes, paths, raw notes). Must be JSON-serialisable. */
  readonly evidence?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
}

export class SignetError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'SignetError';
    this.code = code;
    this.details = details;
  }

  get kind(): ErrorKind {
    return ERROR_CODES[this.code];
  }

  /** A JSON form for `--json` output: code, message and details, never a stack. */
  toJSON(): Record<string, unknown> {
    const { cause: _cause, ...rest } = this.details;
    return { code: this.code, kind: this.kind, message: this.message, ...rest };
  }
}

export function isSignetError(e: unknown, code?: ErrorCode): e is SignetError {
  return e instanceof SignetError && (code === undefined || e.code === code);
}
