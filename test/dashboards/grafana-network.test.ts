import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFirmwareCatalogue, shippedFirmwareCatalogue } from '../../collector/lifecycle/firmware-catalogue.js';
import { catalogueFirmwareKey, FIRMWARE_PLATFORMS } from '../../collector/lifecycle/firmware-version.js';
import { infrastructureWifi } from '../../collector/queries/network-wifi.js';
import type { RunningCollector } from '../../collector/service.js';
import { buildDashboards } from '../../dashboards/grafana/generate.js';
import { CHARTED_RADIOS } from '../../dashboards/grafana/sql/network.js';
import type { NetworkDevice } from '../../protocol/index.js';
import { adminFor, siteWithSecret, startTestCollector } from '../helpers/collector.js';
import { tempDir } from '../helpers/temp.js';
import { interpolate, panelQueries, resolveVariables, type Choices } from './grafana-variables.js';
import { sitePoller, wirelessController, type Radio } from './radio-polls.js';

// The date: the 14th day after the newest FortiOS 7.4 release the shipped firmware catalogue lists, so
// one box can be current on it and one behind (on a release whose next fix is older than 14 days);
// read from the catalogue, so the test follows each review.
const train = parseFirmwareCatalogue(shippedFirmwareCatalogue()).trains.find((t) => t.platform === 'fortios' && t.train === '7.4')!;
const releases = [...train.releases].sort((a, b) => {
  const [ka, kb] = [catalogueFirmwareKey('fortios', a.version), catalogueFirmwareKey('fortios', b.version)];
  return 'order' in ka && 'order' in kb && ka.order < kb.order ? -1 : 1;
});
const AS_OF = new Date(Date.parse(`${releases.at(-1)!.release}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
const at = (hour: number) => `${AS_OF}T${String(hour).padStart(2, '0')}:00:00.000Z`;

const firewall = (target: string, version: string, polledAt: string): NetworkDevice => ({
  target, address: '127.0.0.1', polled_at: polledAt, snmp_version: 'v3', security_level: 'authPriv', default_community_accepted: false, community_enabled: false,
  vendor: 'Fortinet', os: FIRMWARE_PLATFORMS.get('fortios')!, model: 'FortiGate-100F', firmware: version,
});

/**
 * The ward's controller: five radios, polled at 09:00 and 10:00 (ward-ap-1's 5 GHz radio gets busier).
 * ward-ap-3's two radios name no band, as RUCKUS-RADIO-MIB's do without ruckusRadioMode: they stay two.
 */
const wardRadios = (hour: 9 | 10): Radio[] => [
  { ap_name: 'ward-ap-1', ap_mac: '00:11:22:33:44:01', band: '5GHz', channel: 36, channel_utilisation_pct: hour === 9 ? 40 : 60, noise_dbm: -92, clients: hour === 9 ? 10 : 12 },
  { ap_name: 'ward-ap-1', ap_mac: '00:11:22:33:44:01', band: '2.4GHz', channel: 6, channel_utilisation_pct: 75, noise_dbm: -85, clients: 3 },
  { ap_name: 'ward-ap-2', ap_mac: '00:11:22:33:44:02', band: '5GHz', channel: 149, channel_utilisation_pct: 20, noise_dbm: -95, clients: 0 },
  { ap_name: 'ward-ap-3', ap_mac: '00:11:22:33:44:03', band: 'unknown', channel_utilisation_pct: 15, noise_dbm: -111, clients: 4 },
  { ap_name: 'ward-ap-3', ap_mac: '00:11:22:33:44:03', band: 'unknown', channel_utilisation_pct: 12, noise_dbm: -99, clients: 5 },
];
/** The lobby's controller: ten quiet radios (1 % … 10 %), more than the time series draw beside the ward's. */
const lobbyRadios: Radio[] = Array.from({ length: 10 }, (_, n) => ({
  ap_name: `lobby-ap-${n + 1}`, ap_mac: `00:11:22:33:55:${String(n + 10)}`, band: '5GHz', channel: 44, channel_utilisation_pct: n + 1, noise_dbm: -90, clients: n,
}));

// Radios and gear go in through the real report path (site pollers' POST /v1/reports) and the panels'
// SQL runs on the embedded engine as Grafana would send it; the figures equal the IT-ops page's read
// model and the API's CYB-NET-PATCH results.
describe('Grafana: infrastructure Wi-Fi and network firmware currency', () => {
  const dir = tempDir('grafana-network');
  const dashboards = buildDashboards();
  const json = (file: string) => dashboards.find((d) => d.file === file)!.json;
  let collector: RunningCollector;
  const viewer = async <T,>(path: string): Promise<T> => {
    const response = await fetch(`${collector.url}${path}`, { headers: { authorization: `Bearer ${collector.viewerToken}` } });
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };
  const range = { from: new Date(`${AS_OF}T00:00:00Z`), to: new Date(`${AS_OF}T23:59:59Z`) };
  const panel = async <T = Record<string, unknown>>(file: string, title: string, choices: Choices = {}) => {
    const sql = panelQueries(json(file)).find((p) => p.title === title)!.sql;
    return collector.store.query<T>(interpolate(sql, await resolveVariables(collector.store, json(file), range, choices)));
  };

  beforeAll(async () => {
    collector = await startTestCollector(dir.path);
    const admin = adminFor(collector.url, dir.path);
    await siteWithSecret(admin, 'ward', 'rwi');
    await siteWithSecret(admin, 'lobby', 'rwi');
    const ward = await sitePoller(collector.url, admin, 'ward', 'b'.repeat(64));
    const lobby = await sitePoller(collector.url, admin, 'lobby', 'c'.repeat(64));
    for (const hour of [9, 10] as const) {
      await ward([
        wirelessController('wlc-1', at(hour), wardRadios(hour)),
        firewall('fw-current', releases.at(-1)!.version, at(hour)),
        firewall('fw-behind', releases.at(-3)!.version, at(hour)),
      ], at(hour));
      await lobby([wirelessController('wlc-2', at(hour), lobbyRadios)], at(hour));
    }
    // Reading the date makes its score run, which the dashboards' as-of and run variables find.
    await viewer(`/v1/devices?as_of=${AS_OF}&limit=1`);
  }, 120_000);
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  it('Busiest radios: the IT-ops page\'s radios (radio_health), busiest first, with the site variable applied', async () => {
    type Row = { Site: string; Controller: string; 'Access point': string; Band: string; Channel: number; 'Utilisation, mean': number; 'Utilisation, highest': number; 'Noise floor': number; Clients: number };
    const shown = (r: Row) => [r.Site, r.Controller, r['Access point'], r.Band, r.Channel, r['Utilisation, mean'], r['Utilisation, highest'], r['Noise floor'], Number(r.Clients)];
    const rows = await panel<Row>('it-ops.json', 'Busiest radios');
    const page = await infrastructureWifi(collector.store, AS_OF, { trust: 'rwi' });
    expect(rows.map(shown)).toEqual(page.radios.map((r) => [r.site_id, r.target, r.ap_name, r.band, r.channel, r.utilisation_mean_pct, r.utilisation_max_pct, r.noise_mean_dbm, r.clients]));
    expect(rows.slice(0, 3).map(shown)).toEqual([
      ['ward', 'wlc-1', 'ward-ap-1', '2.4GHz', 6, 75, 75, -85, 3],
      // Two polls: mean 50 %, highest 60 %, clients at the last poll.
      ['ward', 'wlc-1', 'ward-ap-1', '5GHz', 36, 50, 60, -92, 12],
      ['ward', 'wlc-1', 'ward-ap-2', '5GHz', 149, 20, 20, -95, 0],
    ]);
    expect(rows.slice(3, 5).map(shown)).toEqual([
      ['ward', 'wlc-1', 'ward-ap-3', 'unknown', null, 15, 15, -111, 4],
      ['ward', 'wlc-1', 'ward-ap-3', 'unknown', null, 12, 12, -99, 5],
    ]);
    expect(rows).toHaveLength(15);
    const wardOnly = await panel<Row>('it-ops.json', 'Busiest radios', { site: ['ward'] });
    expect(wardOnly.map(shown)).toEqual(rows.slice(0, 5).map(shown));
  });

  it('radio time series: per interval, the busiest radios\' highest utilisation and last client count', async () => {
    type Point = { time: string; Radio: string; value: number };
    const series = (points: Point[]) => Object.fromEntries([...new Set(points.map((p) => p.Radio))].map((radio) => [radio, points.filter((p) => p.Radio === radio).map((p) => [p.time.slice(11, 16), Number(p.value)])]));
    const utilisation = series(await panel<Point>('it-ops.json', 'Radio channel utilisation'));
    // The ten the table ranks first: the ward's five and the lobby's five busiest (6 % … 10 %).
    expect(Object.keys(utilisation)).toHaveLength(CHARTED_RADIOS);
    expect(Object.keys(utilisation).filter((r) => r.startsWith('lobby')).sort()).toEqual(lobbyRadios.slice(5).map((r) => `${r.ap_name} 5GHz · wlc-2`).sort());
    expect(utilisation['ward-ap-1 5GHz · wlc-1']).toEqual([['09:00', 40], ['10:00', 60]]);
    expect(utilisation['ward-ap-1 2.4GHz · wlc-1']).toEqual([['09:00', 75], ['10:00', 75]]);
    const clients = series(await panel<Point>('it-ops.json', 'Radio clients', { site: ['ward'] }));
    expect(clients).toEqual({
      'ward-ap-1 2.4GHz · wlc-1': [['09:00', 3], ['10:00', 3]],
      'ward-ap-1 5GHz · wlc-1': [['09:00', 10], ['10:00', 12]],
      'ward-ap-2 5GHz · wlc-1': [['09:00', 0], ['10:00', 0]],
      'ward-ap-3 unknown · wlc-1': [['09:00', 4], ['10:00', 4]],
      'ward-ap-3 unknown #2 · wlc-1': [['09:00', 5], ['10:00', 5]],
    });
  });

  it('firmware currency: each box\'s CYB-NET-PATCH result and reason, and the counts, as the API gives them', async () => {
    const api = await viewer<{ devices: Array<{ device_id: string; status: string; reason: string; evidence: string }> }>(`/v1/devices?as_of=${AS_OF}&kind=network&control=CYB-NET-PATCH&limit=100`);
    type Row = { Device: string; Name: string; Result: string; Reason: string; Evidence: string };
    const rows = await panel<Row>('cyber.json', 'Network gear: firmware currency');
    expect(rows.map((r) => [r.Device, r.Result, r.Reason, r.Evidence]).sort()).toEqual(api.devices.map((d) => [d.device_id, d.status, d.reason, d.evidence]).sort());
    // Behind first, then unknown, then current; the reason says which release and why.
    expect(rows.map((r) => r.Result)).toEqual(['fail', 'unknown', 'unknown', 'pass']);
    expect(rows[0]!.Reason).toContain(`a newer fortios 7.4 release, ${releases.at(-2)!.version}`);
    expect(rows[1]!.Reason).toMatch(/^not in the firmware catalogue: cisco-aireos train 8\.10 /);
    expect(rows[3]!.Reason).toBe('');

    const scores = await viewer<{ trusts: Array<{ trust_id: string; controls: Array<{ control_id: string; pass: number; fail: number; unknown: number }> }> }>(`/v1/scores?as_of=${AS_OF}&trust=rwi`);
    const stored = scores.trusts[0]!.controls.find((c) => c.control_id === 'CYB-NET-PATCH')!;
    const [counts] = await panel<{ Current: number; Behind: number; Unknown: number }>('cyber.json', 'Network gear by firmware currency');
    expect([counts!.Current, counts!.Behind, counts!.Unknown].map(Number)).toEqual([stored.pass, stored.fail, stored.unknown]);
    expect([stored.pass, stored.fail, stored.unknown]).toEqual([1, 1, 2]);
    const lobby = await panel<Row>('cyber.json', 'Network gear: firmware currency', { site: ['lobby'] });
    expect(lobby.map((r) => r.Result)).toEqual(['unknown']);
  });
});
