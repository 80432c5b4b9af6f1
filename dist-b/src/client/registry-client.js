/** The vendor CLI's client of a registry's JSON API (docs/API.md); refusals come back as typed errors. */
import { SignetError } from '../errors.js';
import { requestJson } from './http-json.js';
export class RegistryClient {
    url;
    token;
    constructor(url, token) {
        this.url = url;
        this.token = token;
    }
    #auth() {
        if (this.token === undefined) {
            throw new SignetError('AUTH_REQUIRED', `no API token for ${this.url}`, {
                hint: `run \`signet login --registry ${this.url} --token TOKEN\`, or set SIGNET_TOKEN`,
            });
        }
        return { authorization: `Bearer ${this.token}` };
    }
    get(path, auth = false) {
        return requestJson(this.url + path, { headers: auth ? this.#auth() : {}, timeoutMs: 30_000 });
    }
    post(path, body, timeoutMs = 120_000) {
        return requestJson(this.url + path, {
            method: 'POST',
            body: typeof body === 'string' ? body : JSON.stringify(body),
            contentType: 'application/json',
            headers: this.#auth(),
            timeoutMs,
            maxBytes: 1024 * 1024,
        });
    }
}
//# sourceMappingURL=registry-client.js.map