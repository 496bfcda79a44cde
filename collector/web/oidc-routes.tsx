import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { auditEntry, auditToStderr, type AuditSink } from '../api/middleware/audit-log.js';
import type { OidcSignIn } from '../identity/oidc.js';
import { errorFields, log } from '../telemetry/log.js';
import { WebAssets } from './assets.js';
import { ErrorPage } from './pages/login.js';
import { safeNext } from './routes.js';
import type { Sessions } from '../identity/session.js';

export const OIDC_TRANSACTION_COOKIE = 'sf_oidc';
const TRANSACTION_PATH = '/auth/oidc/';

export interface OidcRouteDeps {
  oidc: OidcSignIn;
  sessions: Sessions;
  /** Where audit lines go; stderr by default. */
  audit?: AuditSink;
}

/**
 * Sign-in with the trust's OpenID provider. /auth/oidc/start keeps the transaction (state, nonce,
 * PKCE verifier, where to go next) in a signed, HttpOnly, 10-minute cookie scoped to /auth/oidc/ and
 * sends the browser to the provider; /auth/oidc/callback checks the answer against it, maps the
 * user's claim values to a principal and makes a server-side session, or shows why not. The cookie is
 * SameSite=Lax because the provider's redirect back is a cross-site navigation.
 */
export function oidcRoutes({ oidc, sessions, audit = auditToStderr }: OidcRouteDeps) {
  const assets = WebAssets.load();
  const app = new Hono();
  app.use(`${TRANSACTION_PATH}*`, secureHeaders({ referrerPolicy: 'no-referrer' }));
  const page = (c: Context, status: 400 | 403 | 502, title: string, message: string) => c.html(<ErrorPage assets={assets} title={title} message={message} />, status);
  // The callback is a GET that signs someone in, so it is audited here (the audit middleware skips reads); a refusal is a warning.
  const record = (c: Context, status: number, actor?: string, detail?: string) =>
    audit({ ...auditEntry(c, status), ...(status >= 400 ? { level: 'warn' as const } : {}), ...(actor ? { actor } : {}), ...(detail ? { detail } : {}) });

  app.get(`${TRANSACTION_PATH}start`, async (c) => {
    let started;
    try {
      started = await oidc.start(safeNext(c.req.query('next')));
    } catch (error) {
      log.error({ request_id: c.get('requestId'), issuer: oidc.settings.issuer, ...errorFields(error) }, 'identity provider unreachable or misconfigured');
      return page(c, 502, 'Sign-in is not available', `The identity provider (${oidc.settings.providerName}) could not be reached. Try again in a minute; if it persists, tell whoever runs the collector.`);
    }
    setCookie(c, OIDC_TRANSACTION_COOKIE, oidc.seal(started.transaction), {
      httpOnly: true,
      sameSite: 'Lax',
      path: TRANSACTION_PATH,
      secure: new URL(c.req.url).protocol === 'https:',
      maxAge: 600,
    });
    return c.redirect(started.url.href, 303);
  });

  app.get(`${TRANSACTION_PATH}callback`, async (c) => {
    const transaction = oidc.open(getCookie(c, OIDC_TRANSACTION_COOKIE));
    // One use: a replayed callback finds no transaction.
    deleteCookie(c, OIDC_TRANSACTION_COOKIE, { path: TRANSACTION_PATH });
    if (!transaction) {
      record(c, 400, undefined, 'no or expired sign-in transaction');
      return page(c, 400, 'Sign-in could not be checked', 'This sign-in was not started here, or took longer than ten minutes. Start again from the sign-in page.');
    }
    const outcome = await oidc.finish(new URL(c.req.url).searchParams, transaction);
    if (outcome.kind === 'refused') {
      record(c, 400, undefined, outcome.reason);
      return page(c, 400, 'Sign-in could not be checked', `Sign-in was refused: ${outcome.reason}. Start again from the sign-in page.`);
    }
    if (outcome.kind === 'no-access') {
      record(c, 403, `${outcome.name} (${outcome.credential})`, 'no access: no granted claim value');
      return page(c, 403, 'No access to this collector', `You signed in as ${outcome.name}, but your account has no access to this collector: ${outcome.reason}. Ask whoever runs the collector to grant your role or group.`);
    }
    await sessions.create(c, outcome.principal);
    const { principal } = outcome;
    record(c, 303, `${principal.name} (${principal.credential})`, `signed in as ${principal.role} of ${principal.trusts === 'all' ? 'all trusts' : principal.trusts.join(', ')}`);
    return c.redirect(transaction.next, 303);
  });
  return app;
}
