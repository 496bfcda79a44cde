import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import { z } from 'zod';
import { deviceDetail } from '../queries/device-detail.js';
import { listDevices } from '../queries/device-list.js';
import { networkIdentity } from '../queries/network-identity.js';
import { infrastructureWifi } from '../queries/network-wifi.js';
import { operations } from '../queries/operations.js';
import type { ScoringService } from '../scoring/service.js';
import type { Registry } from '../identity/registry.js';
import type { Store } from '../store/store.js';
import { WebAssets } from './assets.js';
import { deviceName, isoDaysBefore } from './format.js';
import { changeSummary } from '../queries/changes.js';
import { Layout, type Directory, type LayoutProps } from './layout.js';
import { CioPage } from './pages/cio.js';
import { ControlsPage } from './pages/controls.js';
import { CyberPage, FINDING_LISTS } from './pages/cyber.js';
import { DevicePage, type DeviceView } from './pages/device.js';
import { ErrorPage, LoginPage } from './pages/login.js';
import { OpsPage } from './pages/ops.js';
import { CyberEssentialsPage, PAGE_FINDINGS } from './pages/cyber-essentials.js';
import { cyberEssentials } from '../queries/cyber-essentials.js';
import type { Framework } from '../scoring/frameworks/mapping.js';
import type { Sessions } from '../identity/session.js';
import { validDates } from '../api/validation/as-of.js';
import type { Credentials } from '../identity/credentials.js';
import { canRead, trustFilter, type Principal } from '../identity/principal.js';
import { inTrustScope } from '../store/trust-scope.js';

export interface WebDeps {
  store: Store;
  registry: Registry;
  scoring: ScoringService;
  sessions: Sessions;
  /** What a token or API key typed into the sign-in form stands for. */
  credentials: Credentials;
  /** Whether the sign-in form takes a token or API key (off: sign-in only through the identity provider). */
  tokenSignIn: boolean;
  /** The identity provider's name for the "Sign in with …" button, when OpenID Connect sign-in is on. */
  signInWith?: string;
  /** The Cyber Essentials mapping, checked against the scoring model. */
  cyberEssentials: Framework;
}

