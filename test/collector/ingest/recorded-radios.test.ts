import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportToRows, WRITE_ORDER } from '../../../collector/ingest/report-rows.js';
import { infrastructureWifi, type InfrastructureWifi } from '../../../collector/queries/network-wifi.js';
import { Store } from '../../../collector/store/store.js';
import { Report } from '../../../protocol/index.js';
import { pollWalks } from '../../helpers/snmpd-walks.js';
import { tempDir } from '../../helpers/temp.js';

/**
 * The radios the poller reads from recorded walks of real controllers and APs (an Aruba Instant
 * cluster, a Ruckus AP, a Cisco Business Wireless controller; test/fixtures/snmp) go through the
 * wire contract and the ingest mapping into radio_samples in the real embedded engine, and come back
 * out of the IT-ops read model (radio_health, migration 021) with their noise floor and clients.
 */
describe('radios from recorded walks, stored and read back for the IT-ops page', () => {
  const dir = tempDir('recorded-radios');
  let store: Store;
  let wifi: InfrastructureWifi;
  beforeAll(async () => {
    const polled = await pollWalks(['aruba-instant_105', 'ruckuswireless-hotzone', 'ciscowlc_cbw240ac']);
    const devices = polled.map((r) => r.got!);
    const receivedAt = new Date();
    const report = Report.parse({ schema: 'sf.report/v1', report_id: randomUUID(), device_id: 'dev_poller0001', agent_version: '0.1.0', collected_at: receivedAt.toISOString(), network_devices: devices });
    store = await Store.open({ dataDir: dir.path, database: 'sf' });
    const rows = reportToRows(report, { trustId: 't', siteId: 'ward', receivedAt, bodyBytes: 1 });
    for (const table of WRITE_ORDER) await store.insert(table, rows[table]);
    wifi = await infrastructureWifi(store, receivedAt.toISOString().slice(0, 10), {});
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    dir.remove();
  });

  it('keeps every radio, its noise floor and its clients', () => {
    expect(wifi.radio_count).toBe(4 + 2 + 8);
    const byTarget = (target: string) => wifi.radios.filter((r) => r.target === target).sort((a, b) => `${a.ap_mac}${a.channel}`.localeCompare(`${b.ap_mac}${b.channel}`));
    expect(byTarget('aruba-instant_105').map((r) => [r.ap_mac, r.band, r.channel, r.noise_mean_dbm, r.clients])).toEqual([
      ['24:de:c6:c3:50:a4', 'unknown', 1, -94, null],
      ['24:de:c6:c3:50:a4', '5GHz', 132, -93, null],
      ['24:de:c6:c3:52:da', '5GHz', 100, -93, null],
      ['24:de:c6:c3:52:da', '2.4GHz', 11, -94, null],
    ]);
    // Both radios of the Ruckus AP have no band in the recording: two radios still, not one averaged.
    expect(byTarget('ruckuswireless-hotzone').map((r) => [r.radio_ordinal, r.noise_mean_dbm, r.clients]).sort()).toEqual([
      [0, -111, 1],
      [1, -99, 0],
    ]);
    expect(byTarget('ciscowlc_cbw240ac').reduce((sum, r) => sum + (r.clients ?? 0), 0)).toBe(24);
  });

  it('sums clients per site and names the noisiest radio\'s noise floor', () => {
    expect(wifi.sites).toEqual([{ trust_id: 't', site_id: 'ward', radios: 14, clients: 25, busiest_utilisation_pct: 45, worst_noise_dbm: -93 }]);
  });
});
