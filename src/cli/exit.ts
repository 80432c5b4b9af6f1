import { SignetError, isSignetError } from '../errors.js';

/** Exit codes, documented in the README: scripts and CI rely on them. */
export const EXIT = {
  OK: 0,
  /** A verification failed: the data is not what it claims to be. */
  VERIFICATION_FAILED: 1,
  /** Bad usage or configuration: a flag, a missing file, a wrong passphrase. */
  USAGE: 2,
  /** A service or file we depend on was unavailable; retrying may help. */
  UNAVAILABLE: 3,
  /** The output pipe was closed before everything was written (`signet ... | head`), as SIGPIPE would. */
  BROKEN_PIPE: 141,
} as const;

export function exitCodeFor(e: unknown): number {
  if (!isSignetError(e)) return EXIT.USAGE;
  switch (e.kind) {
    case 'verification':
    case 'format':
      return EXIT.VERIFICATION_FAILED;
    case 'unavailable':
      return EXIT.UNAVAILABLE;
    case 'usage':
      return EXIT.USAGE;
  }
}

/** Prints an error for a person (stderr) or as one JSON object (stdout) and returns the exit code. */
export function reportError(e: unknown, json: boolean): number {
  const code = exitCodeFor(e);
  if (json) {
    const body = isSignetError(e)
      ? e.toJSON()
      : { code: 'INTERNAL', kind: 'usage', message: e instanceof Error ? e.message : String(e) };
    process.stdout.write(JSON.stringify({ ok: false, error: body }, null, 2) + '\n');
    return code;
  }
  if (e instanceof SignetError) {
    const d = e.details;
    const lines = [`signet: error ${e.code}: ${e.message}`];
    if (d.attack) lines.push(`  attack caught: ${d.attack}`);
    if (d.expected !== undefined) lines.push(`  expected: ${d.expected}`);
    if (d.got !== undefined) lines.push(`  got:      ${d.got}`);
    if (d.evidence) {
      for (const [k, v] of Object.entries(d.evidence)) {
        const s = typeof v === 'string' ? v : JSON.stringify(v);
        lines.push(`  ${k}: ${s.includes('\n') ? '\n    ' + s.replace(/\n/g, '\n    ') : s}`);
      }
    }
    if (d.hint) lines.push(`  what to do: ${d.hint}`);
    process.stderr.write(lines.join('\n') + '\n');
  } else {
    process.stderr.write(`signet: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  }
  return code;
}
