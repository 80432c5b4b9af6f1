/**
 * The log's witness client against witnesses speaking C2SP tlog-witness (a small faithful fake here;
 * the real `signet witness serve` is tested in test/witness and in the multi-process scenario).
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net, { type AddressInfo, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ed25519PrivateKey } from '../../src/crypto/ed25519.js';
import { openNote, parseNote, signNote, ed25519NoteVerifier } from '../../src/crypto/note.js';
import { cosigner, cosignatureVerifierKey } from '../../src/tlog/cosignature.js';
import { parseCheckpoint } from '../../src/tlog/checkpoint.js';
import { verifyConsistency } from '../../src/tlog/proof.js';
import { checkCosignatures } from '../../src/tlog/audit.js';
import { OpenAdmission } from '../../src/log/admission.js';
import { startLogServer, type RunningLog } from '../../src/log/server.js';
import { WitnessClient, parseWitnessArg } from '../../src/log/witness-client.js';
import { isSignetError } from '../../src/errors.js';

/** A witness: checks the log's signature, old size and consistency proof as the spec says, cosigns. */
async function fakeWitness(name: string, logVkey: string) {
  const key = Ed25519PrivateKey.generate();
  const state: { size: number; root: Uint8Array; up: boolean; requests: number } = { size: 0, root: new Uint8Array(0), up: true, requests: 0 };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      state.requests++;
      if (!state.up) return res.writeHead(503).end('down\n');
      const [head, ...rest] = body.split('\n\n');
      const note = rest.join('\n\n');
      const lines = head!.split('\n');
      const old = Number(lines[0]!.slice(4));
      const proof = lines.slice(1).map((l) => Buffer.from(l, 'base64'));
      let cp;
      try {
        cp = parseCheckpoint(openNote(note, [ed25519NoteVerifier(logVkey)]).text);
      } catch {
        return res.writeHead(403).end('bad signature\n');
      }
      if (old !== state.size) return res.writeHead(409, { 'content-type': 'text/x.tlog.size' }).end(`${state.size}\n`);
      if (old > 0) {
        try {
          verifyConsistency(old, cp.size, state.root, cp.root, old === cp.size ? [] : proof);
        } catch {
          return res.writeHead(422).end('inconsistent\n');
        }
      }
      state.size = cp.size;
      state.root = cp.root;
      const cosigned = signNote(parseNote(note).text, [cosigner(name, key, BigInt(Math.floor(Date.now() / 1000)))]);
      const line = cosigned.split('\n').filter((l) => l.startsWith('— ')).join('\n') + '\n';
      res.writeHead(200).end(line);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { url, vkey: cosignatureVerifierKey(name, key.publicKey), state, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function add(log: RunningLog, n: number): Promise<{ checkpoint: string }> {
  const res = await fetch(`${log.url}/add`, { method: 'POST', body: `entry ${n} ${Math.random()}` });
  assert.equal(res.status, 200);
  return (await res.json()) as { checkpoint: string };
}

describe('the log sends its checkpoints to witnesses (--witness)', () => {
  const dirs: string[] = [];
  const closers: (() => Promise<void>)[] = [];
  after(async () => {
    for (const c of closers.reverse()) await c();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  async function start(dir: string, witnesses: { url: string; vkey: string }[], min = 0): Promise<RunningLog> {
    const log = await startLogServer({
      dataDir: dir,
      listen: { host: '127.0.0.1', port: 0 },
      origin: 'witnessed.test/log',
      admission: new OpenAdmission(),
      lookupKeys: { vendor: (v) => v, package: (v, n) => `${v}/${n}`, release: (v, n, x) => `${v}/${n}@${x}` },
      verifyThreads: 0,
      witnesses: witnesses.map((w) => parseWitnessArg(`${w.url}=${w.vkey}`)),
      witnessMin: min,
    });
    return log;
  }

  /** A new log folder (started once, so that its key exists) and one witness for that log. */
  async function logAndWitness(): Promise<{ dir: string; vkey: string; w: Awaited<ReturnType<typeof fakeWitness>> }> {
    const dir = mkdtempSync(join(tmpdir(), 'signet-wlog-'));
    dirs.push(dir);
    const first = await start(dir, []);
    const vkey = first.log.verifierKey;
    await first.close();
    const w = await fakeWitness('w.test', vkey);
    closers.push(w.close);
    return { dir, vkey, w };
  }

  it('publishes each checkpoint with the cosignatures of the witnesses that are up, and proves consistency to them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'signet-wlog-'));
    dirs.push(dir);
    // The log key exists once the log started: start, learn it, then the witnesses.
    const first = await start(dir, []);
    const vkey = first.log.verifierKey;
    await first.close();
    const [w1, w2, w3] = [await fakeWitness('w1.test', vkey), await fakeWitness('w2.test', vkey), await fakeWitness('w3.test', vkey)];
    closers.push(w1.close, w2.close, w3.close);
    w3.state.up = false;
    const log = await start(dir, [w1, w2, w3]);
    closers.push(() => log.close());
    let last = '';
    for (let i = 0; i < 5; i++) last = (await add(log, i)).checkpoint;
    const infos = checkCosignatures(last, [w1.vkey, w2.vkey, w3.vkey], 2);
    assert.deepEqual(infos.map((i) => i.name).sort(), ['w1.test', 'w2.test']);
    assert.equal(w1.state.size, 5, 'the witness followed the log with consistency proofs');
    const served = await (await fetch(`${log.url}/checkpoint`)).text();
    assert.equal(served, last);
    // A witness that comes back catches up from its stored size (0) with a consistency proof... from 0: no proof.
    w3.state.up = true;
    last = (await add(log, 5)).checkpoint;
    assert.equal(checkCosignatures(last, [w1.vkey, w2.vkey, w3.vkey], 3).length, 3);
  });

  it('resynchronises with a witness that cosigned before the log restarted (409 with its size)', async () => {
    const { dir, w } = await logAndWitness();
    let log = await start(dir, [w]);
    for (let i = 0; i < 3; i++) await add(log, i);
    await log.close();
    assert.equal(w.state.size, 3);
    log = await start(dir, [w]);
    closers.push(() => log.close());
    const r = await add(log, 3);
    assert.equal(checkCosignatures(r.checkpoint, [w.vkey], 1).length, 1);
    assert.equal(w.state.size, 4);
  });

  it('leaves out for a while a witness that does not answer at all, so that not every /add waits for its timeout', async () => {
    const { dir, w } = await logAndWitness();
    // Accepts connections, never answers: each request to it waits for the 3 s timeout.
    const sockets: Socket[] = [];
    const silent = net.createServer((s) => void sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise<void>((r) => { for (const s of sockets) s.destroy(); silent.close(() => r()); }));
    const silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const log = await start(dir, [w, { url: silentUrl, vkey: cosignatureVerifierKey('silent.test', Ed25519PrivateKey.generate().publicKey) }]);
    closers.push(() => log.close());
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const r = await add(log, i);
      times.push(performance.now() - t);
      assert.equal(checkCosignatures(r.checkpoint, [w.vkey], 1).length, 1, 'the witness that answers still cosigns');
    }
    // The start already found it silent (it asks the witnesses for the stored checkpoint): no /add waits.
    assert.ok(times.every((ms) => ms < 1500), `each /add answered without waiting for the silent witness: ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
  });

  it('on restart, collects the cosignatures of a checkpoint stored without them (a crash before the witnesses answered)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'signet-wlog-'));
    dirs.push(dir);
    // Entries and their checkpoint stored without any cosignature, as after a crash between the commit
    // and the witnesses' answers.
    const first = await start(dir, []);
    const vkey = first.log.verifierKey;
    for (let i = 0; i < 3; i++) await add(first, i);
    await first.close();
    const w = await fakeWitness('w.test', vkey);
    closers.push(w.close);
    const log = await start(dir, [w], 1);
    closers.push(() => log.close());
    const served = await (await fetch(`${log.url}/checkpoint`)).text();
    assert.equal(checkCosignatures(served, [w.vkey], 1).length, 1, served);
  });

  it('with --witness-min, waits for enough cosignatures before publishing', async () => {
    const { dir, w } = await logAndWitness();
    const log = await start(dir, [w], 1);
    closers.push(() => log.close());
    w.state.up = false;
    const pending = add(log, 0);
    await new Promise((r) => setTimeout(r, 800));
    assert.equal(((await (await fetch(`${log.url}/`)).json()) as { size: number }).size, 0, 'not published without its cosignature');
    w.state.up = true;
    const r = await pending;
    assert.equal(checkCosignatures(r.checkpoint, [w.vkey], 1).length, 1);
  });

  it('refuses a --witness that is not URL=KEY', () => {
    assert.throws(() => parseWitnessArg('http://w.example'), (e: unknown) => isSignetError(e, 'USAGE'));
    assert.throws(() => parseWitnessArg('w.example=abc'), (e: unknown) => isSignetError(e, 'USAGE'));
  });

  it('refuses one key given as two witnesses: --witness-min would count one witness twice', () => {
    const k = Ed25519PrivateKey.generate().publicKey;
    const targets = [parseWitnessArg(`http://a.example=${cosignatureVerifierKey('a.example', k)}`), parseWitnessArg(`http://b.example=${cosignatureVerifierKey('b.example', k)}`)];
    assert.throws(() => new WitnessClient(targets, { min: 2 }), (e: unknown) => isSignetError(e, 'USAGE') && /one Ed25519 key/.test(e.message));
  });
});
