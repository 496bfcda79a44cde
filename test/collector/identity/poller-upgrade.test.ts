import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceAuthenticator } from '../../../collector/identity/device-auth.js';
import type { RunningCollector } from '../../../collector/service.js';
import { Registry } from '../../../collector/identity/registry.js';
import { applyMigrations } from '../../../collector/store/migrate.js';
import { adminFor, enroll, siteWithSecret, startTestCollector } from '../../helpers/collector.js';
import { tempDir } from '../../helpers/temp.js';

// Upgrading to poller secrets (migration 018) must not cut off site servers that already poll:
// a device that reported network gear before is a site poller by the only evidence there is.
describe('migration 018 and existing site pollers', () => {
  const dir = tempDir('poller-upgrade');
  let collector: RunningCollector;

  beforeAll(async () => {
    collector = await startTestCollector(dir.path);
  });
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  it('makes devices that already reported gear site pollers, and no others', async () => {
    const secret = await siteWithSecret(adminFor(collector.url, dir.path), 'north', 'rxa');
    const server = await enroll(collector.url, secret, '1'.repeat(64));
    const laptop = await enroll(collector.url, secret, '2'.repeat(64));
    // Gear polled by the site server under the old rules (written as the old collector stored it).
    await collector.store.insert('network_devices', [
      { trust_id: 'rxa', site_id: 'north', target: 'core-sw', device_id: 'net_000000000000000000000001', poller_device_id: server.device_id, address: '127.0.0.1', port: 161, target_site: '', polled_at: '2026-01-01 00:00:00.000', snmp_version: 'v3', security_level: 'authPriv', error: '', report_id: randomUUID() },
    ]);
    await collector.store.command(`DELETE FROM {db}.schema_migrations WHERE version = 18`);
    expect(await applyMigrations(collector.store)).toEqual([18]);

    const roles = await collector.store.query<{ device_id: string; role: string }>(
      `SELECT device_id, role FROM {db}.devices FINAL WHERE device_id IN ({ids:Array(String)}) ORDER BY role`,
      { ids: [server.device_id, laptop.device_id] },
    );
    expect(roles).toEqual([
      { device_id: laptop.device_id, role: 'endpoint' },
      { device_id: server.device_id, role: 'poller' },
    ]);
    // A collector that looks the server up afresh (after the upgrade's restart) knows it as a poller.
    const fresh = new DeviceAuthenticator(new Registry(collector.store));
    expect(await fresh.authenticate(`Bearer ${server.node_key}`)).toMatchObject({ ok: true, device: { role: 'poller' } });
    expect(await fresh.authenticate(`Bearer ${laptop.node_key}`)).toMatchObject({ ok: true, device: { role: 'endpoint' } });
  });
});
