import pLimit from 'p-limit';
import pRetry, { AbortError } from 'p-retry';
import { gzipSync } from 'node:zlib';
import { EnrollResponse, type Report } from '../protocol/index.js';
import { AdminClient } from '../collector/admin-client.js';
import { assetRegisterCsv, planFleet, planTrusts, reportsFor, type FleetOptions, type SimulatedDevice } from './fleet.js';
import { planSitePollers } from './network-gear.js';
import { pollerReports } from './network-polls.js';

export interface LoadResult {
  /** Agents enrolled: the fleet's endpoints and one site server per site. */
  devices: number;
  /** Site servers polling network gear over SNMP (included in `devices`). */
  sitePollers: number;
  /** Switches, routers, firewalls, Wi-Fi controllers and access points the site servers poll. */
  networkDevices: number;
  reportsSent: number;
  reportsStored: number;
  duplicates: number;
  assets: number;
}

export interface EnrolledDevice {
  device: SimulatedDevice;
  deviceId: string;
  nodeKey: string;
}

/**
 * Enrols every simulated device and posts its reports through the same public HTTP API a
 * real agent uses. Sites and reports have stable ids, so loading twice stores nothing new.
 */
export async function loadFleet(
  collectorUrl: string,
  adminToken: string,
  options: FleetOptions,
  concurrency = 8,
): Promise<LoadResult> {
  const admin = new AdminClient(collectorUrl, adminToken);
  const secrets = await createFleetSites(admin);
  const result: LoadResult = { devices: 0, sitePollers: 0, networkDevices: 0, reportsSent: 0, reportsStored: 0, duplicates: 0, assets: 0 };
  const limit = pLimit(concurrency);
  const fleet = planFleet(options);
  const pollers = planSitePollers(planTrusts().flatMap((t) => t.sites), options);
  const send = async (device: SimulatedDevice, reports: (deviceId: string) => Report[], role: 'endpoint' | 'poller' = 'endpoint') => {
    const { deviceId, nodeKey } = await enrolDevice(collectorUrl, secrets, device, role);
    result.devices++;
    for (const report of reports(deviceId)) {
      const { duplicate } = await postReport(collectorUrl, nodeKey, report);
      result.reportsSent++;
      if (duplicate) result.duplicates++;
      else result.reportsStored++;
    }
  };
  await Promise.all([
    ...fleet.map((device) => limit(() => send(device, (id) => reportsFor(device, id, options)))),
    ...pollers.map((poller) =>
      limit(async () => {
        await send(poller.device, (id) => pollerReports(poller, id, options), 'poller');
        result.sitePollers++;
        result.networkDevices += poller.gear.length;
      }),
    ),
  ]);
  // After the devices: an asset register imported first would list them all as never reported.
  for (const trust of planTrusts()) {
    const imported = await admin.importAssetRegister(trust.trustId, assetRegisterCsv(fleet, trust.trustId, options));
    if (imported.errors.length > 0) throw new Error(`asset register of ${trust.trustId}: ${imported.errors.join('; ')}`);
    result.assets += imported.imported;
  }
  return result;
}

/** Creates (or updates) the simulated trusts' sites; returns fresh enrol secrets by site id (endpoints) and `<site id>/poller`. */
export async function createFleetSites(admin: AdminClient): Promise<Map<string, string>> {
  const secrets = new Map<string, string>();
  for (const trust of planTrusts()) {
    for (const site of trust.sites) {
      await admin.addSite({ site_id: site.siteId, trust_id: trust.trustId, name: site.name, trust_name: trust.name });
      // The simulated fleet may be loaded again into the same data: its secrets may replace keys.
      secrets.set(site.siteId, await admin.createEnrollSecret(site.siteId, { allowReenrol: true }));
      secrets.set(`${site.siteId}/poller`, await admin.createEnrollSecret(site.siteId, { role: 'poller', allowReenrol: true }));
    }
  }
  return secrets;
}

/** Enrols one simulated device with its site's secret, as its agent would. */
export async function enrolDevice(collectorUrl: string, secrets: Map<string, string>, device: SimulatedDevice, role: 'endpoint' | 'poller' = 'endpoint'): Promise<EnrolledDevice> {
  const enrolment = await postJson(`${collectorUrl}/v1/enroll`, {
    enroll_secret: secrets.get(role === 'poller' ? `${device.site.siteId}/poller` : device.site.siteId),
    fingerprint: device.fingerprint,
    hostname: device.hostname,
    platform: device.platform,
    agent_version: '0.1.0',
  });
  const { device_id, node_key } = EnrollResponse.parse(enrolment);
  return { device, deviceId: device_id, nodeKey: node_key };
}

/**
 * POST with the patience of an agent: network errors and 503 are retried with exponential backoff
 * (at least the collector's Retry-After); any other answer than `expected` is final.
 */
async function post(url: string, init: RequestInit, expected: number): Promise<unknown> {
  return pRetry(
    async () => {
      const response = await fetch(url, { ...init, method: 'POST' });
      if (response.status === expected) return response.json();
      const text = await response.text();
      if (response.status !== 503 && response.status !== 429) throw new AbortError(`POST ${url}: HTTP ${response.status} ${text}`);
      await new Promise((r) => setTimeout(r, Number(response.headers.get('retry-after') ?? 1) * 1000));
      throw new Error(`POST ${url}: HTTP ${response.status} ${text}`);
    },
    { retries: 8, minTimeout: 250, maxTimeout: 10_000, randomize: true },
  );
}

async function postJson(url: string, body: unknown): Promise<unknown> {
  return post(url, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, 201);
}

/** Posts one report gzip-encoded, as an agent would. */
export async function postReport(collectorUrl: string, nodeKey: string, report: Report): Promise<{ duplicate: boolean }> {
  const body = gzipSync(JSON.stringify(report));
  const headers = { 'content-type': 'application/json', 'content-encoding': 'gzip', authorization: `Bearer ${nodeKey}` };
  return (await post(`${collectorUrl}/v1/reports`, { headers, body }, 202)) as { duplicate: boolean };
}
