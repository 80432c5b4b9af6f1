import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LookupIndex } from '../../src/log/lookup-index.js';

describe('LookupIndex', () => {
  it('answers ascending indexes under a key, after, below and up to a limit, however many it holds', () => {
    const ix = new LookupIndex();
    ix.add(3, ['vendor:acme', 'release:acme/w@1.0.0.0']);
    ix.add(5, ['vendor:acme', 'release:acme/w@2.0.0.0']);
    ix.add(5, ['vendor:acme']); // the same index again: kept once
    ix.add(9, ['vendor:acme', 'release:acme/w@1.0.0.0']); // a second entry for a key that had one
    assert.deepEqual(ix.find('release:acme/w@2.0.0.0', -1, 100, 10), [5]);
    assert.deepEqual(ix.find('release:acme/w@1.0.0.0', -1, 100, 10), [3, 9]);
    assert.deepEqual(ix.find('release:acme/w@1.0.0.0', 3, 100, 10), [9]);
    assert.deepEqual(ix.find('release:acme/w@1.0.0.0', -1, 9, 10), [3], 'below the published size only');
    assert.deepEqual(ix.find('release:acme/w@2.0.0.0', 5, 100, 10), []);
    assert.deepEqual(ix.find('vendor:acme', -1, 100, 2), [3, 5]);
    assert.deepEqual(ix.find('vendor:acme', -1, 100, 0), []);
    assert.deepEqual(ix.find('vendor:other', -1, 100, 10), []);
    ix.add(12, ['release:acme/w@2.0.0.0']);
    ix.add(14, ['release:acme/w@2.0.0.0']);
    assert.deepEqual(ix.find('release:acme/w@2.0.0.0', -1, 100, 10), [5, 12, 14]);
  });
});
