import { CURRENT_RUNS, DB, LATEST_RESULTS, TRUST_FILTER } from './common.js';

/**
 * The CIO panels' SQL: rows of `scope_results`, which the collector writes once per score run with
 * the one scoring function (collector/scoring/scores.ts) and GET /v1/scores reads. Nothing here
 * weighs, averages, rounds or levels: each query only picks the rows of the chosen trust.
 */

/** The chosen trust's own row (site_id '') of the shown date's current run. */
export const TRUST_SCOPE = `SELECT * FROM ${DB}.scope_results WHERE ${LATEST_RESULTS} AND row_kind = 'scope' AND site_id = '' AND ${TRUST_FILTER}`;

/** The trust's row of each date in the range, for the trend. */
export const trendSql = (dates: string) => `SELECT toDateTime(as_of, 'UTC') AS time, score AS Score, infrastructure AS Infrastructure, cyber AS Cyber
FROM ${DB}.scope_results
WHERE ${CURRENT_RUNS(dates)} AND row_kind = 'scope' AND site_id = '' AND ${TRUST_FILTER}
ORDER BY time`;

/** The level gates holding each scope's level below its score band (the API's capped_by), as one line per scope. */
const HELD_DOWN = `SELECT site_id, arrayStringConcat(groupArray(concat(item, ': ', reason)), '; ') AS held_by
  FROM ${DB}.scope_results WHERE ${LATEST_RESULTS} AND row_kind = 'gate' AND holds_down = 1 AND ${TRUST_FILTER}
  GROUP BY site_id`;

/** The trust's gates that hold its level down, or a line saying none does (an aggregate: always one row). */
export const TRUST_HELD_DOWN = `SELECT if(count() = 0, 'no gate holds the level down', arrayStringConcat(groupArray(concat(item, ': ', reason)), '; ')) AS "Held down by"
FROM ${DB}.scope_results WHERE ${LATEST_RESULTS} AND row_kind = 'gate' AND holds_down = 1 AND site_id = '' AND ${TRUST_FILTER}`;

/** Each site's stored row with its name and the gates holding it down. */
export const SITE_LEAGUE = `SELECT if(n.name = '', x.site_id, n.name) AS Site, x.score AS Score, x.level AS Level, x.infrastructure AS Infrastructure,
  x.cyber AS Cyber, x.coverage AS Coverage, x.devices AS Devices, h.held_by AS "Held down by"
FROM (SELECT * FROM ${DB}.scope_results WHERE ${LATEST_RESULTS} AND row_kind = 'scope' AND site_id != '' AND ${TRUST_FILTER}) AS x
LEFT JOIN (SELECT site_id, name FROM ${DB}.sites FINAL) AS n ON n.site_id = x.site_id
LEFT JOIN (${HELD_DOWN}) AS h ON h.site_id = x.site_id
ORDER BY x.score DESC NULLS LAST, Site
SETTINGS join_use_nulls = 0`;

/** Per control, for the trust: counts, pass rate and the points of the score its failures cost. */
export const CONTROL_IMPACT = `SELECT item AS Control, title AS Title, domain AS Domain, weight AS Weight, points_lost AS "Points lost",
  pass_rate AS "Pass rate", fail AS Failing, pass AS Passing, unknown AS Unknown
FROM ${DB}.scope_results
WHERE ${LATEST_RESULTS} AND row_kind = 'control' AND site_id = '' AND ${TRUST_FILTER}
ORDER BY points_lost DESC NULLS LAST, Control`;

/** The trust's level gates: the level each guards, whether it holds, and what it takes to hold. */
export const LEVEL_GATES = `SELECT level AS Level, title AS Gate, arrayStringConcat(controls, ', ') AS Controls, held AS Holds,
  fail_share AS "Failing share", max_fail_share AS "Allowed share", devices_to_fix AS "Devices to fix", reason AS Reason, source AS Source
FROM ${DB}.scope_results
WHERE ${LATEST_RESULTS} AND row_kind = 'gate' AND site_id = '' AND ${TRUST_FILTER}
ORDER BY position`;
