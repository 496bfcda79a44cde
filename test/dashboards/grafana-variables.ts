import type { Json } from '../../dashboards/grafana/model.js';
import type { Store } from '../../collector/store/store.js';
import { expandQuery, type ExpandContext, type VariableValue } from './grafana-expand.js';

/** Choices a test makes where a user would pick: a value per variable name, or All. */
export type Choices = Record<string, string[] | 'all' | 'default'>;

interface TemplateVariable {
  name: string;
  type: string;
  query: string;
  includeAll?: boolean;
  current?: { value?: string | string[] };
  options?: Array<{ value: string }>;
}

/**
 * Resolves a dashboard's template variables as Grafana would, in order: the constant, each
 * query variable by running its SQL (expanded with the variables before it) on the engine, each
 * custom variable from its options; the current value is the choice, else the saved default,
 * else the first option.
 */
export async function resolveVariables(store: Store, dashboard: Json, range: { from: Date; to: Date }, choices: Choices): Promise<ExpandContext> {
  const ctx: ExpandContext = { ...range, intervalSeconds: 3600, variables: {} };
  const list = (dashboard.templating as { list: TemplateVariable[] }).list;
  for (const v of list) {
    if (v.type === 'datasource') continue;
    let options: string[];
    if (v.type === 'constant') {
      // The test's collector uses its own database name; the constant stands for it.
      ctx.variables[v.name] = { current: [store.database], options: [store.database] };
      continue;
    } else if (v.type === 'query') {
      const rows = await store.query<Record<string, unknown>>(expandQuery(v.query, ctx));
      // The plugin's convention: the first column is the value, the second the text.
      options = rows.map((r) => String(Object.values(r)[0]));
    } else if (v.type === 'custom') {
      options = (v.options ?? []).map((o) => o.value);
    } else throw new Error(`variable type ${v.type} is not modelled`);
    const choice = choices[v.name] ?? 'default';
    const saved = v.current?.value === undefined ? [] : [v.current.value].flat();
    const current =
      choice === 'all' ? ['$__all'] : choice === 'default' ? (saved.length > 0 ? saved : v.includeAll ? ['$__all'] : options.slice(0, 1)) : choice;
    const value: VariableValue = { current, options };
    ctx.variables[v.name] = value;
  }
  return ctx;
}

/** Every panel's title and rawSql. */
export function panelQueries(dashboard: Json): Array<{ title: string; sql: string; target: Json }> {
  return (dashboard.panels as Json[]).flatMap((p) => (p.targets as Json[]).map((t) => ({ title: String(p.title), sql: String(t.rawSql), target: t })));
}
