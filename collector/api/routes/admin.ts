import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { Slug } from '../../../protocol/index.js';
import { IMPORT_MODES, importAssetRegister, removeSiteAssets, type AssetImportMode } from '../../assets/import.js';
import { conflict, DomainError, invalid, notFound } from '../../errors.js';
import { DEVICE_ROLES } from '../../identity/enrol-secrets.js';
import type { Enrollment } from '../../identity/enrollment.js';
import type { Registry } from '../../identity/registry.js';
import { EOL_CATALOGUE, FIRMWARE_CATALOGUE } from '../../lifecycle/catalogue-store.js';
import type { CatalogueFile } from '../../lifecycle/catalogue-versions.js';
import type { FindingsNotifier } from '../../notify/digest.js';
import type { ScoringService } from '../../scoring/service.js';
import { ingestStats } from '../../store/stats.js';
import type { Store } from '../../store/store.js';
import { jsonBody, type JsonBodyOptions } from '../middleware/json-body.js';
import * as answers from '../openapi/admin-schemas.js';
import { Sites } from '../openapi/read-schemas.js';
import { apiRouter } from '../openapi/router.js';
import { ADMIN_SECURITY, Day, errors, json, Problem, type ErrorStatus } from '../openapi/schemas.js';

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

type Method = 'get' | 'post' | 'put' | 'delete';
/** An admin route: an admin credential for every trust; 401/403 without one. */
function admin<const M extends Method, const P extends string, const Req extends object, const Res extends object, const E extends ErrorStatus[]>(
  method: M,
  path: P,
  summary: string,
  request: Req,
  responses: Res,
  ...refusals: E
) {
  return createRoute({ method, path, tags: ['admin'], summary, security: ADMIN_SECURITY, request, responses: { ...responses, ...errors(401, 403, ...refusals) } });
}
const jsonRequest = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });
/** A catalogue load: the YAML as the body, `name` how refusals refer to it; 400 names the line and reason, 413 past the body limit. */
const catalogueRoute = <const P extends string, const T extends z.ZodType>(path: P, title: string, shipped: string, answer: T) =>
  admin(
    'post',
    path,
    `Install a newer ${title} without a restart; a bad one is refused with its line and reason`,
    { query: z.object({ name: z.string().max(200).optional() }), body: { required: true, content: { 'application/yaml': { schema: answers.yamlText(shipped) } } } },
    { 200: json(answer, 'Installed (or already the one in force).') },
    400,
    413,
  );
const id = <const N extends string>(name: N) => z.object({ [name]: z.string().min(1).max(200) } as Record<N, z.ZodString>);

