import type { Context } from 'hono';
import { seesTrust, trustFilter } from '../identity/principal.js';
import type { Registry } from '../identity/registry.js';
import type { AppEnv } from './env.js';
import { notFound } from '../errors.js';

/** The trusts the request's principal may read (undefined: every trust), for the read models' `trusts` filter. */
export function readerTrusts(c: Context<AppEnv>): readonly string[] | undefined {
  return trustFilter(c.get('principal'));
}

/** A run as a reader may see it: its device count is fleet-wide, so a reader of some trusts gets it without. */
export function runForReader<R extends { devices: number }>(c: Context<AppEnv>, run: R): R | Omit<R, 'devices'> {
  if (c.get('principal').trusts === 'all') return run;
  const { devices: _fleetWide, ...rest } = run;
  return rest;
}

/**
 * Throws not-found when the request names a trust, or a site of a trust, outside the principal's
 * scope: the same answer as for one that does not exist, so a scoped key cannot learn which others do.
 */
export async function assertInScope(c: Context<AppEnv>, registry: Registry, asked: { trust?: string; site?: string }): Promise<void> {
  const principal = c.get('principal');
  if (principal.trusts === 'all') return;
  if (asked.trust && !seesTrust(principal, asked.trust)) throw notFound(`no trust "${asked.trust}"`);
  if (asked.site) {
    const site = await registry.getSite(asked.site);
    if (!site || !seesTrust(principal, site.trust_id)) throw notFound(`no site "${asked.site}"`);
  }
}
