import { Hono } from 'hono';
import { z } from 'zod';
import { Slug } from '../../../protocol/index.js';
import { EnrollmentError, type Enrollment } from '../../identity/enrollment.js';
import type { Registry } from '../../identity/registry.js';
import { DEVICE_ROLES } from '../../identity/enrol-secrets.js';
import type { Store } from '../../store/store.js';
import type { AppEnv } from '../env.js';
import { jsonBody, type JsonBodyOptions } from '../middleware/json-body.js';
import { invalid, problem } from '../problem.js';
import { ingestStats } from '../../store/stats.js';
import type { ScoringService } from '../../scoring/service.js';
import type { FindingsNotifier } from '../../notify/digest.js';
import { bodyLimit } from 'hono/body-limit';
import { IMPORT_MODES, importAssetRegister, removeSiteAssets } from '../../assets/import.js';
import { CatalogueError } from '../../lifecycle/catalogue.js';
import { loadCatalogue } from '../../lifecycle/catalogue-store.js';

export const SiteInput = z.object({
  site_id: Slug,
  trust_id: Slug,
  name: z.string().min(1).max(200),
  trust_name: z.string().min(1).max(200).optional(),
});

const TrustInput = z.object({ name: z.string().min(1).max(200) });

const SecretInput = z
  .object({
    role: z.enum(DEVICE_ROLES).default('endpoint'),
    expires_at: z.iso.datetime({ offset: true }).optional(),
    expires_in_seconds: z.number().int().min(60).max(5 * 366 * 86_400).optional(),
    allow_reenrol: z.boolean().default(false),
  })
  .refine((s) => !(s.expires_at && s.expires_in_seconds), { message: 'give expires_at or expires_in_seconds, not both', path: ['expires_at'] });

interface AdminDeps {
  scoring: ScoringService;
  notifier?: FindingsNotifier;
  store: Store;
  registry: Registry;
  enrollment: Enrollment;
  limits: JsonBodyOptions;
}

