/**
 * Our log and our witness together: `signet log serve --witness URL=KEY --witness-min 1` publishes
 * only checkpoints this witness cosigned, across a restart of the witness.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { startLogFromFlags } from '../../src/cli/commands/log.js';
import { parseNote } from '../../src/crypto/note.js';
import { createSignerKeyFile, readLogKey, LOG_KEY_FILE } from '../../src/log/logkey.js';
import { parseListen } from '../../src/log/server.js';
import { checkCosignatures } from '../../src/tlog/audit.js';
import { parseCheckpoint } from '../../src/tlog/checkpoint.js';
import { trustedLogs } from '../../src/witness/logs.js';
import { startWitnessServer } from '../../src/witness/server.js';
import { Statements, harness } from '../../testkit/ledger.js';
import { freePort } from '../../testkit/server-process.js';
const work = mkdtempSync(join(tmpdir(), 'signet-witness-e2e-'));
after(() => rmSync(work, { recursive: true, force: true }));
describe('signet log serve with signet witness serve', () => {
    it('publishes checkpoints carrying the witness cosignature, also after the witness restarts', { timeout: 60_000 }, async () => {
        const { s } = harness();
        const logData = join(work, 'log');
        // The log's key exists before either server starts, so the witness can be told to trust it.
        mkdirSync(logData, { recursive: true, mode: 0o700 });
        createSignerKeyFile(join(logData, LOG_KEY_FILE), 'e2e.example/log');
        const logKey = readLogKey(logData).verifierKey;
        const witnessPort = await freePort();
        const startWitness = () => startWitnessServer({
            dataDir: join(work, 'witness'),
            listen: parseListen(`127.0.0.1:${witnessPort}`),
            name: 'e2e.example/witness',
            logs: trustedLogs([{ spec: logKey, where: 'log' }]),
        });
        let witness = await startWitness();
        const wkey = witness.key.verifierKey;
        const log = await startLogFromFlags({
            data: logData,
            listen: '127.0.0.1:0',
            registryKey: [s.key('registry').publicKey.raw.toString('base64')],
            witness: [`${witness.url}=${wkey}`],
            witnessMin: '1',
            verifyThreads: '0',
        });
        const submit = async (vendor) => {
            const res = await fetch(`${log.url}/add`, { method: 'POST', body: new Uint8Array(new Statements(s, new Date()).vendor({ vendor, keys: [[`${vendor}-key`, 'full']] })) });
            assert.equal(res.status, 200, await res.text());
        };
        const published = async () => {
            const note = await (await fetch(`${log.url}/checkpoint`)).text();
            return { note, size: parseCheckpoint(parseNote(note).text).size };
        };
        try {
            await submit('alpha');
            await submit('beta');
            let cp = await published();
            assert.equal(cp.size, 2);
            assert.equal(checkCosignatures(cp.note, [wkey], 1)[0].name, 'e2e.example/witness');
            assert.equal(witness.store.get('e2e.example/log').size, 2);
            // The witness restarts; the log carries on from the size it had cosigned.
            await witness.close();
            witness = await startWitness();
            await submit('gamma');
            cp = await published();
            assert.equal(cp.size, 3);
            assert.equal(checkCosignatures(cp.note, [wkey], 1).length, 1);
            assert.equal(witness.store.get('e2e.example/log').size, 3);
        }
        finally {
            await log.close();
            await witness.close();
        }
    });
});
//# sourceMappingURL=log-e2e.test.js.map