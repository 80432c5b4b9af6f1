/** Assertions on SignetErrors: the code, and the error itself for further checks. */
import assert from 'node:assert/strict';
import { SignetError, isSignetError } from '../src/errors.js';
/** Awaits `p`, which must reject with a SignetError of `code`; returns that error. */
export async function rejectsWith(p, code) {
    let caught;
    let threw = false;
    try {
        await p;
    }
    catch (e) {
        caught = e;
        threw = true;
    }
    if (!threw)
        assert.fail(`expected a rejection with ${code}, but it resolved`);
    if (!isSignetError(caught))
        throw caught;
    assert.equal(caught.code, code, `${caught.code}: ${caught.message}`);
    return caught;
}
/** Calls `f`, which must throw a SignetError of `code`; returns that error. */
export function throwsWith(f, code) {
    let caught;
    let threw = false;
    try {
        f();
    }
    catch (e) {
        caught = e;
        threw = true;
    }
    if (!threw)
        assert.fail(`expected ${code} to be thrown, but nothing was`);
    if (!(caught instanceof SignetError))
        throw caught;
    assert.equal(caught.code, code, `${caught.code}: ${caught.message}`);
    return caught;
}
//# sourceMappingURL=assert-error.js.map