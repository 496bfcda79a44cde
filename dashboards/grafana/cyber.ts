import type { ScoringModel } from '../../collector/scoring/controls.js';
import { DEVICE_LISTS } from '../../collector/queries/device-list.js';
import type { DashboardSpec, PanelSpec } from './model.js';
import { DB, LATEST_RESULTS, RANGE_DATES, SCOPE_FILTER, SCOPE_ROWS } from './sql/common.js';
import { FIRMWARE_CURRENCY, FIRMWARE_CURRENCY_CONTROL, FIRMWARE_CURRENCY_COUNTS } from './sql/network.js';
import { changesSql, CONTROL_FILTER, controlFilter, failingSinceSql, findingsSql, findingsTrendSql } from './sql/findings.js';
import { controlVariable, siteVariable, snapshotVariables, trustVariable } from './variables.js';

/** Network gear controls: firmware support and management hygiene are the cyber team's; link health is IT ops'. */
const GEAR_FIRMWARE = 'CYB-NET-FW';
const GEAR_MANAGEMENT = 'CYB-NET-MGMT';

const fixedColour = (colour: string) => ({ color: { mode: 'fixed', fixedColor: colour } });

/** A control's threshold as the catalogue states it (its only number), for the panel text. */
function threshold(model: ScoringModel, id: string): number {
  const values = Object.values(model.controls.find((c) => c.id === id)?.threshold ?? {});
  if (values.length !== 1 || typeof values[0] !== 'number') throw new Error(`${id} has no single numeric threshold for the cyber dashboard to name`);
  return values[0];
}

