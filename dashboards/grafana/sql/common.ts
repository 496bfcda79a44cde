/**
 * Building blocks shared by the dashboards' SQL. The SQL is written for the official Grafana
 * ClickHouse data source (grafana-clickhouse-datasource): `$__toTime`, `$__timeFilter(col)` and
 * `$__timeInterval(col)` are its backend macros, `$__conditionalAll(cond, $var)` its frontend one,
 * and `${name:singlequote}` Grafana's own variable formatting.
 */

/** The collector's database (`--database`, default `sf`): a dashboard constant, so every query names it once. */
export const DB = '${database}';

/** A SQL string literal. */
export const literal = (s: string) => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

/** A SQL array literal. */
export const list = (items: string[]) => `[${items.join(', ')}]`;

/**
 * The as-of date the dashboard shows: the latest daily score snapshot up to the end of the time
 * range. Grafana reads only stored snapshots (the collector makes one a day and on backfill);
 * it never triggers an evaluation.
 */
export const LATEST_RUN_DATE = `(SELECT max(as_of) FROM ${DB}.score_runs FINAL WHERE as_of <= toDate($__toTime, 'UTC'))`;

/** Snapshot dates inside the time range, for trends. */
export const RANGE_DATES = `as_of >= toDate($__fromTime, 'UTC') AND as_of <= toDate($__toTime, 'UTC')`;

/** The active run of the shown date, as a filter on control_results. */
export const LATEST_RESULTS = `as_of = ${LATEST_RUN_DATE}
    AND (as_of, run_id) IN (SELECT as_of, run_id FROM ${DB}.score_runs FINAL WHERE as_of = ${LATEST_RUN_DATE})`;

/** The trust (one, or several where the variable allows it) and the site filter (All → no filter). */
export const TRUST_FILTER = `trust_id IN (\${trust:singlequote})`;
export const SITE_FILTER = `$__conditionalAll(site_id IN (\${site:singlequote}), $site)`;
export const SCOPE_FILTER = `${TRUST_FILTER} AND ${SITE_FILTER}`;

/** End of the as-of day, as the API's facts use it: samples strictly before midnight UTC after the date. */
export const AS_OF_END = `toDateTime64(addDays(${LATEST_RUN_DATE}, 1), 3, 'UTC')`;
