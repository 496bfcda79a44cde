/**
 * Firmware currency facts as SQL, set-based like the end-of-life decision (support-sql.ts): each
 * polled box's firmware key (made at ingest by firmware-version.ts) is joined with the releases of its
 * train that the active firmware catalogue lists as released by `{as_of:Date}`. The facts say how long
 * the box has been behind — the days since the first release newer than its own came out — and whether
 * its own release is a catalogued one, and up to which day the train's newest release is known; the
 * CYB-NET-PATCH control (controls.yaml) holds the 14 days. Nothing here passes a box: a version the
 * catalogue does not list (between, beyond, or in a train it does not keep), or a train not listed
 * recently enough to rule out a newer fix, is left for the control to call unknown.
 */

/** The active firmware catalogue's releases out by the as-of date. */
const RELEASED = `SELECT platform, train, version, release_order, release_date, listed_to
  FROM {db}.firmware_catalogue
  WHERE load_id = (SELECT argMax(load_id, loaded_at) FROM {db}.firmware_catalogue_active) AND release_date <= {as_of:Date}`;

// Keys are flat JSON written by JSON.stringify (as lifecycle keys are), read with the simpleJSON functions.
const field = (key: string, name: string) => `simpleJSONExtractString(${key}, '${name}')`;

/**
 * A CTE body: per (site_id, target) of `gear` with a firmware key, its train's catalogued releases
 * as of the date — how many, whether its own release is one, the newest, and the first-released of
 * those newer than its own.
 */
export function firmwareTrainFacts(gear: string, key: string): string {
  return `SELECT g.site_id AS site_id, g.target AS target,
    count() AS train_releases,
    max(c.listed_to) AS listed_to,
    max(c.release_order = g.key_order) AS listed,
    max(c.release_order) AS newest_order,
    argMax(concat(c.version, ' (', toString(c.release_date), ')'), c.release_order) AS newest_label,
    countIf(c.release_order > g.key_order) AS newer_releases,
    minIf(c.release_date, c.release_order > g.key_order) AS first_newer_date,
    argMinIf(c.version, c.release_date, c.release_order > g.key_order) AS first_newer_version
  FROM (SELECT site_id, target, ${field(key, 'platform')} AS key_platform, ${field(key, 'train')} AS key_train, ${field(key, 'order')} AS key_order
        FROM ${gear} WHERE ${field(key, 'order')} != '') AS g
  INNER JOIN (${RELEASED}) AS c ON c.platform = g.key_platform AND c.train = g.key_train
  GROUP BY g.site_id, g.target`;
}

/**
 * Columns for a gear row `g` (its key column `key`) left-joined with the facts above as `fw`, with
 * `join_use_nulls = 0` (an absent train reads as 0 releases):
 *  - `firmware_fix_reason`: why currency cannot be judged at all (no key, or a train the catalogue does not keep), else '';
 *  - `firmware_version`, `firmware_train_key`: the release and train as the catalogue spells them;
 *  - `firmware_listed`: 1 when the box's own release is catalogued;
 *  - `firmware_listed_to`: the day up to which the catalogue knows the train's newest release;
 *  - `firmware_newer_than_catalogue`: 1 when it is newer than every catalogued release of its train;
 *  - `firmware_behind_days`: days since the first newer release came out (NULL when none has);
 *  - `firmware_first_fix`, `firmware_latest`: that release, and the newest of the train, with dates.
 */
export function firmwareCurrencyColumns(key: string): string {
  const platform = field(key, 'platform');
  const train = field(key, 'train');
  return `multiIf(${key} = '', 'firmware currency not recorded for this poll (polled before the collector kept it)',
          simpleJSONHas(${key}, 'unknown'), ${field(key, 'unknown')},
          fw.train_releases = 0, concat('not in the firmware catalogue: ', ${platform}, ' train ', ${train}, ' is not a train it keeps'),
          '') AS firmware_fix_reason,
  ${field(key, 'version')} AS firmware_version,
  concat(${platform}, ' ', ${train}) AS firmware_train_key,
  toUInt8(fw.listed) AS firmware_listed,
  if(fw.train_releases = 0, NULL, fw.listed_to) AS firmware_listed_to,
  toUInt8(fw.train_releases > 0 AND ${field(key, 'order')} > fw.newest_order) AS firmware_newer_than_catalogue,
  if(fw.newer_releases = 0, NULL, dateDiff('day', fw.first_newer_date, {as_of:Date})) AS firmware_behind_days,
  if(fw.newer_releases = 0, '', concat(fw.first_newer_version, ' (', toString(fw.first_newer_date), ')')) AS firmware_first_fix,
  fw.newest_label AS firmware_latest`;
}
