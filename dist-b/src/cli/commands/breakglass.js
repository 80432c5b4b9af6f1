/**
 * `signet break-glass`: the core key holder's emergency actions on a vendor's keys (a vendor who lost
 * every key gets a new one). Each is a statement marked breakGlass with a public reason, signed by the
 * core key alone and submitted straight to the log: it is logged like everything else, monitors flag it,
 * and every verifier decides by its own policy whether to accept it (docs/VERIFY.md).
 */
import { Option } from 'commander';
import { SignetError } from '../../errors.js';
async function submit(flags, payloadType, statement, what) {
    const [{ loadSigningKey }, ledger, { LogClient }] = await Promise.all([import('../signing-key.js'), import('../../ledger/index.js'), import('../../client/log-client.js')]);
    const core = await loadSigningKey(flags.coreKey, flags.passphraseFile);
    const entry = ledger.signStatement(payloadType, statement, [ledger.keySigner(core)]);
    const log = new LogClient(flags.log, flags.logKey);
    const inc = await log.submit(entry);
    const out = { ok: true, breakGlass: true, vendor: flags.vendor, action: what, reason: flags.reason, index: inc.index, size: inc.size, checkpoint: inc.checkpoint };
    process.stdout.write(flags.json
        ? JSON.stringify(out) + '\n'
        : `BREAK-GLASS: ${what} for vendor ${flags.vendor} is in the log at index ${inc.index} (size ${inc.size}).\n` +
            `  reason: ${flags.reason}\n` +
            '  It is public: monitors of this vendor flag it, and verifiers accept it only if their policy does.\n');
}
async function currentSeq(registry, vendor) {
    const { RegistryClient } = await import('../../client/registry-client.js');
    const v = (await new RegistryClient(registry.replace(/\/+$/, '')).get(`/api/vendors/${encodeURIComponent(vendor)}`));
    if (typeof v.seq !== 'number')
        throw new SignetError('FETCH_FAILED', `the registry did not give the key-change sequence number of ${vendor}`);
    return v.seq;
}
function common(c) {
    return c
        .requiredOption('--vendor <vendor>', 'the vendor')
        .requiredOption('--core-key <file>', 'the core key (an encrypted key file, kept offline)')
        .requiredOption('--reason <text>', 'why (public, in the log; say how the vendor confirmed it)')
        .requiredOption('--log <url>', "the log's URL")
        .requiredOption('--log-key <vkey>', "the log's verifier key (the answer is verified under it)")
        .requiredOption('--registry <url>', "a registry following the log (for the vendor's current key-change sequence number)")
        .option('--passphrase-file <file>', 'read key passphrases from this file')
        .option('--json', 'print the result as JSON');
}
export function registerBreakGlass(program) {
    const bg = program
        .command('break-glass')
        .description("The core key's emergency actions on a vendor's keys: public, logged, flagged by monitors, and refusable by every verifier");
    common(bg
        .command('key-add <newkey>')
        .description("Give a vendor who lost every key a new one. NEWKEY is the new key's encrypted key file (given to the vendor afterwards).")
        .addOption(new Option('--role <role>', "the new key's role").choices(['full', 'release']).default('full'))).action(async (newKeyFile, flags) => {
        const [{ loadSigningKey }, ledger, { signetKey }] = await Promise.all([import('../signing-key.js'), import('../../ledger/index.js'), import('../../crypto/keys.js')]);
        const newKey = await loadSigningKey(newKeyFile, flags.passphraseFile);
        const seq = await currentSeq(flags.registry, flags.vendor);
        const stmt = ledger.buildKeyAdd({ vendor: flags.vendor, key: signetKey(newKey.publicKey, flags.role), seq, breakGlass: { reason: flags.reason } });
        await submit(flags, ledger.PAYLOAD_TYPES['key-add'], stmt, `key ${signetKey(newKey.publicKey, flags.role).id} added`);
    });
    common(bg.command('key-revoke <keyid>').description("Revoke a vendor's key (e.g. a stolen one) with the core key")).action(async (keyId, flags) => {
        const ledger = await import('../../ledger/index.js');
        const seq = await currentSeq(flags.registry, flags.vendor);
        const stmt = ledger.buildKeyRevoke({ vendor: flags.vendor, keyId, reason: flags.reason, seq, breakGlass: { reason: flags.reason } });
        await submit(flags, ledger.PAYLOAD_TYPES['key-revoke'], stmt, `key ${keyId} revoked`);
    });
}
//# sourceMappingURL=breakglass.js.map