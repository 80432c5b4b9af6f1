import type { Command } from 'commander';

/**
 * Every command registers itself here. Command modules keep their heavy imports inside the action
 * (dynamic import) so that `signet <cmd>` loads only what that command needs.
 */
export function registerCommands(program: Command): void {
  void program;
}
