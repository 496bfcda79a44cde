/**
 * The end-of-life decision as SQL, set-based so a million devices are one query. A device's key
 * (the JSON `lifecycleKey` made at ingest) either matches a catalogue entry exactly — then the
 * entry's dates decide — or it does not:
 *  - older than every release the catalogue lists for its line and edition, whose oldest entry is
 *    itself past every support date: **unsupported**, the reason naming the release and the oldest
 *    catalogued one;
 *  - anything else (newer than the newest entry, or a gap between entries): **unknown**, "not yet in"
 *    or "not in the end-of-life catalogue" — never supported, and counted as a catalogue gap.
 * Keys stored by collectors before releases were ordered carry no rank: they match exactly or are unknown.
 */

/** The active catalogue's rows: `LEFT JOIN (${ACTIVE_CATALOGUE}) AS eol ON …`. */
export const ACTIVE_CATALOGUE = `SELECT product, version, edition, family, rank, release_date, end_of_support, extended_programme, extended_end, confidence, source
  FROM {db}.eol_catalogue
  WHERE load_id = (SELECT argMax(load_id, loaded_at) FROM {db}.eol_catalogue_active)`;

/** Per line and edition: the oldest and newest catalogued release, and the last day the oldest was supported in any programme. */
export const CATALOGUE_BOUNDS = `SELECT family, edition, min(rank) AS oldest_rank, max(rank) AS newest_rank,
    argMin(concat(product, ' ', version), rank) AS oldest_label, argMax(concat(product, ' ', version), rank) AS newest_label,
    argMin(greatest(end_of_support, ifNull(extended_end, end_of_support)), rank) AS oldest_last_day
  FROM (${ACTIVE_CATALOGUE}) WHERE rank > 0 GROUP BY family, edition`;

/**
 * Support status of a row with an exact catalogue match (`eol.*`), an `extended_enrolled` flag and
 * `{as_of:Date}`: supported, extended (enrolled in a programme still running) or unsupported.
 */
export const SUPPORT_STATUS = `multiIf(
    {as_of:Date} <= eol.end_of_support, 'supported',
    extended_enrolled AND eol.extended_end IS NOT NULL AND {as_of:Date} <= eol.extended_end, 'extended',
    'unsupported')`;

/** Reason prefixes of the unknown results the IT-ops view counts as catalogue gaps. */
export const CATALOGUE_GAP_REASONS = ['not yet in the end-of-life catalogue', 'not in the end-of-life catalogue'] as const;

// Keys are flat JSON written by JSON.stringify (no whitespace, no nesting), so the simpleJSON
// functions read them correctly, and at about half the cost of the full parser (measured: 1M keys).
const field = (key: string, name: string) => `simpleJSONExtractString(${key}, '${name}')`;

/** `LEFT JOIN`s of the catalogue for a key column (`lc`, `g.lifecycle`); aliases `eol` and `bounds`. */
export function lifecycleJoins(key: string): string {
  return `LEFT JOIN (${ACTIVE_CATALOGUE}) AS eol
  ON eol.product = ${field(key, 'product')} AND eol.version = ${field(key, 'version')} AND eol.edition = ${field(key, 'edition')}
LEFT JOIN (${CATALOGUE_BOUNDS}) AS bounds
  ON bounds.family = ${field(key, 'family')} AND bounds.edition = ${field(key, 'edition')}`;
}

/**
 * Columns `<prefix>_support`, `<prefix>_support_reason` (why unknown, or why unsupported when no
 * catalogue date says it) and `<prefix>_end_of_support`, for a key column and what to say when it is empty.
 */
export function lifecycleColumns(key: string, prefix: string, missing: string): string {
  const rank = `simpleJSONExtractUInt(${key}, 'rank')`;
  const label = `concat(${field(key, 'product')}, ' ', ${field(key, 'version')}, if(${field(key, 'edition')} IN ('', 'any'), '', concat(' (', ${field(key, 'edition')}, ')')))`;
  const older = `(${rank} > 0 AND bounds.family != '' AND ${rank} < bounds.oldest_rank AND {as_of:Date} > bounds.oldest_last_day)`;
  const newer = `(${rank} > 0 AND bounds.family != '' AND ${rank} > bounds.newest_rank)`;
  return `multiIf(${key} = '' OR simpleJSONHas(${key}, 'unknown'), 'unknown', eol.product != '', ${SUPPORT_STATUS}, ${older}, 'unsupported', 'unknown') AS ${prefix}_support,
  multiIf(${key} = '', '${missing}', simpleJSONHas(${key}, 'unknown'), ${field(key, 'unknown')},
          eol.product != '', '',
          ${older}, concat(${label}, ' is older than every ', bounds.family, ' release in the end-of-life catalogue; the oldest it lists, ', bounds.oldest_label, ', was supported until ', toString(bounds.oldest_last_day)),
          ${newer}, concat('${CATALOGUE_GAP_REASONS[0]}: ', ${label}, ' is newer than the newest release it lists (', bounds.newest_label, ')'),
          concat('${CATALOGUE_GAP_REASONS[1]}: ', ${label})) AS ${prefix}_support_reason,
  if(eol.product = '', NULL, if(${prefix}_support = 'extended', eol.extended_end, eol.end_of_support)) AS ${prefix}_end_of_support`;
}
