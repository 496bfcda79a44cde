/**
 * What Grafana and the official ClickHouse data source (grafana-clickhouse-datasource) do to a
 * panel's rawSql before ClickHouse sees it, in their order:
 *  1. the plugin's frontend macro `$__conditionalAll(condition, $var)`: the condition, or `1=1`
 *     when the variable's current value is All (`$__all`) or empty (CHDatasource.applyConditionalAll);
 *  2. Grafana's template variables: `$name`, `${name}`, `${name:format}` (All → every option,
 *     or the variable's allValue; singlequote quotes each value and escapes ' as \');
 *  3. the plugin's backend macros (pkg/macros/macros.go): `$__fromTime` / `$__toTime` →
 *     `toDateTime(<unix s>)`, `$__timeFilter(col)` → `col >= toDateTime(from) AND col <= toDateTime(to)`,
 *     `$__dateFilter(col)` with `toDate('YYYY-MM-DD')`, `$__timeInterval(col)` →
 *     `toStartOfInterval(toDateTime(col), INTERVAL <interval s> second)`, `$__interval_s`, and the `_ms` forms.
 */

export interface VariableValue {
  /** The selected values; ['$__all'] for All. */
  current: string[];
  /** Every option (what All expands to without an allValue). */
  options: string[];
  allValue?: string;
}

export interface ExpandContext {
  from: Date;
  to: Date;
  /** Grafana's $__interval for the panel, in seconds (≥ the panel's min interval). */
  intervalSeconds: number;
  variables: Record<string, VariableValue>;
}

const ALL = '$__all';
const isAll = (v: VariableValue | undefined) => !v || v.current.length === 0 || v.current[0] === ALL || v.current[0] === '';

/** Arguments of the call whose "(" is at `open`, split at top-level commas, and the index after ")". */
function callArgs(text: string, open: number): { args: string[]; end: number } {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  let quote: string | undefined;
  for (let i = open; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) {
      args.push(text.slice(start, i));
      return { args, end: i + 1 };
    } else if (ch === ',' && depth === 1) {
      args.push(text.slice(start, i));
      start = i + 1;
    }
  }
  throw new Error(`unbalanced parentheses after ${text.slice(open - 20, open + 20)}`);
}

export function applyConditionalAll(sql: string, variables: ExpandContext['variables']): string {
  const macro = '$__conditionalAll(';
  for (let at = sql.lastIndexOf(macro); at !== -1; at = sql.lastIndexOf(macro, at - 1)) {
    const { args, end } = callArgs(sql, at + macro.length - 1);
    if (args.length !== 2) throw new Error(`$__conditionalAll needs 2 arguments: ${sql.slice(at, end)}`);
    const name = /(?<=\$\{)\w+(?=\})|(?<=\$)\w+/.exec(args[1]!.trim())?.[0];
    const phrase = name && isAll(variables[name]) ? '1=1' : args[0]!;
    sql = sql.slice(0, at) + phrase + sql.slice(end);
    if (at === 0) break;
  }
  return sql;
}

function format(values: string[], fmt: string | undefined, multi: boolean): string {
  switch (fmt) {
    case 'singlequote':
      return values.map((v) => `'${v.replaceAll("'", "\\'")}'`).join(',');
    case 'sqlstring':
      return values.map((v) => `'${v.replaceAll("'", "''")}'`).join(',');
    case 'csv':
    case 'raw':
      return values.join(',');
    case undefined:
      return multi ? `{${values.join(',')}}` : values[0] ?? '';
    default:
      throw new Error(`variable format ${fmt} is not modelled here`);
  }
}

export function replaceVariables(sql: string, variables: ExpandContext['variables']): string {
  return sql.replace(/\$(\w+)|\$\{(\w+)(?::(\w+))?\}/g, (whole, plain: string | undefined, braced: string | undefined, fmt: string | undefined) => {
    const name = plain ?? braced!;
    const variable = variables[name];
    if (!variable) return whole; // not a variable: Grafana leaves it (e.g. the data source's $__ macros)
    const values = isAll(variable) ? (variable.allValue !== undefined ? [variable.allValue] : variable.options) : variable.current;
    return format(values, fmt, values.length > 1);
  });
}

const dateTime = (d: Date) => `toDateTime(${Math.floor(d.getTime() / 1000)})`;
const dateTime64 = (d: Date) => `fromUnixTimestamp64Milli(${d.getTime()})`;
const date = (d: Date) => `toDate('${d.toISOString().slice(0, 10)}')`;

export function applyBackendMacros(sql: string, ctx: ExpandContext): string {
  const withArg: Record<string, (col: string) => string> = {
    timeFilter: (c) => `${c} >= ${dateTime(ctx.from)} AND ${c} <= ${dateTime(ctx.to)}`,
    timeFilter_ms: (c) => `${c} >= ${dateTime64(ctx.from)} AND ${c} <= ${dateTime64(ctx.to)}`,
    dateFilter: (c) => `${c} >= ${date(ctx.from)} AND ${c} <= ${date(ctx.to)}`,
    timeInterval: (c) => `toStartOfInterval(toDateTime(${c}), INTERVAL ${Math.max(1, Math.floor(ctx.intervalSeconds))} second)`,
  };
  const bare: Record<string, string> = {
    fromTime: dateTime(ctx.from),
    toTime: dateTime(ctx.to),
    fromTime_ms: dateTime64(ctx.from),
    toTime_ms: dateTime64(ctx.to),
    interval_s: String(Math.max(1, Math.floor(ctx.intervalSeconds))),
  };
  let out = '';
  let rest = sql;
  for (let m = /\$__(\w+)/.exec(rest); m; m = /\$__(\w+)/.exec(rest)) {
    const name = m[1]!;
    out += rest.slice(0, m.index);
    rest = rest.slice(m.index + m[0].length);
    if (withArg[name] && rest.startsWith('(')) {
      const { args, end } = callArgs(rest, 0);
      out += withArg[name]!(args[0]!.trim());
      rest = rest.slice(end);
    } else if (bare[name] !== undefined) out += bare[name];
    else throw new Error(`macro $__${name} is not one the ClickHouse data source expands`);
  }
  return out + rest;
}

/** The SQL ClickHouse receives for a panel's rawSql. */
export function expandQuery(sql: string, ctx: ExpandContext): string {
  const expanded = applyBackendMacros(replaceVariables(applyConditionalAll(sql, ctx.variables), ctx.variables), ctx);
  const left = /\$\{?\w+/.exec(expanded);
  if (left) throw new Error(`unexpanded ${left[0]} in: ${expanded}`);
  return expanded;
}
