import { httpInstrumentationMiddleware } from '@hono/otel';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { DeviceAuthenticator } from '../identity/device-auth.js';
import type { Enrollment } from '../identity/enrollment.js';
import type { Registry } from '../identity/registry.js';
import type { ReportWriter } from '../ingest/report-writer.js';
import type { Store } from '../store/store.js';
import type { AppEnv } from './env.js';
import type { JsonBodyOptions } from './middleware/json-body.js';
import { auditLog, type AuditSink } from './middleware/audit-log.js';
import { DEFAULT_RATE_LIMITS, rateLimit } from './middleware/rate-limit.js';
import { principalAuth } from './middleware/token-auth.js';
import { ApiKeys } from '../identity/api-keys.js';
import { Credentials } from '../identity/credentials.js';
import { renderError, validationHook } from './error-renderer.js';
import { invalid, notFound } from '../errors.js';
import { noStore } from './middleware/no-store.js';
import { requestLog } from './middleware/request-log.js';
import { validDates } from './validation/as-of.js';
import { adminRoutes } from './routes/admin.js';
import { apiKeyRoutes } from './routes/api-keys.js';
import { enrollRoutes } from './routes/enroll.js';
import { healthRoutes } from './routes/health.js';
import { reportRoutes } from './routes/reports.js';
import { scoreRoutes } from './routes/scores.js';
import { frameworkRoutes } from './routes/frameworks.js';
import { referenceRoutes } from './routes/reference.js';
import { openApiDocument } from './openapi/document.js';
import { loadCyberEssentials } from '../scoring/frameworks/mapping.js';
import type { ScoringService } from '../scoring/service.js';
import type { FindingsNotifier } from '../notify/digest.js';
import { Sessions } from '../identity/session.js';
import { webRoutes } from '../web/routes.js';
import { oidcRoutes } from '../web/oidc-routes.js';
import type { OidcSignIn } from '../identity/oidc.js';
import { VERSION } from '../version.js';

export interface ApiDeps {
  store: Store;
  registry: Registry;
  writer: ReportWriter;
  authenticator: DeviceAuthenticator;
  enrollment: Enrollment;
  /** Bootstrap credentials (scope: every trust); `bootstrapTokens: false` refuses them once named keys exist. */
  adminToken: string;
  viewerToken: string;
  bootstrapTokens?: boolean;
  /** Dashboard sign-in with a token or API key (off where sign-in is only through the identity provider). */
  tokenSignIn?: boolean;
  /** Sign-in with the trust's OpenID provider, when configured. */
  oidc?: OidcSignIn;
  /** Dashboard sessions' lifetime limits (defaults: 12 h absolute, 30 min idle). */
  sessionLimits?: { absoluteMs?: number; idleMs?: number };
  scoring: ScoringService;
  limits: JsonBodyOptions;
  /** Enrolment and sign-in attempts per minute per source address (0: off); defaults as the collector's. */
  rateLimits?: { enrolPerMinute: number; signInPerMinute: number };
  /** Believe X-Forwarded-For for the source address (a proxy in front sets it). */
  trustProxy?: boolean;
  /** True once shutdown began: answers then close their connection so keep-alive clients let go. */
  draining?: () => boolean;
  /** Where audit lines go; stderr (the service's structured log) by default. */
  audit?: AuditSink;
  /** The daily findings digest, when configured. */
  notifier?: FindingsNotifier;
}

export function createApp(deps: ApiDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  // A span and an http.server.request.duration point per request (no-ops while self-telemetry is off).
  app.use('*', httpInstrumentationMiddleware({ serviceName: 'sf-collector', serviceVersion: VERSION }));
  app.use('*', ...requestLog());
  app.use('*', async (c, next) => {
    await next();
    if (deps.draining?.()) c.header('Connection', 'close');
  });
  // Every answer (API, dashboard pages, sign-in) unless it sets its own caching, as the immutable /assets/ do.
  app.use('*', noStore);
  const audit = auditLog(deps.audit);
  for (const path of ['/v1/admin/*', '/v1/enroll', '/login', '/logout']) app.use(path, audit);
  app.route('/', healthRoutes(deps.store));
  // The OpenAPI document of every route below and its reference page: public, they describe the API's shape, no data.
  app.route('/', referenceRoutes(() => openApiDocument(app)));
  // Unauthenticated credential checks are limited per source address before any body is read.
  const rates = deps.rateLimits ?? DEFAULT_RATE_LIMITS;
  app.use('/v1/enroll', rateLimit({ name: 'enrolment', limit: rates.enrolPerMinute, trustProxy: deps.trustProxy }));
  app.on('POST', '/login', rateLimit({ name: 'sign-in', limit: rates.signInPerMinute, trustProxy: deps.trustProxy }));
  // An OpenID sign-in is two requests (start, callback); the callback costs a call to the provider.
  app.use('/auth/oidc/*', rateLimit({ name: 'sign-in', limit: rates.signInPerMinute * 2, trustProxy: deps.trustProxy }));
  app.route('/v1/enroll', enrollRoutes(deps.enrollment));
  app.route('/v1/reports', reportRoutes(deps.authenticator, deps.writer, deps.limits, deps.scoring.retention.inputDays));
  // One principal per request (role + trusts) from a bootstrap token, a named API key or a dashboard session.
  const apiKeys = new ApiKeys(deps.store);
  const credentials = new Credentials(apiKeys, { admin: deps.adminToken, viewer: deps.viewerToken, enabled: deps.bootstrapTokens ?? true });
  const sessions = new Sessions(deps.store, { ...deps.sessionLimits, live: (credential) => credentials.live(credential) });
  apiKeys.onRevoke((credential) => sessions.endFor(credential));
  app.use('/v1/admin/*', principalAuth({ credentials, need: 'admin' }));
  app.route('/v1/admin', adminRoutes(deps));
  app.route('/v1/admin', apiKeyRoutes(apiKeys, sessions, deps.store, deps.registry, deps.limits));
  // Read-only routes: a viewer or admin credential, or a dashboard session (so its CSV links work).
  const viewer = principalAuth({ credentials, need: 'read', sessions });
  for (const path of ['/v1/scores', '/v1/scores/*', '/v1/runs', '/v1/controls', '/v1/sites', '/v1/devices', '/v1/devices/*', '/v1/operations', '/v1/findings/*', '/v1/frameworks/*']) app.use(path, viewer);
  // After authentication, before any read route: no read scores (and stores) a day it may not ask about.
  app.use('/v1/*', validDates(() => deps.scoring.today(), (_c, message, problems) => {
    throw invalid(message, problems);
  }));
  app.route('/v1', scoreRoutes(deps.store, deps.registry, deps.scoring));
  // Checked against the scoring model at start: a mapped control the model lacks stops the start.
  const cyberEssentials = loadCyberEssentials(deps.scoring.model);
  app.route('/v1', frameworkRoutes(deps.store, deps.registry, deps.scoring, cyberEssentials));
  app.route('/', webRoutes({ store: deps.store, registry: deps.registry, scoring: deps.scoring, sessions, credentials, tokenSignIn: deps.tokenSignIn ?? true, signInWith: deps.oidc?.settings.providerName, cyberEssentials }));
  if (deps.oidc) app.route('/', oidcRoutes({ oidc: deps.oidc, sessions, audit: deps.audit }));
  app.notFound((c) => renderError(notFound(`no route for ${c.req.method} ${c.req.path}`), c));
  // Routes and middleware throw what went wrong (collector/errors.ts); one renderer gives it a status.
  app.onError(renderError);
  return app;
}
