/**
 * Firmware currency facts as SQL, set-based like the end-of-life decision (support-sql.ts): each
 * polled box's firmware key (made at ingest by firmware-version.ts) is joined with its train's releases
 * that the active firmware catalogue lists as out by `{as_of:Date}`. The facts say how long the box has
 * been behind — the days since the first release newer than its own came out — whether its own release
 * is a catalogued one, and up to which day the train's newest release is known; the CYB-NET-PATCH
 * control (controls.yaml) holds the 14 days. Nothing here passes a box: a version the catalogue does not
 * list (between, beyond, or in a train it does not keep), or a train not known recently enough to rule
 * out a newer fix, is left for the control to call unknown.
 */

/**
 * Per platform and train, its releases out by the as-of date as one array of (order, date, version),
 * so each box is joined with one row of its train and the gear is read once. Measured on 20,000 boxes
 * against the shipped catalogue (embedded engine, two busy cores): the network facts take ~0.6 s with
 * these columns, ~0.15 s without them.
 */
const TRAINS = `SELECT platform, train, groupArray((release_order, release_date, version)) AS releases,
    max(listed_to) AS listed_to, argMax(concat(version, ' (', toString(release_date), ')'), release_order) AS newest_label,
    max(release_order) AS newest_order
  FROM {db}.firmware_catalogue
  WHERE load_id = (SELECT argMax(load_id, loaded_at) FROM {db}.firmware_catalogue_active) AND release_date <= {as_of:Date}
  GROUP BY platform, train`;

// Keys are flat JSON written by JSON.stringify (as lifecycle keys are), read with the simpleJSON functions.
const field = (key: string, name: string) => `simpleJSONExtractString(${key}, '${name}')`;

/** `LEFT JOIN` of the box's train for a key column (`g.firmware_key`); alias `fw`. */
export function firmwareJoin(key: string): string {
  return `LEFT JOIN (${TRAINS}) AS fw ON fw.platform = ${field(key, 'platform')} AND fw.train = ${field(key, 'train')}`;
}

/**
 * Columns for a gear row's key column `key` joined by `firmwareJoin`, with `join_use_nulls = 0` (a
 * train the catalogue does not keep reads as no releases):
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
  const order = field(key, 'order');
  // The train's releases newer than the box's own, the first-released first.
  const newer = `arraySort(r -> (r.2, r.1), arrayFilter(r -> r.1 > ${order}, fw.releases))`;
  return `multiIf(${key} = '', 'firmware currency not recorded for this poll (polled before the collector kept it)',
          simpleJSONHas(${key}, 'unknown'), ${field(key, 'unknown')},
          empty(fw.releases), concat('not in the firmware catalogue: ', ${platform}, ' train ', ${train}, ' is not a train it keeps'),
          '') AS firmware_fix_reason,
  ${field(key, 'version')} AS firmware_version,
  concat(${platform}, ' ', ${train}) AS firmware_train_key,
  toUInt8(has(arrayMap(r -> r.1, fw.releases), ${order})) AS firmware_listed,
  if(empty(fw.releases), NULL, fw.listed_to) AS firmware_listed_to,
  toUInt8(notEmpty(fw.releases) AND ${order} > fw.newest_order) AS firmware_newer_than_catalogue,
  ${newer} AS firmware_newer_releases,
  if(empty(firmware_newer_releases), NULL, dateDiff('day', firmware_newer_releases[1].2, {as_of:Date})) AS firmware_behind_days,
  if(empty(firmware_newer_releases), '', concat(firmware_newer_releases[1].3, ' (', toString(firmware_newer_releases[1].2), ')')) AS firmware_first_fix,
  fw.newest_label AS firmware_latest`;
}
