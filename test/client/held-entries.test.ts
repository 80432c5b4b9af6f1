import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HeldEntries } from '../../src/client/held-entries.js';
import { leafHash } from '../../src/tlog/hash.js';

const entry = (i: number): Buffer => Buffer.from(`entry ${i} `.padEnd(100, '.'));
const entries = (from: number, to: number): Buffer[] => Array.from({ length: to - from }, (_, k) => entry(from + k));

describe('HeldEntries', () => {
  it('holds bundles while they fit the budget, then only their hashes, and says which tiles it dropped', () => {
    const dropped: number[] = [];
    // 100 bytes per entry: the first bundle (56 entries) and the second (256) fit 32,000 bytes; the third does not.
    const held = new HeldEntries(32_000, (t) => dropped.push(t));
    const leaves: Uint8Array[] = [];
    held.add(3, entries(200, 256), (h) => leaves.push(h));
    held.add(4, entries(256, 512), (h) => leaves.push(h));
    held.add(5, entries(512, 600), (h) => leaves.push(h));
    held.add(6, []);
    assert.deepEqual(leaves, entries(200, 600).map((e) => leafHash(e)), 'each leaf hash, in order');
    assert.equal(held.length, 400);
    assert.deepEqual(dropped, [5]);
    // Slices within and across the held bundles; none that reaches a dropped one.
    assert.deepEqual(held.slice(0, 3)!.map(String), entries(200, 203).map(String));
    assert.deepEqual(held.slice(50, 60)!.map(String), entries(250, 260).map(String));
    assert.deepEqual(held.slice(0, 312)!.map(String), entries(200, 512).map(String));
    assert.equal(held.slice(300, 320), undefined);
    assert.equal(held.slice(312, 313), undefined);
    assert.deepEqual(held.slice(7, 7), []);
    // Every position's hash, held or not.
    for (const i of [0, 55, 56, 311, 312, 399]) assert.deepEqual(held.leafHash(i), leafHash(entry(200 + i)));
    assert.throws(() => held.leafHash(400), RangeError);
  });
});
