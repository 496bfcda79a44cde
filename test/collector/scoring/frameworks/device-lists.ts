import { parse } from 'csv-parse/sync';
import { expect } from 'vitest';
import type { ThemeFinding, ThemeView } from '../../../../collector/queries/cyber-essentials.js';
import type { DeviceListRow } from '../../../../collector/queries/device-list.js';

/**
 * What the Cyber Essentials view must equal, read from the device lists behind it: for each of a
 * theme's controls, GET /v1/devices?control=…&status=fail (and status=unknown), never from the view.
 */
export async function listsBehind(
  get: (path: string) => Promise<Response>,
  theme: Pick<ThemeView, 'id' | 'controls'>,
  scope: { as_of: string; trust?: string; site?: string },
): Promise<{ findings: ThemeFinding[]; unknownOnly: Set<string> }> {
  const list = async (control: string, status: 'fail' | 'unknown') => {
    const search = new URLSearchParams({ ...scope, control, status, limit: '10000' });
    const response = await get(`/v1/devices?${search}`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { devices: DeviceListRow[] }).devices;
  };
  const findings: ThemeFinding[] = [];
  const unknown = new Set<string>();
  for (const { control_id } of theme.controls) {
    for (const { status: _status, ...row } of await list(control_id, 'fail')) findings.push({ theme: theme.id, ...row });
    for (const row of await list(control_id, 'unknown')) unknown.add(row.device_id);
  }
  findings.sort((a, b) => order(a.site_id, b.site_id) || order(a.device_id, b.device_id) || order(a.control_id, b.control_id));
  const failing = devicesOf(findings);
  return { findings, unknownOnly: new Set([...unknown].filter((id) => !failing.has(id))) };
}

export const devicesOf = (findings: Array<{ device_id: string }>) => new Set(findings.map((f) => f.device_id));

/** The CSV export as records keyed by its header. */
export function findingsOfCsv(text: string): { header: string[]; rows: Array<Record<string, string>> } {
  const [header, ...rows] = parse(text, { relax_column_count: false }) as string[][];
  return { header: header!, rows: rows.map((cells) => Object.fromEntries(header!.map((name, i) => [name, cells[i]!]))) };
}

const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
