import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderError } from '../../../collector/api/error-renderer.js';
import { rateLimit, sourceAddress } from '../../../collector/api/middleware/rate-limit.js';

// The per-address limiter of enrolment and sign-in (issue 12 finding 4), served over a real socket on
// loopback: the source address comes from the socket unless a trusted proxy's X-Forwarded-For is allowed.
describe('per-source-address rate limit', () => {
  let now = 1_000_000;
  const servers: ServerType[] = [];
  const start = (trustProxy: boolean) =>
    new Promise<string>((resolve) => {
      const app = new Hono()
        .use('/limited', rateLimit({ name: 'test', limit: 2, windowMs: 60_000, trustProxy, now: () => now }))
        .post('/limited', (c) => c.text('ok'))
        .get('/whoami', (c) => c.text(sourceAddress(c, trustProxy)))
        // The limiter throws its refusal; the collector's one error renderer answers it.
        .onError(renderError);
      const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => resolve(`http://127.0.0.1:${info.port}`));
      servers.push(server);
    });
  let direct: string;
  let proxied: string;
  const hit = (base: string, headers: Record<string, string> = {}) => fetch(`${base}/limited`, { method: 'POST', headers });

  beforeAll(async () => {
    direct = await start(false);
    proxied = await start(true);
  });
  afterAll(() => {
    for (const server of servers) server.close();
  });

  it('answers 429 with Retry-After past the limit, and lets the address in again when its window ends', async () => {
    expect((await hit(direct)).status).toBe(200);
    now += 20_000;
    expect((await hit(direct)).status).toBe(200);
    const refused = await hit(direct);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('40');
    expect(((await refused.json()) as { error: string }).error).toMatch(/too many test attempts from this address: at most 2 per 60 s/);
    now += 40_000;
    expect((await hit(direct)).status).toBe(200);
  });

  // Forwarded addresses are documentation ranges (RFC 5737, RFC 3849) and only ever header values: nothing is sent to them.
  it('ignores X-Forwarded-For unless told a proxy sets it, then counts per forwarded address', async () => {
    expect(await (await fetch(`${direct}/whoami`, { headers: { 'x-forwarded-for': '192.0.2.1' } })).text()).toBe('127.0.0.1');
    now += 120_000;
    for (const address of ['192.0.2.1', '192.0.2.2']) {
      expect((await hit(proxied, { 'x-forwarded-for': `203.0.113.9, ${address}` })).status).toBe(200);
      expect((await hit(proxied, { 'x-forwarded-for': `203.0.113.9, ${address}` })).status).toBe(200);
    }
    expect((await hit(proxied, { 'x-forwarded-for': '198.51.100.1, 192.0.2.1' })).status).toBe(429);
  });

  it('counts an IPv6 host per /64, so walking its own prefix does not escape the limit', async () => {
    now += 120_000;
    expect((await hit(proxied, { 'x-forwarded-for': '2001:db8:1:2::1' })).status).toBe(200);
    expect((await hit(proxied, { 'x-forwarded-for': '2001:db8:1:2:ffff::9' })).status).toBe(200);
    expect((await hit(proxied, { 'x-forwarded-for': '2001:db8:1:2:aaaa:bbbb:cccc:dddd' })).status).toBe(429);
    expect((await hit(proxied, { 'x-forwarded-for': '2001:db8:1:3::1' })).status).toBe(200);
    expect(await (await fetch(`${proxied}/whoami`, { headers: { 'x-forwarded-for': '::ffff:192.0.2.3' } })).text()).toBe('192.0.2.3');
  });
});
