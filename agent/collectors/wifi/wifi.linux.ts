import { readdir, stat } from 'node:fs/promises';
import type { CommandResult } from '../../host/runner.js';
import type { CollectContext } from '../types.js';
import { parseIwDevInterfaces, parseIwLink } from './parse-iw.js';
import { NMCLI_WIFI_FIELDS, type NmcliWifiRow, parseNmcliWifiList, readingFromNmcliRow } from './parse-nmcli.js';
import { type WifiReading, networkManagerPercentToDbm } from './radio-facts.js';
import { type WifiRead, commandOptions } from './wifi-read.js';

/** Names of interfaces the kernel calls wireless; undefined when sysfs cannot be read. */
export type WirelessInterfaceLister = () => Promise<string[] | undefined>;

export const sysfsWirelessInterfaces: WirelessInterfaceLister = async () => {
  try {
    const names = await readdir('/sys/class/net');
    const checks = await Promise.all(names.map(async (n) => (await isDirectory(`/sys/class/net/${n}/wireless`)) || (await isDirectory(`/sys/class/net/${n}/phy80211`))));
    return names.filter((_, i) => checks[i]);
  } catch {
    return undefined;
  }
};

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isDirectory(), () => false);
}

/** nmcli before 1.12 rejects `--rescan`; its plain `list` shows the cached scan anyway. */
async function runNmcli(ctx: CollectContext): Promise<CommandResult> {
  const args = ['-t', '-f', NMCLI_WIFI_FIELDS.join(','), 'dev', 'wifi', 'list'];
  const first = await ctx.run('nmcli', [...args, '--rescan', 'no'], commandOptions(ctx, 10_000));
  if (first.spawnError || first.exitCode === 0 || !/rescan/i.test(first.stderr)) return first;
  return ctx.run('nmcli', args, commandOptions(ctx, 10_000));
}

/**
 * iw gives the link as the driver sees it (signal in dBm, tx rate and PHY); nmcli adds the
 * security mode, which iw's link output lacks. Without iw, nmcli alone gives an estimate.
 */
export async function readLinuxWifi(ctx: CollectContext, listWireless: WirelessInterfaceLister): Promise<WifiRead> {
  const wireless = await listWireless();
  // No wireless hardware: nothing to measure, and nothing worth running commands for.
  if (wireless !== undefined && wireless.length === 0) return { readings: [] };

  const iwDev = await ctx.run('iw', ['dev'], commandOptions(ctx, 10_000));
  if (iwDev.spawnError) return readFromNmcliOnly(ctx, wireless);
  if (iwDev.exitCode !== 0) {
    // "nl80211 not found": the kernel has no cfg80211, so there is no usable Wi-Fi.
    if (/nl80211 not found/i.test(iwDev.stderr)) return { readings: [] };
    return { readings: [], problem: `iw dev failed (exit ${iwDev.exitCode ?? 'signal'}): ${iwDev.stderr.trim().slice(0, 200)}` };
  }
  const interfaces = parseIwDevInterfaces(iwDev.stdout);
  if (interfaces.length === 0) {
    return iwDev.stdout.trim() === '' || /^phy#\d+/m.test(iwDev.stdout) ? { readings: [] } : { readings: [], problem: 'unreadable `iw dev` output' };
  }

  const readings: WifiReading[] = [];
  const problems: string[] = [];
  for (const name of interfaces) {
    const link = await ctx.run('iw', ['dev', name, 'link'], commandOptions(ctx, 10_000));
    if (link.spawnError || link.timedOut) problems.push(`iw dev ${name} link did not run: ${link.spawnError ?? 'timed out'}`);
    const reading = parseIwLink(link.stdout, name);
    if (reading) readings.push(reading);
    else if (link.exitCode === 0 && !/not connected/i.test(link.stdout)) problems.push(`unreadable \`iw dev ${name} link\` output`);
  }
  if (readings.length > 0) {
    const nmcli = await runNmcli(ctx);
    // Security is an extra: without NetworkManager it stays unknown, which is not a failure.
    if (!nmcli.spawnError && nmcli.exitCode === 0) addNmcliDetails(readings, parseNmcliWifiList(nmcli.stdout));
  }
  return problems.length > 0 ? { readings, problem: problems.join('; ') } : { readings };
}

/** Pure: the scan row of the access point each reading is associated with supplies its security. */
export function addNmcliDetails(readings: WifiReading[], rows: readonly NmcliWifiRow[]): void {
  const active = rows.filter((r) => r.active);
  for (const reading of readings) {
    const row =
      active.find((r) => r.bssid !== undefined && r.bssid === reading.bssid) ??
      active.find((r) => r.device !== undefined && r.device === reading.interface) ??
      (active.length === 1 && readings.length === 1 ? active[0] : undefined);
    if (!row) continue;
    if (row.security) reading.security = row.security;
    if (reading.signal_dbm === undefined && row.signalPercent !== undefined) {
      reading.signal_dbm = networkManagerPercentToDbm(row.signalPercent);
      reading.signal_estimated = true;
    }
  }
}

async function readFromNmcliOnly(ctx: CollectContext, wireless: string[] | undefined): Promise<WifiRead> {
  const nmcli = await runNmcli(ctx);
  if (nmcli.spawnError) {
    // Wireless hardware but neither tool: say so, or the gap would look like "no Wi-Fi".
    return wireless === undefined ? { readings: [] } : { readings: [], problem: `neither iw nor nmcli is installed; cannot read Wi-Fi on ${wireless.join(', ')}` };
  }
  if (nmcli.exitCode !== 0) return { readings: [], problem: `nmcli failed (exit ${nmcli.exitCode ?? 'signal'}): ${nmcli.stderr.trim().slice(0, 200)}` };
  return { readings: parseNmcliWifiList(nmcli.stdout).filter((r) => r.active).map(readingFromNmcliRow) };
}
