/**
 * Building blocks shared by the dashboards' SQL. The SQL uses only Grafana's own template
 * variables — the dashboard's (`${trust:singlequote}`…) and the global `${__from}`, `${__to}`
 * (the time range in epoch milliseconds) and `${__interval_ms}` — and none of the ClickHouse data
 * source's macros, so what ClickHouse runs is the text with those values put in.
 *
 * Grafana reads results the collector stored and does no scoring arithmetic: scores, levels, gates
 * and per-control counts come from `scope_results` (written once per run by
 * collector/scoring/evaluate.ts), the IT-ops figures from the store's views over a run
 * (`site_operations`, `agent_versions`, `network_gear`, `interface_errors`) and per radio
 * (`radio_health`).
 */

/** The collector's database (`--database`, default `sf`): a dashboard constant, so every query names it once. */
export const DB = '${database}';

/** The All value of the multi-value variables: Grafana puts a custom all value in unformatted. */
export const ALL = "'*'";

/** The start of the time range as a UTC date. */
const FROM_DATE = `toDate(toDateTime(intDiv(\${__from}, 1000), 'UTC'))`;

/** The time range as DateTime64, for sample tables. */
export const TIME_RANGE = (column: string) =>
  `${column} >= fromUnixTimestamp64Milli(toInt64(\${__from}), 'UTC') AND ${column} <= fromUnixTimestamp64Milli(toInt64(\${__to}), 'UTC')`;

/** Time buckets of Grafana's interval for the panel. */
export const TIME_BUCKET = (column: string) => `toStartOfInterval(${column}, INTERVAL \${__interval_ms} millisecond)`;

/** The end of the time range as a UTC date. */
export const TO_DATE = `toDate(toDateTime(intDiv(\${__to}, 1000), 'UTC'))`;

/**
 * The as-of date the dashboard shows — the latest daily score snapshot up to the end of the time
 * range — and that date's current run, as hidden dashboard variables (`as_of`, `run`; see
 * variables.ts) refreshed with the time range. Grafana reads only stored snapshots (the collector
 * makes one a day and on backfill); it never triggers an evaluation. Panels get them as literals,
 * which every ClickHouse version with parameterised views takes as view arguments.
 */
export const AS_OF_VALUE = '${as_of:singlequote}';
export const RUN_VALUE = '${run:singlequote}';
export const LATEST_RUN_DATE = `toDate(${AS_OF_VALUE})`;

/** Snapshot dates inside the time range, for trends. */
export const RANGE_DATES = `as_of >= ${FROM_DATE} AND as_of <= ${TO_DATE}`;

/** The current run of each date matching `dates`, as a filter on a table keyed by (as_of, run_id). */
export const CURRENT_RUNS = (dates: string) => `(as_of, run_id) IN (SELECT as_of, run_id FROM ${DB}.score_runs FINAL WHERE ${dates})`;

/** The current run of the shown date, as a filter on control_results or scope_results. */
export const LATEST_RESULTS = `as_of = ${LATEST_RUN_DATE} AND run_id = ${RUN_VALUE}`;

/** The arguments of the IT-ops views (migration 015) for the shown date's current run. */
export const OF_LATEST_RUN = `(as_of = ${AS_OF_VALUE}, run = ${RUN_VALUE})`;

/** The chosen trusts (one, or several where the variable allows it). */
export const TRUST_FILTER = `trust_id IN (\${trust:singlequote})`;
/** The chosen sites; All (`'*'`) leaves sites unfiltered. */
export const SITE_FILTER = `(${ALL} IN (\${site:singlequote}) OR site_id IN (\${site:singlequote}))`;
export const SCOPE_FILTER = `${TRUST_FILTER} AND ${SITE_FILTER}`;

/**
 * The scope rows of scope_results for the chosen trusts and sites: each trust's own row
 * (site_id '') when All sites are chosen, else the chosen sites' rows.
 */
export const SCOPE_ROWS = `${TRUST_FILTER} AND ((${ALL} IN (\${site:singlequote}) AND site_id = '') OR site_id IN (\${site:singlequote}))`;

/** A SQL string literal. */
export const literal = (s: string) => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
