import { catalogueState, CATALOGUE_REVIEW_DAYS } from '../lifecycle/catalogue-store.js';
import { CATALOGUE_GAP_REASONS } from '../lifecycle/support-sql.js';
import type { Store } from '../store/store.js';
import { firmwareCatalogueWarnings } from './network-firmware.js';
import type { ScoreRun } from '../scoring/evaluate.js';
import type { ScoreFilter } from '../scoring/service.js';
import { TRUST_SCOPE_SQL, trustScopeParams } from '../store/trust-scope.js';

/** Whether the end-of-life catalogue can be trusted as of a run: how old its review is, and which reported releases it does not know. */
export interface CatalogueHealth {
  revision: string;
  reviewed: string | null;
  review_age_days: number | null;
  review_overdue: boolean;
  /** Releases devices report that the catalogue does not list (their lifecycle results are unknown), with the devices on each. */
  gaps: Array<{ release: string; newer_than_catalogue: boolean; devices: number }>;
  gap_devices: number;
  /** One line per problem, as the IT-ops view, /v1/operations and the log say it. */
  warnings: string[];
}

/** The catalogue's state and its gaps in a run's results (any control whose unknown reason is a catalogue gap), in scope. */
export async function catalogueHealth(store: Store, run: ScoreRun, filter: ScoreFilter): Promise<CatalogueHealth> {
  const [state, rows, firmware] = await Promise.all([
    catalogueState(store, run.as_of),
    store.query<{ release: string; newer: number; devices: string }>(
      `SELECT splitByString(' is newer than', substring(reason, position(reason, ': ') + 2))[1] AS release,
              startsWith(reason, '${CATALOGUE_GAP_REASONS[0]}') AS newer, uniqExact(device_id) AS devices
       FROM {db}.control_results
       WHERE as_of = {as_of:Date} AND run_id = {run:String} AND status = 'unknown'
         AND (startsWith(reason, '${CATALOGUE_GAP_REASONS[0]}: ') OR startsWith(reason, '${CATALOGUE_GAP_REASONS[1]}: '))
         AND ({trust:String} = '' OR trust_id = {trust:String}) AND ({site:String} = '' OR site_id = {site:String}) AND ${TRUST_SCOPE_SQL}
       GROUP BY release, newer ORDER BY devices DESC, release`,
      { as_of: run.as_of, run: run.run_id, trust: filter.trust ?? '', site: filter.site ?? '', ...trustScopeParams(filter.trusts) },
    ),
    firmwareCatalogueWarnings(store, run, filter),
  ]);
  const gaps = rows.map((r) => ({ release: r.release, newer_than_catalogue: Boolean(Number(r.newer)), devices: Number(r.devices) }));
  const gapDevices = gaps.reduce((sum, g) => sum + g.devices, 0);
  const warnings: string[] = [];
  if (!state) warnings.push('no end-of-life catalogue is loaded');
  else if (state.review_overdue) {
    warnings.push(state.reviewed
      ? `the end-of-life catalogue was last reviewed ${state.reviewed}, ${state.review_age_days} days before ${run.as_of} (more than ${CATALOGUE_REVIEW_DAYS}): releases and dates since then may be missing`
      : 'the active end-of-life catalogue records no review date');
  }
  if (gapDevices > 0) {
    warnings.push(`${gapDevices} device${gapDevices === 1 ? '' : 's'} report${gapDevices === 1 ? 's' : ''} ${gaps.length} release${gaps.length === 1 ? '' : 's'} the end-of-life catalogue does not list (${gaps.slice(0, 5).map((g) => g.release).join(', ')}${gaps.length > 5 ? ', …' : ''}): their support is unknown until the catalogue is updated`);
  }
  warnings.push(...firmware);
  return {
    revision: state?.revision ?? '',
    reviewed: state?.reviewed ?? null,
    review_age_days: state?.review_age_days ?? null,
    review_overdue: state?.review_overdue ?? true,
    gaps,
    gap_devices: gapDevices,
    warnings,
  };
}
