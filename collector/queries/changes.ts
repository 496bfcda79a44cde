import { z } from 'zod';
import type { Store } from '../store/store.js';
import { csv } from './csv.js';
import { deviceLabels, labelOf, type DeviceLabel } from './device-labels.js';
import { LIST_FILTERS } from './device-list.js';
import type { ScoreRun } from '../scoring/evaluate.js';
import { TRUST_SCOPE_SQL, trustScopeParams } from '../store/trust-scope.js';

/**
 * What changed between two score snapshots, finding by finding (a device failing a control):
 * what a cyber team works from day to day ("what is new since yesterday, what got fixed"),
 * and what a notification says.
 */
export const ChangesQuery = z.object({
  ...LIST_FILTERS,
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  change: z.enum(['new', 'resolved', 'out_of_scope']).optional(),
});
export type ChangesQuery = z.infer<typeof ChangesQuery>;

/**
 * `new`: failing at `to`, not failing at `from` (passing, unknown, or not yet in scope);
 * `resolved`: failing at `from`, passing at `to`; `out_of_scope`: failing at `from`, not
 * evaluated at `to` (a device revoked or dropped from the asset register, or the control no
 * longer applies). A failure that became unknown is neither: nobody can tell yet.
 */
export interface FindingChange extends DeviceLabel {
  device_id: string;
  trust_id: string;
  site_id: string;
  kind: string;
  control_id: string;
  change: 'new' | 'resolved' | 'out_of_scope';
  status_from: string;
  status_to: string;
  /** For `new`, why it fails now; otherwise why it failed before. */
  reason: string;
  evidence: string;
}

export interface ChangeSummary {
  from: string;
  to: string;
  new: number;
  resolved: number;
  out_of_scope: number;
}

/**
 * The kind of change of one device on one control, from its status in the earlier snapshot (`was`)
 * and the later one (`now_is`; '' when not evaluated there). Shared with the Grafana dashboards.
 */
export const CHANGE_KIND = `multiIf(now_is = 'fail' AND was != 'fail', 'new', was = 'fail' AND now_is = 'pass', 'resolved',
                   was = 'fail' AND now_is = '', 'out_of_scope', '')`;

/** `trusts`: the trusts the reader may see (undefined: every trust). */
type ChangeScope = Pick<ChangesQuery, 'trust' | 'site' | 'kind' | 'control'> & { trusts?: readonly string[] };

function paramsOf(from: ScoreRun, to: ScoreRun, scope: ChangeScope) {
  return {
    from: from.as_of, from_run: from.run_id, to: to.as_of, to_run: to.run_id,
    trust: scope.trust ?? '', site: scope.site ?? '', kind: scope.kind ?? '', control: scope.control ?? '', ...trustScopeParams(scope.trusts),
  };
}

// One row per device and control that changed. Aliases differ from column names: ClickHouse would
// resolve them in WHERE and HAVING too.
const PAIRS = `
    SELECT device_id, control_id, any(trust_id) AS one_trust, any(site_id) AS one_site, any(kind) AS one_kind,
           anyIf(status, as_of = {from:Date}) AS was, anyIf(status, as_of = {to:Date}) AS now_is,
           anyIf(reason, as_of = {from:Date}) AS reason_was, anyIf(reason, as_of = {to:Date}) AS reason_now,
           anyIf(evidence, as_of = {from:Date}) AS evidence_was, anyIf(evidence, as_of = {to:Date}) AS evidence_now,
           ${CHANGE_KIND} AS what
    FROM {db}.control_results
    WHERE ((as_of = {from:Date} AND run_id = {from_run:String}) OR (as_of = {to:Date} AND run_id = {to_run:String}))
      AND ({trust:String} = '' OR trust_id = {trust:String}) AND ({site:String} = '' OR site_id = {site:String})
      AND ({kind:String} = '' OR kind = {kind:String}) AND ({control:String} = '' OR control_id = {control:String}) AND ${TRUST_SCOPE_SQL}
    GROUP BY device_id, control_id
    HAVING what != ''`;

/** The counts only: what the cyber view's "since yesterday" line shows. */
export async function changeSummary(store: Store, from: ScoreRun, to: ScoreRun, scope: ChangeScope): Promise<ChangeSummary> {
  const [counts] = await store.query<{ n_new: number; n_resolved: number; n_out: number }>(
    `SELECT countIf(what = 'new') AS n_new, countIf(what = 'resolved') AS n_resolved, countIf(what = 'out_of_scope') AS n_out FROM (${PAIRS})`,
    paramsOf(from, to, scope),
  );
  return { from: from.as_of, to: to.as_of, new: Number(counts?.n_new ?? 0), resolved: Number(counts?.n_resolved ?? 0), out_of_scope: Number(counts?.n_out ?? 0) };
}

export async function findingChanges(
  store: Store,
  from: ScoreRun,
  to: ScoreRun,
  query: ChangesQuery & { trusts?: readonly string[] },
): Promise<{ summary: ChangeSummary; total: number; changes: FindingChange[] }> {
  const summary = await changeSummary(store, from, to, query);
  const params = { ...paramsOf(from, to, query), change: query.change ?? '', limit: query.limit, offset: query.offset };
  const rows = await store.query<{
    device_id: string; control_id: string; one_trust: string; one_site: string; one_kind: string; was: string; now_is: string;
    reason_was: string; reason_now: string; evidence_was: string; evidence_now: string; what: FindingChange['change'];
  }>(
    `SELECT * FROM (${PAIRS}) WHERE {change:String} = '' OR what = {change:String}
     ORDER BY what, control_id, one_site, device_id LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
    params,
  );
  const labels = await deviceLabels(store, to.as_of, [...new Set(rows.map((r) => r.device_id))]);
  const total = query.change ? summary[query.change] : summary.new + summary.resolved + summary.out_of_scope;
  const changes = rows.map((r): FindingChange => ({
    device_id: r.device_id,
    trust_id: r.one_trust,
    site_id: r.one_site,
    kind: r.one_kind,
    ...labelOf(labels, r.device_id),
    control_id: r.control_id,
    change: r.what,
    status_from: r.was,
    status_to: r.now_is,
    reason: r.what === 'new' ? r.reason_now : r.reason_was,
    evidence: r.what === 'new' ? r.evidence_now : r.evidence_was,
  }));
  return { summary, total, changes };
}

const CSV_COLUMNS: Array<keyof FindingChange> = ['change', 'control_id', 'device_id', 'trust_id', 'site_id', 'kind', 'hostname', 'model', 'os', 'last_seen', 'status_from', 'status_to', 'reason', 'evidence'];

export const changesToCsv = (changes: FindingChange[]): string => csv(CSV_COLUMNS, changes);
