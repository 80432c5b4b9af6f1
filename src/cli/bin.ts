#!/usr/bin/env node
/**
 * The `signet` executable. The verification commands (what the Composer plugin runs before every
 * install) must start fast, so `npm run build` bundles this file with everything they use into ONE
 * CommonJS file, dist/signet.bundle.cjs (scripts/bundle.ts), which the package's bin (dist/signet.cjs,
 * loader.ts) loads: no module resolution at start-up, and no server code (the log, the registry, the
 * witness, fastify) in it at all. Those commands run from the bundle with a program that registers only
 * them; every other command is handed to the full CLI (main.ts, the plain compiled modules), loaded only
 * then.
 */
import { VERIFIER_COMMANDS } from './verifier-commands.js';

const command = process.argv[2];
if (command !== undefined && VERIFIER_COMMANDS.includes(command)) {
  void Promise.all([import('./program.js'), import('./commands/verify.js')]).then(([{ start }, { registerVerify }]) => start(registerVerify));
} else {
  void import('./main.js');
}
