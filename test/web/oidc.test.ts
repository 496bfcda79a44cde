import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../collector/api/middleware/audit-log.js';
import { DEFAULT_COLLECTOR_CONFIG, type CollectorConfig } from '../../collector/config.js';
import { loadFleet } from '../../demo/load-fleet.js';
import { OidcSignIn } from '../../collector/identity/oidc.js';
import { parseOidcMapping } from '../../collector/identity/oidc-mapping.js';
import { startCollector, type RunningCollector } from '../../collector/service.js';
import { launchChromium, SCREENSHOTS } from '../helpers/browser.js';
import { stopProgram } from '../../demo/processes.js';
import { adminFor, freePort, spawnCollector } from '../helpers/collector.js';
import { startTestProvider, type TestProvider } from '../helpers/oidc-provider.js';
import { tempDir } from '../helpers/temp.js';

const GRANTS = `grants:
  - value: SF.Admin
    role: admin
    trusts: all
  - value: SF.Viewer.Northgate
    role: viewer
    trusts: [rxa]
`;
const USERS = [
  { login: 'ada', name: 'Ada Admin', email: 'ada@example.nhs.uk', roles: ['SF.Admin'] },
  { login: 'nora', name: 'Nora Northgate', email: 'nora@example.nhs.uk', roles: ['SF.Viewer.Northgate', 'Other.App.Role'] },
  { login: 'olly', name: 'Olly Outsider', email: 'olly@example.nhs.uk', roles: ['Other.App.Role'], groups: ['6f1d2c3b-0000-4000-8000-000000000009'] },
  { login: 'gina', name: 'Gina Groups', email: 'gina@example.nhs.uk', groups: ['6f1d2c3b-0000-4000-8000-000000000002'] },
  { login: 'owen', name: 'Owen Overage', email: 'owen@example.nhs.uk', overage: true },
];
// For the collector that maps group object ids (--oidc-claim groups).
const GROUP_GRANTS = `grants:
  - value: 6f1d2c3b-0000-4000-8000-000000000002
    role: viewer
    trusts: [rxb]
`;
const PROVIDER_NAME = 'Test Entra ID';
// This file signs in many times a minute from one address: the limit is tested on a collector of its own.
const OFF = { enrolPerMinute: 0, signInPerMinute: 0 };

