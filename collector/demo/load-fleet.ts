import pLimit from 'p-limit';
import { gzipSync } from 'node:zlib';
import { EnrollResponse, type Report } from '../../protocol/index.js';
import { AdminClient } from '../admin-client.js';
import { planFleet, planTrusts, reportsFor, type FleetOptions } from './fleet.js';

export interface LoadResult {
  devices: number;
  reportsSent: number;
  reportsStored: number;
  duplicates: number;
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
  const secrets = new Map<string, string>();
  for (const trust of planTrusts()) {
    for (const site of trust.sites) {
      await admin.addSite({ site_id: site.siteId, trust_id: trust.trustId, name: site.name, trust_name: trust.name });
      secrets.set(site.siteId, await admin.createEnrollSecret(site.siteId));
    }
  }
  const result: LoadResult = { devices: 0, reportsSent: 0, reportsStored: 0, duplicates: 0 };
  const limit = pLimit(concurrency);
  await Promise.all(
    planFleet(options).map((device) =>
      limit(async () => {
        const enrolment = await postJson(`${collectorUrl}/v1/enroll`, {
          enroll_secret: secrets.get(device.site.siteId),
          fingerprint: device.fingerprint,
          hostname: device.hostname,
          platform: device.platform,
          agent_version: '0.1.0',
        });
        const { device_id, node_key } = EnrollResponse.parse(enrolment);
        result.devices++;
        for (const report of reportsFor(device, device_id, options)) {
          const { duplicate } = await postReport(collectorUrl, node_key, report);
          result.reportsSent++;
          if (duplicate) result.duplicates++;
          else result.reportsStored++;
        }
      }),
    ),
  );
  return result;
}

async function postJson(url: string, body: unknown): Promise<unknown> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`POST ${url}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

/** Posts one report gzip-encoded, waiting out 503s as an agent would. */
export async function postReport(collectorUrl: string, nodeKey: string, report: Report): Promise<{ duplicate: boolean }> {
  const body = gzipSync(JSON.stringify(report));
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(`${collectorUrl}/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', authorization: `Bearer ${nodeKey}` },
      body,
    });
    if (response.status === 202) return (await response.json()) as { duplicate: boolean };
    const text = await response.text();
    if (response.status !== 503 || attempt >= 10) throw new Error(`POST /v1/reports: HTTP ${response.status} ${text}`);
    await new Promise((r) => setTimeout(r, Number(response.headers.get('retry-after') ?? 1) * 1000));
  }
}
