import type { ScoringModel } from '../../collector/scoring/controls.js';
import type { VariableSpec } from './model.js';
import { ALL, AS_OF_VALUE, DB, TO_DATE, TRUST_FILTER } from './sql/common.js';

/** Trusts that have sites (the sites table is what the collector's site admin fills), by name. */
export function trustVariable(multi: boolean): VariableSpec {
  return {
    name: 'trust',
    label: 'Trust',
    description: 'NHS trust (from the sites table); scores are computed from its devices, not as a mean of its sites.',
    multi,
    includeAll: multi,
    sql: `SELECT s.trust_id, if(t.name = '', s.trust_id, t.name) AS label
FROM (SELECT DISTINCT trust_id FROM ${DB}.sites FINAL) AS s
LEFT JOIN (SELECT trust_id, name FROM ${DB}.trusts FINAL) AS t ON t.trust_id = s.trust_id
ORDER BY label
SETTINGS join_use_nulls = 0`,
  };
}

/** Sites of the chosen trusts. */
export function siteVariable(): VariableSpec {
  return {
    name: 'site',
    label: 'Site',
    description: 'Sites of the chosen trusts; All shows every site (and the trusts\' own scores where a panel shows scores).',
    multi: true,
    includeAll: true,
    allValue: ALL,
    sql: `SELECT site_id, concat(name, ' (', site_id, ')') FROM ${DB}.sites FINAL WHERE ${TRUST_FILTER} ORDER BY site_id`,
  };
}

/** Controls from the catalogue (collector/scoring/controls.yaml), so a new control appears here by regenerating. */
export function controlVariable(model: ScoringModel, selected: string[]): VariableSpec {
  return {
    name: 'control',
    label: 'Control',
    description: 'Controls whose failing devices are listed; the default is the unsupported and unpatched findings.',
    multi: true,
    includeAll: true,
    allValue: ALL,
    values: model.controls.map((c) => c.id),
    selected,
  };
}

/**
 * The as-of date (the latest score snapshot up to the end of the time range; 1970-01-01 when there
 * is none) and that date's current run: every panel of the shown date reads them.
 */
export function snapshotVariables(): VariableSpec[] {
  return [
    {
      name: 'as_of', label: 'As of', multi: false, includeAll: false, derived: true,
      description: 'The latest daily score snapshot up to the end of the time range.',
      sql: `SELECT toString(max(as_of)) FROM ${DB}.score_runs FINAL WHERE as_of <= ${TO_DATE}`,
    },
    {
      name: 'run', label: 'Score run', multi: false, includeAll: false, derived: true,
      description: "The snapshot date's current score run.",
      sql: `SELECT run_id FROM ${DB}.score_runs FINAL WHERE as_of = toDate(${AS_OF_VALUE})`,
    },
  ];
}
