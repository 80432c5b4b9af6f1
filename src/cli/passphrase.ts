/**
 * Where a secret key's passphrase comes from, in order: --passphrase-file, the key's own variable
 * SIGNET_PASSPHRASE_<KEY ID PREFIX> (keyPassphraseEnv), the SIGNET_PASSPHRASE environment variable,
 * then an interactive prompt on the terminal with echo off. The passphrase is
 * never printed or logged.
 */
import { readFile, stat } from 'node:fs/promises';
import { SignetError } from '../errors.js';

export interface PassphraseOptions {
  passphraseFile?: string;
  /** The key's ID (hex), when an existing key is unlocked: SIGNET_PASSPHRASE_<its first 16 hex, upper case> is tried first. */
  keyId?: string;
  /** Ask twice at the prompt (when creating a key). Files and the environment are not confirmed. */
  confirm?: boolean;
  /** What the passphrase is for, shown in the prompt: "the new key", "key 3f2a…". */
  purpose: string;
}

export const PASSPHRASE_ENV = 'SIGNET_PASSPHRASE';

const HINT =
  'give the passphrase with --passphrase-file FILE (first line of the file), the SIGNET_PASSPHRASE environment variable (SIGNET_PASSPHRASE_<first 16 hex of the key ID> for one key), or run in a terminal to be prompted';

function empty(source: string): SignetError {
  return new SignetError('PASSPHRASE_UNAVAILABLE', `the passphrase from ${source} is empty`, {
    expected: 'a non-empty passphrase',
    got: 'an empty passphrase',
    hint: HINT,
  });
}

async function fromFile(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new SignetError('PASSPHRASE_UNAVAILABLE', `cannot read the passphrase file ${path}`, {
      expected: 'a readable file whose first line is the passphrase',
      got: e instanceof Error ? e.message : String(e),
      hint: HINT,
      cause: e,
    });
  }
  if (process.platform !== 'win32') {
    try {
      const st = await stat(path);
      if ((st.mode & 0o077) !== 0) {
        process.stderr.write(
          `signet: warning: the passphrase file ${path} can be read by other users (mode ${(st.mode & 0o777).toString(8)}); run chmod 600 on it\n`,
        );
      }
    } catch {
      // The file was readable a moment ago; a failed stat only loses the warning.
    }
  }
  const nl = text.indexOf('\n');
  let line = nl < 0 ? text : text.slice(0, nl);
  if (line.endsWith('\r')) line = line.slice(0, -1);
  if (line === '') throw empty(`the file ${path}`);
  return line;
}

/** Input typed (or pasted) past the end of one prompt's line, kept for the next prompt. */
let pending = '';

/** Reads one line from the TTY with echo off. Ctrl-C or Ctrl-D on an empty line cancels. */
function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise<string>((resolve, reject) => {
    const wasRaw = stdin.isRaw;
    // Echo off before the prompt shows: what is typed (or pasted) as soon as it appears is never echoed.
    stdin.setRawMode(true);
    process.stderr.write(prompt);
    stdin.resume();
    let buf = '';
    const done = (err: SignetError | null): void => {
      stdin.removeListener('data', onData);
      stdin.setRawMode(wasRaw);
      stdin.pause();
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(buf);
    };
    const onText = (text: string): boolean => {
      const chars = [...text];
      for (let i = 0; i < chars.length; i++) {
        const ch = chars[i]!;
        if (ch === '\r' || ch === '\n') {
          // A pasted "secret\r\n": the \n belongs to this line, not to the next prompt.
          const rest = chars.slice(ch === '\r' && chars[i + 1] === '\n' ? i + 2 : i + 1).join('');
          pending = rest;
          done(null);
          return true;
        }
        if (ch === '\u0003' || (ch === '\u0004' && buf === '')) {
          pending = '';
          done(
            new SignetError('PASSPHRASE_UNAVAILABLE', 'passphrase entry was cancelled', {
              expected: 'a passphrase followed by Enter',
              got: ch === '\u0003' ? 'Ctrl-C' : 'Ctrl-D',
              hint: HINT,
            }),
          );
          return true;
        }
        if (ch === '\u007f' || ch === '\b') {
          buf = [...buf].slice(0, -1).join('');
          continue;
        }
        if (ch === '\u0015') {
          buf = ''; // Ctrl-U clears the line
          continue;
        }
        if (ch < ' ') continue;
        buf += ch;
      }
      return false;
    };
    const onData = (chunk: Buffer): void => {
      onText(chunk.toString('utf8'));
    };
    const early = pending;
    pending = '';
    if (early !== '' && onText(early)) return;
    stdin.on('data', onData);
  });
}

/**
 * The environment variable holding one key's passphrase: SIGNET_PASSPHRASE_ and the first 16 hex digits of
 * its key ID in upper case (what `signet keygen` and `signet key list` print), so an unattended run can
 * unlock several keys that have different passphrases.
 */
export function keyPassphraseEnv(keyId: string): string {
  return `${PASSPHRASE_ENV}_${keyId.slice(0, 16).toUpperCase()}`;
}

/** Where readPassphrase takes the passphrase from, in its order: the file, a variable, or the prompt. */
type Source = { readonly file: string } | { readonly variable: string } | { readonly prompt: true };

function sourceOf(opts: Pick<PassphraseOptions, 'passphraseFile' | 'keyId'>): Source {
  if (opts.passphraseFile !== undefined) return { file: opts.passphraseFile };
  if (opts.keyId !== undefined && process.env[keyPassphraseEnv(opts.keyId)] !== undefined) return { variable: keyPassphraseEnv(opts.keyId) };
  if (process.env[PASSPHRASE_ENV] !== undefined) return { variable: PASSPHRASE_ENV };
  return { prompt: true };
}

/** Where readPassphrase takes the passphrase from for `opts`, in words (for an error about it). */
export function passphraseSource(opts: Pick<PassphraseOptions, 'passphraseFile' | 'keyId'>): string {
  const s = sourceOf(opts);
  return 'file' in s ? `--passphrase-file ${s.file}` : 'variable' in s ? `the ${s.variable} variable` : 'the prompt';
}

export async function readPassphrase(opts: PassphraseOptions): Promise<string> {
  const source = sourceOf(opts);
  if ('file' in source) return fromFile(source.file);
  if ('variable' in source) {
    const value = process.env[source.variable]!;
    if (value === '') throw empty(`the ${source.variable} environment variable`);
    return value;
  }
  if (!process.stdin.isTTY || typeof process.stdin.setRawMode !== 'function') {
    throw new SignetError('PASSPHRASE_UNAVAILABLE', `a passphrase is needed for ${opts.purpose}, and there is no terminal to ask for it`, {
      expected: 'a passphrase file, the SIGNET_PASSPHRASE variable, or an interactive terminal',
      got: 'none of them (standard input is not a terminal)',
      hint: HINT,
    });
  }
  const first = await promptHidden(`Passphrase for ${opts.purpose}: `);
  if (first === '') throw empty('the prompt');
  if (opts.confirm) {
    const again = await promptHidden('Repeat the passphrase: ');
    if (again !== first) {
      throw new SignetError('PASSPHRASE_UNAVAILABLE', 'the two passphrases differ', {
        expected: 'the same passphrase twice',
        got: 'two different entries',
        hint: 'run the command again and type the same passphrase twice',
      });
    }
  }
  return first;
}
