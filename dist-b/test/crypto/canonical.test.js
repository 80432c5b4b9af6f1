import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJson, canonicalJsonBytes, isCanonicalParsedText, parseJsonBounded } from '../../src/crypto/canonical.js';
import { isSignetError } from '../../src/errors.js';
const invalid = (e) => isSignetError(e, 'CANONICAL_JSON_INVALID');
describe('canonical JSON (RFC 8785)', () => {
    it('RFC 8785 §3.2.2 example: numbers, string escapes, literals', () => {
        const input = JSON.parse('{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
            ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}');
        assert.equal(canonicalJson(input), '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
    });
    it('RFC 8785 §3.2.3: properties sorted by UTF-16 code units', () => {
        const input = JSON.parse('{"\\u20ac":"Euro Sign","\\r":"Carriage Return","\\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One",' +
            '"\\ud83d\\ude00":"Emoji: Grinning Face","\\u0080":"Control","\\u00f6":"Latin Small Letter O With Diaeresis"}');
        // JSON.parse would move the integer-like key "1" first, so check positions in the text itself.
        const text = canonicalJson(input);
        const order = [
            'Carriage Return',
            'One',
            'Control',
            'Latin Small Letter O With Diaeresis',
            'Euro Sign',
            'Emoji: Grinning Face',
            'Hebrew Letter Dalet With Dagesh',
        ].map((v) => text.indexOf(v));
        assert.ok(order.every((p) => p > 0));
        assert.deepEqual(order, [...order].sort((x, y) => x - y));
        assert.ok(text.startsWith('{"\\r":'));
    });
    it('more number forms (ECMAScript Number::toString)', () => {
        assert.equal(canonicalJson([0, -0, 1, -1.5, 1e21, 1e-7, 123456789012345680000, 5e-324]), '[0,0,1,-1.5,1e+21,1e-7,123456789012345680000,5e-324]');
    });
    it('nested objects sorted at every level, no whitespace; bytes are UTF-8', () => {
        assert.equal(canonicalJson({ b: [{ z: 1, a: 2 }], a: { y: null, x: 'é' } }), '{"a":{"x":"é","y":null},"b":[{"a":2,"z":1}]}');
        assert.deepEqual(canonicalJsonBytes({ x: 'é' }), Buffer.from('{"x":"é"}', 'utf8'));
    });
    it('rejects values JSON cannot carry', () => {
        const bad = [
            undefined,
            { a: undefined },
            [undefined],
            () => 1,
            { f: () => 1 },
            NaN,
            [Infinity],
            { n: -Infinity },
            10n,
            { b: 1n },
            Symbol('s'),
            '\ud800',
            { '\udc00': 1 },
            new Date(0),
            Buffer.from('x'),
            new Map(),
        ];
        for (const b of bad)
            assert.throws(() => canonicalJson(b), invalid, String(typeof b));
        const circular = {};
        circular.self = circular;
        assert.throws(() => canonicalJson(circular), invalid);
    });
    it('the same value repeated (not circular) is fine', () => {
        const shared = { a: 1 };
        assert.equal(canonicalJson([shared, shared]), '[{"a":1},{"a":1}]');
    });
    it('parseJsonBounded enforces the size before parsing and types its errors', () => {
        assert.deepEqual(parseJsonBounded('{"a":[1,2]}', 11), { a: [1, 2] });
        assert.throws(() => parseJsonBounded('{"a":[1,2]}', 10), invalid);
        assert.throws(() => parseJsonBounded('"é"', 3), invalid, 'size counts UTF-8 bytes');
        assert.throws(() => parseJsonBounded('{', 100), invalid);
        assert.throws(() => parseJsonBounded(Buffer.from([0x22, 0xff, 0x22]), 100), invalid, 'invalid UTF-8');
        assert.equal(parseJsonBounded(Buffer.from('"ok"'), 100), 'ok');
    });
});
describe('canonical JSON fast path', () => {
    it('gives exactly what the RFC 8785 reference package gives, for random JSON in any key order', async () => {
        const fc = (await import('fast-check')).default;
        const reference = (await import('canonicalize')).default;
        const sortDeep = (v) => {
            if (Array.isArray(v))
                return v.map(sortDeep);
            if (v !== null && typeof v === 'object') {
                const out = {};
                // defineProperty, not out[k] =: a key named __proto__ must stay an own key, not set the prototype.
                for (const k of Object.keys(v).sort())
                    Object.defineProperty(out, k, { value: sortDeep(v[k]), enumerable: true, writable: true, configurable: true });
                return out;
            }
            return v;
        };
        fc.assert(fc.property(fc.jsonValue(), (v) => {
            // Raw (random key order, the slow path) and sorted (the JSON.stringify fast path).
            assert.equal(canonicalJson(v), reference(v));
            const sorted = sortDeep(v);
            assert.equal(canonicalJson(sorted), reference(sorted));
        }), { numRuns: 2000 });
        // Integer-like keys: JS orders them numerically, RFC 8785 by code units.
        assert.equal(canonicalJson({ 10: 1, 9: 2, a: 3 }), '{"10":1,"9":2,"a":3}');
        assert.equal(canonicalJson({ b: [1e21, 1e-7, -0, 0.1, 'é\u2028\n"\\'], a: null }), reference({ b: [1e21, 1e-7, -0, 0.1, 'é\u2028\n"\\'], a: null }));
    });
});
describe('isCanonicalParsedText', () => {
    it('says true only for canonical texts, whatever form the text has', async () => {
        const fc = (await import('fast-check')).default;
        // Texts in several forms: canonical, JSON.stringify in insertion order, indented, and with escapes.
        const text = fc.jsonValue().chain((v) => fc.constantFrom(canonicalJson(v), JSON.stringify(v), JSON.stringify(v, null, 1), canonicalJson(v).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)));
        let shown = 0;
        fc.assert(fc.property(text, (t) => {
            const value = JSON.parse(t);
            if (isCanonicalParsedText(value, t)) {
                shown++;
                assert.equal(canonicalJson(value), t);
            }
        }), { numRuns: 4000 });
        assert.ok(shown > 1000, `the fast path held for ${shown} of 4000 texts`);
        // The cases it must leave to the full check.
        for (const t of ['{"b":1,"a":2}', '{"a":1,"a":2}', '{"a":1.0}', '{"a":"\\ud800"}', '{"10":1,"9":2}', '{"a":[{"y":1,"x":2}]}', '{ "a":1}']) {
            assert.equal(isCanonicalParsedText(JSON.parse(t), t), false, t);
        }
        assert.equal(isCanonicalParsedText(JSON.parse('{"a":[1,{"b":"é"}],"c":null}'), '{"a":[1,{"b":"é"}],"c":null}'), true);
    });
});
//# sourceMappingURL=canonical.test.js.map