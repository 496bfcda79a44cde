import { createHmac, timingSafeEqual } from 'node:crypto';
import * as client from 'openid-client';
import { claimValues, groupOverage, principalFor, type OidcMapping } from './oidc-mapping.js';
import type { Principal } from './principal.js';

export interface OidcSettings {
  /** The provider's issuer, e.g. https://login.microsoftonline.com/<tenant id>/v2.0. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the provider sends the browser back: <public URL>/auth/oidc/callback, registered at the provider. */
  redirectUrl: string;
  scopes: readonly string[];
  /** The ID-token claim whose values the mapping grants: `roles` (app roles) or `groups`. */
  claim: 'roles' | 'groups';
  mapping: OidcMapping;
  /** Shown on the sign-in button: "Sign in with <providerName>". */
  providerName: string;
}

/** One sign-in in flight: what the callback must see again. Lives 10 minutes in a signed cookie. */
export interface OidcTransaction {
  state: string;
  nonce: string;
  verifier: string;
  /** Where to go after signing in (already checked to be a same-origin path). */
  next: string;
  expires: number;
}

export type OidcOutcome =
  | { kind: 'granted'; principal: Principal }
  /** The provider vouched for the user, but nothing in the mapping grants them access. */
  | { kind: 'no-access'; name: string; credential: string; reason: string }
  /** The answer could not be trusted (state, nonce, PKCE, signature, or the provider refused). */
  | { kind: 'refused'; reason: string };

const TRANSACTION_MS = 10 * 60_000;

/** True for http://127.x, http://[::1] and http://localhost: plain HTTP is allowed there only (tests, a lab). */
export function loopbackHttp(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === 'http:' && (/^127(\.\d{1,3}){3}$/.test(hostname) || hostname === '[::1]' || hostname === 'localhost');
}

/**
 * Authorisation code flow with PKCE against the trust's OpenID provider, through openid-client
 * (which checks the state, sends the PKCE verifier, and checks the ID token's issuer, audience,
 * expiry and nonce). The ID token comes straight from the provider's token endpoint over TLS, which
 * OpenID Connect Core 1.0 §3.1.3.7 (6) accepts in place of checking its signature; hence https to
 * the provider everywhere but loopback. The provider's metadata is fetched on first use and kept; a
 * failed fetch is tried again on the next sign-in.
 */
export class OidcSignIn {
  private configuration?: Promise<client.Configuration>;
  private readonly transactionKey: Buffer;

  constructor(
    readonly settings: OidcSettings,
    private readonly clock: () => number = Date.now,
  ) {
    // Keyed by the client secret, so every collector of one installation accepts the others' cookies.
    this.transactionKey = createHmac('sha256', 'sf-oidc-transaction').update(settings.clientSecret).digest();
  }

  /** The provider's sign-in address for a new transaction. */
  async start(next: string): Promise<{ url: URL; transaction: OidcTransaction }> {
    const config = await this.config();
    const transaction: OidcTransaction = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier(), next, expires: this.clock() + TRANSACTION_MS };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUrl,
      scope: this.settings.scopes.join(' '),
      response_type: 'code',
      state: transaction.state,
      nonce: transaction.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(transaction.verifier),
      code_challenge_method: 'S256',
    });
    return { url, transaction };
  }

  /** Checks the provider's answer (the callback's query) against the transaction and maps the user. */
  async finish(query: URLSearchParams, transaction: OidcTransaction): Promise<OidcOutcome> {
    const config = await this.config();
    // The address the provider called, as registered: behind a proxy the request's own URL differs.
    const current = new URL(this.settings.redirectUrl);
    current.search = query.toString();
    let claims: client.IDToken;
    try {
      const tokens = await client.authorizationCodeGrant(config, current, { pkceCodeVerifier: transaction.verifier, expectedState: transaction.state, expectedNonce: transaction.nonce, idTokenExpected: true });
      claims = tokens.claims()!;
    } catch (error) {
      if (error instanceof client.AuthorizationResponseError) return { kind: 'refused', reason: `the identity provider refused: ${error.error}${error.error_description ? ` (${error.error_description})` : ''}` };
      if (error instanceof client.ResponseBodyError) return { kind: 'refused', reason: `the identity provider refused the code: ${error.error}` };
      // openid-client says "invalid response encountered"; the check that failed is in its cause.
      if (error instanceof client.ClientError) return { kind: 'refused', reason: `the answer failed its checks: ${error.cause instanceof Error ? error.cause.message : error.message}` };
      throw error;
    }
    const name = [claims.name, claims.preferred_username, claims.email, claims.sub].find((value): value is string => typeof value === 'string' && value !== '')!;
    const identity = { issuer: claims.iss, subject: claims.sub, name, values: claimValues(claims, this.settings.claim) };
    const principal = principalFor(this.settings.mapping, identity);
    if (principal) return { kind: 'granted', principal };
    const reason = groupOverage(claims, this.settings.claim)
      ? 'you are in more groups than the identity provider puts in a sign-in, so your groups could not be read; ask the collector’s administrators to grant access by app role instead'
      : `none of your ${this.settings.claim === 'roles' ? 'app roles' : 'groups'} gives access to this collector`;
    return { kind: 'no-access', name, credential: `oidc:${identity.issuer}#${identity.subject}`, reason };
  }

  /** The transaction as a cookie value: JSON and its HMAC. */
  seal(transaction: OidcTransaction): string {
    const body = Buffer.from(JSON.stringify(transaction)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** The transaction of a cookie value this collector sealed and that has not expired; else undefined. */
  open(value: string | undefined): OidcTransaction | undefined {
    const match = /^([A-Za-z0-9_-]{1,4096})\.([A-Za-z0-9_-]{43})$/.exec(value ?? '');
    if (!match) return undefined;
    const presented = Buffer.from(match[2]!, 'base64url');
    const expected = Buffer.from(this.mac(match[1]!), 'base64url');
    if (!timingSafeEqual(presented, expected)) return undefined;
    const transaction = JSON.parse(Buffer.from(match[1]!, 'base64url').toString('utf8')) as OidcTransaction;
    return transaction.expires > this.clock() ? transaction : undefined;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.transactionKey).update(body).digest('base64url');
  }

  private config(): Promise<client.Configuration> {
    this.configuration ??= client
      .discovery(new URL(this.settings.issuer), this.settings.clientId, { redirect_uris: [this.settings.redirectUrl], response_types: ['code'] }, client.ClientSecretBasic(this.settings.clientSecret), {
        ...(loopbackHttp(this.settings.issuer) ? { execute: [client.allowInsecureRequests] } : {}),
        timeout: 10,
      })
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw error;
      });
    return this.configuration;
  }
}
