export interface PingPlan {
  command: string;
  args: string[];
  /** How long the whole run may take before the runner kills it. */
  timeoutMs: number;
}

/**
 * The runner's timeout is only a hang guard. ping stops by itself (its own deadline, or count × the
 * reply wait) and prints the summary the parser needs; a guard just above that, as before, killed a
 * ping that a busy machine scheduled late, so the same loss read as measured or as unknown by load.
 */
function hangGuard(longestRunMs: number): number {
  return 2 * longestRunMs + 5000;
}

/** Pure: the system ping invocation for one round, per OS. Numeric output avoids reverse DNS lookups. */
export function pingCommand(platform: NodeJS.Platform, host: string, count: number, replyTimeoutMs: number): PingPlan {
  const budget = count * (replyTimeoutMs + 250) + 2000;
  if (platform === 'win32') {
    // Replies are at least 1 s apart; each lost one costs the full -w wait.
    return { command: 'ping', args: ['-n', String(count), '-w', String(replyTimeoutMs), host], timeoutMs: hangGuard(count * (Math.max(1000, replyTimeoutMs) + 250)) };
  }
  const waitSeconds = Math.max(1, Math.ceil(replyTimeoutMs / 1000));
  if (platform === 'darwin') {
    // BSD ping: -W is per-reply wait in milliseconds; -i below 1 s needs root on older releases.
    return { command: 'ping', args: ['-n', '-c', String(count), '-W', String(replyTimeoutMs), host], timeoutMs: hangGuard(count * 1000 + replyTimeoutMs) };
  }
  // iputils: 0.2 s is the shortest interval allowed to unprivileged users.
  return {
    command: 'ping',
    args: ['-n', '-c', String(count), '-i', '0.2', '-W', String(waitSeconds), '-w', String(Math.ceil(budget / 1000)), host],
    timeoutMs: hangGuard(Math.ceil(budget / 1000) * 1000),
  };
}