export function cyberDashboard(model: ScoringModel): DashboardSpec {
  const ids = new Set(model.controls.map((c) => c.id));
  const headline = [DEVICE_LISTS.unsupported, DEVICE_LISTS.unpatched, GEAR_FIRMWARE, GEAR_MANAGEMENT];
  for (const id of [...headline, FIRMWARE_CURRENCY_CONTROL]) if (!ids.has(id)) throw new Error(`the control catalogue has no ${id}, which the cyber dashboard counts`);
  // The failing count each run stored per scope: each chosen trust's own (All sites) or each chosen site's.
  const failing = (control: string) =>
    `SELECT sum(fail) AS Failing FROM ${DB}.scope_results WHERE ${LATEST_RESULTS} AND row_kind = 'control' AND item = '${control}' AND ${SCOPE_ROWS}`;
  const stat = (title: string, control: string, description: string): PanelSpec => ({
    title, description: `${description} Devices failing ${control} in the latest snapshot.`, type: 'stat', w: 6, h: 4, sql: failing(control),
    thresholds: [['green', null], ['red', 1]],
  });
  return {
    uid: 'sf-cyber',
    title: 'Smart Foundations — Cyber',
    description: 'Unsupported and unpatched endpoints and network gear, with the evidence behind each finding and how long it has stood.',
    tags: ['smart-foundations', 'cyber'],
    variables: [...snapshotVariables(), trustVariable(true), siteVariable(), controlVariable(model, headline)],
    panels: [
      stat('Endpoints on an unsupported OS', DEVICE_LISTS.unsupported, 'Operating system past its vendor support date (and not in an enrolled extended programme), as GET /v1/devices?list=unsupported.'),
      stat('Endpoints unpatched', DEVICE_LISTS.unpatched, 'A security update pending for longer than the patch window, as GET /v1/devices?list=unpatched.'),
      stat('Network gear on unsupported firmware', GEAR_FIRMWARE, 'Firmware train past the vendor end of support in the end-of-life catalogue.'),
      stat('Network gear managed insecurely', GEAR_MANAGEMENT, 'Not SNMP v3 authPriv only: v1/v2c enabled or a default community accepted.'),
      {
        title: 'Endpoints: findings', type: 'table', w: 24, h: 11,
        description: 'Failing results of the picked controls on endpoints (and asset-register entries that never reported), oldest finding first, with the reason and evidence the control recorded.',
        sql: findingsSql('endpoint'),
        columns: { 'Age (days)': { 'custom.cellOptions': { type: 'color-text' }, thresholds: { mode: 'absolute', steps: [{ color: 'text', value: null }, { color: 'orange', value: 7 }, { color: 'red', value: 30 }] } } },
      },
      {
        title: 'Network gear: findings', type: 'table', w: 24, h: 9,
        description: 'Failing results of the picked controls on switches, routers, firewalls, Wi-Fi controllers and access points polled over SNMP.',
        sql: findingsSql('network'),
      },
      {
        title: 'Network gear by firmware currency', type: 'piechart', w: 6, h: 9, sql: FIRMWARE_CURRENCY_COUNTS,
        description: `Polled boxes by their ${FIRMWARE_CURRENCY_CONTROL} result in the latest snapshot: current (no newer release of their train out more than ${threshold(model, FIRMWARE_CURRENCY_CONTROL)} days), behind, or unknown (a train or release the firmware release catalogue does not list, or a catalogue not reviewed recently enough).`,
        options: { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false } },
        columns: { Current: fixedColour('green'), Behind: fixedColour('red'), Unknown: fixedColour('text') },
      },
      {
        title: 'Network gear: firmware currency', type: 'table', w: 18, h: 9, sql: FIRMWARE_CURRENCY,
        description: `Each polled box's ${FIRMWARE_CURRENCY_CONTROL} result in the latest snapshot, behind first, with the reason (the newer release and how long it has been out, or why currency is unknown) and the evidence the control recorded.`,
        columns: { Result: { 'custom.cellOptions': { type: 'color-text' }, mappings: [{ type: 'value', options: { pass: { color: 'green', index: 0 }, fail: { color: 'red', index: 1 }, unknown: { color: 'text', index: 2 } } }] } },
      },
      {
        title: 'Failing devices per day', type: 'timeseries', w: 12, h: 9, timeSeries: true,
        description: 'Devices failing each picked control in each daily snapshot of the time range.',
        sql: findingsTrendSql(RANGE_DATES),
        custom: { drawStyle: 'line', lineWidth: 2, showPoints: 'always', pointSize: 5, spanNulls: true },
      },
      {
        title: 'Since the day before', type: 'table', w: 24, h: 6,
        description: 'Per picked control: devices newly failing, fixed, and no longer in scope (revoked, dropped from the asset register) since the day before’s snapshot, as GET /v1/findings/changes counts them. Empty when that snapshot was not kept.',
        sql: changesSql(),
      },
      {
        title: 'Findings by site', type: 'barchart', w: 12, h: 9,
        description: 'Failing devices per site and picked control in the latest snapshot.',
        sql: `SELECT site_id AS Site, item AS Control, fail AS Failing FROM ${DB}.scope_results
WHERE ${LATEST_RESULTS} AND row_kind = 'control' AND site_id != '' AND ${SCOPE_FILTER} AND ${controlFilter('item')} AND fail > 0
ORDER BY Site, Control`,
        transformations: [{ id: 'groupingToMatrix', options: { columnField: 'Control', rowField: 'Site', valueField: 'Failing', emptyValue: 'zero' } }],
      },
      {
        title: 'Finding age', type: 'barchart', w: 24, h: 8,
        description: 'How long the current findings have stood: days since the first daily snapshot of each run of failures (bounded by the oldest snapshot kept).',
        sql: `SELECT multiIf(age <= 1, '0–1 days', age <= 7, '2–7 days', age <= 30, '8–30 days', 'over 30 days') AS Age, f.control_id AS Control, count() AS Findings
FROM (
  SELECT r.control_id AS control_id, dateDiff('day', s.since, r.as_of) AS age
  FROM (SELECT as_of, device_id, control_id FROM ${DB}.control_results
        WHERE ${LATEST_RESULTS} AND status = 'fail' AND ${SCOPE_FILTER} AND ${CONTROL_FILTER}) AS r
  INNER JOIN (${failingSinceSql(`${SCOPE_FILTER} AND ${CONTROL_FILTER}`)}) AS s ON s.device_id = r.device_id AND s.control_id = r.control_id
) AS f
GROUP BY Age, Control ORDER BY min(age), Control`,
        transformations: [{ id: 'groupingToMatrix', options: { columnField: 'Control', rowField: 'Age', valueField: 'Findings', emptyValue: 'zero' } }],
        options: { orientation: 'vertical' },
      },
    ],
  };
}
