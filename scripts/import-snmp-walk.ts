/**
 * Copies a recorded SNMP walk of a real device from LibreNMS's public test data into
 * test/fixtures/snmp/<device>/, keeping only the OIDs the poller reads (so the recordings stay
 * small), with a SOURCE.md naming repository, path, commit and licence, and expected.json taken
 * from LibreNMS's published discovery result (tests/data/<device>.json).
 *
 *   npx tsx scripts/import-snmp-walk.ts <device> <walk file> <walk commit> <discovery file> <discovery commit>
 *
 * The two files are librenms/librenms's tests/snmpsim/<device>.snmprec and tests/data/<device>.json
 * as the public code index returns them (read_file, every page joined), saved as plain text; the
 * commits are the ones the index names for them. Reads only those files; contacts nothing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FALLBACK_PREFIXES } from '../agent/collectors/snmp/vendor-mibs.js';
import { RADIO_PREFIXES } from '../agent/collectors/snmp/radios.js';

const [device, walkFile, walkCommit, discoveryFile, discoveryCommit] = process.argv.slice(2);
const isCommit = (c: string | undefined) => c !== undefined && /^[0-9a-f]{40}$/.test(c);
if (!device || !walkFile || !discoveryFile || !isCommit(walkCommit) || !isCommit(discoveryCommit)) {
  console.error('usage: import-snmp-walk.ts <device> <walk file> <walk commit> <discovery file> <discovery commit>');
  process.exit(2);
}

/** LibreNMS os name → the vendor a network team would name (LibreNMS's os definitions group them so). */
const VENDOR_OF_OS: Array<[RegExp, string]> = [
  [/^meraki/, 'Cisco Meraki'],
  [/^(ios|iosxe|iosxr|nxos|asa|ftd|ciscowlc|ciscowap)$/, 'Cisco'],
  [/^(arubaos|arubaos-cx|aruba-instant)$/, 'Aruba'],
  [/^procurve$/, 'HPE'],
  [/^comware$/, 'HPE'],
  [/^junos$/, 'Juniper'],
  [/^forti/, 'Fortinet'],
  [/^panos$/, 'Palo Alto Networks'],
  [/^gaia$/, 'Check Point'],
  [/^(edgeos|edgeswitch|unifi|airos)/, 'Ubiquiti'],
  [/^(xos|voss|exos)$/, 'Extreme Networks'],
  [/^(dnos|ftos|dell-os10|powerconnect)$/, 'Dell'],
  [/^routeros$/, 'MikroTik'],
  [/^ruckus/, 'Ruckus'],
  [/^(awplus|allied)/, 'Allied Telesis'],
  [/^vrp$/, 'Huawei'],
  [/^netgear$/, 'Netgear'],
  [/^(zynos|zyxel)/, 'Zyxel'],
  [/^sophos/, 'Sophos'],
  [/^fireware$/, 'WatchGuard'],
];

const IF_ROWS = 24;
const PREFIX_LINES = 300;
const cmp = (a: string, b: string) => {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
};

