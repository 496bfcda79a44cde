import { chmodSync, existsSync, statSync } from 'node:fs';

/**
 * The data directory holds the engine's files and the admin and viewer tokens, so it is owner-only
 * (0700). The engine's connection makes a new one so; one made earlier by hand, by a package or by
 * an older version (often 0755) is tightened here at start. Returns the mode it had when it was
 * looser, for the log. A directory the collector may not change stops the start (fail closed).
 * Windows has no such mode bits: its directories keep their ACLs.
 */
export function tightenDataDir(dir: string): string | undefined {
  if (process.platform === 'win32' || !existsSync(dir)) return undefined;
  const mode = statSync(dir).mode & 0o777;
  if ((mode & 0o077) === 0) return undefined;
  try {
    chmodSync(dir, 0o700);
  } catch (error) {
    throw new Error(`the data directory ${dir} is open to other users (mode ${mode.toString(8).padStart(4, '0')}) and could not be made owner-only: ${String(error)}`);
  }
  return mode.toString(8).padStart(4, '0');
}
