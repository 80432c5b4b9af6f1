/** Builds tiled logs with our own code, as files, for the auditor's tests; and serves folders over HTTP. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { dirname, join, resolve, sep } from 'node:path';
import { Ed25519PrivateKey } from '../src/crypto/ed25519.js';
import { ed25519NoteSigner, formatVerifierKey, signNote, type NoteSigner } from '../src/crypto/note.js';
import { formatCheckpoint } from '../src/tlog/checkpoint.js';
import { leafHash } from '../src/tlog/hash.js';
import { MerkleTree } from '../src/tlog/tree.js';
import { grownBundles, grownHashTiles } from '../src/tlog/tilewriter.js';

export interface BuiltLog {
  readonly dir: string;
  readonly origin: string;
  readonly key: Ed25519PrivateKey;
  readonly vkey: string;
  readonly tree: MerkleTree;
  readonly entries: Buffer[];
  /** The signed checkpoint published at each size the log grew to. */
  readonly checkpoints: Map<number, string>;
}

export function entry(i: number, salt = ''): Buffer {
  return Buffer.from(`{"entry":${i},"salt":"${salt}","pad":"${'x'.repeat(i % 37)}"}`);
}

/**
 * Writes a log that grew through `sizes` (each step publishes its tiles, bundles and checkpoint),
 * leaving `checkpoint` at the last size.
 */
export function buildLog(
  dir: string,
  sizes: readonly number[],
  opts: { origin?: string; key?: Ed25519PrivateKey; salt?: string; extraSigners?: (size: number) => NoteSigner[] } = {},
): BuiltLog {
  const origin = opts.origin ?? 'example.com/signet-test';
  const key = opts.key ?? Ed25519PrivateKey.generate();
  const tree = new MerkleTree();
  const entries: Buffer[] = [];
  const checkpoints = new Map<number, string>();
  let size = 0;
  for (const target of sizes) {
    while (entries.length < target) {
      const e = entry(entries.length, opts.salt);
      entries.push(e);
      tree.appendLeafHash(leafHash(e));
    }
    for (const t of grownHashTiles(tree, size, target)) writeFile(dir, t.path, t.data);
    for (const t of grownBundles((i) => entries[i]!, size, target)) writeFile(dir, t.path, t.data);
    const body = formatCheckpoint({ origin, size: target, root: Buffer.from(tree.root(target)), extensions: [] });
    const note = signNote(body, [ed25519NoteSigner(origin, key), ...(opts.extraSigners?.(target) ?? [])]);
    checkpoints.set(target, note);
    writeFile(dir, 'checkpoint', note);
    size = target;
  }
  return { dir, origin, key, vkey: formatVerifierKey(origin, key.publicKey), tree, entries, checkpoints };
}

export function writeFile(dir: string, path: string, data: string | Uint8Array): void {
  const full = join(dir, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, data);
}

/**
 * Serves `root` as static files, the way nginx or a CDN would. A request under /at/<name>/ serves
 * the file `<root>/checkpoint.<name>` as its checkpoint (so one folder can be audited at each size).
 */
export async function serveFolder(root: string): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const base = resolve(root);
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).slice(1);
    // moved/P answers a redirect to P; gz/P serves P with Content-Encoding: gzip, unasked, as
    // tlog-tiles allows a log to.
    if (path.startsWith('moved/')) {
      res.writeHead(302, { location: `/${path.slice('moved/'.length)}` }).end();
      return;
    }
    const gzip = path.startsWith('gz/');
    if (gzip) path = path.slice('gz/'.length);
    const at = /^at\/([^/]+)\/(.*)$/.exec(path);
    if (at !== null) path = at[2] === 'checkpoint' ? `checkpoint.${at[1]}` : at[2]!;
    const full = resolve(base, path);
    if (!full.startsWith(base + sep)) {
      res.writeHead(400).end();
      return;
    }
    try {
      const data = readFileSync(full);
      const immutable = path.startsWith('tile/');
      res.writeHead(200, {
        'content-type': immutable ? 'application/octet-stream' : 'text/plain; charset=utf-8',
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      });
      res.end(gzip ? gzipSync(data) : data);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
