import { Hono } from 'hono';
import { z } from 'zod';
import { Slug } from '../../../protocol/index.js';
import { EnrollmentError, type Enrollment } from '../../identity/enrollment.js';
import type { Registry } from '../../store/registry.js';
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
    .post('/sites/:site/enroll-secrets', async (c) => {
      try {
        const secret = await enrollment.createSecret(c.req.param('site'));
        return c.json({ site_id: c.req.param('site'), enroll_secret: secret }, 201);
      } catch (error) {
        if (error instanceof EnrollmentError) return problem(c, error.status, error.message);
        throw error;
      }
    })
    .post('/devices/:device/revoke', async (c) => {
      const done = await enrollment.revoke(c.req.param('device'));
      return done ? c.json({ revoked: c.req.param('device') }) : problem(c, 404, 'no such device');
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
