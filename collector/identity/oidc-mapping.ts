import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Slug } from '../../protocol/index.js';
import { parseCheckedYaml } from '../yaml-file.js';
import type { Principal } from './principal.js';

/**
 * Which identity-provider claim values give access to the collector, and what access. In Entra ID
 * the values are app-role names (claim `roles`, preferred: no group overage, names an admin can
 * read) or group object ids (claim `groups`). A user none of whose values is listed gets no access.
 */
const Grant = z
  .object({
    /** The claim value: an app-role name or a group object id, matched exactly. */
    value: z.string().min(1).max(256),
    role: z.enum(['viewer', 'admin']),
    /** `all`, or the trust ids this value may read. */
    trusts: z.union([z.literal('all'), z.array(Slug).min(1, 'must list at least one trust, or be all')]),
    /** For people reading the file: which group or role this is. */
    description: z.string().max(500).optional(),
  })
  .strict()
  // The admin API is collector-wide (sites, secrets, keys of every trust), so an admin is an admin of every trust.
  .refine((grant) => grant.role !== 'admin' || grant.trusts === 'all', { path: ['trusts'], message: 'an admin administers the whole collector, so its trusts must be all' });

export const OidcMappingFile = z
  .object({
    grants: z.array(Grant).min(1, 'must list at least one grant'),
  })
  .strict();
export type OidcGrant = z.infer<typeof Grant>;
export type OidcMapping = z.infer<typeof OidcMappingFile>;

export class OidcMappingError extends Error {}

/** Parses and checks a mapping file; an error names the file, the line and the field. */
export function parseOidcMapping(text: string, origin = 'oidc mapping'): OidcMapping {
  const { data, fail } = parseCheckedYaml(OidcMappingFile, text, origin, OidcMappingError);
  const seen = new Map<string, number>();
  data.grants.forEach((grant, index) => {
    const previous = seen.get(grant.value);
    // Two grants for one value would make the access depend on their order: refuse.
    if (previous !== undefined) fail(['grants', index, 'value'], `repeats grants.${previous} (${grant.value})`);
    seen.set(grant.value, index);
  });
  return data;
}

/** Reads and checks the grants file named in the configuration (at start: a bad file stops the collector). */
export function loadOidcMapping(path: string): OidcMapping {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new OidcMappingError(`${path}: cannot read the OIDC grants file: ${(error as Error).message}`);
  }
  return parseOidcMapping(text, path);
}

/** The claim's values as the provider sent them: a list of strings, one string, or nothing usable. */
export function claimValues(claims: Readonly<Record<string, unknown>>, claim: string): string[] {
  const raw = claims[claim];
  if (typeof raw === 'string') return [raw];
  if (Array.isArray(raw)) return raw.filter((value): value is string => typeof value === 'string');
  return [];
}

export interface OidcIdentity {
  issuer: string;
  subject: string;
  /** Name or e-mail for the dashboard and audit lines. */
  name: string;
  values: readonly string[];
}

/**
 * The principal a signed-in user becomes, or undefined when no value of theirs is granted anything
 * (fail closed: such a user gets no session). Any admin grant makes an admin (of every trust);
 * otherwise a viewer of the union of the granted trusts, or of all when one grant says so.
 */
export function principalFor(mapping: OidcMapping, identity: OidcIdentity): Principal | undefined {
  const held = new Set(identity.values);
  const matched = mapping.grants.filter((grant) => held.has(grant.value));
  if (matched.length === 0) return undefined;
  const credential = `oidc:${identity.issuer}#${identity.subject}`;
  if (matched.some((grant) => grant.role === 'admin')) return { role: 'admin', trusts: 'all', credential, name: identity.name };
  const trusts = matched.some((grant) => grant.trusts === 'all') ? 'all' : [...new Set(matched.flatMap((grant) => grant.trusts as string[]))].sort();
  return { role: 'viewer', trusts, credential, name: identity.name };
}

/**
 * Entra ID leaves `groups` out of the ID token when a user is in more groups than a token carries
 * (200 in a JWT) and points to Microsoft Graph instead (`_claim_names.groups`). The collector does not
 * call Graph: such a user is refused with this reason, and app roles avoid the problem.
 */
export function groupOverage(claims: Readonly<Record<string, unknown>>, claim: string): boolean {
  const names = claims._claim_names;
  return claims[claim] === undefined && typeof names === 'object' && names !== null && claim in names;
}
