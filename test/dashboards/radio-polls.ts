import { randomUUID } from 'node:crypto';
import { AdminClient } from '../../collector/admin-client.js';
import type { NetworkDevice, Report } from '../../protocol/index.js';
import { enroll } from '../helpers/collector.js';
import { postReport } from '../helpers/reports.js';

export type Radio = NonNullable<NetworkDevice['radios']>[number];

/** A Cisco wireless controller's poll: its radios and one physical uplink. */
export function wirelessController(target: string, polledAt: string, radios: Radio[]): NetworkDevice {
  return {
    target, address: '127.0.0.1', polled_at: polledAt, snmp_version: 'v3', security_level: 'authPriv', default_community_accepted: false, community_enabled: false,
    vendor: 'Cisco', os: 'AireOS', model: 'AIR-CT5520-K9', firmware: '8.10.196.0',
    interfaces: [{ index: 1, name: 'TenGigabitEthernet0/0/1', in_packets: 1e6, out_packets: 1e6, in_error_pct: 0, out_error_pct: 0, in_discard_pct: 0, out_discard_pct: 0, utilisation_pct: 10, physical: true }],
    radios,
  };
}

/**
 * A site poller for an existing site, enrolled with a poller secret: each call of the returned
 * function posts one poll of the given gear through the real report path (POST /v1/reports).
 */
export async function sitePoller(url: string, admin: AdminClient, siteId: string, fingerprint: string): Promise<(gear: NetworkDevice[], collectedAt: string) => Promise<void>> {
  const poller = await enroll(url, await admin.createEnrollSecret(siteId, { role: 'poller' }), fingerprint);
  return async (gear, collectedAt) => {
    const report: Report = { schema: 'sf.report/v1', report_id: randomUUID(), device_id: poller.device_id, agent_version: '0.1.0', collected_at: collectedAt, network_devices: gear };
    const response = await postReport(url, poller.node_key, report);
    if (response.status !== 202) throw new Error(`the poll of ${siteId} was refused: ${response.status}`);
  };
}
