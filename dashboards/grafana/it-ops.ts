import type { ScoringModel } from '../../collector/scoring/controls.js';
import type { DashboardSpec, PanelSpec } from './model.js';
import { DB, LATEST_RESULTS, SCOPE_FILTER, TIME_BUCKET, TIME_RANGE } from './sql/common.js';
import { AGENT_VERSIONS, COVERAGE_BY_SITE, COVERAGE_CONTROL, COVERAGE_OF_SCOPES, COVERAGE_TOTALS, GEAR_POLLED, gearHealthSql, HOT_SPOTS, INTERFACE_ERRORS } from './sql/operations.js';
import { BUSIEST_RADIOS, CHARTED_RADIOS, RADIO_CLIENTS_SERIES, RADIO_UTILISATION_SERIES } from './sql/network.js';
import { siteVariable, snapshotVariables, trustVariable } from './variables.js';

export function itOpsDashboard(model: ScoringModel): DashboardSpec {
  const networkControls = model.controls.filter((c) => c.scope === 'network').map((c) => c.id);
  const stat = (title: string, column: string, description: string, extra: Partial<PanelSpec> = {}): PanelSpec => ({
    title, description, type: 'stat', w: 4, h: 4, sql: `SELECT ${column} FROM (${COVERAGE_TOTALS})`, options: { colorMode: 'none' }, ...extra,
  });
  const low = model.coverage.low_confidence_below;
  const perSite = (title: string, description: string, table: string, value: string, unit: string): PanelSpec => ({
    title, description, type: 'timeseries', w: 12, h: 8, timeSeries: true, minInterval: '1h', unit,
    sql: `SELECT ${TIME_BUCKET('ts')} AS time, site_id AS Site, ${value} AS value
FROM ${DB}.${table} FINAL
WHERE ${TIME_RANGE('ts')} AND ${SCOPE_FILTER}
GROUP BY time, Site ORDER BY time, Site`,
    custom: { drawStyle: 'line', lineWidth: 1, spanNulls: true },
  });
  return {
    uid: 'sf-it-ops',
    title: 'Smart Foundations — IT operations',
    description: 'Agent coverage and versions, Wi-Fi and latency hot spots by site, infrastructure Wi-Fi per radio, and network gear health.',
    tags: ['smart-foundations', 'it-ops'],
    variables: [...snapshotVariables(), trustVariable(true), siteVariable()],
    panels: [
      { row: 'Coverage' },
      stat('Endpoints known', 'Known', 'Endpoints that reported at some time, plus asset-register entries no agent matched (the latest snapshot).'),
      stat('Reporting', 'Reporting', `Reported within ${model.coverage.reporting_days} days (${COVERAGE_CONTROL} passes).`),
      stat('Stale', 'Stale', `Reported once, silent for more than ${model.coverage.reporting_days} days.`, { thresholds: [['green', null], ['orange', 1]], options: { colorMode: 'value' } }),
      stat('Never reported', '"Never reported"', 'In the asset register, never seen by an agent: the agent is not installed or not enrolled.', { thresholds: [['green', null], ['orange', 1]], options: { colorMode: 'value' } }),
      {
        title: 'Agent coverage', type: 'stat', w: 4, h: 4, sql: COVERAGE_OF_SCOPES,
        description: `Reporting ÷ known, as the collector stored it for each chosen trust (All sites) or site; below ${low * 100} % the scores are low-confidence.`,
        unit: 'percentunit', decimals: 1, thresholds: [['red', null], ['green', low]],
        options: { colorMode: 'background', reduceOptions: { calcs: ['lastNotNull'], fields: '/^Coverage$/', values: true }, textMode: 'value_and_name' },
      },
      {
        title: 'Network gear polled', type: 'stat', w: 4, h: 4, options: { colorMode: 'none' }, sql: GEAR_POLLED,
        description: 'Switches, routers, firewalls, Wi-Fi controllers and access points scored in the latest snapshot, and how many failed their last poll up to its date.',
      },
      {
        title: 'Agent coverage by site', type: 'table', w: 14, h: 9, sql: COVERAGE_BY_SITE,
        description: 'Known, reporting, stale and never-reported endpoints per site, lowest coverage first.',
        columns: { Coverage: { unit: 'percentunit', decimals: 1, 'custom.cellOptions': { type: 'color-background' }, thresholds: { mode: 'absolute', steps: [{ color: 'red', value: null }, { color: 'green', value: low }] } } },
      },
      {
        title: 'Agent versions', type: 'piechart', w: 10, h: 9, sql: AGENT_VERSIONS,
        description: 'The agent version each reporting endpoint ran at its last report.',
        options: { reduceOptions: { calcs: ['lastNotNull'], fields: '/^Devices$/', values: true } },
      },
      {
        title: 'Assets that never reported', type: 'table', w: 24, h: 8,
        description: 'Asset-register entries no agent has matched by serial: install or enrol the agent, or correct the register.',
        sql: `SELECT r.site_id AS Site, a.serial AS Serial, a.asset_tag AS "Asset tag", a.purchase_date AS Purchased
FROM (SELECT trust_id, site_id, device_id FROM ${DB}.control_results
      WHERE ${LATEST_RESULTS} AND control_id = '${COVERAGE_CONTROL}' AND startsWith(device_id, 'asset:') AND ${SCOPE_FILTER}) AS r
LEFT JOIN (SELECT trust_id, serial, asset_tag, purchase_date FROM ${DB}.asset_register FINAL) AS a
  ON a.trust_id = r.trust_id AND concat('asset:', a.serial) = r.device_id
ORDER BY Site, Serial`,
      },
      { row: 'Wi-Fi and latency hot spots' },
      {
        title: 'Wi-Fi and latency hot spots', type: 'table', w: 24, h: 9, sql: HOT_SPOTS,
        description: 'Per site: devices failing INF-WIFI and INF-LAT, the 10th-percentile Wi-Fi signal, the share of samples on 2.4 GHz, the 95th-percentile round trip and loss over the 7 days before the snapshot date (the window the controls judge).',
        columns: { 'On 2.4 GHz': { unit: 'percentunit', decimals: 1 } },
      },
      { ...perSite('Round trip by site (95th percentile)', 'Slowest twentieth of latency probe round trips per site over the time range.', 'latency_samples', 'quantile(0.95)(rtt_avg_ms)', 'ms'), w: 24 },
      // What the radios report beside what the site's endpoints measured: weak signal on quiet radios
      // wants more access points, saturated radios want capacity.
      { row: 'Infrastructure Wi-Fi' },
      { ...perSite('Wi-Fi signal by site (10th percentile)', 'Measured by endpoints: the weakest tenth of Wi-Fi samples per site over the time range; below −67 dBm voice and video suffer.', 'wifi_samples', 'quantile(0.1)(signal_dbm)', 'dBm'), w: 8 },
      {
        title: 'Radio channel utilisation', type: 'timeseries', w: 8, h: 8, timeSeries: true, minInterval: '1h', unit: 'percent', min: 0, max: 100, sql: RADIO_UTILISATION_SERIES,
        description: `Reported by wireless controllers and access points: the highest channel utilisation of each interval, for the ${CHARTED_RADIOS} busiest radios of the table below.`,
        custom: { drawStyle: 'line', lineWidth: 1, spanNulls: true },
      },
      {
        title: 'Radio clients', type: 'timeseries', w: 8, h: 8, timeSeries: true, minInterval: '1h', decimals: 0, min: 0, sql: RADIO_CLIENTS_SERIES,
        description: `Clients associated to each of the ${CHARTED_RADIOS} busiest radios at its last poll of each interval.`,
        custom: { drawStyle: 'line', lineWidth: 1, spanNulls: true },
      },
      {
        title: 'Busiest radios', type: 'table', w: 24, h: 9, sql: BUSIEST_RADIOS,
        description: 'Each radio controllers and access points reported over the 7 days before the snapshot date (the window of the endpoint Wi-Fi figures), busiest first: mean and highest channel utilisation, mean noise floor, channel and clients at the last poll. The figures the built-in IT-ops page shows, from the same view (radio_health).',
        columns: {
          'Utilisation, mean': { unit: 'percent', decimals: 1 },
          'Utilisation, highest': { unit: 'percent', decimals: 1 },
          'Noise floor': { unit: 'dBm', decimals: 1 },
        },
      },
      { row: 'Network gear' },
      {
        title: 'Network gear health', type: 'table', w: 24, h: 10, sql: gearHealthSql(networkControls),
        description: `Each polled box with its ${networkControls.join(', ')} results in the latest snapshot and what its last poll said; most failures first.`,
        columns: {
          ...Object.fromEntries(networkControls.map((id) => [id, {
            'custom.cellOptions': { type: 'color-text' },
            mappings: [{ type: 'value', options: { pass: { color: 'green', index: 0 }, fail: { color: 'red', index: 1 }, unknown: { color: 'text', index: 2 } } }],
          }])),
          Uptime: { unit: 'dtdurations' },
        },
      },
      {
        title: 'Interfaces with errors', type: 'table', w: 24, h: 9, sql: INTERFACE_ERRORS,
        description: 'Interfaces by mean errors + discards as a share of packets over the 7 days before the snapshot date: the figure INF-NET-ERR judges (a box fails when its worst interface reaches the threshold).',
      },
    ],
  };
}