const PageQuery = z.object({
  trust: z.string().max(64).optional(),
  site: z.string().max(64).optional(),
  as_of: z.iso.date().optional(),
  control: z.string().regex(/^(INF|CYB)-[A-Z0-9-]+$/).optional(),
  kind: z.enum(['endpoint', 'network']).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
type PageQuery = z.infer<typeof PageQuery>;

const PAGE_SIZE = 100;
/** Pages read the signed-in principal from the context; every read model gets its trusts. */
type WebEnv = { Variables: { principal: Principal } };
const trustsOf = (c: Context<WebEnv>) => trustFilter(c.get('principal'));
/** A run's device count is fleet-wide: shown only to a reader of every trust. */
const fleetCountFor = (c: Context<WebEnv>, run: LayoutProps['run']): LayoutProps['run'] => (run && c.get('principal').trusts !== 'all' ? { ...run, devices: undefined } : run);
const PAGES = ['/', '/cyber', '/cyber-essentials', '/ops', '/controls', '/devices/*'];

/** The built-in dashboard: server-rendered pages over the same services the read API uses. */
export function webRoutes(deps: WebDeps) {
  const { store, registry, scoring, sessions } = deps;
  const assets = WebAssets.load();
  const app = new Hono<WebEnv>();
  // Scripts and styles only from this origin: the bundle, no inline code, no CDN.
  const headers = secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'], formAction: ["'self'"], frameAncestors: ["'none'"] },
    referrerPolicy: 'no-referrer',
  });
  const signedIn: MiddlewareHandler<WebEnv> = async (c, next) => {
    const principal = await sessions.principal(c);
    if (principal && canRead(principal)) {
      c.set('principal', principal);
      return next();
    }
    const url = new URL(c.req.url);
    return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
  };
  for (const path of [...PAGES, '/login', '/logout']) app.use(path, headers);
  // Trust sites can sit behind slow links: pages and the bundle go out compressed.
  for (const path of [...PAGES, '/login', '/assets/*']) app.use(path, compress());
  for (const path of PAGES) app.use(path, signedIn);
  for (const path of PAGES) app.use(path, validDates(scoring.today.bind(scoring), (c, message) => badRequest(c, message)));
  app.use('/login', bodyLimit({ maxSize: 4096 }), csrf());
  app.use('/logout', csrf());

  const render = async (c: Context<WebEnv>, layout: Omit<LayoutProps, 'assets' | 'today' | 'directory' | 'children'>, body: unknown, directory?: Directory) =>
    c.html(
      <Layout {...layout} run={fleetCountFor(c, layout.run)} assets={assets} today={scoring.today()} directory={directory ?? (await directoryOf(registry, trustsOf(c)))}>
        {body as never}
      </Layout>,
    );
  const notFound = (c: Context, message: string) => c.html(<ErrorPage assets={assets} title="That page does not exist" message={message} />, 404);
  const badRequest = (c: Context, message: string) => c.html(<ErrorPage assets={assets} title="That page does not exist" message={message} />, 400);
  const parse = (c: Context): PageQuery | string => {
    const raw = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
    const parsed = PageQuery.safeParse(raw);
    if (!parsed.success) return `Invalid ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')} in the address.`;
    return parsed.data;
  };

  /**
   * A page's query with its defaults (today, and the first trust when none is chosen), or the page
   * refusing it (400 a bad query, 404 a trust or site not in scope).
   */
  const scopeOf = async (c: Context<WebEnv>) => {
    const q = parse(c);
    if (typeof q === 'string') return badRequest(c, q);
    const directory = await directoryOf(registry, trustsOf(c));
    // Another trust, or a site of one, reads as one that does not exist.
    if (q.trust && !directory.trusts.some((t) => t.trust_id === q.trust)) return notFound(c, `No trust ${q.trust}.`);
    if (q.site && !directory.sites.some((s) => s.site_id === q.site)) return notFound(c, `No site ${q.site}.`);
    return { ...q, directory, asOf: q.as_of ?? scoring.today(), trustId: q.trust ?? directory.trusts[0]?.trust_id ?? '' };
  };
  type Scope = Exclude<Awaited<ReturnType<typeof scopeOf>>, Response>;
  /** A page of one trust's (or a site's) figures: drawn only for a scope the caller may read, else scopeOf's refusal. */
  const scopedPage = (page: (c: Context<WebEnv>, scope: Scope) => Promise<Response>) => async (c: Context<WebEnv>) => {
    const scope = await scopeOf(c);
    return scope instanceof Response ? scope : page(c, scope);
  };

  app.get('/login', (c) => c.html(<LoginPage assets={assets} signInWith={deps.signInWith} next={safeNext(c.req.query('next'))} tokenSignIn={deps.tokenSignIn} />));
  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const next = safeNext(typeof form.next === 'string' ? form.next : undefined);
    if (!deps.tokenSignIn) return c.html(<LoginPage assets={assets} signInWith={deps.signInWith} next={next} tokenSignIn={false} error="Sign-in with a token is turned off on this collector." />, 403);
    const principal = typeof form.token === 'string' ? await deps.credentials.authenticate(form.token) : undefined;
    if (principal && canRead(principal)) {
      c.set('principal', principal); // for the sign-in's audit line
      await sessions.create(c, principal);
      return c.redirect(next, 303);
    }
    return c.html(<LoginPage assets={assets} signInWith={deps.signInWith} next={next} tokenSignIn error="That token or key is not valid for the dashboard. Use the viewer token the collector wrote to its data directory, or an API key an admin gave you." />, 401);
  });
  app.post('/logout', async (c) => {
    await sessions.end(c);
    return c.redirect('/login', 303);
  });
  app.get('/assets/:name', (c) => {
    const asset = assets.get(c.req.param('name'));
    if (!asset) return c.text('no such asset', 404);
    const pinned = c.req.query('v') === asset.version;
    c.header('Content-Type', asset.type);
    c.header('Cache-Control', pinned ? 'public, max-age=31536000, immutable' : 'no-cache');
    c.header('ETag', `"${asset.version}"`);
    if (c.req.header('if-none-match') === `"${asset.version}"`) return c.body(null, 304);
    return c.body(new Uint8Array(asset.body));
  });

  app.get('/', scopedPage(async (c, { directory, asOf, trustId }) => {
    const { run, trusts } = await scoring.scores(asOf, { trust: trustId, trusts: trustsOf(c) });
    const trust = trusts[0];
    if (!trust) return render(c, { title: 'Scores', view: 'cio', filter: { trust: trustId, as_of: asOf } }, <NoData />, directory);
    const trend = await scoring.trend(isoDaysBefore(asOf, 89), asOf, { trust: trust.trust_id, trusts: trustsOf(c) });
    return render(c, { title: 'Infrastructure and cyber-hygiene scores', view: 'cio', filter: { trust: trust.trust_id, as_of: asOf }, run }, <CioPage trust={trust} trend={trend} model={scoring.model} asOf={asOf} />, directory);
  }));

  app.get('/cyber', scopedPage(async (c, q) => {
    const { directory, asOf, trustId } = q;
    const control = q.control ?? FINDING_LISTS[0].control;
    if (!scoring.model.controls.some((ctl) => ctl.id === control)) return badRequest(c, `There is no control ${control}.`);
    const { run, trusts } = await scoring.scores(asOf, { trust: trustId, site: q.site, trusts: trustsOf(c) });
    const failing = new Map((trusts[0]?.controls ?? []).map((ctl) => [ctl.control_id, ctl.fail]));
    const selection = { trust: trustId, site: q.site, asOf, control, kind: q.kind, offset: q.offset, limit: PAGE_SIZE };
    const page = await listDevices(store, run.run_id, asOf, { trust: trustId, site: q.site, trusts: trustsOf(c), kind: q.kind, control, status: 'fail', limit: PAGE_SIZE, offset: q.offset, format: 'json' });
    // Yesterday's snapshot, if one was kept: what is new and what was fixed since (never evaluated here, a page must stay quick).
    const yesterday = await scoring.keptRun(isoDaysBefore(asOf, 1));
    const changes = yesterday ? await changeSummary(store, yesterday, run, { trust: trustId, site: q.site, trusts: trustsOf(c), kind: q.kind, control }) : undefined;
    const siteNames = new Map(directory.sites.map((s) => [s.site_id, s.name]));
    const layout = { title: 'Cyber findings', view: 'cyber' as const, filter: { trust: trustId, site: q.site, as_of: asOf }, siteFilter: true, keep: { control, kind: q.kind }, run };
    return render(c, layout, <CyberPage selection={selection} rows={page.rows} total={page.total} failing={failing} model={scoring.model} siteNames={siteNames} changes={changes} />, directory);
  }));

  app.get('/cyber-essentials', scopedPage(async (c, { directory, asOf, trustId, site }) => {
    const run = await scoring.run(asOf);
    const names = { trusts: new Map(directory.trusts.map((t) => [t.trust_id, t.name])), sites: new Map(directory.sites.map((s) => [s.site_id, s.name])) };
    const view = await cyberEssentials(store, deps.cyberEssentials, run, names, { trust: trustId, site, trusts: trustsOf(c), limit: PAGE_FINDINGS });
    const layout = { title: 'Cyber Essentials (indicative)', view: 'cyber-essentials' as const, filter: { trust: trustId, site, as_of: asOf }, siteFilter: true, run };
    return render(c, layout, <CyberEssentialsPage view={view} />, directory);
  }));

  app.get('/ops', scopedPage(async (c, { directory, asOf, trustId, site }) => {
    const run = await scoring.run(asOf);
    const filter = { trust: trustId, site, trusts: trustsOf(c) };
    const [ops, wifi] = await Promise.all([operations(store, run, filter), infrastructureWifi(store, asOf, filter)]);
    const siteNames = new Map(directory.sites.map((s) => [s.site_id, s.name]));
    const layout = { title: 'IT operations', view: 'ops' as const, filter: { trust: trustId, site, as_of: asOf }, siteFilter: true, run };
    return render(c, layout, <OpsPage ops={ops} wifi={wifi} siteNames={siteNames} trust={trustId} asOf={asOf} />, directory);
  }));

  app.get('/controls', async (c) => {
    const directory = await directoryOf(registry, trustsOf(c));
    return render(c, { title: 'How the scores are made', view: 'controls', filter: { as_of: scoring.today() } }, <ControlsPage model={scoring.model} />, directory);
  });

  app.get('/devices/:id', async (c) => {
    const q = parse(c);
    if (typeof q === 'string') return badRequest(c, q);
    const asOf = q.as_of ?? scoring.today();
    const device = (await deviceDetail(store, scoring, asOf, c.req.param('id'), trustsOf(c))) as DeviceView | undefined;
    if (!device) return c.html(<ErrorPage assets={assets} title="No such device" message={`No device ${c.req.param('id')} in the scores as of ${asOf}.`} />, 404);
    const directory = await directoryOf(registry, trustsOf(c));
    const siteName = directory.sites.find((s) => s.site_id === device.site_id)?.name ?? device.site_id;
    const identity = device.kind === 'network' ? await networkIdentity(store, asOf, device.device_id, trustsOf(c)) : undefined;
    const layout = { title: deviceName(device.hostname, device.device_id), view: 'device' as const, filter: { trust: device.trust_id, as_of: asOf } };
    return render(c, layout, <DevicePage device={device} model={scoring.model} siteName={siteName} identity={identity} />, directory);
  });
  return app;
}

