/**
 * Small hostile servers on 127.0.0.1 for client tests: an HTTP server whose answers the test writes,
 * a raw TCP server that can break HTTP framing (lying Content-Length, stalls), and a URL nobody
 * listens on.
 */
import { createServer } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
/** An HTTP server answering each request with `handler` (called with the whole request body). */
export async function fakeHttp(handler) {
    const requests = [];
    const server = createServer((req, res) => {
        const chunks = [];
        req.on('data', (c) => chunks.push(c));
        req.on('end', () => {
            const r = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks) };
            requests.push(r);
            Promise.resolve(handler(r, res)).catch((e) => {
                res.destroy(e instanceof Error ? e : new Error(String(e)));
            });
        });
    });
    server.on('clientError', (_e, socket) => socket.destroy());
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address();
    return {
        url: `http://127.0.0.1:${port}`,
        requests,
        close: () => new Promise((r) => {
            server.closeAllConnections();
            server.close(() => r());
        }),
    };
}
/** Answers JSON with a status. */
export function sendJson(res, status, body) {
    const data = Buffer.from(JSON.stringify(body));
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': data.length });
    res.end(data);
}
/**
 * A TCP server that hands each connection's request line (method and path) to `respond`, which writes
 * whatever bytes it likes on the socket (or nothing).
 */
export async function rawHttp(respond) {
    const sockets = new Set();
    const server = createTcpServer((socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => undefined);
        let head = '';
        const onData = (d) => {
            head += d.toString('latin1');
            if (!head.includes('\r\n\r\n'))
                return;
            socket.off('data', onData);
            respond(head.split(' ')[1] ?? '/', socket);
        };
        socket.on('data', onData);
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address();
    return {
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((r) => {
            for (const s of sockets)
                s.destroy();
            server.close(() => r());
        }),
    };
}
/** A URL on a port that was just free (connections are refused). */
export async function refusedUrl() {
    const server = createTcpServer();
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address();
    await new Promise((r) => server.close(() => r()));
    return `http://127.0.0.1:${port}`;
}
//# sourceMappingURL=fake-server.js.map