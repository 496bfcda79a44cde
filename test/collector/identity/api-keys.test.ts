import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '../../../collector/admin-client.js';
import { ApiKeys } from '../../../collector/identity/api-keys.js';
import { buildCli } from '../../../collector/cli.js';
import { sha256Hex } from '../../../collector/identity/keys.js';
import type { Principal } from '../../../collector/identity/principal.js';
import type { RunningCollector } from '../../../collector/service.js';
import { Sessions } from '../../../collector/identity/session.js';
import { startTestCollector } from '../../helpers/collector.js';
import { tempDir } from '../../helpers/temp.js';

// Named, scoped API keys on a real collector: stored as hashes, scoped, revocable with their
// sessions, rotatable; bootstrap tokens that can be switched off; sessions bounded in time and
// ended across collectors sharing a database.
describe('API keys and sessions', () => {
  const dir = tempDir('api-keys');
  let collector: RunningCollector;
  let admin: AdminClient;
  beforeAll(async () => {
    collector = await startTestCollector(dir.path, { rateLimits: { enrolPerMinute: 600, signInPerMinute: 1000 } });
    admin = new AdminClient(collector.url, collector.adminToken);
    await admin.addSite({ site_id: 't1-a', trust_id: 't1', name: 'Site One', trust_name: 'Trust One' });
    await admin.addSite({ site_id: 't2-a', trust_id: 't2', name: 'Site Two', trust_name: 'Trust Two' });
  }, 60_000);
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  const get = (path: string, token: string) => fetch(`${collector.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const signIn = async (token: string) => {
    const response = await fetch(`${collector.url}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: collector.url }, body: new URLSearchParams({ token }), redirect: 'manual' });
    return response.status === 303 ? response.headers.get('set-cookie')!.split(';')[0]! : undefined;
  };
  const open = async (cookie: string) => (await fetch(`${collector.url}/controls`, { headers: { cookie }, redirect: 'manual' })).status;

  it('stores only the hash, shows the key once and lists when it was last used', async () => {
    const made = await admin.createApiKey({ name: 'bi-t1', role: 'viewer', trusts: ['t1'] });
    expect(made.key).toMatch(/^sfapi\.key_[0-9a-f]{32}\.[A-Za-z0-9_-]{43}$/);
    const stored = await collector.store.query<{ key_hash: string; all: string }>(`SELECT key_hash, toJSONString(tuple(*)) AS all FROM {db}.api_keys WHERE key_id = {id:String}`, { id: made.key_id });
    expect(stored[0]!.key_hash).toBe(sha256Hex(made.key));
    expect(stored.every((row) => !row.all.includes(made.key.split('.')[2]!))).toBe(true);
    const listed = (await admin.listApiKeys()).find((k) => k.key_id === made.key_id)!;
    expect(JSON.stringify(listed)).not.toContain(made.key.split('.')[2]);
    expect(listed).toMatchObject({ name: 'bi-t1', role: 'viewer', trusts: ['t1'], last_used_at: null, revoked_at: null });

    expect((await get('/v1/sites', made.key)).status).toBe(200);
    expect((await admin.listApiKeys()).find((k) => k.key_id === made.key_id)!.last_used_at).not.toBeNull();
    const sites = (await (await get('/v1/sites', made.key)).json()) as { sites: Array<{ trust_id: string }> };
    expect(sites.sites.map((s) => s.trust_id)).toEqual(['t1']);
  });

  it('gives each role only its rights', async () => {
    const viewer = await admin.createApiKey({ name: 'viewer-all', role: 'viewer', trusts: 'all' });
    const poller = await admin.createApiKey({ name: 'poller-t1', role: 'poller', trusts: ['t1'] });
    const adminKey = await admin.createApiKey({ name: 'ops-admin', role: 'admin', trusts: 'all' });
    expect((await get('/v1/admin/stats', viewer.key)).status).toBe(403);
    expect((await get('/v1/sites', poller.key)).status).toBe(403);
    expect((await get('/v1/admin/stats', adminKey.key)).status).toBe(200);
    expect((await get('/v1/sites', 'sfapi.key_00000000000000000000000000000000.not-a-key-at-all-not-a-key-at-all-xxxx')).status).toBe(403);
    await expect(admin.createApiKey({ name: 'half-admin', role: 'admin', trusts: ['t1'] })).rejects.toThrow(/HTTP 400.*every trust/);
    await expect(admin.createApiKey({ name: 'viewer-all', role: 'viewer', trusts: ['t2'] })).rejects.toThrow(/HTTP 409/);
    await expect(admin.createApiKey({ name: 'typo', role: 'viewer', trusts: ['t9'] })).rejects.toThrow(/HTTP 400.*no trust .*t9/);
  });

  it('ends the sessions of a revoked key at once, and a rotated key keeps its name and scope', async () => {
    const made = await admin.createApiKey({ name: 'dash-t2', role: 'viewer', trusts: ['t2'] });
    const cookie = (await signIn(made.key))!;
    expect(await open(cookie)).toBe(200);
    const rotated = await admin.rotateApiKey('dash-t2');
    expect(rotated).toMatchObject({ name: 'dash-t2', role: 'viewer', trusts: ['t2'], revoked: made.key_id });
    expect((await get('/v1/sites', made.key)).status).toBe(403);
    expect(await open(cookie)).toBe(303);
    expect((await get('/v1/sites', rotated.key)).status).toBe(200);

    const second = (await signIn(rotated.key))!;
    await admin.revokeApiKey(rotated.key_id);
    expect(await open(second)).toBe(303);
    expect((await get('/v1/sites', rotated.key)).status).toBe(403);
    expect(await signIn(rotated.key)).toBeUndefined();
  });

  it('refuses the bootstrap tokens once they are switched off; named keys go on working', async () => {
    const adminKey = await admin.createApiKey({ name: 'after-bootstrap', role: 'admin', trusts: 'all' });
    await collector.close();
    collector = await startTestCollector(dir.path, { bootstrapTokens: false, rateLimits: { enrolPerMinute: 600, signInPerMinute: 1000 } });
    expect((await get('/v1/admin/stats', collector.adminToken)).status).toBe(403);
    expect((await get('/v1/sites', collector.viewerToken)).status).toBe(403);
    expect(await signIn(collector.viewerToken)).toBeUndefined();
    expect((await get('/v1/admin/stats', adminKey.key)).status).toBe(200);
    admin = new AdminClient(collector.url, adminKey.key);
  }, 60_000);

  it('bounds a session by idle time and by an absolute lifetime, and a logout on one collector holds on another', async () => {
    // Real time to start from: the table drops rows a day after their expiry.
    let now = Date.now();
    const options = { clock: () => now, cacheTtlMs: 0 };
    const principal: Principal = { role: 'viewer', trusts: ['t1'], credential: 'oidc:https://idp.test#alice', name: 'alice' };
    // Two collectors on one database: each has its own Sessions (and cache).
    const [one, two] = [new Sessions(collector.store, options), new Sessions(collector.store, options)];
    const appOf = (sessions: Sessions) =>
      new Hono()
        .post('/in', async (c) => (await sessions.create(c, principal), c.text('ok')))
        .post('/out', async (c) => (await sessions.end(c), c.text('ok')))
        .get('/who', async (c) => c.text((await sessions.principal(c))?.name ?? 'nobody'));
    const [a, b] = [appOf(one), appOf(two)];
    const session = async () => (await a.request('/in', { method: 'POST' })).headers.get('set-cookie')!.split(';')[0]!;
    const who = async (app: Hono, cookie: string) => (await app.request('/who', { headers: { cookie } })).text();

    const idle = await session();
    expect(await who(b, idle)).toBe('alice');
    now += 31 * 60_000;
    expect(await who(a, idle)).toBe('nobody');

    const busy = await session();
    for (let minutes = 0; minutes < 12 * 60 - 20; minutes += 20) {
      now += 20 * 60_000;
      expect(await who(minutes % 40 ? a : b, busy)).toBe('alice');
    }
    now += 21 * 60_000;
    expect(await who(a, busy)).toBe('nobody');

    const shared = await session();
    expect(await who(b, shared)).toBe('alice');
    await a.request('/out', { method: 'POST', headers: { cookie: shared } });
    expect(await who(b, shared)).toBe('nobody');
  });
});