/** Admin routes (admin token checked by the caller's mount): trusts, sites, enrol secrets, revocation, asset registers, stats. */
export function adminRoutes({ store, registry, enrollment, limits, scoring, notifier }: AdminDeps) {
  return new Hono<AppEnv>()
    .get('/sites', async (c) => c.json({ sites: await registry.listSites() }))
    .post('/sites', jsonBody(limits), async (c) => {
      const parsed = SiteInput.safeParse(c.get('body'));
      if (!parsed.success) return invalid(c, 'site', parsed.error);
      const { site_id, trust_id, name, trust_name } = parsed.data;
      if (trust_name) await registry.upsertTrust({ trust_id, name: trust_name });
      await registry.upsertSite({ site_id, trust_id, name });
      return c.json({ site_id, trust_id, name }, 201);
    })
    .delete('/sites/:site', async (c) => {
      const site = await registry.getSite(c.req.param('site'));
      if (!site) return problem(c, 404, `no site "${c.req.param('site')}"`);
      const active = await registry.activeDevices(site.site_id);
      if (active > 0) return problem(c, 409, `site "${site.site_id}" still has ${active} enrolled devices: revoke them (or re-enrol them at another site) first`);
      await registry.retireSite(site);
      // Its assets would otherwise count as devices that never reported, for ever.
      const assetsRemoved = await removeSiteAssets(store, site.trust_id, site.site_id);
      return c.json({ retired: site.site_id, assets_removed: assetsRemoved });
    })
    .get('/trusts', async (c) => c.json({ trusts: await registry.listTrusts() }))
    .put('/trusts/:trust', jsonBody(limits), async (c) => {
      const trust = Slug.safeParse(c.req.param('trust'));
      if (!trust.success) return invalid(c, 'trust id', trust.error);
      const body = TrustInput.safeParse(c.get('body'));
      if (!body.success) return invalid(c, 'trust', body.error);
      await registry.upsertTrust({ trust_id: trust.data, name: body.data.name });
      return c.json({ trust_id: trust.data, name: body.data.name });
    })
    // A new enrol secret: its role (endpoint or site poller), expiry and whether it may replace active keys.
    .post('/sites/:site/enroll-secrets', bodyLimit({ maxSize: 4096, onError: (c) => problem(c, 413, 'body larger than 4096 bytes') }), async (c) => {
      const text = await c.req.text();
      let body: unknown = {};
      try {
        if (text.trim()) body = JSON.parse(text);
      } catch (error) {
        return problem(c, 400, `body is not valid JSON: ${(error as Error).message}`);
      }
      const input = SecretInput.safeParse(body);
      if (!input.success) return invalid(c, 'enrol secret', input.error);
      const { role, expires_at, expires_in_seconds, allow_reenrol } = input.data;
      const expiresAt = expires_at ? new Date(expires_at) : expires_in_seconds ? new Date(Date.now() + expires_in_seconds * 1000) : undefined;
      try {
        return c.json(await enrollment.createSecret(c.req.param('site'), { role, expiresAt, allowReenrol: allow_reenrol }), 201);
      } catch (error) {
        if (error instanceof EnrollmentError) return problem(c, error.status, error.message);
        throw error;
      }
    })
    .get('/enroll-secrets', async (c) => c.json({ enroll_secrets: await enrollment.listSecrets(c.req.query('site') || undefined) }))
    .post('/enroll-secrets/:secret/revoke', async (c) => {
      const done = await enrollment.revokeSecret(c.req.param('secret'));
      return done ? c.json({ revoked: c.req.param('secret') }) : problem(c, 404, `no enrol secret "${c.req.param('secret')}" (ids look like sec_0123456789abcdef; see GET /v1/admin/enroll-secrets)`);
    })
    .get('/devices', async (c) => {
      const role = z.enum(DEVICE_ROLES).optional().safeParse(c.req.query('role') || undefined);
      if (!role.success) return invalid(c, 'role', role.error);
      return c.json({ devices: await registry.listDevices({ role: role.data, siteId: c.req.query('site') || undefined }) });
    })
    .post('/devices/:device/revoke', async (c) => {
      const done = await enrollment.revoke(c.req.param('device'));
      return done ? c.json({ revoked: c.req.param('device') }) : problem(c, 404, 'no such device');
    })
    // Clears a revocation; the old key stays dead and the device enrols again for a new one.
    .post('/devices/:device/reinstate', async (c) => {
      try {
        const done = await enrollment.reinstate(c.req.param('device'));
        return done ? c.json({ reinstated: c.req.param('device') }) : problem(c, 404, 'no such device');
      } catch (error) {
        if (error instanceof EnrollmentError) return problem(c, error.status, error.message);
        throw error;
      }
    })
    .get('/reenrolments', async (c) => c.json({ reenrolments: await enrollment.openReenrolments() }))
    .post('/reenrolments/:device/:decision{approve|reject}', async (c) => {
      const decision = c.req.param('decision') === 'approve' ? 'approved' : 'rejected';
      const done = await enrollment.decideReenrolment(c.req.param('device'), decision);
      return done ? c.json({ device_id: c.req.param('device'), status: decision }) : problem(c, 404, `no pending re-enrolment of device "${c.req.param('device')}"`);
    })
    .get('/stats', async (c) => c.json(await ingestStats(store)))
    .post('/notify/test', async (c) => {
      if (!notifier) return problem(c, 409, 'no findings digest is configured: start the collector with --notify-webhook (SF_NOTIFY_WEBHOOK)');
      try {
        return c.json({ sent: true, ...(await notifier.sendTest()) });
      } catch (error) {
        return problem(c, 502, `the webhook did not accept the test message: ${(error as Error).message}`);
      }
    })
    .post('/scores/backfill', async (c) => {
      const days = z.coerce.number().int().min(1).max(400).safeParse(c.req.query('days') ?? '30');
      if (!days.success) return invalid(c, 'days', days.error);
      return c.json({ evaluated: await scoring.backfill(days.data) });
    })
    .post('/scores/reevaluate', async (c) => {
      const asOf = z.iso.date().safeParse(c.req.query('as_of'));
      if (!asOf.success) return invalid(c, 'as_of', asOf.error);
      const { run, previous } = await scoring.reevaluate(asOf.data);
      return c.json({ run, previous: previous ?? null }, 201);
    })
    // A newer end-of-life catalogue, switched in without a restart; a bad one is refused with its line and reason.
    .post('/eol-catalogue', bodyLimit({ maxSize: limits.maxDecodedBytes, onError: (c) => problem(c, 413, 'catalogue larger than the body limit') }), async (c) => {
      const name = c.req.query('name') || 'uploaded catalogue';
      try {
        return c.json(await loadCatalogue(store, await c.req.text(), name));
      } catch (error) {
        if (error instanceof CatalogueError) return problem(c, 400, error.message);
        throw error;
      }
    })
    .post('/trusts/:trust/asset-register', bodyLimit({ maxSize: limits.maxDecodedBytes, onError: (c) => problem(c, 413, 'asset register larger than the body limit') }), async (c) => {
      const trust = Slug.safeParse(c.req.param('trust'));
      if (!trust.success) return invalid(c, 'trust id', trust.error);
      const type = c.req.header('content-type') ?? '';
      if (!/^text\/csv\b/i.test(type)) return problem(c, 415, `Content-Type must be text/csv (got "${type || 'none'}")`);
      const mode = z.enum(IMPORT_MODES).safeParse(c.req.query('mode') ?? 'merge');
      if (!mode.success) return problem(c, 400, `mode must be one of ${IMPORT_MODES.join(', ')} (got "${c.req.query('mode')}")`);
      const result = await importAssetRegister(store, registry, trust.data, await c.req.text(), mode.data);
      return c.json(result, result.imported === 0 && result.errors.length > 0 ? 400 : 200);
    });
}
