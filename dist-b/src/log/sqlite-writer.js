/**
 * Worker thread that owns the log database's write connection, so the event loop never waits on a
 * commit's fsync: it keeps reading requests and checking signatures while a batch is made durable.
 * Messages are handled strictly in order; each is answered once its transaction has committed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openLogDatabase, prepareWrites } from './sqlite-db.js';
const db = openLogDatabase(workerData.path);
const writes = prepareWrites(db);
parentPort.on('message', (req) => {
    if (req === 'close') {
        db.close();
        parentPort.postMessage('closed');
        return;
    }
    let reply;
    try {
        if (req.op === 'append')
            writes.append(req.batch, req.checkpoint);
        else
            writes.setMeta(req.key, req.value);
        reply = { id: req.id };
    }
    catch (e) {
        reply = { id: req.id, error: e instanceof Error ? e.message : String(e) };
    }
    parentPort.postMessage(reply);
});
//# sourceMappingURL=sqlite-writer.js.map