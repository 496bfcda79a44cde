import { z } from 'zod';
import { type Security, unknown } from '../../../protocol/index.js';
import { parsePowerShellJson, runPowerShellJson } from '../../host/powershell.js';
import type { CommandRunner } from '../../host/runner.js';
import { DefenderStatus, SecurityCenterProducts, chooseWindowsAntimalware, oneOrMany } from './antimalware.win32.js';
import { bitLockerVolumeFacts, mapBitLocker, parseManageBdeStatus } from './bitlocker.win32.js';
import { WINDOWS_SECURITY_SCRIPT } from './script.win32.js';

/** One probe's outcome as the script reports it; `value` is checked per section below. */
const Probe = z.object({ ok: z.boolean(), value: z.unknown().optional(), error: z.string().nullish(), errorType: z.string().nullish() });
type Probe = z.infer<typeof Probe>;

export const WindowsSecurityDocument = z.object({
  schema: z.literal(1),
  bitlocker: Probe.optional(),
  manageBde: Probe.optional(),
  firewall: Probe.optional(),
  defender: Probe.optional(),
  securityCenter: Probe.optional(),
  secureBoot: Probe.optional(),
  secureBootRegistry: Probe.optional(),
  tpm: Probe.optional(),
  tpmVersion: Probe.optional(),
});
export type WindowsSecurityDocument = z.infer<typeof WindowsSecurityDocument>;

const BitLockerVolume = z.object({
  volumeStatus: z.string().nullish(),
  protectionStatus: z.string().nullish(),
  encryptionMethod: z.string().nullish(),
  encryptionPercentage: z.number().nullish(),
});
const ManageBde = z.object({ text: z.string(), exitCode: z.number().nullish() });
const FirewallProfiles = oneOrMany(z.object({ name: z.string(), enabled: z.union([z.string(), z.boolean(), z.number()]).nullish() }));
const TpmStatus = z.object({ present: z.boolean().nullish(), ready: z.boolean().nullish() });

/** A section's validated value, or why there is none (its error message, or its unexpected shape). */
function section<S extends z.ZodType>(probe: Probe | undefined, schema: S, what: string): z.infer<S> | { unknown: string } {
  if (!probe) return unknown(`${what} was not probed`);
  if (!probe.ok) return unknown(`${what} failed: ${(probe.error ?? 'no error message').replace(/\s+/g, ' ').trim()}`.slice(0, 300));
  const parsed = schema.safeParse(probe.value ?? null);
  return parsed.success ? parsed.data : unknown(`${what} returned an unexpected shape`);
}

function isUnknownValue(value: unknown): value is { unknown: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'unknown' in value;
}

function diskEncryption(doc: WindowsSecurityDocument): Security['disk_encryption'] {
  const volume = section(doc.bitlocker, BitLockerVolume, 'Get-BitLockerVolume');
  if (!isUnknownValue(volume)) return mapBitLocker(bitLockerVolumeFacts(volume));
  const bde = section(doc.manageBde, ManageBde, 'manage-bde');
  if (isUnknownValue(bde)) return unknown(`${volume.unknown}; ${bde.unknown}`.slice(0, 500));
  const facts = parseManageBdeStatus(bde.text);
  return 'unknown' in facts ? facts : mapBitLocker(facts);
}

/** "True"/"False" from the script; NotConfigured in the active store falls back to Windows' default, which is on. */
function profileEnabled(value: string | boolean | number | null | undefined): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : undefined;
  const word = value?.trim().toLowerCase();
  return word === 'true' || word === 'notconfigured' ? true : word === 'false' ? false : undefined;
}

