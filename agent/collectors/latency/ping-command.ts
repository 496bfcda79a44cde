export interface PingPlan {
  command: string;
  args: string[];
  /** How long the whole run may take before the runner kills it. */
  timeoutMs: number;
}

/** Pure: the system ping invocation for one round, per OS. Numeric output avoids reverse DNS lookups. */
export function pingCommand(platform: NodeJS.Platform, host: string, count: number, replyTimeoutMs: number): PingPlan {
  const budget = count * (replyTimeoutMs + 250) + 2000;
  if (platform === 'win32') {
    return { command: 'ping', args: ['-n', String(count), '-w', String(replyTimeoutMs), host], timeoutMs: budget };
  }
  const waitSeconds = Math.max(1, Math.ceil(replyTimeoutMs / 1000));
  if (platform === 'darwin') {
    // BSD ping: -W is per-reply wait in milliseconds; -i below 1 s needs root on older releases.
    return { command: 'ping', args: ['-n', '-c', String(count), '-W', String(replyTimeoutMs), host], timeoutMs: budget + count * 1000 };
  }
  // iputils: 0.2 s is the shortest interval allowed to unprivileged users.
  return {
    command: 'ping',
    args: ['-n', '-c', String(count), '-i', '0.2', '-W', String(waitSeconds), '-w', String(Math.ceil(budget / 1000)), host],
    timeoutMs: budget + 1000,
  };
}
