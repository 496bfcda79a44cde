import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../demo/processes.js';
import type { AuditEntry } from '../../../collector/api/middleware/audit-log.js';
import { adminFor, freePort, spawnCollector } from '../../helpers/collector.js';
import { tempDir } from '../../helpers/temp.js';

// Admin writes, enrolments and sign-ins leave an audit line in the service log, refused ones too;
// reads do not, and no credential is ever written.
describe('audit log', () => {
  const dir = tempDir('audit');
  let collector: Awaited<ReturnType<typeof spawnCollector>>;

  beforeAll(async () => {
    collector = await spawnCollector(dir.path, await freePort());
  }, 90_000);
  afterAll(() => {
    collector?.child.kill('SIGKILL');
    dir.remove();
  });

  const audits = () =>
    collector
      .log()
      .split('\n')
      .filter((line) => line.includes('"msg":"audit"'))
      .map((line) => JSON.parse(line) as AuditEntry);

  it('records who changed what, from where, and what was refused', async () => {
    const admin = adminFor(collector.url, dir.path);
    await admin.addSite({ site_id: 'rxa-ngh', trust_id: 'rxa', name: 'Northgate General' });
    await admin.listSites(); // a read: not audited
    const wrongToken = 'sfa_not-the-admin-token';
    const refused = await fetch(`${collector.url}/v1/admin/sites/rxa-ngh`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${wrongToken}`, 'x-forwarded-for': '127.0.0.99' },
    });
    expect(refused.status).toBe(403);
    const badEnrol = await fetch(`${collector.url}/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enroll_secret: 'sfe_wrong', fingerprint: 'f'.repeat(64), hostname: 'h', platform: 'linux', agent_version: '0.1.0' }),
    });
    expect(badEnrol.status).toBeGreaterThanOrEqual(400);
    const login = await fetch(`${collector.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: collector.url },
      body: 'token=sfv_wrong',
      redirect: 'manual',
    });

    const entries = await waitFor('four audit lines', async () => (audits().length >= 4 ? audits() : undefined), 5_000);
    expect(entries.map((e) => [e.action, e.status, e.level])).toEqual([
      ['POST /v1/admin/sites', 201, 'info'],
      ['DELETE /v1/admin/sites/:site', 403, 'warn'],
      ['POST /v1/enroll', badEnrol.status, badEnrol.status === 401 || badEnrol.status === 403 ? 'warn' : 'info'],
      ['POST /login', login.status, login.status === 401 || login.status === 403 ? 'warn' : 'info'],
    ]);
    expect(entries[1]).toMatchObject({ path: '/v1/admin/sites/rxa-ngh', remote: '127.0.0.1', forwarded_for: '127.0.0.99' });
    expect(Date.parse(entries[0]!.at)).toBeGreaterThan(Date.now() - 60_000);
    for (const secret of [wrongToken, 'sfe_wrong', 'sfv_wrong', admin.token]) expect(collector.log()).not.toContain(secret);
  });
});