function firewall(doc: WindowsSecurityDocument): Security['firewall'] {
  const list = section(doc.firewall, FirewallProfiles, 'Get-NetFirewallProfile');
  if (isUnknownValue(list)) return list;
  const profiles: Record<string, boolean> = {};
  for (const profile of list) {
    const enabled = profileEnabled(profile.enabled);
    if (enabled !== undefined) profiles[profile.name.slice(0, 64)] = enabled;
  }
  if (Object.keys(profiles).length === 0) return unknown('Get-NetFirewallProfile listed no profile with a readable state');
  // Cyber Essentials wants the firewall on for every profile: a laptop moves between networks.
  return { enabled: Object.values(profiles).every(Boolean), profiles };
}

function secureBoot(doc: WindowsSecurityDocument): Security['secure_boot'] {
  const probe = doc.secureBoot;
  if (probe?.ok && typeof probe.value === 'boolean') return probe.value;
  // Legacy BIOS (or CSM) boot: there is no secure boot to be on. The type name is not localised.
  if (probe && /PlatformNotSupported/i.test(probe.errorType ?? '')) return false;
  if (probe && /not supported on this platform/i.test(probe.error ?? '')) return false;
  // The message is localised, its NTSTATUS is not: 0xC0000002 (not implemented: no UEFI runtime, legacy
  // BIOS) and 0xC0000100 (variable not found: the firmware defines no SecureBoot variable, as on
  // machines with Secure Boot switched off or never supported). Either way Secure Boot is not on.
  if (probe && /0xC0000002|0xC0000100/i.test(probe.error ?? '')) return false;
  const registry = doc.secureBootRegistry;
  if (registry?.ok && (registry.value === 1 || registry.value === 0)) return registry.value === 1;
  return unknown(`Confirm-SecureBootUEFI failed: ${(probe?.error ?? 'not probed').trim()}`.slice(0, 300));
}

/** Pure: Win32_Tpm SpecVersion "2.0, 0, 1.38" → "2.0" (the first item is the TPM family). */
export function tpmFamily(specVersion: unknown): string | undefined {
  if (typeof specVersion !== 'string') return undefined;
  return specVersion.split(',')[0]?.trim().match(/^\d+\.\d+$/)?.[0];
}

function tpm(doc: WindowsSecurityDocument): Security['tpm'] {
  const status = section(doc.tpm, TpmStatus, 'Get-Tpm');
  const version = doc.tpmVersion?.ok ? tpmFamily(doc.tpmVersion.value) : undefined;
  if (isUnknownValue(status)) return version ? { present: true, version } : status;
  if (status.present === false) return { present: false };
  if (status.present !== true) return unknown('Get-Tpm did not say whether a TPM is present');
  return version ? { present: true, version } : { present: true };
}

/** Pure: the script's JSON document → protocol. Each field is mapped on its own: one failure is one unknown. */
export function mapWindowsSecurity(doc: WindowsSecurityDocument): Security {
  const defender = section(doc.defender, DefenderStatus, 'Get-MpComputerStatus');
  const products = section(doc.securityCenter, SecurityCenterProducts, 'Security Center query');
  return {
    disk_encryption: diskEncryption(doc),
    firewall: firewall(doc),
    antimalware: chooseWindowsAntimalware(defender, products),
    secure_boot: secureBoot(doc),
    tpm: tpm(doc),
  };
}

function allUnknown(reason: string): Security {
  const why = unknown(reason);
  return { disk_encryption: why, firewall: why, antimalware: why, secure_boot: why, tpm: why };
}

/** Pure: the script's stdout → protocol; garbage or empty output makes every field unknown with the reason. */
export function parseWindowsSecurityOutput(stdout: string): Security {
  const parsed = parsePowerShellJson(stdout, WindowsSecurityDocument);
  return parsed.ok ? mapWindowsSecurity(parsed.value) : allUnknown(parsed.reason);
}

export async function readWindowsSecurity(run: CommandRunner, options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<Security> {
  const result = await runPowerShellJson(run, WINDOWS_SECURITY_SCRIPT, WindowsSecurityDocument, options);
  return result.ok ? mapWindowsSecurity(result.value) : allUnknown(result.reason);
}
