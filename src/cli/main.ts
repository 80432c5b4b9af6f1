#!/usr/bin/env node
/**
 * The full `signet` command line: every command. The installed executable is dist/signet.cjs (loader.ts,
 * which loads bin.ts bundled), which hands every command but the verifier's to this module.
 */
import { registerCommands } from './commands/index.js';
import { start } from './program.js';

start(registerCommands);
