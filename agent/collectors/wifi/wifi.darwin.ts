import type { CollectContext } from '../types.js';
import { UnreadableProfilerOutput, parseSystemProfilerAirport } from './parse-system-profiler.js';
import { type WifiRead, commandOptions } from './wifi-read.js';

/**
 * `system_profiler SPAirPortDataType -json`: slow (several seconds) but present on every
 * macOS release since 10.15 with -json, and unlike the removed `airport -I` still supported.
 * On 14.4+ the SSID comes back "<redacted>" without Location Services permission: it is
 * then omitted from the sample, the radio measurements are unaffected.
 */
export async function readMacWifi(ctx: CollectContext): Promise<WifiRead> {
  const result = await ctx.run('system_profiler', ['SPAirPortDataType', '-json'], commandOptions(ctx, 60_000));
  if (result.spawnError) return { readings: [], problem: `cannot run system_profiler: ${result.spawnError}` };
  if (result.timedOut) return { readings: [], problem: 'system_profiler did not finish in time' };
  try {
    return { readings: parseSystemProfilerAirport(result.stdout) };
  } catch (error) {
    if (error instanceof UnreadableProfilerOutput) return { readings: [], problem: error.message };
    throw error;
  }
}
