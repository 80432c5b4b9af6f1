export function progressReporter(label, unit, enabled) {
    const tty = process.stderr.isTTY === true;
    const started = Date.now();
    let lastPrint = started;
    let printed = false;
    let finished = false;
    const interval = tty ? 250 : 5000;
    return {
        update(done, total) {
            if (!enabled || finished)
                return;
            const now = Date.now();
            if (now - started < 1000 || now - lastPrint < interval)
                return;
            lastPrint = now;
            const rate = done / ((now - started) / 1000);
            const pct = total > 0 ? ((100 * done) / total).toFixed(1) : '100';
            const line = `${label}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} ${unit} (${pct}%), ${Math.round(rate).toLocaleString('en')} ${unit}/s`;
            process.stderr.write(tty ? `\r\x1b[2K${line}` : line + '\n');
            printed = true;
        },
        done() {
            if (finished)
                return;
            finished = true;
            // On a terminal the progress line is wiped: the result that follows says it all.
            if (printed && tty)
                process.stderr.write('\r\x1b[2K');
        },
    };
}
//# sourceMappingURL=progress.js.map