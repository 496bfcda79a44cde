import { z } from '@hono/zod-openapi';
import { ROLES } from '../../identity/principal.js';
import { DEVICE_ROLES } from '../../identity/enrol-secrets.js';
import { ScoreRun } from './read-schemas.js';

/** The answers of the admin API (/v1/admin/*). Objects are open: the named fields are promised. */

export const Trust = z.object({ trust_id: z.string(), name: z.string() }).openapi('Trust');
export const SiteRecord = z.object({ site_id: z.string(), trust_id: z.string(), name: z.string() }).openapi('SiteRecord');
export const Trusts = z.object({ trusts: z.array(Trust) });
export const SiteRetired = z.object({ retired: z.string(), assets_removed: z.number().int() });

const secret = {
  secret_id: z.string().openapi({ description: 'Names the secret in lists and revocation: a prefix of its hash, never the secret.' }),
  site_id: z.string(),
  role: z.enum(DEVICE_ROLES),
  created_at: z.string(),
  expires_at: z.string().nullable(),
  allow_reenrol: z.boolean(),
  revoked: z.boolean(),
  revoked_at: z.string().nullable(),
  status: z.string(),
};
export const ListedSecret = z.object(secret).openapi('EnrolSecret');
export const IssuedSecret = z.object({ ...secret, enroll_secret: z.string().openapi({ description: 'The secret itself: shown in this answer only.' }) }).openapi('IssuedEnrolSecret');
export const EnrolSecrets = z.object({ enroll_secrets: z.array(ListedSecret) });

export const EnrolledDevices = z.object({ devices: z.array(z.object({ device_id: z.string(), site_id: z.string(), trust_id: z.string(), role: z.string(), holds_key: z.number().int() })) });
export const Reenrolments = z.object({ reenrolments: z.array(z.object({ device_id: z.string(), status: z.string() })) });
export const Revoked = z.object({ revoked: z.string() });
export const Reinstated = z.object({ reinstated: z.string() });
export const Decision = z.object({ device_id: z.string(), status: z.enum(['approved', 'rejected']) });

export const IngestStats = z.object({
  devices: z.number().int(),
  reports: z.number().int(),
  latency_samples: z.number().int(),
  wifi_samples: z.number().int(),
  inventory_sections: z.number().int(),
  network_polls: z.number().int(),
  reports_by_site: z.record(z.string(), z.number().int()),
}).openapi('IngestStats');

export const DigestSent = z.object({ sent: z.literal(true), as_of: z.string(), since: z.string(), trusts: z.number().int() });
export const Backfilled = z.object({ evaluated: z.array(z.string()).openapi({ description: 'The days scored.' }) });
// A union, not .nullable(): the generator writes a nullable $ref as allOf [ref, null-or-object], which null fails.
export const Reevaluated = z.object({ run: ScoreRun, previous: z.union([ScoreRun, z.null()]) });
const catalogueLoad = {
  installed: z.boolean().openapi({ description: 'False when this text is already the active load: nothing changed.' }),
  revision: z.string().openapi({ description: "The file's revision and a hash of its text: what runs and the IT-ops view name it by." }),
  reviewed: z.string().openapi({ description: 'The day the file says it was last reviewed; the collector warns when it is old.' }),
};
export const CatalogueLoaded = z.object({ ...catalogueLoad, entries: z.number().int() }).openapi('CatalogueLoaded');
export const FirmwareCatalogueLoaded = z.object({ ...catalogueLoad, trains: z.number().int(), releases: z.number().int() }).openapi('FirmwareCatalogueLoaded');
export const AssetImport = z.object({
  imported: z.number().int(),
  removed: z.number().int().openapi({ description: 'Assets removed because a replace import did not list them.' }),
  errors: z.array(z.string()).openapi({ description: 'One entry per rejected row: `line 7: purchase_date: Invalid ISO date`.' }),
}).openapi('AssetImport');

export const ApiKey = z.object({
  key_id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  trusts: z.union([z.literal('all'), z.array(z.string()).readonly()]),
  created_at: z.string(),
  expires_at: z.string().nullable(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
}).openapi('ApiKey');
export const IssuedApiKey = ApiKey.extend({ key: z.string().openapi({ description: 'The key itself: shown in this answer only.' }) }).openapi('IssuedApiKey');
export const RotatedApiKey = IssuedApiKey.extend({ revoked: z.string().openapi({ description: 'The id of the key this one replaces.' }) });
export const ApiKeys = z.object({ keys: z.array(ApiKey) });
export const SessionsEnded = z.object({ credential: z.string(), ended: z.number().int() });
export const TrustTables = z.object({ database: z.string(), tables: z.array(z.string()) });

/** Text bodies the admin API takes as they are: a catalogue (YAML, as its shipped file is written) and an asset register (CSV). */
export const yamlText = (shipped: string) => z.string().openapi({ description: `The catalogue file, as ${shipped} is written.` });
export const CsvText = z.string().openapi({ description: 'The asset register: a header line, then one asset a row.' });
