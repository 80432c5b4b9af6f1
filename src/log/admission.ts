/**
 * What the log checks before it sequences an entry. The server only needs this seam; the rules live
 * in src/ledger, so the log, the registry and every verifier apply the same code.
 */
import type { SignatureCheck } from './verify-pool.js';

/** An entry parsed from a submission, ready to be checked against the state. */
export interface Candidate {
  /** The exact bytes the log will store (the entry's one canonical form). */
  readonly bytes: Buffer;
  /** Keys the log indexes the entry under, for lookups ("vendor:acme", ...); read once, when it is stored. */
  readonly lookupKeys: readonly string[];
  /** Whatever the admission needs later; opaque to the server. */
  readonly parsed: unknown;
}

/**
 * Signature results computed ahead of admission (on worker threads): true or false when this exact
 * (public key, signature) pair over the candidate's signed message was checked, undefined when not.
 */
export type PrecheckedSignatures = (publicKey: Uint8Array, signature: Uint8Array) => boolean | undefined;

export interface Admission {
  /** Parses untrusted bytes (throws a typed error for malformed input). Stateless: may run anywhere. */
  parse(bytes: Uint8Array): Candidate;
  /**
   * The signatures admitting the candidate will check, as the state stands now: the server verifies
   * them in parallel beforehand. Only a hint: admission still decides with the state at its turn.
   */
  signatureChecks?(candidate: Candidate): SignatureCheck[];
  /**
   * Checks the candidate as the entry at the next index and applies it to the state in place; throws
   * (leaving the state unchanged) when a rule fails. Called strictly in sequence order.
   */
  admit(candidate: Candidate, now: Date, prechecked?: PrecheckedSignatures): void;
  /**
   * Re-applies a stored entry at start-up (no clock check, signatures already checked at admission);
   * returns the lookup keys the entry is found under (parse gave them when it was admitted).
   */
  replay(bytes: Buffer): readonly string[];
}

/** Accepts any entry: for logs of opaque data (and tests of the sequencing machinery). */
export class OpenAdmission implements Admission {
  parse(bytes: Uint8Array): Candidate {
    return { bytes: Buffer.from(bytes), lookupKeys: [], parsed: null };
  }
  admit(): void {}
  replay(_bytes: Buffer): readonly string[] {
    return [];
  }
}