{
  const path = `tests/snmpsim/${device}.snmprec`;
  const walkText = readFileSync(walkFile, 'utf8');
  const lines = walkText.split(/\r?\n/).filter((l) => /^[\d.]+\|/.test(l));
  const rows = new Map(lines.map((l) => [l.slice(0, l.indexOf('|')), l] as const));
  const keep = new Set<string>();
  const under = (prefix: string) => [...rows.keys()].filter((o) => o.startsWith(`${prefix}.`));
  for (const o of under('1.3.6.1.2.1.1')) if (/^1\.3\.6\.1\.2\.1\.1\.[1-6]\.0$/.test(o)) keep.add(o);
  // IF-MIB: the first IF_ROWS interfaces, the columns the poller reads (+ ifConnectorPresent).
  const ifIndexes = under('1.3.6.1.2.1.2.2.1.1').map((o) => o.split('.').pop()!).sort((a, b) => Number(a) - Number(b)).slice(0, IF_ROWS);
  if (rows.has('1.3.6.1.2.1.2.1.0')) keep.add('1.3.6.1.2.1.2.1.0');
  for (const i of ifIndexes) {
    for (const c of [1, 2, 3, 5, 7, 8, 10, 11, 13, 14, 16, 17, 19, 20]) keep.add(`1.3.6.1.2.1.2.2.1.${c}.${i}`);
    for (const c of [1, 6, 7, 10, 11, 15, 17, 18]) keep.add(`1.3.6.1.2.1.31.1.1.1.${c}.${i}`);
  }
  // ENTITY-MIB: chassis (3) and stack (11) rows whole; without either, the first five rows.
  const ent = '1.3.6.1.2.1.47.1.1.1.1';
  const classes = under(`${ent}.5`).map((o) => [o.split('.').pop()!, rows.get(o)!.split('|')[2]] as const);
  let entRows = classes.filter(([, c]) => c === '3' || c === '11').map(([i]) => i);
  if (entRows.length === 0) entRows = classes.slice(0, 5).map(([i]) => i);
  // A table without entPhysicalClass: the first rows that name a model, a serial or a description.
  if (entRows.length === 0) entRows = [...new Set([13, 11, 2].flatMap((c) => under(`${ent}.${c}`).slice(0, 5).map((o) => o.split('.').pop()!)))].slice(0, 5);
  for (const i of entRows.slice(0, 64)) for (const c of [2, 4, 5, 7, 8, 9, 10, 11, 12, 13, 16, 17]) keep.add(`${ent}.${c}.${i}`);
  // A chassis without a serial: the poller looks for a module inside it that has one, so keep the
  // containment of every row and the serial and description of the first modules.
  const firstChassis = entRows[0];
  if (firstChassis !== undefined && (rows.get(`${ent}.11.${firstChassis}`)?.split('|')[2] ?? '').trim() === '') {
    for (const o of [...under(`${ent}.4`), ...under(`${ent}.5`)]) keep.add(o);
    for (const [i] of classes.filter(([, c]) => c === '9').slice(0, 8)) for (const c of [2, 11]) keep.add(`${ent}.${c}.${i}`);
  }
  for (const o of ['1.3.6.1.2.1.25.1.1.0']) keep.add(o);
  for (const o of under('1.3.6.1.2.1.25.3.3.1.2').slice(0, 8)) keep.add(o);
  for (const prefix of [...FALLBACK_PREFIXES, ...RADIO_PREFIXES]) for (const o of under(prefix).slice(0, PREFIX_LINES)) keep.add(o);
  const kept = [...keep].filter((o) => rows.has(o)).sort(cmp).map((o) => rows.get(o)!);

  type Devices = { devices?: Array<Record<string, unknown>> };
  const data = JSON.parse(readFileSync(discoveryFile, 'utf8')) as { os?: { discovery?: Devices; poller?: Devices | string } };
  // Older LibreNMS results leave discovery's fields empty and state them under poller.
  const discovered = data.os?.discovery?.devices?.[0] ?? {};
  const polled = typeof data.os?.poller === 'object' ? (data.os.poller.devices?.[0] ?? {}) : {};
  const section = discovered.hardware || discovered.version || !(polled.hardware || polled.version) ? 'discovery' : 'poller';
  const found = section === 'discovery' ? discovered : polled;
  const os = String(found.os ?? '');
  const vendor = VENDOR_OF_OS.find(([re]) => re.test(os))?.[1] ?? null;
  const field = (k: string) => (typeof found[k] === 'string' && (found[k] as string).trim() !== '' ? (found[k] as string) : null);
  const expected = {
    source: { project: 'LibreNMS', file: `tests/data/${device}.json`, key: `os.${section}.devices[0]` },
    librenms_os: os,
    vendor,
    model: field('hardware'),
    firmware: field('version'),
    serial: field('serial'),
    features: field('features'),
  };
  const dir = join('test/fixtures/snmp', device.replace(/[^\w.-]/g, '_'));
  mkdirSync(dir, { recursive: true });
  // Disputes are written by hand, each with its reason; a re-import keeps them.
  const previous = existsSync(join(dir, 'expected.json')) ? (JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { disputed?: unknown }) : {};
  if (previous.disputed) Object.assign(expected, { disputed: previous.disputed });
  writeFileSync(join(dir, 'walk.snmprec'), `${kept.join('\n')}\n`);
  writeFileSync(join(dir, 'expected.json'), `${JSON.stringify(expected, null, 2)}\n`);
  writeFileSync(
    join(dir, 'SOURCE.md'),
    [
      '---',
      'genuine: true',
      'repository: librenms/librenms',
      `path: ${path}`,
      `commit: ${walkCommit}`,
      `obtained: public code index (read_file), ${walkText.length} characters, every page joined`,
      `confirmed: Confirmed in the public code index (read_file) on ${new Date().toISOString().slice(0, 10)}.`,
      `expected_from: tests/data/${device}.json (LibreNMS discovery result, os "${os}")`,
      `expected_checked: model, firmware, serial, features taken from os.${section}.devices[0] of the index's copy at commit ${discoveryCommit}`,
      'licence: GPL-3.0-or-later (LibreNMS); kept here as test data only',
      `trimmed: ${kept.length} of ${lines.length} recorded OIDs kept (system group, first ${IF_ROWS} interfaces, ENTITY-MIB chassis/stack rows, HOST-RESOURCES uptime/CPU, the vendor scalars and the Wi-Fi radio tables the poller reads)`,
      '---',
      '',
      `Recorded walk of a real ${vendor ?? 'unknown-vendor'} device (LibreNMS os \`${os}\`), sysObjectID \`${String(found.sysObjectID ?? '')}\`.`,
      'Values LibreNMS redacted in the recording appear as `<private>`.',
      '',
    ].join('\n'),
  );
  console.log(`${dir}: ${kept.length}/${lines.length} OIDs, ${os}, ${expected.model} | ${expected.firmware} | ${expected.serial}`);
}
