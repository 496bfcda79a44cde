import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';

/** A person at the test provider, with the claims Entra ID would put in their ID token. */
export interface TestUser {
  login: string;
  name: string;
  email: string;
  /** App-role names (Entra `roles`). */
  roles?: string[];
  /** Group object ids (Entra `groups`). */
  groups?: string[];
  /** In more groups than a token carries: Entra then sends `_claim_names`/`_claim_sources` instead of `groups`. */
  overage?: boolean;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Provider sessions ended, sign-ins completed. */
  close(): Promise<void>;
}

/**
 * A real OpenID provider (oidc-provider, the certified Node implementation) on a loopback address,
 * set up like an Entra ID app registration: one confidential client, authorisation code flow with
 * PKCE required, app roles and groups in the ID token, consent granted by the tenant's admin (no
 * consent screen). People sign in through the provider's own login form (its development
 * interactions, which take any password for a known login).
 *
 * It listens on 127.0.0.2 while the collector is on 127.0.0.1: two IP hosts are two sites to the
 * browser, so the SameSite rules apply as they would between login.microsoftonline.com and a trust.
 */
export async function startTestProvider(options: { users: TestUser[]; redirectUris: string[]; host?: string }): Promise<TestProvider> {
  const host = options.host ?? '127.0.0.2';
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const issuer = `http://${host}:${(server.address() as AddressInfo).port}`;
  const clientId = 'sf-collector-test';
  const clientSecret = randomBytes(32).toString('base64url');
  const signingKey = { ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: 'test-signing', use: 'sig', alg: 'RS256' };
  const users = new Map(options.users.map((user) => [user.login, user]));

  const configuration: Configuration = {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: options.redirectUris, response_types: ['code'], grant_types: ['authorization_code'], token_endpoint_auth_method: 'client_secret_basic' }],
    jwks: { keys: [signingKey as never] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    // Entra puts a user's app roles and groups in the ID token whatever the scope.
    claims: { openid: ['sub', 'roles', 'groups'], profile: ['name', 'preferred_username'], email: ['email'] },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    // Lifetimes of a real tenant's order (seconds); set so the provider need not warn about defaults.
    ttl: { AuthorizationCode: 60, Interaction: 600, Session: 3600, Grant: 3600, IdToken: 3600, AccessToken: 3600 },
    async findAccount(_ctx, id) {
      const user = users.get(id);
      if (!user) return undefined;
      return {
        accountId: id,
        claims: () => ({
          sub: id,
          name: user.name,
          preferred_username: user.email,
          email: user.email,
          ...(user.roles ? { roles: user.roles } : {}),
          ...(user.groups ? { groups: user.groups } : {}),
          // As Entra does it: a pointer to Microsoft Graph, which the collector must not follow (the token only names it).
          ...(user.overage ? { _claim_names: { groups: 'src1' }, _claim_sources: { src1: { endpoint: 'https://graph.microsoft.com/v1.0/users/x/getMemberObjects' } } } : {}),
        }),
      };
    },
    // The tenant's admin consented for everyone (as for an Entra enterprise app): no consent screen.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid profile email');
      grant.addOIDCClaims(['roles', 'groups']);
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  handler = provider.callback();
  return {
    issuer,
    clientId,
    clientSecret,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
