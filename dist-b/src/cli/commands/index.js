import { registerTlog } from './tlog.js';
import { registerKeygen } from './keygen.js';
import { registerLog, registerServe } from './log.js';
import { registerRegistry } from './registry.js';
import { registerVendor } from './vendor.js';
import { registerRelease } from './release.js';
import { registerVerifierConfig } from './verifier-config.js';
import { registerVerify } from './verify.js';
import { registerWitness } from './witness.js';
import { registerMirror } from './mirror.js';
import { registerBreakGlass } from './breakglass.js';
import { registerMonitor } from './monitor.js';
/**
 * Every command registers itself here. Command modules keep their heavy imports inside the action
 * (dynamic import) so that `signet <cmd>` loads only what that command needs.
 */
export function registerCommands(program) {
    registerKeygen(program);
    registerTlog(program);
    registerLog(program);
    registerServe(program);
    registerRegistry(program);
    registerVendor(program);
    registerRelease(program);
    registerVerifierConfig(program);
    registerVerify(program);
    registerWitness(program);
    registerMirror(program);
    registerBreakGlass(program);
    registerMonitor(program);
}
//# sourceMappingURL=index.js.map