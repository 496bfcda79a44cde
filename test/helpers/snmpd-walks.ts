import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSnmpCollector } from '../../agent/collectors/snmp/index.js';
import { versionTokens } from '../../agent/collectors/snmp/versions.js';
import { configWith } from '../../agent/config/load.js';
import { runCommand } from '../../agent/host/runner.js';
import { silentLogger } from '../../agent/log.js';
import type { NetworkDevice } from '../../protocol/index.js';
import { isUnknown } from '../../protocol/unknown.js';
import { snmprecToOids, startSnmpd } from './snmpd.js';

/**
 * Recorded walks of real devices (test/fixtures/snmp/<device>/walk.snmprec, from LibreNMS's public
 * test data) served one after another by one real snmpd on loopback, polled by the snmp collector,
 * and judged against the discovery result LibreNMS publishes for the same recording (expected.json).
 */
export const WALKS_ROOT = fileURLToPath(new URL('../fixtures/snmp/', import.meta.url));

export interface Expected {
  librenms_os: string;
  vendor: string | null;
  model: string | null;
  firmware: string | null;
  serial: string | null;
  /**
   * Fields where LibreNMS's value comes from a source that contradicts the recording's own
   * ENTITY-MIB chassis entry, each with the reason; they count as disputed, not right or wrong.
   */
  disputed?: Partial<Record<'model' | 'firmware' | 'serial', string>>;
}

export type FieldVerdict = 'right' | 'partial' | 'wrong' | 'not held' | 'disputed';
export type Verdict = 'right' | 'partial' | 'disputed' | 'wrong' | 'crashed';
export const FIELDS = ['vendor', 'model', 'firmware', 'serial'] as const;

export interface WalkResult {
  device: string;
  expected: Expected;
  got?: NetworkDevice;
  error?: string;
  fields: Record<(typeof FIELDS)[number], FieldVerdict>;
  verdict: Verdict;
}

