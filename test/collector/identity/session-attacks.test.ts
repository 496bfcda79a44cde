import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCollector } from '../../../collector/service.js';
import { startTestCollector } from '../../helpers/collector.js';
import { tempDir } from '../../helpers/temp.js';

// Finding 9 of issue 12, reproduced over HTTP on a real collector: a copied cookie outlived logout,
// anyone holding the viewer token could mint a session of any lifetime, rotating the admin token
// left its sessions alive, and `next` with a tab in it redirected off-site.
describe('dashboard sessions under attack', () => {
  const dir = tempDir('session-attacks');
  let collector: RunningCollector;
  // Sign-in is rate-limited per address (finding 4, tested apart); these attacks sign in more often.
  const rateLimits = { enrolPerMinute: 600, signInPerMinute: 1000 };
  beforeAll(async () => {
    collector = await startTestCollector(dir.path, { rateLimits });
  }, 60_000);
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  const signIn = async (token: string, next = '/'): Promise<Response> =>
    fetch(`${collector.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: collector.url },
      body: new URLSearchParams({ token, next }),
      redirect: 'manual',
    });
  const cookieOf = (response: Response) => response.headers.get('set-cookie')?.split(';')[0] ?? '';
  /** 200 when the cookie opens the dashboard, 303 (to /login) when it does not. */
  const open = async (cookie: string) => (await fetch(`${collector.url}/controls`, { headers: { cookie }, redirect: 'manual' })).status;

  it('ends a session on logout, also for a copy of its cookie', async () => {
    const cookie = cookieOf(await signIn(collector.viewerToken));
    expect(await open(cookie)).toBe(200);
    const copy = cookie;
    const logout = await fetch(`${collector.url}/logout`, { method: 'POST', headers: { cookie, origin: collector.url }, redirect: 'manual' });
    expect(logout.status).toBe(303);
    expect(await open(copy)).toBe(303);
  });

  it('does not accept a session minted from the viewer token with an expiry of its choosing', async () => {
    // What the cookie used to be: `<expiry>.<HMAC keyed by the viewer token>`, computable by any token holder.
    const key = createHmac('sha256', 'sf-dashboard-session').update(collector.viewerToken).digest();
    const expires = Date.now() + 10 * 365 * 86_400_000;
    const forged = `sf_session=${expires}.${createHmac('sha256', key).update(`viewer.${expires}`).digest('hex')}`;
    expect(await open(forged)).toBe(303);
    expect(await open('sf_session=garbage')).toBe(303);
  });

  it('never redirects off-site after sign-in, whatever `next` holds', async () => {
    for (const next of ['/\t/evil.example', '/\n/evil.example', '//evil.example', '/\\evil.example', '/\\/evil.example', 'https://evil.example', '/%09/evil.example/x\u0000', '/\u00a0/evil.example']) {
      const response = await signIn(collector.viewerToken, next);
      expect(response.status, JSON.stringify(next)).toBe(303);
      const location = response.headers.get('location')!;
      expect(new URL(location, collector.url).origin, JSON.stringify(next)).toBe(collector.url);
      expect(location, JSON.stringify(next)).not.toMatch(/[\s\\]|^\/\//);
    }
    expect((await signIn(collector.viewerToken, '/cyber?trust=t1&as_of=2026-11-20')).headers.get('location')).toBe('/cyber?trust=t1&as_of=2026-11-20');
  });

  it('ends the sessions of a rotated bootstrap token', async () => {
    const adminCookie = cookieOf(await signIn(collector.adminToken));
    const viewerCookie = cookieOf(await signIn(collector.viewerToken));
    expect(await open(adminCookie)).toBe(200);
    await collector.close();
    collector = await startTestCollector(dir.path, { rateLimits, adminToken: `sfa_rotated_${'x'.repeat(32)}` });
    expect(await open(adminCookie)).toBe(303);
    // The viewer token did not change: its session stands, on the restarted collector too (it is stored, not in memory).
    expect(await open(viewerCookie)).toBe(200);
  }, 60_000);
});
