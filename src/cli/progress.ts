/**
 * Progress on stderr for long work: a line that rewrites itself on a terminal, or a line every few
 * seconds otherwise. Nothing is printed for work that finishes within the first second.
 */
export interface Progress {
  update: (done: number, total: number) => void;
  done: () => void;
}

export function progressReporter(label: string, unit: string, enabled: boolean): Progress {
  const tty = process.stderr.isTTY === true;
  const started = Date.now();
  let lastPrint = started;
  let printed = false;
  let finished = false;
  const interval = tty ? 250 : 5000;
  return {
    update(done: number, total: number): void {
      if (!enabled || finished) return;
      const now = Date.now();
      if (now - started < 1000 || now - lastPrint < interval) return;
      lastPrint = now;
      const rate = done / ((now - started) / 1000);
      const pct = total > 0 ? ((100 * done) / total).toFixed(1) : '100';
      const line = `${label}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} ${unit} (${pct}%), ${Math.round(rate).toLocaleString('en')} ${unit}/s`;
      process.stderr.write(tty ? `\r\x1b[2K${line}` : line + '\n');
      printed = true;
    },
    done(): void {
      if (finished) return;
      finished = true;
      // On a terminal the progress line is wiped: the result that follows says it all.
      if (printed && tty) process.stderr.write('\r\x1b[2K');
    },
  };
}
