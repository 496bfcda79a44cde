import { firmwareCatalogueWarning } from '../lifecycle/firmware-catalogue.js';
import type { ScoreRun } from '../scoring/evaluate.js';
import type { ScoreFilter } from '../scoring/service.js';
import type { Store } from '../store/store.js';
import { TRUST_SCOPE_SQL, trustScopeParams } from '../store/trust-scope.js';

/** Reason prefixes of CYB-NET-PATCH unknowns that a catalogue review would settle (controls.yaml words them). */
const FIRMWARE_GAPS = ['not in the firmware catalogue: ', 'not yet in the firmware catalogue: '] as const;

/**
 * What the IT-ops view says about the firmware release catalogue as of a run: its review age, and the
 * trains gear in scope runs that it does not list (their firmware currency is unknown), most boxes first.
 */
export async function firmwareCatalogueWarnings(store: Store, run: ScoreRun, filter: ScoreFilter): Promise<string[]> {
  const [age, gaps] = await Promise.all([
    firmwareCatalogueWarning(store, run.as_of),
    store.query<{ train: string; devices: string }>(
      // The reason names "<platform> train <train> is …" or "<platform> <train> release …": the train is what comes before " is " or " release ".
      `SELECT trim(replaceOne(splitByRegexp(' is | release ', substring(reason, position(reason, ': ') + 2))[1], ' train ', ' ')) AS train,
              uniqExact(device_id) AS devices
       FROM {db}.control_results
       WHERE as_of = {as_of:Date} AND run_id = {run:String} AND control_id = 'CYB-NET-PATCH' AND status = 'unknown'
         AND (startsWith(reason, '${FIRMWARE_GAPS[0]}') OR startsWith(reason, '${FIRMWARE_GAPS[1]}'))
         AND ({trust:String} = '' OR trust_id = {trust:String}) AND ({site:String} = '' OR site_id = {site:String}) AND ${TRUST_SCOPE_SQL}
       GROUP BY train ORDER BY devices DESC, train`,
      { as_of: run.as_of, run: run.run_id, trust: filter.trust ?? '', site: filter.site ?? '', ...trustScopeParams(filter.trusts) },
    ),
  ]);
  const warnings = age ? [age] : [];
  const boxes = gaps.reduce((sum, g) => sum + Number(g.devices), 0);
  if (boxes > 0) {
    const named = gaps.slice(0, 5).map((g) => g.train).join(', ');
    warnings.push(
      `${boxes} network device${boxes === 1 ? '' : 's'} run${boxes === 1 ? 's' : ''} firmware the firmware release catalogue does not list (${named}${gaps.length > 5 ? ', …' : ''}): their firmware currency is unknown until it does`,
    );
  }
  return warnings;
}
