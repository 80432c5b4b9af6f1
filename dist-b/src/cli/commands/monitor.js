/**
 * `signet monitor VENDOR...`: reports every log entry about the watched vendors since their baselines
 * (src/client/monitor.ts), once. Exit codes for cron and CI: 0 nothing that needs a person (nothing new,
 * a baseline recorded, or only `info` events), 1 an event at or above `--fail-on` (default `warning`: key
 * changes, break-glass actions, unexpected signers) or a log that failed verification (a fork, a
 * rollback), 2 usage or configuration, 3 the log unavailable. `--follow` keeps polling until SIGINT or
 * SIGTERM.
 */
import { Option } from 'commander';
import { collect } from '../options.js';
export function registerMonitor(program) {
    program
        .command('monitor')
        .description('Watch vendors\' namespaces in the transparency log, as certificate-transparency monitors do: report every\n' +
        'entry about them since the last run (key changes, BREAK-GLASS actions by the core key, releases,\n' +
        'revocations, attestations), each once. The first run for a vendor records a baseline silently.\n' +
        'Reads the whole log (full mode\'s local copy) whatever the configured mode.\n' +
        'Exit 0 nothing needing attention, 1 an event at or above --fail-on (or the log failed verification),\n' +
        '2 usage or configuration, 3 the log unavailable.')
        .argument('<vendor...>', 'the vendors (namespaces) to watch, e.g. acme for acme/*')
        .option('--since <index>', 'report from this log index (instead of the baseline), then move the baseline')
        .option('--follow', 'keep watching: poll the log until SIGINT or SIGTERM')
        .option('--interval <seconds>', 'with --follow, seconds between polls', '60')
        .option('--expect-keys <ids>', "your own key IDs (comma-separated, repeatable): a statement signed by any other vendor key is critical", collect, undefined)
        .addOption(new Option('--fail-on <severity>', 'the lowest severity that makes the exit code 1').choices(['info', 'warning', 'critical']).default('warning'))
        .addOption(new Option('--config <file>', 'the trust configuration (default: ./signet.json, else extra.signet in composer.json, over your user config)'))
        .addOption(new Option('--project <dir>', 'the folder holding the configuration').default('.'))
        .option('--json', 'print one JSON object per run (with --follow: one line per batch of new events)')
        .action(async (vendors, flags) => {
        process.exitCode = await runMonitor(vendors, flags);
    });
}
async function runMonitor(vendors, flags) {
    const [{ Monitor, severityRank }, { SignetError }, { resolve }, { progressReporter }, { exitCodeFor }] = await Promise.all([
        import('../../client/monitor.js'),
        import('../../errors.js'),
        import('node:path'),
        import('../progress.js'),
        import('../exit.js'),
    ]);
    const intervalS = Number(flags.interval);
    if (!(Number.isFinite(intervalS) && intervalS > 0 && intervalS <= 86400)) {
        throw new SignetError('USAGE', '--interval must be a number of seconds, more than 0 and at most 86400', { got: flags.interval });
    }
    let since;
    if (flags.since !== undefined) {
        if (!/^\d+$/.test(flags.since))
            throw new SignetError('USAGE', '--since must be a log index (an integer ≥ 0)', { got: flags.since });
        since = Number(flags.since);
    }
    const json = flags.json === true;
    const bar = progressReporter('syncing the log', 'entries', !json && process.stderr.isTTY === true);
    const monitor = await Monitor.open({
        projectDir: resolve(flags.project ?? '.'),
        ...(flags.config === undefined ? {} : { configFile: flags.config }),
        vendors: [...new Set(vendors.map((v) => v.toLowerCase()))],
        ...(since === undefined ? {} : { since }),
        ...(flags.expectKeys === undefined ? {} : { expectKeys: flags.expectKeys }),
        onProgress: (done, total) => bar.update(done, total),
    });
    const attention = (events) => events.some((e) => severityRank(e.severity) >= severityRank(flags.failOn));
    /** Prints, waits until the text is handed to the OS, and only then moves the baselines: no alert is lost or repeated. */
    const report = async (poll, first) => {
        const ok = !attention(poll.events);
        const text = json
            ? JSON.stringify({ ok, origin: poll.origin, size: poll.size, root: poll.root, vendors: monitor.vendors, events: poll.events, baseline: poll.baselines, notes: poll.notes }) + '\n'
            : human(poll, first, flags.failOn, severityRank);
        if (text !== '')
            await new Promise((res, rej) => process.stdout.write(text, (e) => (e ? rej(e) : res())));
        await monitor.commit(poll);
    };
    try {
        if (!flags.follow) {
            const poll = await monitor.poll().finally(() => bar.done());
            await report(poll, true);
            return attention(poll.events) ? 1 : 0;
        }
        // --follow: the first poll as a one-shot run, then a report per batch of new events.
        let stop = false;
        let wake = () => undefined;
        const onSignal = () => {
            if (stop)
                process.exit(130); // a second signal: stop now
            stop = true;
            wake();
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
        let worst = 0;
        let first = true;
        try {
            while (!stop) {
                try {
                    const poll = await monitor.poll();
                    bar.done();
                    if (first || poll.events.length > 0)
                        await report(poll, first);
                    else
                        await monitor.commit(poll);
                    if (first && !json)
                        process.stderr.write(`watching ${monitor.vendors.join(', ')} in ${poll.origin}: a poll every ${intervalS} s; Ctrl-C to stop\n`);
                    first = false;
                    if (attention(poll.events))
                        worst = 1;
                }
                catch (e) {
                    // Unreachable: say so and try again at the next poll. Anything else (a fork, a rollback, bad config) stops.
                    if (!(e instanceof SignetError && e.kind === 'unavailable'))
                        throw e;
                    const line = json ? JSON.stringify({ ok: false, retrying: true, error: e.toJSON() }) + '\n' : `signet monitor: ${e.code}: ${e.message} (trying again in ${intervalS} s)\n`;
                    (json ? process.stdout : process.stderr).write(line);
                }
                if (stop)
                    break;
                await new Promise((res) => {
                    const t = setTimeout(res, intervalS * 1000);
                    wake = () => {
                        clearTimeout(t);
                        res();
                    };
                });
            }
        }
        catch (e) {
            if (!json)
                throw e;
            // One JSON line, as every other output of --follow --json.
            process.stdout.write(JSON.stringify({ ok: false, error: e instanceof SignetError ? e.toJSON() : { code: 'INTERNAL', message: String(e) } }) + '\n');
            return exitCodeFor(e);
        }
        finally {
            process.off('SIGINT', onSignal);
            process.off('SIGTERM', onSignal);
        }
        return worst;
    }
    finally {
        bar.done();
        monitor.close();
    }
}
function kindLabel(e) {
    return e.breakGlass !== undefined ? `BREAK-GLASS ${e.kind}` : e.kind;
}
/** A table of the events, the loud lines for break-glass actions and unexpected signers, then the notes (e.g. the silent first run). */
function human(poll, first, failOn, severityRank) {
    const lines = [];
    if (poll.events.length > 0) {
        const idx = Math.max(5, ...poll.events.map((e) => String(e.index).length + 1));
        const ven = Math.max(6, ...poll.events.map((e) => e.vendor.length));
        const kind = Math.max(4, ...poll.events.map((e) => kindLabel(e).length));
        lines.push(`${'INDEX'.padEnd(idx)}  ${'SEVERITY'.padEnd(8)}  ${'VENDOR'.padEnd(ven)}  ${'KIND'.padEnd(kind)}  ${'TIME'.padEnd(24)}  WHAT`);
        for (const e of poll.events) {
            lines.push(`${('#' + e.index).padEnd(idx)}  ${e.severity.toUpperCase().padEnd(8)}  ${e.vendor.padEnd(ven)}  ${kindLabel(e).padEnd(kind)}  ${e.time.padEnd(24)}  ${e.summary}`);
        }
        const glass = poll.events.filter((e) => e.breakGlass !== undefined);
        for (const e of glass) {
            lines.push('', `!!! BREAK-GLASS at #${e.index}: the core key acted on ${e.vendor}'s keys (${e.kind}). Reason given: ${JSON.stringify(e.breakGlass.reason)}.`);
            lines.push(`!!! If ${e.vendor} did not ask for this, its namespace may have been taken over: tell the registry and your users now.`);
        }
        const unexpected = poll.events.filter((e) => e.unexpectedKeyIds !== undefined);
        for (const e of unexpected)
            lines.push('', `!!! #${e.index} (${e.kind}${e.package ? ` ${e.package} ${e.version}` : ''}) is signed by ${e.unexpectedKeyIds.join(', ')}, not one of the expected keys: a statement you may not have made.`);
        const counts = new Map();
        for (const e of poll.events)
            counts.set(e.severity, (counts.get(e.severity) ?? 0) + 1);
        const by = ['critical', 'warning', 'info'].filter((s) => counts.has(s)).map((s) => `${counts.get(s)} ${s}`);
        const act = poll.events.some((e) => severityRank(e.severity) >= severityRank(failOn));
        lines.push('', `${poll.events.length} new ${poll.events.length === 1 ? 'entry' : 'entries'} (${by.join(', ')}) in ${poll.origin} up to size ${poll.size}${act ? `: ${failOn} or worse, look at ${poll.events.length === 1 ? 'it' : 'them'}` : ''}.`);
    }
    else if (first) {
        const watched = Object.entries(poll.baselines)
            .filter(([, b]) => !b.silent)
            .map(([v]) => v);
        if (watched.length > 0)
            lines.push(`Nothing new for ${watched.join(', ')} in ${poll.origin} up to size ${poll.size}.`);
    }
    for (const n of poll.notes)
        lines.push(`note: ${n}`);
    return lines.length === 0 ? '' : lines.join('\n') + '\n';
}
//# sourceMappingURL=monitor.js.map