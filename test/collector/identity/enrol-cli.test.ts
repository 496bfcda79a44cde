import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProgram } from '../../../demo/processes.js';
import type { RunningCollector } from '../../../collector/service.js';
import { adminFor, enroll, siteWithSecret, startTestCollector } from '../../helpers/collector.js';
import { tempDir } from '../../helpers/temp.js';

// The admin's side of enrolment control, through the real `sf-collector` program.
describe('sf-collector secret and device commands', () => {
  const dir = tempDir('enrol-cli');
  let collector: RunningCollector;
  const cli = (...args: string[]) =>
    new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const child = startProgram('collector', [...args, '--url', collector.url, '--data-dir', dir.path]);
      let out = '';
      let err = '';
      child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
      child.on('exit', (code) => resolve({ code, out, err }));
    });

  beforeAll(async () => {
    collector = await startTestCollector(dir.path);
  });
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  it('creates a site-poller secret with an expiry, lists it without the secret, revokes it', async () => {
    const endpointSecret = await siteWithSecret(adminFor(collector.url, dir.path), 'north', 'rxa');
    const created = await cli('secret', 'create', '--site', 'north', '--poller', '--expires-in', '2d');
    expect(created.code).toBe(0);
    const issued = JSON.parse(created.out) as { secret_id: string; enroll_secret: string; role: string; expires_at: string; status: string };
    expect(issued).toMatchObject({ role: 'poller', status: 'active' });
    expect(Date.parse(issued.expires_at) - Date.now()).toBeGreaterThan(47 * 3600_000);
    const poller = await enroll(collector.url, issued.enroll_secret, '9'.repeat(64));
    expect(poller.site_id).toBe('north');

    const listed = await cli('secret', 'list', '--site', 'north');
    expect(listed.out).toMatch(new RegExp(`${issued.secret_id}  north  active .*poller, expires `));
    expect(listed.out).not.toContain(issued.enroll_secret);
    expect(listed.out).not.toContain(endpointSecret);

    expect((await cli('secret', 'revoke', issued.secret_id)).out).toContain(`revoked ${issued.secret_id}`);
    expect((await cli('secret', 'list', '--site', 'north')).out).toMatch(new RegExp(`${issued.secret_id}  north  revoked`));
    await expect(enroll(collector.url, issued.enroll_secret, '8'.repeat(64))).rejects.toThrow(/403.*revoked/);
    const bad = await cli('secret', 'create', '--site', 'north', '--expires-in', 'soon');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/duration like 30d/);
  });

  it('lists a pending re-enrolment and approves it', async () => {
    const secret = await siteWithSecret(adminFor(collector.url, dir.path), 'north', 'rxa');
    const device = await enroll(collector.url, secret, '7'.repeat(64));
    await expect(enroll(collector.url, secret, '7'.repeat(64))).rejects.toThrow(/409/);
    expect((await cli('device', 'pending')).out).toMatch(new RegExp(`${device.device_id}  north  pending`));
    expect((await cli('device', 'approve', device.device_id)).code).toBe(0);
    expect((await enroll(collector.url, secret, '7'.repeat(64))).device_id).toBe(device.device_id);
    expect((await cli('device', 'pending')).out).toBe('');
  });
});