export function listWalks(): string[] {
  return readdirSync(WALKS_ROOT, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/** LibreNMS redacts some serials in its recordings. */
const REDACTED = /^(<private>|redacted|0+)$/i;
/**
 * What a recording redacts the poller reads as it is ("<serialnumberprivate>", "<private>"): the
 * recording hides the device's value, so there is nothing to judge.
 */
const REDACTED_IN_RECORDING = /^<[a-z]*private>$/i;
/** Company names a model string may carry or not ("Juniper EX3400-48T", "Dell Networking N4032"). */
const NOISE = /\b(juniper|check point|dell emc networking|dell networking|dell|hewlett packard enterprise|hpe|hp|aruba|cisco|catalyst|summit|fortinet|series|switch|swch|internet router|internet backbone router|chassis|virtual|vsf|stack)\b/gi;
/** Fortinet's own abbreviations (FGT_60F is a FortiGate-60F, FSW_148F-F a FortiSwitch-148F). */
const FORTINET = (s: string) => s.replace(/^FGT[_-]/i, 'FortiGate-').replace(/^FSW[_-]/i, 'FortiSwitch-').replace(/^FWF[_-]/i, 'FortiWiFi-');
const squash = (s: string) => FORTINET(s.trim()).replace(NOISE, ' ').toLowerCase().replace(/[^a-z0-9]/g, '');
/** A model's comparable forms: as written, and without Cisco's WS-C part-number prefix. */
const forms = (s: string) => [squash(s), squash(s.trim().replace(/^WS-C/i, ''))];
/** HPE bought Aruba: LibreNMS files HP-numbered ProCurve under HPE and Aruba-branded ones alike. */
const sameVendor = (a: string, b: string) => a === b || (['HPE', 'Aruba'].includes(a) && ['HPE', 'Aruba'].includes(b));

/**
 * Field rules. Model: the same once company and product-line words (Catalyst, Series, Switch, Stack,
 * VSF…), punctuation and Cisco's WS-C prefix go, one containing the other ("Juniper EX3400-48T" =
 * "EX3400-48T"), Fortinet's abbreviations read in full (FGT_ = FortiGate-); a LibreNMS value that
 * names a stack or chassis, not a model ("Stack", "Virtual Chassis"), is not judged; where LibreNMS
 * names the CISCO-PRODUCTS-MIB object of
 * the sysObjectID ("cat6509", "cat36xxstack"), the model number in it; where it names a stack
 * ("Stack", "6200 VSF Stack"), a device reported with stack members. Firmware: LibreNMS's
 * version and ours share a run of tokens that is all of the shorter one, leading zeros aside
 * ("CAT9K_IOSXE 16.6.7" holds "16.06.07"; "5.170 (V200R010C00SPC600) [unlocked]" holds
 * "V200R010C00SPC600"). Serial: equal, case aside; LibreNMS's redactions (<private>, zeros) are not
 * held, nor is a value the recording itself redacts ("<serialnumberprivate>"). Our value unknown where LibreNMS has one: partial; a value that differs where the report's
 * identity_notes name LibreNMS's value as the losing side of a conflict: partial. Anything else: wrong.
 */
export function judgeField(field: (typeof FIELDS)[number], want: string | null, got: unknown, device: NetworkDevice | undefined): FieldVerdict {
  if (want === null || want.trim() === '' || (field === 'serial' && REDACTED.test(want.trim()))) return 'not held';
  // "Stack", "Chassis", "Juniper Virtual Chassis Switch": LibreNMS names no model.
  if (field === 'model' && (/^(stack|chassis)$/i.test(want.trim()) || /virtual chassis/i.test(want))) return 'not held';
  const value = text(got);
  if (value !== undefined && REDACTED_IN_RECORDING.test(value.trim())) return 'not held';
  if (value === undefined || isUnknown(got)) return 'partial';
  const verdict = compare(field, want, value, device);
  // The device's sources disagree and the report says so, naming LibreNMS's value: a conflict reported, not a wrong answer.
  if (verdict === 'wrong' && (device?.identity_notes ?? []).some((n) => n.toLowerCase().includes(want.trim().toLowerCase()))) return 'partial';
  return verdict;
}

function compare(field: (typeof FIELDS)[number], want: string, value: string, device: NetworkDevice | undefined): FieldVerdict {
  if (field === 'vendor') return sameVendor(value, want) ? 'right' : 'wrong';
  if (field === 'serial') return value.trim().toLowerCase() === want.trim().toLowerCase() ? 'right' : 'wrong';
  if (field === 'model') {
    if (/\bstack(ing)?\b/i.test(want) && (device?.stack_members?.length ?? 0) >= 2) return 'right';
    const mibName = /^(?:cat|catalyst|cisco)([a-z]*\d[\w]*)$/i.exec(want.trim());
    if (mibName) {
      const number = /\d{3,4}/.exec(mibName[1]!)?.[0];
      return number && value.includes(number) ? 'right' : 'wrong';
    }
    const match = forms(value).some((a) => forms(want).some((b) => a.length >= 3 && b.length >= 3 && (a.includes(b) || b.includes(a))));
    return match ? 'right' : 'wrong';
  }
  const a = versionTokens(value);
  const b = versionTokens(want);
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const joined = `.${long.join('.')}.`;
  const meaningful = short.length >= 2 || short.some((t) => /[a-z]/.test(t) && /\d/.test(t) && t.length >= 6);
  return meaningful && joined.includes(`.${short.join('.')}.`) ? 'right' : 'wrong';
}

export function judge(device: string, expected: Expected, got: NetworkDevice | undefined, error?: string): WalkResult {
  const fields = Object.fromEntries(
    FIELDS.map((f) => [f, f !== 'vendor' && expected.disputed?.[f] ? 'disputed' : got ? judgeField(f, expected[f], got[f], got) : 'wrong']),
  ) as WalkResult['fields'];
  const values = Object.values(fields);
  const verdict: Verdict =
    error || !got ? 'crashed' : values.includes('wrong') ? 'wrong' : values.includes('partial') ? 'partial' : values.includes('disputed') ? 'disputed' : 'right';
  return { device, expected, ...(got ? { got } : {}), ...(error ? { error } : {}), fields, verdict };
}

/** Polls every recorded walk through one snmpd on 127.0.0.1, in turn. */
export async function pollWalks(devices = listWalks()): Promise<WalkResult[]> {
  const walks = devices.map((name) => ({ name, oids: snmprecToOids(readFileSync(join(WALKS_ROOT, name, 'walk.snmprec'), 'utf8')) }));
  const polled = await pollEach(walks);
  return devices.map((device, n) => {
    const expected = JSON.parse(readFileSync(join(WALKS_ROOT, device, 'expected.json'), 'utf8')) as Expected;
    const { got, error } = polled[n]!;
    return judge(device, expected, got, error);
  });
}

/** One walk (snmprecToOids form) served by its own snmpd on 127.0.0.1 and polled once. */
export async function pollWalk(name: string, oids: Record<string, [string, string]>): Promise<{ got?: NetworkDevice; error?: string }> {
  return (await pollEach([{ name, oids }]))[0]!;
}

/** Serves each walk in turn through one snmpd on 127.0.0.1 and polls it with the snmp collector. */
async function pollEach(walks: ReadonlyArray<{ name: string; oids: Record<string, [string, string]> }>): Promise<Array<{ got?: NetworkDevice; error?: string }>> {
  const dir = mkdtempSync(join(tmpdir(), 'sf-snmp-walks-'));
  const agent = await startSnmpd(join(dir, 'snmpd'), { walk: {}, communities: ['walks-ro'] });
  try {
    const collector = createSnmpCollector({ secrets: { env: { WALKS_RO: 'walks-ro' }, readFile: () => '' } });
    const results: Array<{ got?: NetworkDevice; error?: string }> = [];
    for (const { name, oids } of walks) {
      agent.setWalk(oids);
      const config = configWith({
        state_dir: join(dir, 'state'),
        snmp: {
          targets: [{ name, address: '127.0.0.1', port: agent.ports[0]!, credentials: 'ro' }],
          credentials: { ro: { version: 'v2c', community_env: 'WALKS_RO' } },
          check_default_communities: false,
          timeout_ms: 2000,
          retries: 1,
        },
      });
      try {
        const output = await collector.collect({ run: runCommand, clock: { now: () => new Date() }, config, log: silentLogger, platform: process.platform, signal: new AbortController().signal, deadline: Date.now() + 60_000 });
        const got = output.network_devices?.[0];
        results.push({ ...(got ? { got } : {}), ...(got?.error ? { error: got.error } : {}) });
      } catch (error) {
        results.push({ error: (error as Error).message });
      }
    }
    return results;
  } finally {
    await agent.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Percent right of the devices whose verdict is not disputed (the issue's ≥ 90 % bar). */
export function rightShare(results: readonly WalkResult[]): number {
  const judged = results.filter((r) => r.verdict !== 'disputed');
  return (100 * judged.filter((r) => r.verdict === 'right').length) / Math.max(1, judged.length);
}

const cell = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');
const shown = (v: unknown) => (typeof v === 'string' ? v : isUnknown(v) ? 'unknown' : '');

/** The generated part of docs/network-compatibility.md: per family, then per device. Pure. */
export function renderNetworkCompatibility(results: readonly WalkResult[]): string {
  const families = new Map<string, WalkResult[]>();
  for (const r of results) families.set(r.expected.librenms_os, [...(families.get(r.expected.librenms_os) ?? []), r]);
  const count = (rs: readonly WalkResult[], v: Verdict) => rs.filter((r) => r.verdict === v).length;
  const field = (rs: readonly WalkResult[], f: (typeof FIELDS)[number]) => {
    const held = rs.filter((r) => r.fields[f] !== 'not held' && r.fields[f] !== 'disputed');
    const disputed = rs.filter((r) => r.fields[f] === 'disputed').length;
    const counted = held.length === 0 ? '–' : `${held.filter((r) => r.fields[f] === 'right').length}/${held.length}`;
    return disputed > 0 ? `${counted} (+${disputed} disputed)` : counted;
  };
  const judged = results.length - count(results, 'disputed');
  const lines = [
    `${results.length} recorded devices: **${count(results, 'right')} right, ${count(results, 'partial')} partial, ${count(results, 'wrong')} wrong, ${count(results, 'crashed')} crashed**, ${count(results, 'disputed')} disputed (${rightShare(results).toFixed(1)} % right of the ${judged} not disputed; ${((100 * count(results, 'right')) / Math.max(1, results.length)).toFixed(1)} % of all ${results.length}).`,
    '',
    'Per family (LibreNMS os name). Field columns: right / devices where LibreNMS states the field (disputed fields apart).',
    '',
    '| Family (LibreNMS os) | Vendor | Devices | Vendor | Model | Firmware | Serial | Right | Partial | Disputed | Wrong |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const [family, rs] of [...families].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(
      `| ${cell(family)} | ${cell(rs[0]!.expected.vendor ?? '?')} | ${rs.length} | ${field(rs, 'vendor')} | ${field(rs, 'model')} | ${field(rs, 'firmware')} | ${field(rs, 'serial')} | ${count(rs, 'right')} | ${count(rs, 'partial')} | ${count(rs, 'disputed')} | ${count(rs, 'wrong') + count(rs, 'crashed')} |`,
    );
  }
  lines.push('', 'Per device: what the poller reported, and its verdict against LibreNMS.', '', '| Device | Model | Firmware (train) | Serial | Verdict | Why not right |', '| --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    const g = r.got;
    const why = FIELDS.filter((f) => r.fields[f] !== 'right' && r.fields[f] !== 'not held')
      .map((f) => (r.fields[f] === 'disputed' ? `${f} disputed: ${r.expected.disputed?.[f as 'model'] ?? ''}` : `${f} ${r.fields[f]} (LibreNMS: ${r.expected[f] ?? '–'})`))
      .join('; ');
    const train = typeof g?.firmware_train === 'string' ? ` (${g.firmware_train})` : '';
    lines.push(`| ${cell(r.device)} | ${cell(shown(g?.model))} | ${cell(shown(g?.firmware) + train)} | ${cell(shown(g?.serial))} | ${r.verdict} | ${cell(why || r.error || '')} |`);
  }
  lines.push('', ...renderRadios(results));
  return lines.join('\n');
}

/** Per recording that serves radios: how many, on which bands, and how many carry each measurement. Pure. */
function renderRadios(results: readonly WalkResult[]): string[] {
  const withRadios = results.filter((r) => (r.got?.radios?.length ?? 0) > 0);
  const lines = [
    'Wi-Fi radios the poller read from the recordings (radios carrying each value / radios).',
    '',
    '| Device | Radios | Bands | Channel | Utilisation | Noise floor | Clients |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: |',
  ];
  for (const r of withRadios) {
    const radios = r.got!.radios!;
    const has = (k: 'channel' | 'channel_utilisation_pct' | 'noise_dbm' | 'clients') => `${radios.filter((x) => x[k] !== undefined).length}/${radios.length}`;
    const bands = [...new Set(radios.map((x) => x.band))].sort().join(', ');
    lines.push(`| ${cell(r.device)} | ${radios.length} | ${bands} | ${has('channel')} | ${has('channel_utilisation_pct')} | ${has('noise_dbm')} | ${has('clients')} |`);
  }
  return lines;
}