describe('API key expiry', () => {
  const dir = tempDir('api-key-expiry');
  let collector: RunningCollector;
  beforeAll(async () => {
    collector = await startTestCollector(dir.path);
  }, 60_000);
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  it('stops accepting a key at its expiry, and its name can be given again', async () => {
    let now = Date.now();
    const keys = new ApiKeys(collector.store, () => now);
    const { key, record } = await keys.create({ name: 'contractor', role: 'viewer', trusts: 'all', lifetimeMs: 7 * 86_400_000 });
    expect(record.expires_at).not.toBeNull();
    expect(await keys.authenticate(key)).toMatchObject({ credential: `key:${record.key_id}` });
    now += 7 * 86_400_000 + 1;
    expect(await new ApiKeys(collector.store, () => now).authenticate(key)).toBeUndefined();
    expect(await new ApiKeys(collector.store, () => now).live(record.key_id)).toBe(false);
    const again = await new ApiKeys(collector.store, () => now).create({ name: 'contractor', role: 'viewer', trusts: 'all' });
    expect(again.record.expires_at).toBeNull();
    // Through the API, in days.
    const made = await new AdminClient(collector.url, collector.adminToken).createApiKey({ name: 'bi', role: 'viewer', trusts: 'all', expires_in_days: 30 });
    expect(Date.parse(`${made.expires_at!.replace(' ', 'T')}Z`) - Date.parse(`${made.created_at.replace(' ', 'T')}Z`)).toBe(30 * 86_400_000);
  });

  it('is created, listed and revoked with the CLI', async () => {
    const run = async (...args: string[]) => {
      let printed = '';
      const log = console.log;
      console.log = (line: unknown) => void (printed += `${String(line)}\n`);
      process.env.SF_ADMIN_TOKEN = collector.adminToken;
      try {
        await buildCli().parseAsync(['node', 'sf-collector', ...args, '--url', collector.url]);
      } finally {
        console.log = log;
        delete process.env.SF_ADMIN_TOKEN;
      }
      return printed;
    };
    const made = JSON.parse(await run('key', 'create', '--name', 'cli-made', '--role', 'viewer', '--trust', 'all', '--expires-in-days', '2')) as { key: string; key_id: string; expires_at: string };
    expect(made.expires_at).not.toBeNull();
    const read = () => fetch(`${collector.url}/v1/sites`, { headers: { authorization: `Bearer ${made.key}` } });
    expect((await read()).status).toBe(200);
    expect(await run('key', 'list')).toContain(made.key_id);
    expect(await run('key', 'list')).not.toContain(made.key.split('.')[2]);
    expect(await run('key', 'revoke', 'cli-made')).toBe(`revoked ${made.key_id} (cli-made)\n`);
    expect((await read()).status).toBe(403);
  });
});