function NoData() {
  return (
    <p>
      No scores yet: enrol agents (docs/deploy-agent.md) or import an asset register, and the collector scores them within the hour.
    </p>
  );
}

/** The trusts and sites the reader may see: the page's selectors never name another trust's. */
async function directoryOf(registry: Registry, scope: readonly string[] | undefined): Promise<Directory> {
  const sites = (await registry.listSites()).filter((s) => inTrustScope(scope, s.trust_id));
  const trusts = new Map<string, string>();
  for (const s of sites) trusts.set(s.trust_id, s.trust_name || s.trust_id);
  return { trusts: [...trusts].map(([trust_id, name]) => ({ trust_id, name })), sites: sites.map(({ site_id, trust_id, name }) => ({ site_id, trust_id, name })) };
}

const SITE = 'http://collector.invalid';

/**
 * Only a path on this site: a login link must not send anyone elsewhere. Browsers drop tabs and
 * newlines from URLs and read a backslash as a slash, so `/\t/evil.example` or `/\\evil.example`
 * would become `//evil.example`: any whitespace, control character or backslash is refused, and
 * what is left must resolve to this origin.
 */
export function safeNext(next: string | undefined): string {
  if (!next || !/^\/(?!\/)[^\\\s\p{Cc}\p{Cf}]*$/u.test(next)) return '/';
  return new URL(next, SITE).origin === SITE ? next : '/';
}
