import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isSignetError } from '../../src/errors.js';
import { composerNormalize, isValidPackageName, isValidVendorName, normalizeVersion, parseTime, formatTime } from '../../src/ledger/index.js';
test('package names: Composer 2 grammar', () => {
    for (const ok of ['acme/widget', 'monolog/monolog', 'igorw/event-source', 'a/b', 'my.vendor/pkg_name', 'v-1/p--double', 'x9/a.b_c-d--e']) {
        assert.equal(isValidPackageName(ok), true, ok);
    }
    for (const bad of ['Acme/widget', 'acme', 'acme/', '/widget', 'acme/widget/x', 'acme/-widget', 'acme/widget-', 'ac--me/widget', 'acme/wid---get', 'acme/wid__get', '-acme/w', 'acme/w.', 'acme /w', 'acme/wídget', '']) {
        assert.equal(isValidPackageName(bad), false, bad);
    }
    assert.equal(isValidVendorName('acme'), true);
    assert.equal(isValidVendorName('ac.me-x_y'), true);
    assert.equal(isValidVendorName('acme/x'), false);
    assert.equal(isValidVendorName('a'.repeat(215)), false);
});
test('package names: no catastrophic backtracking on long near-misses', () => {
    const t = process.hrtime.bigint();
    assert.equal(isValidPackageName('a/' + 'a'.repeat(200) + '!'), false);
    assert.equal(isValidVendorName('a'.repeat(200) + '-'), false);
    assert.ok(process.hrtime.bigint() - t < 50000000n);
});
test('versions: normalised as Composer VersionParser does', () => {
    const table = [
        ['1.2.0', '1.2.0.0'],
        ['v2.0', '2.0.0.0'],
        ['V2.0', '2.0.0.0'],
        ['1', '1.0.0.0'],
        ['1.2.3.4', '1.2.3.4'],
        ['1.0.0-beta2', '1.0.0.0-beta2'],
        ['1.0.0-RC1', '1.0.0.0-RC1'],
        ['1.0.0-rc1', '1.0.0.0-RC1'],
        ['1.0.0-b2', '1.0.0.0-beta2'],
        ['1.0.0-a.1', '1.0.0.0-alpha1'],
        ['1.0.0alpha3', '1.0.0.0-alpha3'],
        ['1.0.0-pl3', '1.0.0.0-patch3'],
        ['1.0.0-p', '1.0.0.0-patch'],
        ['1.0.0-stable', '1.0.0.0'],
        ['1.0.0+build.5', '1.0.0.0'],
        ['01.02', '01.02.0.0'],
        ['2010-01-02', '2010.01.02'],
        ['20100102203040', '20100102203040'],
        ['2010.01.02.5', '2010.01.02.5'],
        ['1.0.0-beta.2.3', '1.0.0.0-beta2.3'],
    ];
    for (const [input, want] of table)
        assert.equal(normalizeVersion(input), want, input);
    assert.equal(composerNormalize('1.x-dev'), '1.9999999.9999999.9999999-dev');
    assert.equal(composerNormalize('dev-main'), 'dev-main');
    assert.equal(composerNormalize('master'), 'dev-master');
});
test('versions: dev branches are not releases; garbage is invalid', () => {
    for (const dev of ['dev-main', 'dev-feature/x', '1.x-dev', '2.1.x-dev', '1.0.0-dev', '1.0.0-beta1-dev', 'master', 'trunk']) {
        assert.throws(() => normalizeVersion(dev), (e) => isSignetError(e, 'VERSION_NOT_RELEASE'), dev);
    }
    for (const bad of ['latest', '', ' 1.0.0', '1.0.0 ', '1.0 as 2.0', '1.0.0@beta', 'x1.0', '1.0.0.0.0', 'feature-dev', '1.0-gamma', '1.'.repeat(60)]) {
        assert.throws(() => normalizeVersion(bad), (e) => isSignetError(e, 'VERSION_INVALID'), JSON.stringify(bad));
    }
    const t = process.hrtime.bigint();
    assert.throws(() => normalizeVersion('1.0.0-beta' + '1'.repeat(85) + 'x'));
    assert.throws(() => normalizeVersion('1' + '.1'.repeat(49) + 'x'));
    assert.ok(process.hrtime.bigint() - t < 50000000n);
});
test('time: RFC 3339 UTC with whole seconds only', () => {
    assert.equal(parseTime('2026-11-27T10:00:00Z'), Date.UTC(2026, 10, 27, 10));
    for (const bad of ['2026-11-27T10:00:00.000Z', '2026-11-27T10:00:00+00:00', '2026-11-27 10:00:00Z', '2026-02-30T10:00:00Z', '2026-11-27T24:00:00Z', 20261127]) {
        assert.equal(parseTime(bad), undefined, String(bad));
    }
    assert.equal(formatTime(new Date('2026-11-27T10:00:00.999Z')), '2026-11-27T10:00:00Z');
});
test('time: parseTime agrees with Date on every well-formed text, valid or not (years 0000-9999)', () => {
    // The reference: what Date.parse gives, kept only when Date does not roll the text over.
    const reference = (s) => {
        const ms = Date.parse(s);
        return Number.isFinite(ms) && new Date(ms).toISOString() === `${s.slice(0, 19)}.000Z` ? ms : undefined;
    };
    const two = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
    const text = fc
        .tuple(fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')), two, two, two, two, two)
        .map(([y, mo, d, h, mi, s]) => `${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
    fc.assert(fc.property(text, (s) => parseTime(s) === reference(s)), { numRuns: 20_000 });
    for (const leap of ['2024-02-29T00:00:00Z', '2000-02-29T23:59:59Z', '0000-02-29T00:00:00Z'])
        assert.equal(parseTime(leap), Date.parse(leap), leap);
    for (const notLeap of ['2026-02-29T00:00:00Z', '2100-02-29T00:00:00Z', '1900-02-29T00:00:00Z'])
        assert.equal(parseTime(notLeap), undefined, notLeap);
    assert.equal(parseTime('0050-06-01T00:00:00Z'), Date.parse('0050-06-01T00:00:00Z'));
});
//# sourceMappingURL=names.test.js.map