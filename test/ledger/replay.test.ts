/** Replaying a log from scratch gives exactly the state built incrementally (seeded random histories). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSignetError } from '../../src/errors.js';
import { ATTESTATION_KINDS, LedgerState, apply, applyInPlace, parseEntry, replay } from '../../src/ledger/index.js';
import { Statements, at, harness } from '../../testkit/ledger.js';
import { prng as rng } from '../../testkit/prng.js';


function history(seed: number, steps: number) {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const { s, config } = harness();
  const st = new Statements(s);
  const state = new LedgerState();
  let pure = new LedgerState();
  const accepted: Buffer[] = [];
  const names = new Map<string, string>(); // key id → name
  let counter = 0;
  let rejected = 0;
  const fresh = (p: string) => {
    const n = `${seed}-${p}${counter++}`;
    names.set(s.id(n), n);
    return n;
  };
  const vendors: string[] = [];
  const releases: Array<[string, string]> = [];

  const submit = (bytes: Buffer, mustAccept: boolean) => {
    const before = JSON.stringify(state.toJSON());
    try {
      const e = parseEntry(bytes);
      applyInPlace(state, e, config, { now: at(accepted.length) });
      pure = apply(pure, e, config);
      accepted.push(bytes);
    } catch (err) {
      if (!isSignetError(err)) throw err;
      assert.ok(!mustAccept, `seed ${seed}: expected acceptance, got ${err.code}: ${err.message}`);
      assert.equal(JSON.stringify(state.toJSON()), before);
      rejected++;
    }
  };

  for (let i = 0; i < steps; i++) {
    st.time = at(accepted.length);
    const op = vendors.length === 0 ? 0 : Math.floor(r() * 12);
    const vendor = vendors.length > 0 ? pick(vendors) : '';
    const cur = vendor ? state.currentKeys(vendor) : [];
    const full = cur.filter((k) => k.role === 'full').map((k) => names.get(k.id)!);
    const all = cur.map((k) => names.get(k.id)!);
    const t = vendor ? state.threshold(vendor)! : 1;
    const canSign = full.length >= t;
    switch (op) {
      case 0: {
        const v = `v${seed}x${vendors.length}`;
        const k1 = fresh('f');
        const k2 = fresh('r');
        submit(st.vendor({ vendor: v, keys: [[k1, 'full'], [k2, 'release']] }), true);
        vendors.push(v);
        break;
      }
      case 1:
        if (canSign) submit(st.keyAdd({ vendor, key: [fresh('k'), r() < 0.7 ? 'full' : 'release'], signers: [...full.slice(0, t), names.get([...names.keys()].at(-1)!)!], state }), true);
        break;
      case 2: {
        if (all.length === 0) break;
        const victim = pick(all);
        const self = r() < 0.5 || !canSign;
        submit(st.keyRevoke({ vendor, key: victim, signers: self ? [victim] : full.slice(0, t), state }), true);
        break;
      }
      case 3:
        if (canSign && full.length > 0) submit(st.policy({ vendor, threshold: 1 + Math.floor(r() * full.length), signers: full.slice(0, t), state }), true);
        break;
      case 4:
      case 5:
      case 6: {
        if (all.length === 0) break;
        const pkg = `${vendor}/p${Math.floor(r() * 3)}`;
        const version = `${Math.floor(r() * 3)}.${Math.floor(r() * 5)}.${Math.floor(r() * 3)}${r() < 0.2 ? '-RC1' : ''}`;
        const exists = state.release(pkg, version) !== undefined;
        submit(st.release(pkg, version, [pick(all)]), !exists);
        if (!exists) releases.push([pkg, version]);
        break;
      }
      case 7: {
        if (releases.length === 0) break;
        const [pkg, version] = pick(releases);
        const signer = state.currentKeys(pkg.split('/')[0]!).map((k) => names.get(k.id)!);
        if (signer.length === 0) break;
        submit(st.releaseRevoke(pkg, version, [pick(signer)]), !state.isReleaseRevoked(pkg, version));
        break;
      }
      case 8:
      case 9: {
        if (releases.length === 0) break;
        const [pkg, version] = pick(releases);
        const who = `${seed}-att${Math.floor(r() * 4)}`;
        const kind = pick(ATTESTATION_KINDS);
        const dup = state.attestationsOf(pkg, version).some((a) => a.keyId === s.id(who) && a.attestation === kind);
        submit(st.attestation(kind, pkg, version, who), !dup);
        break;
      }
      case 10: {
        // break-glass: add a key, or reset the vendor
        if (r() < 0.5) submit(st.keyAdd({ vendor, key: [fresh('bg'), 'full'], signers: ['core'], state, breakGlass: { reason: 'lost' } }), true);
        else submit(st.vendor({ vendor, keys: [[fresh('bgf'), 'full'], [fresh('bgr'), 'release']], state, breakGlass: { reason: 'reset' } }), true);
        break;
      }
      case 11: {
        // attacks that must fail: another vendor's key, a replay, a revoked key
        const other = pick(vendors);
        const otherKeys = state.currentKeys(other).map((k) => names.get(k.id)!);
        if (other !== vendor && otherKeys.length > 0) submit(st.release(`${vendor}/p9`, `9.${i}.0`, [pick(otherKeys)]), false);
        if (accepted.length > 0) submit(pick(accepted), false);
        const revoked = state.keysOf(vendor).filter((k) => k.until !== undefined);
        if (revoked.length > 0) submit(st.release(`${vendor}/p9`, `8.${i}.0`, [names.get(pick(revoked).id)!]), false);
        break;
      }
    }
  }
  return { state, pure, accepted, config, rejected };
}

test('replay from scratch = incremental state = chain of pure apply(), over seeded random histories', () => {
  for (const seed of [1, 2, 3, 4]) {
    const { state, pure, accepted, config, rejected } = history(seed, 120);
    assert.ok(accepted.length > 60, `seed ${seed}: ${accepted.length} accepted`);
    assert.ok(rejected > 5, `seed ${seed}: ${rejected} rejected`);
    const replayed = replay(accepted, config);
    assert.equal(replayed.size, accepted.length);
    assert.deepEqual(replayed.toJSON(), state.toJSON());
    assert.deepEqual(pure.toJSON(), state.toJSON());
  }
});

test('applyInPlace cost (informative, not a timed assertion)', () => {
  const { state, accepted, config } = history(9, 150);
  const entries = accepted.map((b) => parseEntry(b));
  const n = 5;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const s = new LedgerState();
    for (const e of entries) applyInPlace(s, e, config, { verify: () => true });
  }
  const per = Number(process.hrtime.bigint() - t0) / 1000 / (n * entries.length);
  console.log(`# applyInPlace without signature verification: ${per.toFixed(1)} µs/entry over ${entries.length} entries`);
  assert.equal(state.size, entries.length);
});

test('a snapshot (toJSON or vendorSnapshot → fromJSON) taken anywhere continues exactly as the live state', () => {
  for (const seed of [3, 5, 8, 13]) {
    const { state, accepted, config } = history(seed, 120);
    for (const cut of [0, 1, Math.floor(accepted.length / 3), Math.floor(accepted.length / 2), accepted.length]) {
      const prefix = replay(accepted.slice(0, cut), config);
      const restored = LedgerState.fromJSON(JSON.parse(JSON.stringify(prefix.toJSON())));
      assert.deepEqual(restored.toJSON(), prefix.toJSON(), `seed ${seed} cut ${cut}: the snapshot round-trips`);
      // The per-vendor text a sync saves (vendorSnapshot) restores the same state.
      const vendors = prefix.vendors().map((v) => JSON.parse(prefix.vendorSnapshot(v)!) as { v?: number });
      for (const v of vendors) assert.equal(v.v, 2, 'the compact form (format 2)');
      assert.deepEqual(LedgerState.fromJSON({ size: prefix.size, vendors }).toJSON(), prefix.toJSON(), `seed ${seed} cut ${cut}: vendorSnapshot round-trips`);
      for (const bytes of accepted.slice(cut)) applyInPlace(restored, parseEntry(bytes), config);
      assert.deepEqual(restored.toJSON(), state.toJSON(), `seed ${seed} cut ${cut}: continuing from the snapshot gives the same state`);
      // It refuses what the live state refuses: a replayed entry (same seq / same release) fails alike.
      if (cut > 0) {
        const again = parseEntry(accepted[cut - 1]!);
        const code = (s: LedgerState): string => {
          try {
            applyInPlace(s.clone(), again, config);
            return 'accepted';
          } catch (e) {
            return isSignetError(e) ? e.code : 'other';
          }
        };
        assert.equal(code(LedgerState.fromJSON(prefix.toJSON())), code(prefix), `seed ${seed} cut ${cut}`);
      }
    }
  }
});
