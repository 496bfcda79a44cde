import { INVENTORY_WORKER_COMMAND } from './messages.js';

/** A program and its arguments; how the agent starts its inventory worker. */
export interface WorkerCommand {
  command: string;
  args: string[];
}

/** True inside a Node single executable (dist/sf-agent-linux-x64), where the script is built in. */
export function isSingleExecutable(): boolean {
  try {
    // node:sea arrived in Node 20.12; the executable is built with the Node it embeds, so a missing
    // module means this is not one.
    const sea = process.getBuiltinModule?.('node:sea') as { isSea?: () => boolean } | undefined;
    return sea?.isSea?.() ?? false;
  } catch {
    return false;
  }
}

/**
 * This same program, started again as an inventory worker. Nothing extra is shipped: the bundle
 * (dist/sf-agent.mjs, or bin/sf-agent.js in front of it) and the TypeScript source under tsx are
 * re-run as `node [flags] <script> inventory-worker`; the single executable runs itself with
 * `inventory-worker` (its argv[1] is only the name it was called by). `execArgv` carries the
 * loader (`--import tsx`) and any Node flags the service was started with.
 */
export function selfWorkerCommand(
  env: { execPath: string; execArgv: readonly string[]; argv: readonly string[]; sea: boolean } = {
    execPath: process.execPath,
    execArgv: process.execArgv,
    argv: process.argv,
    sea: isSingleExecutable(),
  },
): WorkerCommand {
  if (env.sea) return { command: env.execPath, args: [INVENTORY_WORKER_COMMAND] };
  const script = env.argv[1];
  if (!script) throw new Error('cannot start the inventory worker: this process has no script path (process.argv[1])');
  return { command: env.execPath, args: [...env.execArgv, script, INVENTORY_WORKER_COMMAND] };
}
