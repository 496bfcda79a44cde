import { randomUUID } from 'node:crypto';
import { networkDeviceRows } from '../../collector/ingest/network-rows.js';
import type { ScoringModel } from '../../collector/scoring/controls.js';
import { evaluateControls } from '../../collector/scoring/evaluate.js';
import type { Store } from '../../collector/store/store.js';
import type { NetworkDevice, Report } from '../../protocol/index.js';

/** Polled gear as one site poller's report stores it: through the real ingest row mapping. */
export async function insertPolledGear(store: Store, devices: NetworkDevice[], polledAt: string): Promise<void> {
  const report = { schema: 'sf.report/v1', report_id: randomUUID(), device_id: 'poller-1', agent_version: '0.1.0', collected_at: polledAt } as Report;
  const rows = devices.map((d, i) => networkDeviceRows(d, report, { trustId: 't', siteId: 's' }, i * 10).network_devices[0]!);
  await store.insert('network_device_history', rows);
}

/** Runs the model for a day and returns CYB-NET-PATCH per polled target: [status, reason]. */
export async function firmwarePatchResults(store: Store, model: ScoringModel, asOf: string): Promise<Record<string, [string, string]>> {
  const run = await evaluateControls(store, model, asOf, 'requested');
  const rows = await store.query<{ target: string; status: string; reason: string }>(
    `SELECT h.target AS target, r.status AS status, r.reason AS reason FROM {db}.control_results AS r
     INNER JOIN (SELECT DISTINCT device_id, target FROM {db}.network_device_history) AS h ON h.device_id = r.device_id
     WHERE r.as_of = {as_of:Date} AND r.run_id = {run:String} AND r.control_id = 'CYB-NET-PATCH'`,
    { as_of: asOf, run: run.run_id },
  );
  return Object.fromEntries(rows.map((r) => [r.target, [r.status, r.reason]]));
}