// Sign-in with the trust's OpenID provider, end to end: a real provider (oidc-provider) on 127.0.0.2,
// the collector on 127.0.0.1 (another site to the browser), and Chromium going through the provider's
// login form. Admin, one-trust viewer and a user whose roles give no access.
describe('OpenID Connect sign-in in the browser', () => {
  const dir = tempDir('oidc');
  let provider: TestProvider;
  let collector: RunningCollector;
  let browser: Browser;
  let oidc: OidcSignIn;
  let collectorSettings: NonNullable<CollectorConfig['oidc']>;
  let groupsPort: number;
  const audits: AuditEntry[] = [];

  /** A fresh browser profile whose requests may only go to loopback. */
  const freshContext = async (): Promise<{ context: BrowserContext; page: Page; offsite: string[]; errors: string[] }> => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const offsite: string[] = [];
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
    await context.route('**/*', (route) => {
      const { hostname } = new URL(route.request().url());
      if (/^127(\.\d{1,3}){3}$/.test(hostname)) return route.continue();
      // The test provider's own login page asks for a web font; only what the collector's pages ask for counts.
      const from = route.request().headers().referer ?? '';
      if (!from.startsWith(provider.issuer)) offsite.push(`${route.request().url()} (from ${from})`);
      return route.abort();
    });
    return { context, page, offsite, errors };
  };

  /** From the dashboard, through the provider's login form, back to the collector. */
  const signIn = async (page: Page, login: string, start = '/', base = collector.url) => {
    await page.goto(`${base}${start}`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByRole('link', { name: `Sign in with ${PROVIDER_NAME}` }).click();
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.locator('input[name=login]').fill(login);
    await page.locator('input[name=password]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.waitForURL((url) => url.origin === base);
    await page.waitForLoadState('networkidle');
  };
  const sessionCookie = async (context: BrowserContext) => (await context.cookies(collector.url)).find((c) => c.name === 'sf_session');

  beforeAll(async () => {
    const port = await freePort();
    groupsPort = await freePort();
    const redirectUrl = `http://127.0.0.1:${port}/auth/oidc/callback`;
    provider = await startTestProvider({ users: USERS, redirectUris: [redirectUrl, `http://127.0.0.1:${groupsPort}/auth/oidc/callback`] });
    const grantsFile = join(dir.path, 'grants.yaml');
    writeFileSync(grantsFile, GRANTS);
    const settings = { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, redirectUrl, scopes: ['openid', 'profile', 'email'], claim: 'roles' as const, grantsFile, providerName: PROVIDER_NAME };
    collectorSettings = settings;
    oidc = new OidcSignIn({ ...settings, mapping: parseOidcMapping(GRANTS) });
    collector = await startCollector(
      { ...DEFAULT_COLLECTOR_CONFIG, dataDir: dir.path, listen: { host: '127.0.0.1', port }, snapshotOnStart: false, oidc: settings, tokenSignIn: false, rateLimits: OFF },
      { audit: (entry) => audits.push(entry) },
    );
    await loadFleet(collector.url, collector.adminToken, { seed: 3, devices: 40, days: 2, now: new Date() }, 16);
    await adminFor(collector.url, dir.path).backfillScores(2);
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await collector?.close();
    await provider?.close();
    dir.remove();
  });

  it('offers only the provider when token sign-in is off; an admin signs in and sees every trust', async () => {
    const { context, page, offsite, errors } = await freshContext();
    await page.goto(`${collector.url}/login`);
    expect(await page.locator('input[name=token]').count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}/oidc-login.png` });
    const post = await fetch(`${collector.url}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: collector.url }, body: `token=${collector.viewerToken}`, redirect: 'manual' });
    expect(post.status).toBe(403);

    await signIn(page, 'ada', '/ops');
    expect(new URL(page.url()).pathname).toBe('/ops');
    const trusts = await page.locator('select[name=trust] option').allTextContents();
    expect(trusts).toHaveLength(3);
    const cookie = await sessionCookie(context);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    // The transaction cookie was used once and deleted.
    expect((await context.cookies(`${collector.url}/auth/oidc/callback`)).map((c) => c.name)).not.toContain('sf_oidc');
    // A dashboard session reads; it never administers, even an admin's.
    expect((await context.request.get(`${collector.url}/v1/admin/stats`)).status()).toBe(401);
    expect(offsite).toEqual([]);
    expect(errors).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/oidc-admin-ops.png` });
    await context.close();
  });

  it("a one-trust viewer walks every page and finds no other trust's data", async () => {
    // What the other trusts would show: their names, sites and devices (read with the admin token).
    const sites = await adminFor(collector.url, dir.path).listSites();
    const markers = new Set<string>();
    const mark = (text: string | undefined) => text && text.length >= 4 && markers.add(text);
    for (const site of sites.filter((s) => s.trust_id !== 'rxa')) [site.site_id, site.name, site.trust_name].forEach(mark);
    for (const trust of ['rxb', 'rxc']) {
      const response = await fetch(`${collector.url}/v1/devices?trust=${trust}&limit=10000`, { headers: { authorization: `Bearer ${collector.adminToken}` } });
      const body = (await response.json()) as { devices: Array<{ device_id: string; hostname: string }> };
      for (const device of body.devices) [device.device_id, device.hostname].forEach(mark);
    }
    expect(markers.size).toBeGreaterThan(20);
    const ownSites = sites.filter((s) => s.trust_id === 'rxa').map((s) => s.site_id);
    const clean = (where: string, text: string) => {
      for (const marker of markers) expect(text.includes(marker), `${where} shows ${marker}`).toBe(false);
    };

    const { context, page, offsite, errors } = await freshContext();
    await signIn(page, 'nora');
    expect(await page.locator('select[name=trust] option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual(['rxa']);

    // Every page reachable by a link from the views, each address once; of one page kind (a view, or the
    // device page) the first eight addresses, so every kind and its filters are walked in bounded time.
    const queue = ['/', '/cyber', '/cyber-essentials', '/ops', '/controls'];
    const seen = new Set<string>();
    const api = new Set<string>();
    const perKind = new Map<string, number>();
    while (queue.length > 0) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      const kind = path.startsWith('/devices/') ? '/devices/' : path.split('?')[0]!;
      if ((perKind.get(kind) ?? 0) >= 8) continue;
      perKind.set(kind, (perKind.get(kind) ?? 0) + 1);
      seen.add(path);
      const response = await page.goto(`${collector.url}${path}`);
      expect(response?.status(), path).toBe(200);
      clean(path, await page.content());
      for (const href of await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))) {
        const url = new URL(href, page.url());
        if (url.origin !== collector.url || url.pathname.startsWith('/assets/') || url.pathname.startsWith('/auth/')) continue;
        if (url.pathname.startsWith('/v1/')) api.add(url.pathname + url.search);
        else queue.push(url.pathname + url.search);
      }
    }
    expect([...perKind.keys()].sort()).toEqual(['/', '/controls', '/cyber', '/cyber-essentials', '/devices/', '/ops']);
    // The CSV and API links the pages offer, fetched with the same session.
    for (const path of api) {
      const response = await context.request.get(`${collector.url}${path}`);
      expect(response.status(), path).toBe(200);
      clean(path, await response.text());
    }
    // Asking for another trust by name: as if it did not exist.
    for (const path of ['/?trust=rxb', '/cyber?trust=rxc', '/ops?trust=rxb', '/cyber-essentials?trust=rxb', `/cyber?trust=rxa&site=${sites.find((s) => s.trust_id === 'rxb')!.site_id}`]) {
      expect((await page.goto(`${collector.url}${path}`))?.status(), path).toBe(404);
    }
    const [otherDevice] = [...markers].filter((m) => /^[0-9a-f-]{36}$/.test(m));
    if (otherDevice) expect((await page.goto(`${collector.url}/devices/${otherDevice}`))?.status()).toBe(404);
    expect((await context.request.get(`${collector.url}/v1/scores?trust=rxb`)).status()).toBe(404);
    const allSites = (await (await context.request.get(`${collector.url}/v1/sites`)).json()) as { sites: Array<{ site_id: string }> };
    expect(allSites.sites.map((s) => s.site_id).sort()).toEqual([...ownSites].sort());
    clean('/v1/devices', await (await context.request.get(`${collector.url}/v1/devices?limit=10000`)).text());
    expect(offsite).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it('a user whose roles give no access sees why, and gets no session', async () => {
    const { context, page } = await freshContext();
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/auth/oidc/callback');
    await signIn(page, 'olly');
    expect((await answer).status()).toBe(403);
    expect(await page.locator('h1').textContent()).toBe('No access to this collector');
    expect(await page.locator('[role=alert]').textContent()).toContain('Olly Outsider');
    expect(await sessionCookie(context)).toBeUndefined();
    await page.goto(`${collector.url}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(audits.find((a) => a.path === '/auth/oidc/callback' && a.status === 403)).toMatchObject({ level: 'warn', actor: expect.stringContaining('Olly Outsider') });
    await context.close();
  });

  it('refuses a tampered state, a tampered nonce or PKCE verifier, a forged transaction, an off-site next and a replayed callback', async () => {
    const callbackOutcome = async (tamper: (context: BrowserContext, page: Page) => Promise<void>) => {
      const { context, page } = await freshContext();
      await page.goto(`${collector.url}/login`);
      const authorisation = page.waitForRequest((r) => r.url().startsWith(`${provider.issuer}/auth?`));
      await page.getByRole('link', { name: `Sign in with ${PROVIDER_NAME}` }).click();
      await page.waitForURL((url) => url.origin === provider.issuer);
      // The provider was asked for a code bound to a PKCE challenge (and it requires one).
      const asked = new URL((await authorisation).url()).searchParams;
      expect(asked.get('code_challenge_method')).toBe('S256');
      expect(asked.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      await tamper(context, page);
      const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/auth/oidc/callback');
      await page.locator('input[name=login]').fill('ada');
      await page.locator('input[name=password]').fill('any password');
      await page.getByRole('button', { name: 'Sign-in' }).click();
      const response = await answer;
      await page.waitForLoadState();
      const outcome = { status: response.status(), title: await page.locator('h1').textContent(), message: await page.locator('[role=alert]').textContent(), session: await sessionCookie(context), callback: response.url() };
      await context.close();
      return outcome;
    };
    const transactionCookie = async (context: BrowserContext) => (await context.cookies(`${collector.url}/auth/oidc/callback`)).find((c) => c.name === 'sf_oidc')!;
    const rewrite = (change: (t: NonNullable<ReturnType<OidcSignIn['open']>>) => void) => async (context: BrowserContext) => {
      const cookie = await transactionCookie(context);
      const transaction = oidc.open(cookie.value)!;
      change(transaction);
      await context.addCookies([{ ...cookie, value: oidc.seal(transaction) }]);
    };

    // A callback whose state is not the one this browser's sign-in sent (login CSRF).
    const state = await callbackOutcome(rewrite((t) => (t.state = 'attacker-chosen-state')));
    expect(state).toMatchObject({ status: 400, title: 'Sign-in could not be checked', session: undefined });
    expect(state.message).toContain('state');

    const nonce = await callbackOutcome(rewrite((t) => (t.nonce = 'not-the-nonce-sent')));
    expect(nonce).toMatchObject({ status: 400, title: 'Sign-in could not be checked', session: undefined });
    expect(nonce.message).toContain('nonce');

    const verifier = await callbackOutcome(rewrite((t) => (t.verifier = 'x'.repeat(43))));
    expect(verifier).toMatchObject({ status: 400, session: undefined });

    const forged = await callbackOutcome(async (context) => {
      const cookie = await transactionCookie(context);
      const [body, mac] = cookie.value.split('.');
      const transaction = JSON.parse(Buffer.from(body!, 'base64url').toString()) as { next: string };
      transaction.next = '/ops';
      await context.addCookies([{ ...cookie, value: `${Buffer.from(JSON.stringify(transaction)).toString('base64url')}.${mac}` }]);
    });
    expect(forged).toMatchObject({ status: 400, title: 'Sign-in could not be checked', session: undefined });

    // Where to go afterwards is a path on this collector, never another site.
    for (const next of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', '/\t/evil.example']) {
      const started = await fetch(`${collector.url}/auth/oidc/start?next=${encodeURIComponent(next)}`, { redirect: 'manual' });
      const sealed = /sf_oidc=([^;]+)/.exec(started.headers.get('set-cookie') ?? '')![1];
      expect(oidc.open(sealed)?.next, next).toBe('/');
    }

    // A callback copied with its transaction cookie, after the real sign-in used it: the code is spent.
    let copied: { cookie: Awaited<ReturnType<typeof transactionCookie>>; url: string } | undefined;
    const { context, page } = await freshContext();
    await page.goto(`${collector.url}/login`);
    await page.getByRole('link', { name: `Sign in with ${PROVIDER_NAME}` }).click();
    await page.waitForURL((url) => url.origin === provider.issuer);
    const cookie = await transactionCookie(context);
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/auth/oidc/callback') copied = { cookie, url: request.url() };
    });
    await page.locator('input[name=login]').fill('ada');
    await page.locator('input[name=password]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.waitForURL((url) => url.origin === collector.url && url.pathname === '/');
    expect(await sessionCookie(context)).toBeDefined();
    await context.close();
    const replay = await freshContext();
    await replay.context.addCookies([copied!.cookie]);
    expect((await replay.page.goto(copied!.url))?.status()).toBe(400);
    expect(await sessionCookie(replay.context)).toBeUndefined();
    await replay.context.close();
  });

  it('a sign-in cancelled at the provider comes back refused, with the reason and no session', async () => {
    const { context, page } = await freshContext();
    await page.goto(`${collector.url}/login`);
    await page.getByRole('link', { name: `Sign in with ${PROVIDER_NAME}` }).click();
    await page.waitForURL((url) => url.origin === provider.issuer);
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/auth/oidc/callback');
    await page.getByRole('link', { name: '[ Cancel ]' }).click();
    expect((await answer).status()).toBe(400);
    expect(await page.locator('[role=alert]').textContent()).toContain('the identity provider refused: access_denied');
    expect(await sessionCookie(context)).toBeUndefined();
    await context.close();
  });

  it('logout ends the session on the server: a copied cookie no longer reads', async () => {
    const { context, page } = await freshContext();
    await signIn(page, 'nora');
    const copied = (await sessionCookie(context))!.value;
    const withCopy = () => fetch(`${collector.url}/v1/sites`, { headers: { cookie: `sf_session=${copied}` } });
    expect((await withCopy()).status).toBe(200);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    expect((await withCopy()).status).toBe(401);
    await context.close();
  });

  it("an admin ends a user's sessions at once by the credential their sign-in was audited with", async () => {
    const { context, page } = await freshContext();
    await signIn(page, 'nora');
    const credential = audits.filter((a) => a.status === 303 && a.actor?.startsWith('Nora Northgate')).at(-1)!.actor!.match(/\((oidc:[^)]+)\)$/)![1]!;
    expect((await context.request.get(`${collector.url}/v1/sites`)).status()).toBe(200);
    const ended = await fetch(`${collector.url}/v1/admin/sessions/end`, { method: 'POST', headers: { authorization: `Bearer ${collector.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ credential }) });
    // Every open session of hers: this one and the walk's, which never logged out.
    expect(await ended.json()).toEqual({ credential, ended: 2 });
    expect((await context.request.get(`${collector.url}/v1/sites`)).status()).toBe(401);
    await page.goto(`${collector.url}/ops`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });

  it('from the command line, mapping groups: a granted group reads, group overage is refused with its reason, sign-in attempts are limited per address', async () => {
    const port = groupsPort;
    const groupGrants = join(dir.path, 'group-grants.yaml');
    writeFileSync(groupGrants, GROUP_GRANTS);
    const spawned = await spawnCollector(join(dir.path, 'groups'), port, {
      ...process.env,
      SF_OIDC_ISSUER: provider.issuer,
      SF_OIDC_CLIENT_ID: provider.clientId,
      SF_OIDC_CLIENT_SECRET: provider.clientSecret,
      SF_OIDC_REDIRECT_URL: `http://127.0.0.1:${port}/auth/oidc/callback`,
      SF_OIDC_CLAIM: 'groups',
      SF_OIDC_GRANTS: groupGrants,
      SF_OIDC_PROVIDER_NAME: PROVIDER_NAME,
      SF_TOKEN_SIGN_IN: 'off',
      SF_SIGN_IN_RATE_LIMIT: '5',
    });
    try {
      const gina = await freshContext();
      await signIn(gina.page, 'gina', '/', spawned.url);
      expect(new URL(gina.page.url()).pathname).toBe('/');
      expect((await gina.context.request.get(`${spawned.url}/v1/sites`)).status()).toBe(200);
      await gina.context.close();

      const owen = await freshContext();
      const answer = owen.page.waitForResponse((r) => new URL(r.url()).pathname === '/auth/oidc/callback');
      await signIn(owen.page, 'owen', '/', spawned.url);
      expect((await answer).status()).toBe(403);
      expect(await owen.page.locator('[role=alert]').textContent()).toContain('more groups than the identity provider puts in a sign-in');
      expect((await owen.context.cookies(spawned.url)).map((c) => c.name)).not.toContain('sf_session');
      await owen.context.close();

      // 5 a minute for the token form, so 10 for /auth/oidc/*: four used above, and 21 more overflow a window however they fall.
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 21; i++) {
        const response = await fetch(`${spawned.url}/auth/oidc/start`, { redirect: 'manual' });
        statuses.push(response.status);
        if (response.status === 303) expect(response.headers.get('location')).toMatch(new RegExp(`^${provider.issuer}/auth\\?`));
        if (response.status === 429) retryAfter = response.headers.get('retry-after');
      }
      expect(statuses).toContain(429);
      expect(Number(retryAfter)).toBeGreaterThan(0);
      expect(spawned.log()).not.toContain(provider.clientSecret);
    } finally {
      await stopProgram(spawned.child);
    }
  });

  it('audits each sign-in with who and what access, and never a code or token', () => {
    const signIns = audits.filter((a) => a.path === '/auth/oidc/callback');
    expect(signIns.find((a) => a.status === 303 && a.actor?.startsWith('Nora Northgate'))).toMatchObject({
      level: 'info',
      action: 'GET /auth/oidc/callback',
      actor: `Nora Northgate (oidc:${provider.issuer}#nora)`,
      detail: 'signed in as viewer of rxa',
      remote: '127.0.0.1',
    });
    expect(signIns.filter((a) => a.status === 400).length).toBeGreaterThanOrEqual(4);
    const text = JSON.stringify(audits);
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10}/);
    expect(text).not.toContain('code=');
    expect(text).not.toContain(provider.clientSecret);
  });
});
