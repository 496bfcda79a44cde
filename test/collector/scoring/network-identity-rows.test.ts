import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportToRows, WRITE_ORDER } from '../../../collector/ingest/report-rows.js';
import { infrastructureWifi } from '../../../collector/queries/network-wifi.js';
import { Store } from '../../../collector/store/store.js';
import { Report } from '../../../protocol/index.js';
import { tempDir } from '../../helpers/temp.js';

const polledAt = '2026-11-20T10:00:00.000Z';
const text = (n: number, c = 'x') => c.repeat(n);

/**
 * The issue 16 identity fields at the largest and smallest values the protocol accepts, validated by
 * the wire contract and stored by the ingest mapping in the real engine: every value fits its column,
 * and what is stored is what was sent.
 */
const report = Report.parse({
  schema: 'sf.report/v1', report_id: randomUUID(), device_id: 'dev_poller0001', agent_version: '0.1.0', collected_at: polledAt,
  network_devices: [
    {
      target: 'wlc-edge', address: '127.0.0.1', polled_at: polledAt, snmp_version: 'v3', security_level: 'authPriv',
      vendor: 'Cisco', os: 'IOS-XE', model: 'C9800-40-K9', firmware: text(128, '9'), family: text(64, 'F'), firmware_train: text(64, 'T'), firmware_source: 'vendor_mib',
      identity_notes: Array.from({ length: 10 }, (_, i) => text(300, String(i))),
      stack_members: Array.from({ length: 64 }, (_, i) => ({ position: i === 0 ? 255 : i, model: text(128, 'M'), serial: { unknown: 'not in ENTITY-MIB' }, firmware: text(128, 'v'), hardware_revision: text(128, 'h') })),
      interfaces: [
        { index: 4_294_967_295, name: text(128, 'i'), physical: true },
        { index: 2, name: 'Vlan1', physical: false },
        { index: 3, name: 'Gi0/3' },
      ],
      radios: [
        { ap_name: text(128, 'a'), ap_mac: 'ff:ff:ff:ff:ff:ff', band: '6GHz', channel: 233, channel_utilisation_pct: 100, noise_dbm: -127, clients: 10_000 },
        { ap_name: 'ap-2', band: 'unknown', channel: 0, channel_utilisation_pct: 0, noise_dbm: 0, clients: 0 },
        { ap_name: '', band: '2.4GHz' },
      ],
    },
  ],
});

describe('network identity, physical ports and radios stored at the protocol bounds', () => {
  const dir = tempDir('netrows');
  let store: Store;
  beforeAll(async () => {
    store = await Store.open({ dataDir: dir.path, database: 'sf' });
    const rows = reportToRows(report, { trustId: 't', siteId: 's', receivedAt: new Date(polledAt), bodyBytes: 1 });
    for (const table of WRITE_ORDER) await store.insert(table, rows[table]);
    // The same poll reported by another trust's poller: a reader of trust t must never see it.
    const other = reportToRows({ ...report, report_id: randomUUID() }, { trustId: 'u', siteId: 'v', receivedAt: new Date(polledAt), bodyBytes: 1 });
    await store.insert('radio_samples', other.radio_samples);
  });
  afterAll(async () => {
    await store.close();
    dir.remove();
  });

  it('identity fields, whole, in the latest state and the poll history', async () => {
    for (const table of ['network_devices', 'network_device_history']) {
      const [row] = await store.query<Record<string, unknown>>(
        `SELECT family, firmware, firmware_train, firmware_source, firmware_key, identity_notes, stack_members, radio_count FROM {db}.${table} FINAL`,
      );
      expect(row, table).toMatchObject({ family: text(64, 'F'), firmware: text(128, '9'), firmware_train: text(64, 'T'), firmware_source: 'vendor_mib', radio_count: 3 });
      expect(row!.identity_notes).toEqual(Array.from({ length: 10 }, (_, i) => text(300, String(i))));
      expect(JSON.parse(String(row!.firmware_key))).toHaveProperty('unknown');
      const members = JSON.parse(String(row!.stack_members)) as Array<{ position: number; serial: unknown }>;
      expect(members).toHaveLength(64);
      expect(members[0]).toMatchObject({ position: 255, serial: { unknown: 'not in ENTITY-MIB' } });
    }
  });

  it('physical as 1, 0 or unknown per interface', async () => {
    const rows = await store.query<{ if_index: number; physical: number | null }>(`SELECT if_index, physical FROM {db}.interface_samples FINAL ORDER BY if_index`);
    expect(rows.map((r) => [Number(r.if_index), r.physical])).toEqual([[2, 0], [3, null], [4_294_967_295, 1]]);
  });

  it('one radio row per radio, extremes kept', async () => {
    const rows = await store.query<Record<string, unknown>>(`SELECT ap_name, ap_mac, band, channel, channel_utilisation_pct, noise_dbm, clients FROM {db}.radio_samples FINAL WHERE trust_id = 't' ORDER BY seq`);
    expect(rows).toEqual([
      { ap_name: text(128, 'a'), ap_mac: 'ff:ff:ff:ff:ff:ff', band: '6GHz', channel: 233, channel_utilisation_pct: 100, noise_dbm: -127, clients: 10_000 },
      { ap_name: 'ap-2', ap_mac: '', band: 'unknown', channel: 0, channel_utilisation_pct: 0, noise_dbm: 0, clients: 0 },
      { ap_name: '', ap_mac: '', band: '2.4GHz', channel: null, channel_utilisation_pct: null, noise_dbm: null, clients: null },
    ]);
  });

  it('the infrastructure Wi-Fi read model keeps to the trusts the reader may see', async () => {
    const all = await infrastructureWifi(store, '2026-11-20', {});
    expect(all.sites.map((x) => [x.trust_id, x.site_id, x.radios, x.clients])).toEqual([['t', 's', 3, 10_000], ['u', 'v', 3, 10_000]]);
    const scoped = await infrastructureWifi(store, '2026-11-20', { trusts: ['t'] });
    expect(scoped.sites.map((x) => x.site_id)).toEqual(['s']);
    expect(new Set(scoped.radios.map((r) => r.trust_id))).toEqual(new Set(['t']));
    expect(scoped.radio_count).toBe(3);
    expect((await infrastructureWifi(store, '2026-11-20', { trusts: [] })).radios).toEqual([]);
    // Outside the 7-day window nothing is shown.
    expect((await infrastructureWifi(store, '2026-11-28', {})).radio_count).toBe(0);
  });
});