/** Admin routes (admin token checked by the caller's mount): trusts, sites, enrol secrets, revocation, asset registers, stats. */
export function adminRoutes({ store, registry, enrollment, limits, scoring, notifier }: AdminDeps) {
  const body = jsonBody(limits);
  const catalogueBody = bodyLimit({ maxSize: limits.maxDecodedBytes, onError: () => { throw new DomainError('too-large', 'catalogue larger than the body limit'); } });
  /** Checks the text and installs it when it differs from the active load; a bad file is refused (400) with its lines and reasons, and nothing changes. */
  const loadCatalogueText = async <Loaded>(kind: CatalogueFile<Loaded>, text: string, name: string | undefined): Promise<Loaded> => {
    try {
      return await kind.load(store, text, name || `uploaded ${kind.title}`);
    } catch (error) {
      if (kind.isRefusal(error)) throw invalid((error as Error).message);
      throw error;
    }
  };
  const routes = {
    sites: admin('get', '/sites', 'Every site with its trust', {}, { 200: json(Sites, 'The sites.') }),
    addSite: admin('post', '/sites', 'Add or rename a site (and its trust, given trust_name)', { ...jsonRequest(SiteInput) }, { 201: json(answers.SiteRecord, 'The site as stored.') }, 400, 413, 415),
    retireSite: admin('delete', '/sites/{site}', 'Retire a site with no enrolled devices (its assets go too)', { params: id('site') }, { 200: json(answers.SiteRetired, 'Retired.') }, 404, 409),
    trusts: admin('get', '/trusts', 'Every trust', {}, { 200: json(answers.Trusts, 'The trusts.') }),
    putTrust: admin('put', '/trusts/{trust}', 'Name a trust', { params: z.object({ trust: Slug }), ...jsonRequest(TrustInput) }, { 200: json(answers.Trust, 'The trust as stored.') }, 400, 413, 415),
    issueSecret: createRoute({
      method: 'post',
      path: '/sites/{site}/enroll-secrets',
      tags: ['admin'],
      summary: 'Issue an enrol secret for a site: its role (endpoint or site poller), expiry and whether it may replace active keys',
      description: 'Send {} for an endpoint secret that never expires (an empty body is taken as {}). The secret is in this answer only.',
      security: ADMIN_SECURITY,
      middleware: [bodyLimit({ maxSize: 4096, onError: () => { throw new DomainError('too-large', 'body larger than 4096 bytes'); } })] as const,
      request: { params: id('site'), body: { required: true, content: { 'application/json': { schema: SecretInput } } } },
      responses: { 201: json(answers.IssuedSecret, 'The new secret.'), ...errors(400, 401, 403, 404, 413, 415) },
    }),
    secrets: admin('get', '/enroll-secrets', 'Enrol secrets (never the secrets themselves), of one site or all', { query: z.object({ site: z.string().max(200).optional() }) }, { 200: json(answers.EnrolSecrets, 'The secrets.') }, 400),
    revokeSecret: admin('post', '/enroll-secrets/{secret}/revoke', 'Revoke an enrol secret', { params: id('secret') }, { 200: json(answers.Revoked, 'Revoked.') }, 404),
    devices: admin('get', '/devices', 'Enrolled devices (not network gear), by role or site', { query: z.object({ role: z.enum(DEVICE_ROLES).optional(), site: z.string().max(200).optional() }) }, { 200: json(answers.EnrolledDevices, 'The devices.') }, 400),
    revokeDevice: admin('post', '/devices/{device}/revoke', 'Revoke a device: its node key stops working at once', { params: id('device') }, { 200: json(answers.Revoked, 'Revoked.') }, 404),
    reinstate: admin('post', '/devices/{device}/reinstate', 'Clear a revocation; the old key stays dead and the device enrols again', { params: id('device') }, { 200: json(answers.Reinstated, 'Reinstated.') }, 404, 409),
    reenrolments: admin('get', '/reenrolments', 'Re-enrolments waiting for a decision (or approved, not yet used)', {}, { 200: json(answers.Reenrolments, 'The re-enrolments.') }),
    decide: admin('post', '/reenrolments/{device}/{decision}', 'Approve or reject a pending re-enrolment', { params: z.object({ device: z.string().min(1).max(200), decision: z.enum(['approve', 'reject']) }) }, { 200: json(answers.Decision, 'Decided.') }, 400, 404),
    stats: admin('get', '/stats', 'Row counts of what was ingested, each report once', {}, { 200: json(answers.IngestStats, 'The counts.') }),
    notifyTest: admin('post', '/notify/test', 'Send a test findings digest to the configured webhook', {}, { 200: json(answers.DigestSent, 'Sent.') }, 409, 502),
    backfill: admin('post', '/scores/backfill', 'Score each of the last N days that has no run', { query: z.object({ days: z.coerce.number().int().min(1).max(400).default(30) }) }, { 200: json(answers.Backfilled, 'The days scored.') }, 400, 409),
    reevaluate: admin('post', '/scores/reevaluate', 'Score a day again (a new run; the earlier one stays readable)', { query: z.object({ as_of: Day }) }, { 201: json(answers.Reevaluated, 'The new run and the one it replaced as current.') }, 400, 409),
    catalogue: catalogueRoute('/eol-catalogue', EOL_CATALOGUE.title, 'collector/lifecycle/catalogue.yaml', answers.CatalogueLoaded),
    firmwareCatalogue: catalogueRoute('/firmware-catalogue', FIRMWARE_CATALOGUE.title, 'collector/lifecycle/firmware.yaml', answers.FirmwareCatalogueLoaded),
    assetRegister: admin(
      'post',
      '/trusts/{trust}/asset-register',
      'Import a trust’s asset register (CSV): merge into, or replace, its assets',
      {
        params: z.object({ trust: Slug }),
        // Checked by the route (its refusal names the modes and the value given).
        query: z.object({ mode: z.string().optional().openapi({ enum: [...IMPORT_MODES], default: 'merge' }) }),
        body: { required: true, content: { 'text/csv': { schema: answers.CsvText } } },
      },
      {
        200: json(answers.AssetImport, 'Imported (rows with errors are listed and skipped).'),
        400: { description: 'No row could be imported (the answer lists why), or the request is invalid.', content: { 'application/json': { schema: z.union([answers.AssetImport, Problem]) } } },
      },
      413,
      415,
    ),
  };
  return apiRouter()
    .openapi(routes.sites, async (c) => c.json({ sites: await registry.listSites() }, 200))
    .openapi({ ...routes.addSite, middleware: [body] as const }, async (c) => {
      const { site_id, trust_id, name, trust_name } = c.req.valid('json');
      if (trust_name) await registry.upsertTrust({ trust_id, name: trust_name });
      await registry.upsertSite({ site_id, trust_id, name });
      return c.json({ site_id, trust_id, name }, 201);
    })
    .openapi(routes.retireSite, async (c) => {
      const site = await registry.getSite(c.req.valid('param').site);
      if (!site) throw notFound(`no site "${c.req.valid('param').site}"`);
      const active = await registry.activeDevices(site.site_id);
      if (active > 0) throw conflict(`site "${site.site_id}" still has ${active} enrolled devices: revoke them (or re-enrol them at another site) first`);
      await registry.retireSite(site);
      // Its assets would otherwise count as devices that never reported, for ever.
      const assetsRemoved = await removeSiteAssets(store, site.trust_id, site.site_id);
      return c.json({ retired: site.site_id, assets_removed: assetsRemoved }, 200);
    })
    .openapi(routes.trusts, async (c) => c.json({ trusts: await registry.listTrusts() }, 200))
    .openapi({ ...routes.putTrust, middleware: [body] as const }, async (c) => {
      const { trust } = c.req.valid('param');
      const { name } = c.req.valid('json');
      await registry.upsertTrust({ trust_id: trust, name });
      return c.json({ trust_id: trust, name }, 200);
    })
    .openapi(routes.issueSecret, async (c) => {
      const { role, expires_at, expires_in_seconds, allow_reenrol } = c.req.valid('json');
      const expiresAt = expires_at ? new Date(expires_at) : expires_in_seconds ? new Date(Date.now() + expires_in_seconds * 1000) : undefined;
      return c.json(await enrollment.createSecret(c.req.valid('param').site, { role, expiresAt, allowReenrol: allow_reenrol }), 201);
    })
    .openapi(routes.secrets, async (c) => c.json({ enroll_secrets: await enrollment.listSecrets(c.req.valid('query').site || undefined) }, 200))
    .openapi(routes.revokeSecret, async (c) => {
      const { secret } = c.req.valid('param');
      if (!(await enrollment.revokeSecret(secret))) throw notFound(`no enrol secret "${secret}" (ids look like sec_0123456789abcdef; see GET /v1/admin/enroll-secrets)`);
      return c.json({ revoked: secret }, 200);
    })
    .openapi(routes.devices, async (c) => {
      const { role, site } = c.req.valid('query');
      return c.json({ devices: await registry.listDevices({ role, siteId: site || undefined }) }, 200);
    })
    .openapi(routes.revokeDevice, async (c) => {
      const { device } = c.req.valid('param');
      if (!(await enrollment.revoke(device))) throw notFound('no such device');
      return c.json({ revoked: device }, 200);
    })
    // Clears a revocation; the old key stays dead and the device enrols again for a new one.
    .openapi(routes.reinstate, async (c) => {
      const { device } = c.req.valid('param');
      if (!(await enrollment.reinstate(device))) throw notFound('no such device');
      return c.json({ reinstated: device }, 200);
    })
    .openapi(routes.reenrolments, async (c) => c.json({ reenrolments: await enrollment.openReenrolments() }, 200))
    .openapi(routes.decide, async (c) => {
      const { device, decision } = c.req.valid('param');
      const status = decision === 'approve' ? ('approved' as const) : ('rejected' as const);
      if (!(await enrollment.decideReenrolment(device, status))) throw notFound(`no pending re-enrolment of device "${device}"`);
      return c.json({ device_id: device, status }, 200);
    })
    .openapi(routes.stats, async (c) => c.json(await ingestStats(store), 200))
    .openapi(routes.notifyTest, async (c) => {
      if (!notifier) throw conflict('no findings digest is configured: start the collector with --notify-webhook (SF_NOTIFY_WEBHOOK)');
      try {
        return c.json({ sent: true as const, ...(await notifier.sendTest()) }, 200);
      } catch (error) {
        throw new DomainError('upstream', `the webhook did not accept the test message: ${(error as Error).message}`, { cause: error });
      }
    })
    .openapi(routes.backfill, async (c) => c.json({ evaluated: await scoring.backfill(c.req.valid('query').days) }, 200))
    .openapi(routes.reevaluate, async (c) => {
      const { run, previous } = await scoring.reevaluate(c.req.valid('query').as_of);
      return c.json({ run, previous: previous ?? null }, 201);
    })
    // A newer catalogue, switched in without a restart; today's scores are computed again against it on their next read.
    .openapi({ ...routes.catalogue, middleware: [catalogueBody] as const }, async (c) => c.json(await loadCatalogueText(EOL_CATALOGUE, await c.req.text(), c.req.valid('query').name), 200))
    .openapi({ ...routes.firmwareCatalogue, middleware: [catalogueBody] as const }, async (c) => c.json(await loadCatalogueText(FIRMWARE_CATALOGUE, await c.req.text(), c.req.valid('query').name), 200))
    .openapi({ ...routes.assetRegister, middleware: [bodyLimit({ maxSize: limits.maxDecodedBytes, onError: () => { throw new DomainError('too-large', 'asset register larger than the body limit'); } })] as const }, async (c) => {
      const { trust } = c.req.valid('param');
      const type = c.req.header('content-type') ?? '';
      if (!/^text\/csv\b/i.test(type)) throw new DomainError('unsupported', `Content-Type must be text/csv (got "${type || 'none'}")`);
      const mode = c.req.valid('query').mode ?? 'merge';
      if (!(IMPORT_MODES as readonly string[]).includes(mode)) throw invalid(`mode must be one of ${IMPORT_MODES.join(', ')} (got "${mode}")`);
      const result = await importAssetRegister(store, registry, trust, await c.req.text(), mode as AssetImportMode);
      return result.imported === 0 && result.errors.length > 0 ? c.json(result, 400) : c.json(result, 200);
    });
}
