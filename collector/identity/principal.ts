/**
 * Who a request acts for: a role and the trusts it may read. Every credential (bootstrap token, API
 * key, dashboard session, OpenID Connect user) becomes one of these, and every read model filters by
 * its trust set, so what a credential sees is decided in one place.
 */
export const ROLES = ['viewer', 'admin', 'poller'] as const;
export type Role = (typeof ROLES)[number];

/** 'all', or the trust ids (never empty) the holder may read. */
export type TrustScope = 'all' | readonly string[];

export interface Principal {
  role: Role;
  trusts: TrustScope;
  /**
   * What it was made from: `key:<key_id>`, `bootstrap:<role>:<hash prefix>` or `oidc:<issuer>#<sub>`.
   * Sessions record it, so revoking or rotating that credential ends them.
   */
  credential: string;
  /** For people and audit lines: the key's name, "bootstrap viewer token", the user's name. */
  name: string;
}

export function seesTrust(principal: Principal, trustId: string): boolean {
  return principal.trusts === 'all' || principal.trusts.includes(trustId);
}

/** The read models' trust filter: undefined for every trust, else the trust ids. */
export function trustFilter(principal: Principal): readonly string[] | undefined {
  return principal.trusts === 'all' ? undefined : principal.trusts;
}

/** May read scores, device lists and pages (within its trusts). */
export function canRead(principal: Principal): boolean {
  return principal.role === 'viewer' || principal.role === 'admin';
}

/** May use the collector-wide admin API: an admin of every trust. */
export function canAdminister(principal: Principal): boolean {
  return principal.role === 'admin' && principal.trusts === 'all';
}
