/**
 * Test helper: PowerShell's Format-List printout ("Name      : Value" per line), as users paste it in
 * issue threads, back into the properties it printed. Genuine samples of cmdlet output mostly exist in
 * that form, while the agent's script sends the same properties as JSON; this conversion is mechanical
 * (no value is interpreted), so a printed sample can be fed to the parser that reads the JSON.
 */
export function formatListProperties(text: string): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = line.match(/^([A-Za-z][A-Za-z0-9]*)\s*:\s?(.*)$/);
    if (match) properties[match[1] as string] = (match[2] as string).trim();
  }
  return properties;
}

/** Get-BitLockerVolume's printed properties → the `bitlocker` value script.win32.ts emits. */
export function bitLockerVolumeFromFormatList(text: string): { volumeStatus?: string; protectionStatus?: string; encryptionMethod?: string; encryptionPercentage?: number } {
  const p = formatListProperties(text);
  const percent = p.EncryptionPercentage === undefined || p.EncryptionPercentage === '' ? undefined : Number(p.EncryptionPercentage);
  return {
    ...(p.VolumeStatus ? { volumeStatus: p.VolumeStatus } : {}),
    ...(p.ProtectionStatus ? { protectionStatus: p.ProtectionStatus } : {}),
    ...(p.EncryptionMethod ? { encryptionMethod: p.EncryptionMethod } : {}),
    ...(percent !== undefined && Number.isFinite(percent) ? { encryptionPercentage: percent } : {}),
  };
}

const psBool = (value: string | undefined): boolean | undefined => (value === 'True' ? true : value === 'False' ? false : undefined);

/** Get-Tpm's printed properties → the `tpm` value script.win32.ts emits ({ present: TpmPresent, ready: TpmReady }). */
export function tpmStatusFromFormatList(text: string): { present?: boolean; ready?: boolean } {
  const p = formatListProperties(text);
  const present = psBool(p.TpmPresent);
  const ready = psBool(p.TpmReady);
  return { ...(present !== undefined ? { present } : {}), ...(ready !== undefined ? { ready } : {}) };
}

/** A PowerShell error as printed ("Cmdlet : message At line:1 …", CategoryInfo "…], TypeName") → the script's { error, errorType }. */
export function printedPowerShellError(text: string): { error: string; errorType: string } {
  const flat = text.replace(/\r?\n\s*/g, '');
  const error = flat.match(/^[\w-]+ : (.*?)(?: At line:\d+|\+ |$)/)?.[1]?.trim() ?? '';
  const errorType = flat.match(/\], ([\w.]+?)(?:\+|$)/)?.[1] ?? '';
  return { error, errorType };
}
