import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { Registry } from '../identity/registry.js';
import type { Store } from '../store/store.js';
import { toClickHouseTime } from '../store/time.js';

/** Columns of the asset register CSV (header row required; names are case-insensitive). */
const AssetRow = z.object({
  serial: z.string().trim().min(1, 'is empty').max(128),
  asset_tag: z.string().trim().max(128).default(''),
  site: z.string().trim().min(1, 'is empty').max(64),
  purchase_date: z.union([z.literal(''), z.iso.date()]).default(''),
  warranty_end: z.union([z.literal(''), z.iso.date()]).default(''),
  extended_support: z.enum(['', 'yes', 'no', 'true', 'false', '1', '0']).default(''),
});

/**
 * `merge` adds and updates the assets in the file; `replace` also removes the trust's assets the
 * file does not list (the file is the whole register, e.g. a CMDB export).
 */
export const IMPORT_MODES = ['merge', 'replace'] as const;
export type AssetImportMode = (typeof IMPORT_MODES)[number];

export interface AssetImportResult {
  imported: number;
  /** Assets removed because a `replace` import did not list them. */
  removed: number;
  /** One entry per rejected row: `line 7: purchase_date: Invalid ISO date`. */
  errors: string[];
}

/**
 * Imports an asset register for one trust. Rows are checked one by one; good rows are stored
 * even when others are rejected (partial failures are reported, not thrown), and a serial
 * imported again replaces its earlier row. A `replace` import keeps an asset whose row was
 * rejected: a typo in one row must not drop a device from the register.
 */
export async function importAssetRegister(store: Store, registry: Registry, trustId: string, csv: string, mode: AssetImportMode = 'merge'): Promise<AssetImportResult> {
  let records: Array<Record<string, string>>;
  try {
    records = parse(csv, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    return { imported: 0, removed: 0, errors: [`not valid CSV: ${(error as Error).message}`] };
  }
  const sites = new Map((await registry.listSites()).filter((s) => s.trust_id === trustId).map((s) => [s.site_id, s]));
  const errors: string[] = [];
  const importedAt = toClickHouseTime(Date.now());
  const rows = records.flatMap((record, index) => {
    const line = index + 2; // line 1 is the header
    const parsed = AssetRow.safeParse(record);
    if (!parsed.success) {
      errors.push(`line ${line}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return [];
    }
    const row = parsed.data;
    if (!sites.has(row.site)) {
      errors.push(`line ${line}: site: "${row.site}" is not a site of trust ${trustId}`);
      return [];
    }
    return [{
      trust_id: trustId,
      serial: row.serial.toUpperCase(),
      asset_tag: row.asset_tag,
      site_id: row.site,
      purchase_date: row.purchase_date || null,
      warranty_end: row.warranty_end || null,
      extended_support: ['yes', 'true', '1'].includes(row.extended_support) ? 1 : 0,
      imported_at: importedAt,
    }];
  });
  await store.insert('asset_register', rows);
  let removed = 0;
  if (mode === 'replace') {
    const listed = new Set(records.map((record) => (record.serial ?? '').trim().toUpperCase()));
    removed = await removeAssets(store, trustId, (asset) => !listed.has(asset.serial), importedAt);
  }
  return { imported: rows.length, removed, errors };
}

/** Removes a retired site's assets from its trust's register. */
export async function removeSiteAssets(store: Store, trustId: string, siteId: string): Promise<number> {
  return removeAssets(store, trustId, (asset) => asset.site_id === siteId, toClickHouseTime(Date.now()));
}

interface StoredAsset {
  trust_id: string;
  serial: string;
  asset_tag: string;
  site_id: string;
  purchase_date: string | null;
  warranty_end: string | null;
  extended_support: number;
}

/** Supersedes each matching asset with a `removed` row: the register keeps what it last knew. */
async function removeAssets(store: Store, trustId: string, matches: (asset: StoredAsset) => boolean, removedAt: string): Promise<number> {
  const current = await store.query<StoredAsset>(
    `SELECT trust_id, serial, asset_tag, site_id, purchase_date, warranty_end, extended_support
     FROM {db}.asset_register FINAL WHERE trust_id = {trust:String} AND removed = 0`,
    { trust: trustId },
  );
  const gone = current.filter(matches).map((asset) => ({ ...asset, removed: 1, imported_at: removedAt }));
  await store.insert('asset_register', gone);
  return gone.length;
}
