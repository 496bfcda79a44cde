import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { Sessions } from '../../../collector/web/session.js';

// The dashboard's session cookie: signed with the viewer token, expiring, and worthless once altered.
function appWith(sessions: Sessions) {
  return new Hono()
    .post('/login', async (c) => c.text('', sessions.login(c, String((await c.req.parseBody()).token)) ? 200 : 401))
    .get('/check', (c) => c.text(sessions.valid(c) ? 'in' : 'out'));
}

async function signIn(app: Hono, token: string): Promise<string | undefined> {
  const response = await app.request('/login', { method: 'POST', body: new URLSearchParams({ token }) });
  return response.headers.get('set-cookie')?.split(';')[0];
}

describe('dashboard sessions', () => {
  it('signs in with the viewer or admin token only, with an HttpOnly SameSite=Strict cookie', async () => {
    const app = appWith(new Sessions('sfv_viewer', 'sfa_admin'));
    expect(await signIn(app, 'sfv_wrong')).toBeUndefined();
    const response = await app.request('/login', { method: 'POST', body: new URLSearchParams({ token: 'sfv_viewer' }) });
    expect(response.headers.get('set-cookie')).toMatch(/^sf_session=\d{13}\.[0-9a-f]{64}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(await signIn(app, 'sfa_admin')).toMatch(/^sf_session=/);
  });

  it('accepts its own cookie and refuses an altered, expired or re-keyed one', async () => {
    let now = Date.parse('2026-11-23T09:00:00Z');
    const app = appWith(new Sessions('sfv_viewer', 'sfa_admin', () => now));
    const cookie = (await signIn(app, 'sfv_viewer'))!;
    const check = async (target: Hono, value: string) => (await target.request('/check', { headers: { cookie: value } })).text();
    expect(await check(app, cookie)).toBe('in');

    const [expires, mac] = cookie.slice('sf_session='.length).split('.');
    expect(await check(app, `sf_session=${Number(expires) + 3_600_000}.${mac}`)).toBe('out');
    expect(await check(app, `sf_session=${expires}.${mac!.replace(/^./, (c) => (c === '0' ? '1' : '0'))}`)).toBe('out');
    expect(await check(app, 'sf_session=garbage')).toBe('out');

    // A new viewer token ends every session.
    expect(await check(appWith(new Sessions('sfv_rotated', 'sfa_admin', () => now)), cookie)).toBe('out');

    now += 12 * 3_600_000 + 1;
    expect(await check(app, cookie)).toBe('out');
  });
});
