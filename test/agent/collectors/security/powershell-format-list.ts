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

// The position line PowerShell prints under the message, in the console's language: "At line:1 char:1",
// "En línea: 1 Carácter: 1", "Bei Zeile:1 Zeichen:1", or from a script "At C:\…\Module.psm1:1196 char:37".
// The script's JSON carries only the message.
const POSITION_LINE = /^(?!.* : )[^\s+].*:\s?\d+\s+[^\s:+]+:\s?\d+\s*$/u; // not the 'Cmdlet : message' line itself

/** A PowerShell error as printed ("Cmdlet : message At line:1 …", CategoryInfo "…], TypeName") → the script's { error, errorType }. */
export function printedPowerShellError(text: string): { error: string; errorType: string } {
  const flat = text
    .split(/\r?\n/)
    .filter((line) => !POSITION_LINE.test(line.trim()))
    .join('\n')
    .replace(/\r?\n\s*/g, '');
  const error = flat.match(/^[\w-]+ : (.*?)(?: At line:\d+|\+ |$)/)?.[1]?.trim() ?? '';
  const errorType = flat.match(/\], ([\w.]+?)(?:\+|$)/)?.[1] ?? '';
  return { error, errorType };
}

const CLOCK = /^(\d{1,2}):(\d{2}):(\d{2})(?:\s*([AP]M))?$/i;

/**
 * A date as Format-List prints it in the culture of the machine → the ISO form the script's
 * ConvertTo-IsoDate sends. Only the orders whose reading is certain: "6/4/2024 8:06:27 AM" (slashes:
 * month first, en-US), "18-10-2022 09:18:29 AM" (dashes: day first, en-IN/en-GB-style) and
 * "01.01.1601 6:00:00" (dots: day first, de/ru). The printout has no zone; it is read as UTC, so
 * a fixture's date is the wall-clock time printed. Any other form throws: a fixture must not
 * silently turn a printed date into "no date".
 */
export function printedDateToIso(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const [date = '', clock = '', meridiem = ''] = text.trim().split(/\s+/);
  const time = `${clock}${meridiem ? ` ${meridiem}` : ''}`.match(CLOCK);
  const parts = date.match(/^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/);
  if (!parts || !time) throw new Error(`printed date not understood: ${text}`);
  const [, first = '', separator, second = '', year = ''] = parts;
  const [month, day] = separator === '/' ? [first, second] : [second, first];
  let hour = Number(time[1]) % (time[4] ? 12 : 24);
  if (time[4]?.toUpperCase() === 'PM') hour += 12;
  const iso = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), hour, Number(time[2]), Number(time[3])));
  return iso.toISOString().replace('.000Z', 'Z');
}

/** Get-MpComputerStatus's printed properties → the `defender` value script.win32.ts emits. */
export function defenderStatusFromFormatList(text: string): {
  amRunningMode?: string;
  amServiceEnabled?: boolean;
  antivirusEnabled?: boolean;
  realTimeProtectionEnabled?: boolean;
  signatureLastUpdated?: string;
  signatureVersion?: string;
  productVersion?: string;
} {
  const p = formatListProperties(text);
  const entries = {
    amRunningMode: p.AMRunningMode || undefined,
    amServiceEnabled: psBool(p.AMServiceEnabled),
    antivirusEnabled: psBool(p.AntivirusEnabled),
    realTimeProtectionEnabled: psBool(p.RealTimeProtectionEnabled),
    signatureLastUpdated: printedDateToIso(p.AntivirusSignatureLastUpdated),
    signatureVersion: p.AntivirusSignatureVersion || undefined,
    productVersion: p.AMProductVersion || undefined,
  };
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
}
