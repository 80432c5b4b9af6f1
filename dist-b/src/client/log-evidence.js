/**
 * The errors a client raises when a log misbehaves, with the evidence to prove it: a fork (both signed
 * checkpoints), a rollback, and an entry the log admitted that the ledger refuses (its index).
 */
import { SignetError, isSignetError } from '../errors.js';
/** Two checkpoints of one log that cannot both be true. */
export function forkError(stored, served, cause) {
    return new SignetError('CHECKPOINT_FORK', 'the log serves a checkpoint that is not an extension of the one accepted before', {
        attack: 'a fork: the log shows different histories to different people (a split view)',
        evidence: { stored, served },
        hint: 'keep both checkpoints (printed here) and report them: they prove the log misbehaved',
        ...(cause === undefined ? {} : { cause }),
    });
}
export function rollbackError(storedSize, stored, served, servedSize) {
    return new SignetError('CHECKPOINT_ROLLBACK', `the log now serves size ${servedSize}, smaller than the ${storedSize} accepted before`, {
        expected: `a size of at least ${storedSize}`,
        got: String(servedSize),
        attack: 'a rollback: the log hides entries it had already published (e.g. a revocation)',
        evidence: { stored, served },
    });
}
/** A ledger rule failed on an entry the signed log contains: the rule's own code, the entry's index. */
export function ledgerBreach(e, index, checkpoint) {
    if (!isSignetError(e))
        return e;
    return new SignetError(e.code, `log entry ${index} is in the signed log but breaks the ledger's rules: ${e.message}`, {
        ...e.details,
        attack: e.details.attack ?? 'a log that admitted an entry the state machine refuses (a misbehaving or malicious log)',
        evidence: { ...e.details.evidence, index, checkpoint },
        cause: e,
    });
}
//# sourceMappingURL=log-evidence.js.map