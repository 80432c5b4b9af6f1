/** The ledger: statement kinds and the state machine every Signet role runs (docs/PROTOCOL.md). Pure. */
export { MAX_NAME_LENGTH, MAX_VERSION_LENGTH, composerNormalize, versionIdentity, formatTime, isDevVersion, isValidPackageName, isValidVendorName, normalizeVersion, parseTime, vendorOf, } from './names.js';
export { ATTESTATION_KINDS, IN_TOTO_STATEMENT_TYPE, PAYLOAD_TYPES, PREDICATE_TYPES, attesterKeyOf, buildAttestation, buildKeyAdd, buildKeyRevoke, buildPolicy, buildRelease, buildReleaseRevoke, buildVendorStatement, isKeyStatement, parseStatement, } from './statements.js';
export { entryLookupKeys, keySigner, parseEntry, signStatement } from './entry.js';
export { LedgerState, } from './state.js';
export { MAX_TIME_SKEW_MS, apply, applyInPlace, replay, signaturesToVerify, } from './rules.js';
//# sourceMappingURL=index.js.map