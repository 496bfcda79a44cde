import { unknown } from '../../../protocol/index.js';
import { asRecord, asRecords, cleanText } from '../clean.js';
import type { Antimalware } from './antimalware.linux.js';
import type { DiskEncryption } from './disk.linux.js';
import { type Answer, isoInstant } from './probe.js';

/**
 * Pure: `fdesetup status` → FileVault state. Documented answers: "FileVault is On.",
 * "FileVault is Off.", "Encryption in progress: Percent completed = 42" (alone or after "On"),
 * "Decryption in progress: …", and "FileVault is Off, but will be enabled after the next restart.".
 * A volume still encrypting is not yet protected, so it reports `enabled: false`.
 */
export function parseFdesetupStatus(text: string): DiskEncryption {
  if (/Encryption in progress/i.test(text)) return { enabled: false, method: 'FileVault (encryption in progress)' };
  if (/Decryption in progress/i.test(text)) return { enabled: false, method: 'FileVault (decryption in progress)' };
  if (/FileVault is Off, but will be enabled/i.test(text)) return { enabled: false, method: 'FileVault (enabled after next restart)' };
  if (/FileVault is On\b/i.test(text)) return { enabled: true, method: 'FileVault' };
  if (/FileVault is Off\b/i.test(text)) return { enabled: false, method: 'none' };
  return unknown('fdesetup status gave an unrecognised answer');
}

/**
 * Pure: `socketfilterfw --getglobalstate` → application firewall on? "Firewall is enabled. (State = 1)",
 * "Firewall is disabled. (State = 0)", and State = 2 for "block all incoming connections".
 * Releases before macOS 10.15 print the sentence without the state number.
 */
export function parseSocketFilterState(text: string): Answer<boolean> {
  const state = text.match(/State\s*=\s*(\d)/)?.[1];
  if (state !== undefined) return state !== '0';
  if (/Firewall is (enabled|blocking)/i.test(text)) return true;
  if (/Firewall is disabled/i.test(text)) return false;
  return unknown('socketfilterfw gave an unrecognised answer');
}

/** Pure: `pfctl -s info` → packet filter on? The first line reads "Status: Enabled for 0 days …" or "Status: Disabled …". */
export function parsePfInfo(text: string): Answer<boolean> {
  const status = text.match(/^Status:\s*(Enabled|Disabled)/im)?.[1];
  return status ? status.toLowerCase() === 'enabled' : unknown('pfctl -s info printed no Status line');
}

/** Pure: an XML plist → CFBundleShortVersionString (the XProtect data version, e.g. "5272"). */
export function parsePlistVersion(text: string | undefined): string | undefined {
  const match = text?.match(/<key>CFBundleShortVersionString<\/key>\s*<string>([^<]*)<\/string>/);
  return cleanText(match?.[1], 64);
}

export interface XProtectInstall {
  version?: string;
  installedAt: string;
}

/**
 * Pure: `system_profiler SPInstallHistoryDataType -json` → the newest XProtect data install.
 * Apple delivers XProtect as "XProtectPlistConfigData" (and "XProtectPayloads" for the
 * remediator); install_date is ISO-8601 UTC in the JSON form.
 */
export function parseXProtectHistory(text: string): XProtectInstall | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  const items = asRecords<Record<string, unknown>>(asRecord<Record<string, unknown>>(doc)?.SPInstallHistoryDataType);
  let newest: XProtectInstall | undefined;
  for (const item of items) {
    if (!/^XProtectPlistConfigData/i.test(String(item._name ?? ''))) continue;
    const at = isoInstant(new Date(String(item.install_date ?? '')));
    if (!at || (newest && newest.installedAt >= at)) continue;
    newest = { version: cleanText(item.install_version, 64), installedAt: at };
  }
  return newest;
}

/** Pure: XProtect facts → protocol. XProtect is built into macOS and always scans on launch and download. */
export function mapXProtect(history: XProtectInstall | undefined, bundleVersion: string | undefined, bundleModifiedAt: string | undefined): Antimalware {
  if (!history && !bundleVersion && !bundleModifiedAt) return unknown('XProtect bundle not found and no XProtect install history');
  // The bundle's mtime is when the current data landed; install history may lag (macOS 15 updates XProtect outside it).
  const dates = [history?.installedAt, bundleModifiedAt].filter((d): d is string => d !== undefined).sort();
  const updatedAt = dates[dates.length - 1];
  const version = bundleVersion ?? history?.version;
  return {
    product: 'XProtect',
    realtime_protection: true,
    signatures_updated_at: updatedAt ?? unknown('no date for the XProtect data'),
    ...(version ? { signatures_version: version } : {}),
  };
}

/**
 * Pure: secure boot from `system_profiler SPiBridgeDataType -json` and the CPU brand.
 * T2 Macs report a boot policy ("Full Security", "Medium Security", "No Security"); Medium
 * still only boots Apple-signed systems. Intel Macs without a T2 have no secure boot. Apple
 * silicon always verifies the OS, but its policy level is readable only through `bputil` as
 * an administrator, so it stays unknown rather than assumed.
 */
export function mapDarwinSecureBoot(ibridgeJson: string | undefined, cpuBrand: string | undefined): Answer<boolean> {
  if (cpuBrand && /^Apple\b/i.test(cpuBrand.trim())) {
    return unknown('Apple silicon: the boot security policy is readable only with bputil as an administrator');
  }
  let items: Record<string, unknown>[] | undefined;
  try {
    const doc = asRecord<Record<string, unknown>>(ibridgeJson ? JSON.parse(ibridgeJson) : undefined);
    items = doc && Array.isArray(doc.SPiBridgeDataType) ? asRecords<Record<string, unknown>>(doc.SPiBridgeDataType) : undefined;
  } catch {
    items = undefined;
  }
  if (!items) return unknown('system_profiler SPiBridgeDataType gave no readable answer');
  const values = items.flatMap((item) => Object.values(item).filter((v): v is string => typeof v === 'string'));
  const policy = values.map((v) => v.match(/\b(Full|Medium|No) Security\b/i)?.[1]).find(Boolean);
  if (policy) return policy.toLowerCase() !== 'no';
  const hasT2 = values.some((v) => /\bT[12]\b/.test(v));
  if (!hasT2 && cpuBrand && /Intel/i.test(cpuBrand)) return false;
  return unknown('the Mac security chip reported no secure boot policy');
}
