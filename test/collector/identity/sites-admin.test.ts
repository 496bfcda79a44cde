import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCollector } from '../../../collector/service.js';
import { adminFor, enroll, siteWithSecret, startTestCollector } from '../../helpers/collector.js';
import { tempDir } from '../../helpers/temp.js';

// Sites and trusts change: trusts are renamed, clinics close. History keeps its site; new agents don't.
describe('sites and trusts administration', () => {
  const dir = tempDir('sites-admin');
  let collector: RunningCollector;
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${collector.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${collector.adminToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    collector = await startTestCollector(dir.path);
  });
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  it('renames a trust, validating the name', async () => {
    const admin = adminFor(collector.url, dir.path);
    await admin.addSite({ site_id: 'north', trust_id: 'rxa', name: 'North Clinic', trust_name: 'Old Name NHS Trust' });
    await admin.renameTrust('rxa', 'Northgate Teaching Hospitals NHS FT');
    expect((await admin.listSites()).find((s) => s.site_id === 'north')?.trust_name).toBe('Northgate Teaching Hospitals NHS FT');
    const bad = await call('PUT', '/v1/admin/trusts/rxa', { name: '' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { problems: Array<{ field: string }> }).problems.map((p) => p.field)).toEqual(['name']);
    expect((await call('PUT', '/v1/admin/trusts/Not%20A%20Slug', { name: 'x' })).status).toBe(400);
    expect(((await (await call('GET', '/v1/admin/trusts')).json()) as { trusts: unknown[] }).trusts).toContainEqual({ trust_id: 'rxa', name: 'Northgate Teaching Hospitals NHS FT' });
  });

  it('retires a site only once no device holds a key there; a retired site enrols no agent', async () => {
    const admin = adminFor(collector.url, dir.path);
    const secret = await siteWithSecret(admin, 'closing', 'rxa');
    const device = await enroll(collector.url, secret, 'c'.repeat(64));

    const refused = await call('DELETE', '/v1/admin/sites/closing');
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: string }).error).toContain('still has 1 enrolled devices');

    await admin.revokeDevice(device.device_id);
    await admin.retireSite('closing');
    expect((await admin.listSites()).map((s) => s.site_id)).not.toContain('closing');
    await expect(enroll(collector.url, secret, 'd'.repeat(64))).rejects.toThrow(/403.*no longer exists/);
    await expect(admin.createEnrollSecret('closing')).rejects.toThrow(/404/);
    expect((await call('DELETE', '/v1/admin/sites/closing')).status).toBe(404);

    // Adding it again brings it back.
    await admin.addSite({ site_id: 'closing', trust_id: 'rxa', name: 'Reopened' });
    expect((await admin.listSites()).find((s) => s.site_id === 'closing')?.name).toBe('Reopened');
  });
});
