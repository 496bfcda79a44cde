import type { Store } from './store.js';

/**
 * How long the store keeps what scores are built from (inputs) and the scores themselves (runs):
 * the one place retention is set. A run of date D reads inputs from D − INPUT_LOOKBACK_DAYS to D,
 * so inputs are kept at least that much longer than runs: every stored run can be re-evaluated.
 */
export interface Retention {
  /** Days inventory history, samples and polls are kept. */
  inputDays: number;
  /** Days score runs and their results are kept. */
  runDays: number;
}

/** The furthest back a date's facts read: collector/scoring/facts.ts takes its inventory window from here. */
export const INPUT_LOOKBACK_DAYS = 30;

/** Three years of inputs (a board's usual look-back), and runs as long as their inputs allow. */
export const DEFAULT_INPUT_DAYS = 1096;
export const defaultRunDays = (inputDays: number) => inputDays - INPUT_LOOKBACK_DAYS;

/**
 * Thirty years. A TTL is computed in ClickHouse's DateTime, which ends in February 2106: a row's
 * time plus a longer retention wraps past it and the row expires at once instead of never.
 */
export const MAX_RETENTION_DAYS = 10_950;

export class RetentionError extends Error {}

/** The retention to use: what was configured, the rest from the defaults (runs follow inputs). */
export function resolveRetention(configured: Partial<Retention> = {}): Retention {
  const inputDays = configured.inputDays ?? DEFAULT_INPUT_DAYS;
  return checkRetention({ inputDays, runDays: configured.runDays ?? defaultRunDays(inputDays) });
}

/** Checks a retention pair, naming what is wrong and how to fix it. */
export function checkRetention(retention: Retention): Retention {
  const { inputDays, runDays } = retention;
  for (const [name, days] of [['input', inputDays], ['run', runDays]] as const) {
    if (!Number.isInteger(days) || days < 1 || days > MAX_RETENTION_DAYS) {
      throw new RetentionError(`${name} retention: ${days} is not a whole number of days from 1 to ${MAX_RETENTION_DAYS}`);
    }
  }
  if (runDays + INPUT_LOOKBACK_DAYS > inputDays) {
    throw new RetentionError(
      `runs are kept ${runDays} days but their inputs only ${inputDays}: a run reads ${INPUT_LOOKBACK_DAYS} days of inputs before its date, ` +
        `so inputs must be kept at least ${runDays + INPUT_LOOKBACK_DAYS} days (or runs at most ${inputDays - INPUT_LOOKBACK_DAYS})`,
    );
  }
  return retention;
}

/** Each retained table and the time its rows' age is counted from. */
const INPUT_TABLES: Array<[table: string, time: string]> = [
  ['inventory_history', 'toDateTime(collected_at)'],
  ['latency_samples', 'toDateTime(ts)'],
  ['wifi_samples', 'toDateTime(ts)'],
  ['interface_samples', 'toDateTime(ts)'],
  ['radio_samples', 'toDateTime(ts)'],
  ['network_polls', 'toDateTime(polled_at)'],
  ['network_device_history', 'toDateTime(polled_at)'],
];
const RUN_TABLES: Array<[table: string, time: string]> = [
  ['control_results', 'as_of'],
  ['score_counts', 'as_of'],
  ['scope_results', 'as_of'],
  ['score_run_history', 'as_of'],
  ['score_runs', 'as_of'],
];

/** The TTL every retained table should have. */
export function retentionTtls(retention: Retention): Array<{ table: string; ttl: string; days: number }> {
  return [
    ...INPUT_TABLES.map(([table, time]) => ({ table, ttl: `${time} + INTERVAL ${retention.inputDays} DAY`, days: retention.inputDays })),
    ...RUN_TABLES.map(([table, time]) => ({ table, ttl: `${time} + INTERVAL ${retention.runDays} DAY`, days: retention.runDays })),
  ];
}

/**
 * Sets each retained table's TTL from the configured retention, at start; a table already right
 * is left alone (changing a TTL rewrites the table's TTL information, which costs on a big table).
 */
export async function applyRetention(store: Store, retention: Retention): Promise<string[]> {
  checkRetention(retention);
  const tables = await store.query<{ name: string; engine_full: string }>(
    `SELECT name, engine_full FROM system.tables WHERE database = {database:String}`,
    { database: store.database },
  );
  const engines = new Map(tables.map((t) => [t.name, t.engine_full]));
  const changed: string[] = [];
  for (const { table, ttl, days } of retentionTtls(retention)) {
    const engine = engines.get(table);
    if (engine === undefined) throw new RetentionError(`table ${table} is missing: retention cannot be applied`);
    if (new RegExp(`\\bTTL [^\\n]*toIntervalDay\\(${days}\\)`).test(engine)) continue;
    await store.command(`ALTER TABLE {db}.${table} MODIFY TTL ${ttl}`);
    changed.push(table);
  }
  return changed;
}
