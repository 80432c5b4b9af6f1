/** The commands registerVerify (commands/verify.ts) registers: bin.ts runs them from the bundle. A test keeps the two equal. */
export const VERIFIER_COMMANDS = ['sync', 'verify', 'verify-archive', 'explain', 'bundle'];
//# sourceMappingURL=verifier-commands.js.map