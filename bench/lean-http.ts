/**
 * A lean HTTP/1.1 keep-alive client connection for the log benchmark's closed loops, where the load
 * generator shares the server's two cores at saturation and every microsecond it spends is one the
 * server does not get. Compared with node:http's Agent it writes the head and the body without joining
 * them, reads into one reused buffer (`onread`), and makes one Buffer per answer body: measured, ~8
 * instead of ~16 µs of client CPU per entry in the batched phase (bench/README.md).
 *
 * One request at a time per connection, as a closed-loop client sends. Answers must carry a
 * Content-Length (the log's do); anything else is an error that names what came, never a guess.
 */
import net from 'node:net';
import type { HttpAnswer } from './http.js';

/** Largest answer head accepted (status line and headers). */
const MAX_HEAD = 16 * 1024;
/** Largest answer body accepted. */
const MAX_BODY = 64 * 1024 * 1024;
const CRLFCRLF = Buffer.from('\r\n\r\n');

interface Waiter {
  readonly resolve: (a: HttpAnswer) => void;
  readonly reject: (e: Error) => void;
}

export class LeanConnection {
  readonly #socket: net.Socket;
  readonly #host: string;
  /** Bytes of the answer head received so far. */
  #head: Buffer = Buffer.alloc(0);
  /** The answer body being filled, once the head is read. */
  #body: Buffer | undefined;
  #bodyAt = 0;
  #status = 0;
  #waiter: Waiter | undefined;
  #failed: Error | undefined;

  private constructor(socket: net.Socket, host: string, port: number) {
    this.#socket = socket;
    this.#host = `${host}:${port}`;
    socket.on('error', (e) => this.#fail(e));
    socket.on('close', () => this.#fail(new Error('the server closed the connection')));
  }

  /** Opens a connection to host:port (TCP_NODELAY, as node:http sets it). */
  static open(host: string, port: number): Promise<LeanConnection> {
    return new Promise((resolve, reject) => {
      let conn: LeanConnection | undefined;
      const socket = net.connect({
        host,
        port,
        noDelay: true,
        onread: {
          buffer: Buffer.allocUnsafe(64 * 1024),
          callback: (n: number, buf: Uint8Array): boolean => {
            if (conn !== undefined) conn.#received(buf, n);
            return true;
          },
        },
      });
      conn = new LeanConnection(socket, host, port);
      socket.once('connect', () => resolve(conn!));
      socket.once('error', reject);
    });
  }

  /** POSTs `body` to `path` and resolves with the whole answer. */
  post(path: string, contentType: string, body: Buffer): Promise<HttpAnswer> {
    if (this.#failed !== undefined) return Promise.reject(this.#failed);
    if (this.#waiter !== undefined) return Promise.reject(new Error('LeanConnection: one request at a time'));
    return new Promise((resolve, reject) => {
      this.#waiter = { resolve, reject };
      const head = `POST ${path} HTTP/1.1\r\nHost: ${this.#host}\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n\r\n`;
      this.#socket.cork();
      this.#socket.write(head, 'latin1');
      this.#socket.write(body);
      this.#socket.uncork();
    });
  }

  close(): void {
    this.#failed ??= new Error('connection closed');
    this.#socket.destroy();
  }

  #received(buf: Uint8Array, n: number): void {
    const data = Buffer.from(buf.buffer, buf.byteOffset, n);
    let at = 0;
    while (at < n && this.#failed === undefined) {
      if (this.#waiter === undefined) return this.#fail(new Error(`${n - at} bytes from the server with no request waiting`));
      if (this.#body === undefined) {
        // Reading the head, up to the blank line. It usually comes in one read; only a head split
        // across reads is gathered in a copy.
        const chunk = data.subarray(at);
        const head = this.#head.length === 0 ? chunk : Buffer.concat([this.#head, chunk]);
        const end = head.indexOf(CRLFCRLF, Math.max(0, this.#head.length - 3));
        if (end < 0) {
          if (head.length > MAX_HEAD) return this.#fail(new Error(`answer head over ${MAX_HEAD} bytes`));
          this.#head = Buffer.from(head);
          return;
        }
        if (!this.#startBody(head.toString('latin1', 0, end))) return;
        at = n - (head.length - (end + 4));
        this.#head = Buffer.alloc(0);
      }
      const body = this.#body!;
      const take = Math.min(n - at, body.length - this.#bodyAt);
      data.copy(body, this.#bodyAt, at, at + take);
      this.#bodyAt += take;
      at += take;
      if (this.#bodyAt === body.length) {
        const w = this.#waiter;
        this.#body = undefined;
        this.#bodyAt = 0;
        this.#waiter = undefined;
        w.resolve({ status: this.#status, body });
      }
    }
  }

  /** Reads the status and the body length from an answer head; false (after failing) if it is not one this client can read. */
  #startBody(head: string): boolean {
    const status = /^HTTP\/1\.1 (\d{3}) /.exec(head);
    if (status === null) {
      this.#fail(new Error(`not an HTTP/1.1 answer: ${JSON.stringify(head.slice(0, 40))}`));
      return false;
    }
    const length = /\r\ncontent-length: *(\d+) *(?:\r\n|$)/i.exec(head);
    if (length === null || /\r\ntransfer-encoding:/i.test(head)) {
      this.#fail(new Error(`answer ${status[1]} without a Content-Length (chunked answers are not read here)`));
      return false;
    }
    const size = Number(length[1]);
    if (size > MAX_BODY) {
      this.#fail(new Error(`answer body of ${size} bytes, over ${MAX_BODY}`));
      return false;
    }
    this.#status = Number(status[1]);
    this.#body = Buffer.allocUnsafe(size);
    this.#bodyAt = 0;
    return true;
  }

  #fail(e: Error): void {
    this.#failed ??= e;
    const w = this.#waiter;
    this.#waiter = undefined;
    w?.reject(this.#failed);
  }
}
