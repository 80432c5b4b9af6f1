import { collect } from '../options.js';
/** Starts the witness from its flags; resolves once it listens. */
export async function startWitnessFromFlags(flags) {
    const [{ startWitnessServer }, { parseListen }, { readLogFile, trustedLogs }] = await Promise.all([
        import('../../witness/server.js'),
        import('../../log/server.js'),
        import('../../witness/logs.js'),
    ]);
    const specs = [
        ...flags.log.map((spec, i) => ({ spec, where: `--log #${i + 1}` })),
        ...flags.logFile.flatMap((file) => readLogFile(file).map((spec, i) => ({ spec, where: `${file}, log ${i + 1}` }))),
    ];
    return startWitnessServer({
        dataDir: flags.data,
        listen: parseListen(flags.listen),
        ...(flags.name === undefined ? {} : { name: flags.name }),
        logs: trustedLogs(specs),
        logger: flags.verbose === true,
    });
}
export function registerWitness(program) {
    const witness = program.command('witness').description('Run a C2SP tlog-witness: cosign checkpoints of logs after checking they are consistent');
    witness
        .command('serve')
        .description('Run the witness: cosign checkpoints of the --log logs, each only if consistent with the last one cosigned')
        .requiredOption('--data <dir>', 'data folder: the witness key, the lock and the state database (the last cosigned checkpoint of each log)')
        .option('--listen <host:port>', 'address to listen on', '127.0.0.1:8090')
        .option('--name <name>', "the witness's name (its cosignature key name, e.g. witness.example.com/w1); fixed at the first run")
        .option('--log <key>', "a log to witness: its verifier key (name+hash+base64; the origin is the key name), or the key, one space and the origin (repeatable)", collect, [])
        .option('--log-file <file>', 'a file listing logs, one per line as for --log; blank lines and # comments are skipped (repeatable)', collect, [])
        .option('-v, --verbose', 'log every request')
        .addHelpText('after', `
POST /add-checkpoint (C2SP tlog-witness) takes "old <size>", a consistency proof from the size the
witness last cosigned for that log, an empty line and the log's signed checkpoint. It answers 200
with a cosignature/v1 line once the new size is on disk; 400 malformed (or old size above the
checkpoint's), 403 no valid signature by a trusted key, 404 unknown log, 409 old size is not the
stored size (body: the stored size), 409 same size with another root, 422 the proof fails.
Any log that signs C2SP checkpoints with Ed25519 can be witnessed, not only Signet logs.
The first run creates the witness key in --data; \`signet witness key\` prints its verifier key.
See docs/WITNESS.md.

Examples:
  signet witness serve --data ./witness --name witness.example.com/w1 --listen 0.0.0.0:8090 \\
    --log "$(signet log key --data ./log)"
  signet witness serve --data ./witness \\
    --log 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8 go.sum database tree'
`)
        .action(async (flags) => {
        const [running, { runUntilSignal }] = await Promise.all([startWitnessFromFlags(flags), import('./log.js')]);
        const sizes = new Map(running.store.all().map((l) => [l.origin, l.size]));
        process.stdout.write(`signet witness ${running.key.name} serving at ${running.url}\n` +
            `  verifier key  ${running.key.verifierKey}\n` +
            running.logOrigins.map((o) => `  log           ${o} (cosigned size ${sizes.get(o) ?? 'none yet'})\n`).join(''));
        await runUntilSignal(() => running.close(), 'signet witness');
    });
    witness
        .command('key')
        .description("Print the witness's verifier key in the tlog-cosignature form (type 0x04), for logs and verifiers to configure")
        .requiredOption('--data <dir>', 'the witness data folder')
        .option('--json', 'print {name, verifierKey} as JSON')
        .action(async (flags) => {
        const { readWitnessKey } = await import('../../witness/key.js');
        const key = readWitnessKey(flags.data);
        if (flags.json)
            process.stdout.write(JSON.stringify({ name: key.name, verifierKey: key.verifierKey }) + '\n');
        else
            process.stdout.write(key.verifierKey + '\n');
    });
}
//# sourceMappingURL=witness.js.map