/**
 * JSON over HTTP for Signet's clients (the registry talking to its log, the CLI talking to the
 * registry): size-capped reads, timeouts, and remote errors turned back into typed SignetErrors with
 * the server's stable code, so a refusal reads the same locally and remotely.
 */
import { ERROR_CODES, SignetError } from '../errors.js';
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
function isKnownCode(code) {
    return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, code);
}
function str(v) {
    return typeof v === 'string' ? v.slice(0, 4000) : undefined;
}
/** The SignetError a server's `{"error": {...}}` answer stands for (its code when we know it). */
export function remoteError(url, status, body) {
    let parsed;
    try {
        parsed = JSON.parse(body.toString('utf8'));
    }
    catch {
        parsed = undefined;
    }
    const err = typeof parsed === 'object' && parsed !== null ? parsed.error : undefined;
    if (typeof err === 'object' && err !== null) {
        const e = err;
        const message = str(e.message) ?? `HTTP ${status}`;
        const details = {
            ...(str(e.expected) === undefined ? {} : { expected: str(e.expected) }),
            ...(str(e.got) === undefined ? {} : { got: str(e.got) }),
            ...(str(e.attack) === undefined ? {} : { attack: str(e.attack) }),
            ...(str(e.hint) === undefined ? {} : { hint: str(e.hint) }),
            // The URL and status are what we saw: the server's evidence must not overwrite them.
            evidence: { ...(typeof e.evidence === 'object' && e.evidence !== null ? e.evidence : {}), url, status },
        };
        if (isKnownCode(e.code))
            return new SignetError(e.code, message, details);
        return new SignetError('FETCH_FAILED', `${url} refused the request with an unknown code ${JSON.stringify(e.code)}: ${message}`, details);
    }
    const text = body.toString('utf8').slice(0, 200);
    return new SignetError(status >= 500 ? 'FETCH_FAILED' : 'USAGE', `${url} answered HTTP ${status}`, {
        expected: 'HTTP 200',
        got: `HTTP ${status}${text ? `: ${text}` : ''}`,
        evidence: { url, status },
    });
}
async function readCapped(res, url, maxBytes) {
    const declared = Number(res.headers.get('content-length') ?? '0');
    if (declared > maxBytes) {
        await res.body?.cancel();
        throw tooLarge(url, maxBytes);
    }
    if (res.body === null)
        return Buffer.alloc(0);
    const chunks = [];
    let total = 0;
    const reader = res.body.getReader();
    for (;;) {
        const { done, value } = await reader.read();
        if (done)
            break;
        total += value.length;
        if (total > maxBytes) {
            await reader.cancel();
            throw tooLarge(url, maxBytes);
        }
        chunks.push(value);
    }
    return Buffer.concat(chunks, total);
}
function tooLarge(url, maxBytes) {
    return new SignetError('FETCH_FAILED', `${url} sent more than ${maxBytes} bytes`, {
        expected: `at most ${maxBytes} bytes`,
        attack: 'a server exhausting the client’s memory',
    });
}
/** One HTTP request; network failures and timeouts become FETCH_FAILED (unavailable). */
export async function httpRequest(url, opts = {}) {
    let res;
    try {
        res = await fetch(url, {
            method: opts.method ?? 'GET',
            headers: { ...(opts.contentType === undefined ? {} : { 'content-type': opts.contentType }), ...opts.headers },
            ...(opts.body === undefined ? {} : { body: typeof opts.body === 'string' ? opts.body : new Uint8Array(opts.body) }),
            signal: AbortSignal.timeout(opts.timeoutMs ?? 60_000),
        });
    }
    catch (e) {
        const cause = e.cause;
        throw new SignetError('FETCH_FAILED', `${opts.method ?? 'GET'} ${url} failed: ${cause?.code ?? e.message}`, {
            hint: 'check the URL and that the server is running; retry later',
            cause: e,
        });
    }
    let body;
    try {
        body = await readCapped(res, url, opts.maxBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
    }
    catch (e) {
        if (e instanceof SignetError)
            throw e;
        // The connection broke or the timeout fired while the body was arriving.
        const cause = e.cause;
        throw new SignetError('FETCH_FAILED', `${opts.method ?? 'GET'} ${url} failed while reading the answer: ${cause?.code ?? e.message}`, {
            hint: 'check that the server is running; retry later',
            cause: e,
        });
    }
    return { status: res.status, headers: res.headers, body };
}
/** A request whose 2xx answer is JSON; any other status throws the server's typed error. */
export async function requestJson(url, opts = {}) {
    const a = await httpRequest(url, opts);
    if (a.status < 200 || a.status > 299)
        throw remoteError(url, a.status, a.body);
    try {
        return JSON.parse(a.body.toString('utf8'));
    }
    catch (e) {
        throw new SignetError('FETCH_FAILED', `${url} answered with something that is not JSON`, {
            expected: 'a JSON body',
            got: JSON.stringify(a.body.subarray(0, 60).toString('utf8')),
            cause: e,
        });
    }
}
//# sourceMappingURL=http-json.js.map