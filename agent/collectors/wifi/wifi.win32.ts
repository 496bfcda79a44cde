import type { CollectContext } from '../types.js';
import { netshLocationRefusal, parseNetshInterfaces } from './parse-netsh.js';
import { type WifiRead, commandOptions } from './wifi-read.js';

// Every interface block carries its GUID in every language: proof the text is netsh's.
const GUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i;

/**
 * `netsh wlan show interfaces`. When the WLAN service is stopped or there is no adapter,
 * netsh prints one localised sentence and no interface block: that is "no Wi-Fi", not a
 * failure. Several lines of something else with exit 0 is output we cannot read. Windows 11
 * 24H2+ without location permission prints a notice instead of the details: that is Wi-Fi
 * unknown, with the reason, never "no Wi-Fi".
 */
export async function readWindowsWifi(ctx: CollectContext): Promise<WifiRead> {
  const result = await ctx.run('netsh', ['wlan', 'show', 'interfaces'], commandOptions(ctx, 15_000));
  if (result.spawnError) return { readings: [], problem: `cannot run netsh: ${result.spawnError}` };
  if (result.timedOut) return { readings: [], problem: 'netsh wlan show interfaces did not finish in time' };
  const refusal = netshLocationRefusal(`${result.stdout}\n${result.stderr}`);
  if (refusal) return { readings: [], problem: refusal };
  const readings = parseNetshInterfaces(result.stdout);
  if (readings.length > 0 || GUID.test(result.stdout)) return { readings };
  const lines = result.stdout.split(/\r?\n/).filter((l) => l.trim() !== '').length;
  if (result.exitCode === 0 && lines > 3) return { readings: [], problem: 'unreadable `netsh wlan show interfaces` output' };
  return { readings: [] };
}
