/** parseEntry on hostile payloads: every rejection is a verdict of PROTOCOL §1, never a crash. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Ed25519PrivateKey } from '../../src/crypto/ed25519.js';
import { envelopeBytes, signEnvelope } from '../../src/crypto/dsse.js';
import { isSignetError } from '../../src/errors.js';
import { MAX_STATEMENT_DEPTH, keySigner, parseEntry } from '../../src/ledger/entry.js';
import { PAYLOAD_TYPES } from '../../src/ledger/statements.js';

const key = Ed25519PrivateKey.generate();

function entryOf(payloadText: string, payloadType: string = PAYLOAD_TYPES.release): Buffer {
  return envelopeBytes(signEnvelope(payloadType, Buffer.from(payloadText, 'utf8'), [keySigner(key)]));
}

describe('parseEntry', () => {
  it('refuses a payload nested thousands deep as STATEMENT_INVALID (the canonical checks recurse: no RangeError)', () => {
    const depth = 20_000;
    const bytes = entryOf('['.repeat(depth) + ']'.repeat(depth));
    assert.ok(bytes.length < 65_536);
    assert.throws(() => parseEntry(bytes), (e: unknown) => isSignetError(e, 'STATEMENT_INVALID') && /deeper than 32 levels/.test(e.message));
  });

  it('takes nesting up to the limit to the statement grammar, and refuses one level more', () => {
    const nested = (n: number): string => '['.repeat(n) + ']'.repeat(n);
    // At the limit the payload is judged by the grammar ("$" must be an object); one deeper, by depth.
    assert.throws(() => parseEntry(entryOf(nested(MAX_STATEMENT_DEPTH))), (e: unknown) => isSignetError(e, 'STATEMENT_INVALID') && !/deeper/.test(e.message));
    assert.throws(() => parseEntry(entryOf(nested(MAX_STATEMENT_DEPTH + 1))), (e: unknown) => isSignetError(e, 'STATEMENT_INVALID') && /deeper/.test(e.message));
  });
});
