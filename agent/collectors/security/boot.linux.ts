import { type Security, unknown } from '../../../protocol/index.js';
import type { FileReader } from '../../host/files.js';
import type { Answer, CommandOutput } from './probe.js';

export type Tpm = Security['tpm'];

/** The EFI global variable GUID (UEFI spec 2.x, EFI_GLOBAL_VARIABLE). */
export const SECURE_BOOT_EFIVAR = '/sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c';

/**
 * Pure: the efivarfs file → secure boot on? efivarfs prefixes the value with its 4-byte
 * attribute mask, so the one-byte SecureBoot value is the 5th byte (1 = enforcing).
 */
export function parseSecureBootEfivar(bytes: Uint8Array | undefined): boolean | undefined {
  if (!bytes || bytes.length < 5) return undefined;
  const value = bytes[4];
  return value === 1 ? true : value === 0 ? false : undefined;
}

/**
 * Pure: `mokutil --sb-state` → secure boot on? "SecureBoot enabled" / "SecureBoot disabled";
 * legacy BIOS gives "EFI variables are not supported on this system" (older mokutil) or
 * "This system doesn't support Secure Boot" (newer). "validation is disabled in shim" means
 * the firmware checks shim but shim then boots anything, so the chain is not enforced.
 */
export function parseMokutilSbState(text: string): Answer<boolean> {
  if (/validation is disabled in shim/i.test(text)) return false;
  if (/SecureBoot enabled/i.test(text)) return true;
  if (/SecureBoot disabled/i.test(text)) return false;
  if (/EFI variables are not supported|doesn't support Secure Boot/i.test(text)) return false;
  return unknown('mokutil --sb-state gave an unrecognised answer');
}

/** Reads secure boot state: efivarfs first (no extra tool), mokutil when the variable is unreadable. */
export async function readLinuxSecureBoot(files: FileReader, mokutil: () => Promise<CommandOutput>): Promise<Answer<boolean>> {
  const firmware = await files.list('/sys/firmware');
  if (!firmware) return unknown('/sys/firmware is not visible (container?): boot firmware unknown');
  // No efi directory: booted through legacy BIOS/CSM, which has no secure boot at all.
  if (!firmware.includes('efi')) return false;
  const fromVariable = parseSecureBootEfivar(await files.readBytes(SECURE_BOOT_EFIVAR));
  if (fromVariable !== undefined) return fromVariable;
  const output = await mokutil();
  if (output.ok) return parseMokutilSbState(output.stdout);
  // mokutil exits 1 on a legacy system but still explains itself on stderr.
  if (!output.missing && /EFI variables are not supported/i.test(output.reason)) return false;
  return unknown(`UEFI system but the SecureBoot variable is unreadable and ${output.reason}`);
}

/** What sysfs says about TPMs; each field undefined when the file is absent. */
export interface TpmSysfs {
  /** Entries of /sys/class (undefined: sysfs not mounted). */
  classEntries?: string[];
  /** Entries of /sys/class/tpm. */
  tpmEntries?: string[];
  /** /sys/class/tpm/tpm0/tpm_version_major (kernel 5.6+). */
  versionMajor?: string;
  /** /sys/class/tpm/tpm0/device/description (ACPI, e.g. "TPM 2.0 Device"). */
  description?: string;
  /** /sys/class/tpm/tpm0/device/caps (TPM 1.2 drivers: "TCG version: 1.2"). */
  caps?: string;
}

/** Pure: sysfs TPM facts → protocol. A kernel without a TPM has no /sys/class/tpm entries at all. */
export function mapLinuxTpm(sysfs: TpmSysfs): Tpm {
  if (!sysfs.classEntries) return unknown('/sys/class is not visible (container?): TPM unknown');
  const devices = (sysfs.tpmEntries ?? []).filter((e) => /^tpm\d+$/.test(e));
  if (devices.length === 0) return { present: false };
  const major = sysfs.versionMajor?.trim();
  const version =
    major === '2' ? '2.0'
    : major === '1' ? '1.2'
    : sysfs.description?.match(/TPM\s*(\d\.\d)/i)?.[1] ?? sysfs.caps?.match(/TCG version:\s*(\d\.\d)/i)?.[1];
  return version ? { present: true, version } : { present: true };
}

export async function readLinuxTpm(files: FileReader): Promise<Tpm> {
  const base = '/sys/class/tpm/tpm0';
  const [classEntries, tpmEntries, versionMajor, description, caps] = await Promise.all([
    files.list('/sys/class'),
    files.list('/sys/class/tpm'),
    files.readText(`${base}/tpm_version_major`),
    files.readText(`${base}/device/description`),
    files.readText(`${base}/device/caps`),
  ]);
  return mapLinuxTpm({ classEntries, tpmEntries, versionMajor, description, caps });
}
