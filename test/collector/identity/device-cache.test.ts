import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceAuthenticator } from '../../../collector/identity/device-auth.js';
import { Registry } from '../../../collector/identity/registry.js';
import type { RunningCollector } from '../../../collector/service.js';
import { adminFor, enroll, siteWithSecret, startTestCollector } from '../../helpers/collector.js';
import { tempDir } from '../../helpers/temp.js';

// Finding 11 (device keys) of issue 12: a collector cached device keys for ever, so a device revoked
// through another collector on the same database kept reporting here. Two collectors share one store:
// the running one (where the admin revokes) and a second authenticator over the same store, on a clock
// the test moves.
describe('device-key cache across collectors on one database', () => {
  const dir = tempDir('device-cache');
  let collector: RunningCollector;

  beforeAll(async () => {
    collector = await startTestCollector(dir.path);
  });
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  it("sees another collector's revocation once its cache entry expires (60 s by default)", async () => {
    const admin = adminFor(collector.url, dir.path);
    const device = await enroll(collector.url, await siteWithSecret(admin, 'north', 'rxa'), 'a'.repeat(64));
    let now = Date.parse('2026-01-01T00:00:00Z');
    const other = new DeviceAuthenticator(new Registry(collector.store), { now: () => now });
    const bearer = `Bearer ${device.node_key}`;
    expect((await other.authenticate(bearer)).ok).toBe(true);

    await admin.revokeDevice(device.device_id);
    expect((await fetch(`${collector.url}/v1/reports`, { method: 'POST', headers: { authorization: bearer } })).status).toBe(403);
    now += 59_000; // within the cache lifetime the other collector may still accept the key
    expect((await other.authenticate(bearer)).ok).toBe(true);
    now += 2_000;
    expect(await other.authenticate(bearer)).toMatchObject({ ok: false, kind: 'forbidden' });
  });

  it('takes the lifetime as a setting; 0 reads the store every time', async () => {
    const admin = adminFor(collector.url, dir.path);
    const device = await enroll(collector.url, await siteWithSecret(admin, 'north', 'rxa'), 'b'.repeat(64));
    const other = new DeviceAuthenticator(new Registry(collector.store), { cacheMs: 0 });
    expect((await other.authenticate(`Bearer ${device.node_key}`)).ok).toBe(true);
    await admin.revokeDevice(device.device_id);
    expect(await other.authenticate(`Bearer ${device.node_key}`)).toMatchObject({ ok: false, kind: 'forbidden' });
  });
});
