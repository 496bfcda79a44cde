/**
 * Test helper: `wmic qfe` output (a fixed-width table headed by column names) → the `hotfixes`
 * entries script.win32.ts's patch script sends ({ id: HotFixID, installedOnRaw: InstalledOn }).
 * Both read the same Win32_QuickFixEngineering properties, and the script sends InstalledOn
 * raw, exactly as wmic prints it; only the layout differs, so the conversion is mechanical.
 * Columns are cut where the header puts them (wmic pads every column to its widest value).
 */
export function hotfixesFromWmicQfe(text: string): Array<{ id: string; installedOnRaw: string | null }> {
  const lines = text.split(/\r?\n/);
  const header = lines.findIndex((l) => /\bHotFixID\b/.test(l) && /\bInstalledOn\b/.test(l));
  if (header < 0) throw new Error('no wmic qfe header line (HotFixID … InstalledOn)');
  const head = lines[header] as string;
  const column = (name: string): [number, number] => {
    const match = new RegExp(`\\b${name}\\s*`).exec(head);
    if (!match) throw new Error(`no ${name} column`);
    return [match.index, match.index + match[0].length];
  };
  const [idStart, idEnd] = column('HotFixID');
  const [onStart, onEnd] = column('InstalledOn');
  return lines
    .slice(header + 1)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const installedOn = l.slice(onStart, onEnd).trim();
      return { id: l.slice(idStart, idEnd).trim(), installedOnRaw: installedOn === '' ? null : installedOn };
    });
}
