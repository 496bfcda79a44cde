import type { ApiKeys } from './api-keys.js';
import { sameHash, sha256Hex } from './keys.js';
import type { Principal } from './principal.js';

export interface BootstrapTokens {
  /** The admin and viewer tokens of `SF_ADMIN_TOKEN`/`SF_VIEWER_TOKEN` or the data directory; scope all. */
  admin: string;
  viewer: string;
  /** Off once named keys exist: `--bootstrap-tokens off` refuses both (the CLI on the host then uses a named admin key). */
  enabled: boolean;
}

/**
 * Turns a presented bearer token into a principal: a bootstrap token (admin or viewer, every trust)
 * or a named API key. A bootstrap principal's credential carries a prefix of the token's hash, so
 * a session made from it ends when the token is rotated (the prefix no longer matches).
 */
export class Credentials {
  private readonly bootstrap: Array<{ hash: string; principal: Principal }>;

  constructor(
    readonly keys: ApiKeys,
    tokens: BootstrapTokens,
  ) {
    this.bootstrap = !tokens.enabled
      ? []
      : (['admin', 'viewer'] as const).map((role) => {
          const hash = sha256Hex(tokens[role]);
          return { hash, principal: { role, trusts: 'all', credential: `bootstrap:${role}:${hash.slice(0, 16)}`, name: `bootstrap ${role} token` } };
        });
  }

  async authenticate(presented: string): Promise<Principal | undefined> {
    const token = presented.trim();
    // Every bootstrap hash is compared (constant time each), whichever matches.
    const bootstrap = this.bootstrap.filter((b) => sameHash(token, b.hash));
    if (bootstrap[0]) return bootstrap[0].principal;
    return this.keys.authenticate(token);
  }

  /**
   * Whether the credential a session was made from still stands: the same bootstrap token (not
   * rotated, not disabled), an unrevoked key. OpenID Connect users are checked at their sign-in;
   * their sessions end on logout, at expiry or when an admin ends them.
   */
  async live(credential: string): Promise<boolean> {
    const [kind, ...rest] = credential.split(':');
    if (kind === 'bootstrap') return this.bootstrap.some((b) => b.principal.credential === credential);
    if (kind === 'key') return this.keys.live(rest.join(':'));
    return kind === 'oidc';
  }
}
