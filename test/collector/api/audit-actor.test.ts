import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '../../../collector/admin-client.js';
import { DEFAULT_COLLECTOR_CONFIG } from '../../../collector/config.js';
import type { AuditEntry } from '../../../collector/api/middleware/audit-log.js';
import { startCollector, type RunningCollector } from '../../../collector/service.js';
import { tempDir } from '../../helpers/temp.js';

// With named keys, an admin write's audit line says which key made it (its name and id, never the key).
describe('audit lines name the credential', () => {
  const dir = tempDir('audit-actor');
  const lines: AuditEntry[] = [];
  let collector: RunningCollector;
  beforeAll(async () => {
    collector = await startCollector({ ...DEFAULT_COLLECTOR_CONFIG, dataDir: dir.path, listen: { host: '127.0.0.1', port: 0 }, snapshotOnStart: false }, { audit: (entry) => lines.push(entry) });
  }, 60_000);
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  it('names the bootstrap token or the key behind each admin write and sign-in', async () => {
    const made = await new AdminClient(collector.url, collector.adminToken).createApiKey({ name: 'ops-alice', role: 'admin', trusts: 'all' });
    await new AdminClient(collector.url, made.key).addSite({ site_id: 's1', trust_id: 't1', name: 'One' });
    await fetch(`${collector.url}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: collector.url }, body: new URLSearchParams({ token: made.key }), redirect: 'manual' });
    const actorOf = (action: string) => lines.find((l) => l.action === action)?.actor;
    expect(actorOf('POST /v1/admin/api-keys')).toMatch(/^bootstrap admin token \(bootstrap:admin:[0-9a-f]{16}\)$/);
    expect(actorOf('POST /v1/admin/sites')).toBe(`ops-alice (key:${made.key_id})`);
    expect(actorOf('POST /login')).toBe(`ops-alice (key:${made.key_id})`);
    expect(JSON.stringify(lines)).not.toContain(made.key.split('.')[2]);
    expect(JSON.stringify(lines)).not.toContain(collector.adminToken);
  });
});
