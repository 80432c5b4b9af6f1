/** The vendor CLI's client of a registry's JSON API (docs/API.md); refusals come back as typed errors. */
import { SignetError } from '../errors.js';
import { requestJson } from './http-json.js';

export class RegistryClient {
  constructor(
    readonly url: string,
    private readonly token?: string,
  ) {}

  #auth(): Record<string, string> {
    if (this.token === undefined) {
      throw new SignetError('AUTH_REQUIRED', `no API token for ${this.url}`, {
        hint: `run \`signet login --registry ${this.url} --token TOKEN\`, or set SIGNET_TOKEN`,
      });
    }
    return { authorization: `Bearer ${this.token}` };
  }

  get(path: string, auth = false): Promise<unknown> {
    return requestJson(this.url + path, { headers: auth ? this.#auth() : {}, timeoutMs: 30_000 });
  }

  post(path: string, body: unknown, timeoutMs = 120_000): Promise<unknown> {
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
