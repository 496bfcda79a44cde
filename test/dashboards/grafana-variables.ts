import type { Json } from '../../dashboards/grafana/model.js';
import type { Store } from '../../collector/store/store.js';

/** Choices a test makes where a user would pick: a value per variable name, or All. */
export type Choices = Record<string, string[] | 'all' | 'default'>;

interface TemplateVariable {
  name: string;
  type: string;
  query: string;
  includeAll?: boolean;
  allValue?: string;
  current?: { value?: string | string[] };
  options?: Array<{ value: string }>;
}

interface Value {
  /** The selected values, or All. */
  current: string[] | 'all';
  /** Every option: what All stands for without a custom all value. */
  options: string[];
  allValue?: string;
}

/** The dashboard's variables and Grafana's global ones for a time range. */
export interface Variables {
  values: Record<string, Value>;
  range: { from: Date; to: Date };
  /** Grafana's interval for the panel, in milliseconds. */
  intervalMs: number;
}

/**
 * Grafana's variable interpolation — the only change made to a panel's SQL before ClickHouse runs
 * it, since the dashboards use no data-source macros: `$name`, `${name}` and `${name:format}`
 * (a custom all value goes in unformatted; `singlequote` quotes each value, escaping ' as \'),
 * and the globals `${__from}`, `${__to}` (epoch milliseconds) and `${__interval_ms}`.
 */
export function interpolate(sql: string, vars: Variables): string {
  const globals: Record<string, string> = {
    __from: String(vars.range.from.getTime()),
    __to: String(vars.range.to.getTime()),
    __interval_ms: String(vars.intervalMs),
  };
  const out = sql.replace(/\$(\w+)|\$\{(\w+)(?::(\w+))?\}/g, (whole, plain: string | undefined, braced: string | undefined, fmt: string | undefined) => {
    const name = plain ?? braced!;
    if (globals[name] !== undefined) return globals[name]!;
    const variable = vars.values[name];
    if (!variable) return whole;
    if (variable.current === 'all' && variable.allValue !== undefined) return variable.allValue;
    const values = variable.current === 'all' ? variable.options : variable.current;
    switch (fmt) {
      case 'singlequote':
        return values.map((v) => `'${v.replaceAll("'", "\\'")}'`).join(',');
      case undefined:
        return values.length > 1 ? `{${values.join(',')}}` : values[0] ?? '';
      default:
        throw new Error(`variable format ${fmt} is not one the dashboards use`);
    }
  });
  const left = /\$\{?\w+/.exec(out);
  if (left) throw new Error(`not a Grafana variable: ${left[0]} in ${out}`);
  return out;
}

/**
 * Resolves a dashboard's template variables as Grafana would, in order: the constant, each
 * query variable by running its SQL (with the variables before it put in) on the engine, each
 * custom variable from its options; the current value is the choice, else the saved default,
 * else the first option.
 */
export async function resolveVariables(store: Store, dashboard: Json, range: { from: Date; to: Date }, choices: Choices): Promise<Variables> {
  const vars: Variables = { values: {}, range, intervalMs: 3_600_000 };
  const list = (dashboard.templating as { list: TemplateVariable[] }).list;
  for (const v of list) {
    if (v.type === 'datasource') continue;
    let options: string[];
    if (v.type === 'constant') {
      // The test's collector uses its own database name; the constant stands for it.
      vars.values[v.name] = { current: [store.database], options: [store.database] };
      continue;
    } else if (v.type === 'query') {
      const rows = await store.query<Record<string, unknown>>(interpolate(v.query, vars));
      // The plugin's convention: the first column is the value, the second the text.
      options = rows.map((r) => String(Object.values(r)[0]));
    } else if (v.type === 'custom') {
      options = (v.options ?? []).map((o) => o.value);
    } else throw new Error(`variable type ${v.type} is not modelled`);
    const choice = choices[v.name] ?? 'default';
    const saved = v.current?.value === undefined ? [] : [v.current.value].flat();
    const current =
      choice === 'all' || (choice === 'default' && (saved[0] === '$__all' || (saved.length === 0 && v.includeAll)))
        ? 'all'
        : choice === 'default'
          ? saved.length > 0 ? saved : options.slice(0, 1)
          : choice;
    vars.values[v.name] = { current, options, allValue: v.allValue };
  }
  return vars;
}

/** Every panel's title and rawSql (row headings hold no query). */
export function panelQueries(dashboard: Json): Array<{ title: string; sql: string; target: Json }> {
  return (dashboard.panels as Json[]).filter((p) => p.type !== 'row').flatMap((p) => (p.targets as Json[]).map((t) => ({ title: String(p.title), sql: String(t.rawSql), target: t })));
}
