import { Option } from 'commander';
import { SignetError } from '../../errors.js';
export const DEFAULT_KEY_FILE = 'signet.key';
export function registerKeygen(program) {
    program
        .command('keygen')
        .summary('create a new Ed25519 signing key, encrypted with a passphrase')
        .description('Create a new Ed25519 signing key and write it, encrypted with a passphrase (scrypt + AES-256-GCM, ' +
        'see docs/KEYFILE.md), to a file readable only by you (mode 0600). Prints the key ID and public key.\n\n' +
        'The passphrase is taken from --passphrase-file, else the SIGNET_PASSPHRASE environment variable, ' +
        'else asked twice on the terminal. Keep a backup of the key file and the passphrase: a lost key ' +
        'cannot be recovered, only revoked.')
        .option('-o, --out <file>', 'where to write the encrypted key', `./${DEFAULT_KEY_FILE}`)
        .option('--passphrase-file <file>', 'read the passphrase from the first line of this file')
        .addOption(new Option('--role <role>', 'role to show in the printed Signet key JSON').choices(['full', 'release']).default('full'))
        .option('--json', 'print the result as JSON (includes the Signet key object)')
        .option('--force', 'overwrite an existing key file (the old key is lost)')
        .action(async (opts) => {
        await runKeygen(opts);
    });
}
async function runKeygen(opts) {
    const [{ Ed25519PrivateKey }, { encryptKeyFile }, { signetKey }, { readPassphrase }, { writeFileAtomic }, path] = await Promise.all([
        import('../../crypto/ed25519.js'),
        import('../../crypto/keyfile.js'),
        import('../../crypto/keys.js'),
        import('../passphrase.js'),
        import('../../client/atomic-write.js'),
        import('node:path'),
    ]);
    const out = path.resolve(opts.out);
    const fs = await import('node:fs/promises');
    if (!opts.force) {
        const exists = await fs.lstat(out).then(() => true, () => false);
        if (exists)
            throw keyfileExists(out);
    }
    const passphrase = await readPassphrase({ passphraseFile: opts.passphraseFile, confirm: true, purpose: 'the new key' });
    const key = Ed25519PrivateKey.generate();
    const text = encryptKeyFile(key, passphrase);
    const written = await writeFileAtomic(out, text, { mode: 0o600, overwrite: opts.force === true });
    if (!written)
        throw keyfileExists(out);
    const k = signetKey(key.publicKey, opts.role);
    if (opts.json) {
        process.stdout.write(JSON.stringify({ ok: true, file: out, keyId: k.id, publicKey: k.public, key: k }, null, 2) + '\n');
    }
    else {
        process.stdout.write(`Wrote the encrypted secret key to ${out}\n` +
            `Key ID:     ${k.id}\n` +
            `Public key: ${k.public}\n` +
            'Back up this file and its passphrase; they cannot be recovered.\n');
    }
}
function keyfileExists(path) {
    return new SignetError('KEYFILE_EXISTS', `refusing to overwrite the existing file ${path}`, {
        expected: 'a path where no file exists',
        got: 'an existing file',
        hint: 'choose another path with --out, or pass --force to replace it (the key in it will be lost)',
    });
}
//# sourceMappingURL=keygen.js.map