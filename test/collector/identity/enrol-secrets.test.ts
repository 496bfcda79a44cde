import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../collector/api/middleware/audit-log.js';
import { DEFAULT_COLLECTOR_CONFIG } from '../../../collector/config.js';
import { DeviceAuthenticator } from '../../../collector/identity/device-auth.js';
import { Enrollment } from '../../../collector/identity/enrollment.js';
import { startCollector, type RunningCollector } from '../../../collector/service.js';
import { EnrolSecrets } from '../../../collector/identity/enrol-secrets.js';
import { Registry } from '../../../collector/identity/registry.js';
import type { AdminClient } from '../../../collector/admin-client.js';
import { adminFor, enroll, siteWithSecret } from '../../helpers/collector.js';
import { makeReport, postReport } from '../../helpers/reports.js';
import { tempDir } from '../../helpers/temp.js';

const enrolBody = (secret: string, fingerprint: string) => ({ enroll_secret: secret, fingerprint, hostname: 'h'.repeat(64), platform: 'linux' as const, agent_version: '0.1.0' });

// Finding 6 of issue 12: enrol secrets could not be revoked, and whoever held a site's secret could
// re-enrol a revoked device or take over a device by enrolling its fingerprint again.
describe('enrol secrets and re-enrolment', () => {
  const dir = tempDir('enrol-secrets');
  let collector: RunningCollector;
  let admin: AdminClient;
  const audit: AuditEntry[] = [];
  const enrolStatus = async (secret: string, fingerprint: string) =>
    (await fetch(`${collector.url}/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(enrolBody(secret, fingerprint)) })).status;
  const reports = async (nodeKey: string, deviceId: string) => (await postReport(collector.url, nodeKey, makeReport(deviceId))).status;

  beforeAll(async () => {
    collector = await startCollector({ ...DEFAULT_COLLECTOR_CONFIG, dataDir: dir.path, listen: { host: '127.0.0.1', port: 0 }, snapshotOnStart: false }, { audit: (entry) => audit.push(entry) });
    admin = adminFor(collector.url, dir.path);
  });
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  it('keeps a revoked device revoked: the site secret cannot bring it back, an admin can', async () => {
    const secret = await siteWithSecret(admin, 'north', 'rxa');
    const device = await enroll(collector.url, secret, '1'.repeat(64));
    await admin.revokeDevice(device.device_id);
    expect(await enrolStatus(secret, '1'.repeat(64))).toBe(403);
    expect(await reports(device.node_key, device.device_id)).toBe(403);

    await admin.reinstateDevice(device.device_id);
    // Cleared, not restored: the old key stays dead; the device enrols again for a new one.
    expect(await reports(device.node_key, device.device_id)).toBe(401);
    const again = await enroll(collector.url, secret, '1'.repeat(64));
    expect(again.device_id).toBe(device.device_id);
    expect(await reports(again.node_key, again.device_id)).toBe(202);
  });

  it("refuses to hand a device's identity to whoever enrols its fingerprint again, until an admin approves", async () => {
    const secret = await siteWithSecret(admin, 'north', 'rxa');
    const device = await enroll(collector.url, secret, '2'.repeat(64));
    expect(await enrolStatus(secret, '2'.repeat(64))).toBe(409);
    expect(await reports(device.node_key, device.device_id)).toBe(202);
    expect(audit.filter((e) => e.path === '/v1/enroll' && e.status === 409)).toEqual([expect.objectContaining({ event: 're-enrolment requested', device_id: device.device_id })]);

    const pending = await admin.pendingReenrolments();
    expect(pending).toEqual([expect.objectContaining({ device_id: device.device_id, site_id: 'north', status: 'pending' })]);
    await admin.approveReenrolment(device.device_id);
    const taken = await enroll(collector.url, secret, '2'.repeat(64));
    expect(taken.device_id).toBe(device.device_id);
    expect(await reports(device.node_key, device.device_id)).toBe(401);
    expect(await admin.pendingReenrolments()).toEqual([]);
    // One approval, one re-enrolment.
    expect(await enrolStatus(secret, '2'.repeat(64))).toBe(409);
    expect(audit.at(-2)).toMatchObject({ path: '/v1/enroll', status: 201, event: 're-enrolment', device_id: device.device_id, approved_by: 'admin' });
  });

  it('lets a secret marked for re-enrolment (a reimaging campaign) replace keys, audited', async () => {
    await siteWithSecret(admin, 'north', 'rxa');
    const first = await enroll(collector.url, await admin.createEnrollSecret('north'), '3'.repeat(64));
    const reimage = await admin.createEnrollSecret('north', { allowReenrol: true });
    const second = await enroll(collector.url, reimage, '3'.repeat(64));
    expect(second.device_id).toBe(first.device_id);
    expect(await reports(first.node_key, first.device_id)).toBe(401);
    expect(audit.at(-1)).toMatchObject({ path: '/v1/enroll', status: 201, event: 're-enrolment', device_id: first.device_id, approved_by: 'secret' });
  });

  it('revokes and expires secrets; lists them with their status', async () => {
    await admin.addSite({ site_id: 'south', trust_id: 'rxa', name: 'South' });
    const issued = await admin.issueEnrollSecret('south', { expiresInSeconds: 3600 });
    const other = await admin.issueEnrollSecret('south', { role: 'poller' });
    await admin.revokeEnrollSecret(other.secret_id);
    expect(await enrolStatus(other.enroll_secret, '4'.repeat(64))).toBe(403);
    const listed = await admin.listEnrollSecrets('south');
    expect(listed.map((s) => [s.secret_id, s.role, s.status])).toEqual(
      expect.arrayContaining([[issued.secret_id, 'endpoint', 'active'], [other.secret_id, 'poller', 'revoked']]),
    );
    expect(listed.find((s) => s.secret_id === issued.secret_id)?.expires_at).toBe(issued.expires_at);
    expect(JSON.stringify(listed)).not.toContain(issued.enroll_secret);

    // Two hours on, on a collector sharing the database: the secret has expired.
    const registry = new Registry(collector.store);
    const later = new Enrollment(registry, new DeviceAuthenticator(registry), new EnrolSecrets(collector.store), { now: () => Date.now() + 2 * 3600_000 });
    await expect(later.enroll(enrolBody(issued.enroll_secret, '5'.repeat(64)))).rejects.toMatchObject({ kind: 'forbidden', message: expect.stringMatching(/expired/) });
    expect(await enrolStatus(issued.enroll_secret, '5'.repeat(64))).toBe(201);
  });

  it("binds re-keying to the device's site: a reimaging secret or an approval from elsewhere does not re-key it, and an approval lapses after a day", async () => {
    await admin.addSite({ site_id: 'west', trust_id: 'rxa', name: 'West' });
    const north = await admin.createEnrollSecret('north');
    const device = await enroll(collector.url, north, '6'.repeat(64));
    expect(await enrolStatus(await admin.createEnrollSecret('west', { allowReenrol: true }), '6'.repeat(64))).toBe(409);
    await admin.rejectReenrolment(device.device_id);

    expect(await enrolStatus(north, '6'.repeat(64))).toBe(409);
    await admin.approveReenrolment(device.device_id);
    expect(await enrolStatus(await admin.createEnrollSecret('west'), '6'.repeat(64))).toBe(409);
    expect(await reports(device.node_key, device.device_id)).toBe(202);

    expect(await enrolStatus(north, '6'.repeat(64))).toBe(409);
    await admin.approveReenrolment(device.device_id);
    const registry = new Registry(collector.store);
    const dayLater = new Enrollment(registry, new DeviceAuthenticator(registry), new EnrolSecrets(collector.store), { now: () => Date.now() + 25 * 3600_000 });
    await expect(dayLater.enroll(enrolBody(north, '6'.repeat(64)))).rejects.toMatchObject({ kind: 'conflict' });
    expect(await reports(device.node_key, device.device_id)).toBe(202);
  });
});
