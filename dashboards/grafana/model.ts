/**
 * Grafana dashboard JSON (schema 39, Grafana 10/11) for the official ClickHouse data source,
 * built from small specs so the three dashboards share one layout and one query model.
 * Query model (grafana-clickhouse-datasource v4): `editorType: "sql"`, `rawSql`, `queryType`
 * ("table" | "timeseries") and the numeric `format` (0 time series, 1 table).
 */
export type Json = Record<string, unknown>;

export const PLUGIN = 'grafana-clickhouse-datasource';
const DATASOURCE = { type: PLUGIN, uid: '${datasource}' };

export interface PanelSpec {
  title: string;
  /** Says what the number means and where it comes from (shown as the panel's info tooltip). */
  description: string;
  type: 'stat' | 'table' | 'timeseries' | 'barchart' | 'piechart' | 'bargauge';
  sql: string;
  w: number;
  h: number;
  /** Time series queries return (time, value…) rows; everything else is a table. */
  timeSeries?: boolean;
  /** Lower bound of Grafana's interval (`${__interval_ms}`) for time buckets. */
  minInterval?: string;
  unit?: string;
  decimals?: number;
  min?: number;
  max?: number;
  /** Threshold steps: [[colour, from]…], the first `from` is ignored (base). */
  thresholds?: Array<[string, number | null]>;
  /** Per-column unit and display overrides: column name → properties. */
  columns?: Record<string, Json>;
  options?: Json;
  custom?: Json;
  transformations?: Json[];
  links?: Json[];
}

export interface VariableSpec {
  name: string;
  label: string;
  /** SQL returning (value, text) rows. */
  sql?: string;
  /** For a custom variable: the values, and which are selected by default. */
  values?: string[];
  selected?: string[];
  multi: boolean;
  includeAll: boolean;
  /** What All stands for in the SQL; Grafana puts a custom all value in as written, unformatted. */
  allValue?: string;
  /** A value the panels derive from the time range: hidden, re-queried when the range changes, not kept in the URL. */
  derived?: boolean;
  description: string;
}

/** A row heading: the panels after it, up to the next row, are one section (collapsible in Grafana). */
export interface RowSpec {
  row: string;
}

export interface DashboardSpec {
  uid: string;
  title: string;
  description: string;
  tags: string[];
  variables: VariableSpec[];
  panels: Array<PanelSpec | RowSpec>;
}

export const isRow = (spec: PanelSpec | RowSpec): spec is RowSpec => 'row' in spec;

/** The query target of a panel: what the data source plugin receives. */
export function target(sql: string, timeSeries = false): Json {
  return { refId: 'A', datasource: DATASOURCE, editorType: 'sql', queryType: timeSeries ? 'timeseries' : 'table', format: timeSeries ? 0 : 1, rawSql: sql };
}

function panel(spec: PanelSpec, id: number, gridPos: Json): Json {
  const steps = (spec.thresholds ?? [['blue', null]]).map(([color, value], i) => ({ color, value: i === 0 ? null : value }));
  const overrides = Object.entries(spec.columns ?? {}).map(([name, props]) => ({
    matcher: { id: 'byName', options: name },
    properties: Object.entries(props).map(([pid, value]) => ({ id: pid, value })),
  }));
  const defaults: Json = { thresholds: { mode: 'absolute', steps }, color: { mode: spec.thresholds ? 'thresholds' : 'palette-classic' }, custom: spec.custom ?? {}, mappings: [] };
  for (const key of ['unit', 'decimals', 'min', 'max'] as const) if (spec[key] !== undefined) defaults[key] = spec[key];
  return {
    id,
    type: spec.type,
    title: spec.title,
    description: spec.description,
    datasource: DATASOURCE,
    gridPos,
    ...(spec.minInterval ? { interval: spec.minInterval } : {}),
    targets: [target(spec.sql, spec.timeSeries)],
    fieldConfig: { defaults, overrides },
    options: { ...defaultOptions(spec.type), ...spec.options },
    ...(spec.transformations ? { transformations: spec.transformations } : {}),
    ...(spec.links ? { links: spec.links } : {}),
  };
}

function defaultOptions(type: PanelSpec['type']): Json {
  switch (type) {
    case 'stat':
      return { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false }, colorMode: 'background', graphMode: 'none', textMode: 'auto', justifyMode: 'auto', orientation: 'auto' };
    case 'table':
      return { showHeader: true, cellHeight: 'sm', footer: { show: false, reducer: ['sum'], countRows: false } };
    case 'timeseries':
      return { legend: { displayMode: 'list', placement: 'bottom', showLegend: true }, tooltip: { mode: 'multi', sort: 'none' } };
    case 'barchart':
      return { orientation: 'horizontal', showValue: 'auto', stacking: 'normal', legend: { displayMode: 'list', placement: 'bottom', showLegend: true }, xTickLabelRotation: 0 };
    case 'piechart':
      return { pieType: 'donut', reduceOptions: { calcs: ['lastNotNull'], fields: '', values: true }, legend: { displayMode: 'table', placement: 'right', values: ['value', 'percent'], showLegend: true } };
    case 'bargauge':
      return { orientation: 'horizontal', displayMode: 'gradient', reduceOptions: { calcs: ['lastNotNull'], fields: '', values: true }, showUnfilled: true };
  }
}

function variable(spec: VariableSpec): Json {
  const common = {
    name: spec.name, label: spec.label, description: spec.description, multi: spec.multi, includeAll: spec.includeAll,
    ...(spec.allValue === undefined ? {} : { allValue: spec.allValue }), hide: spec.derived ? 2 : 0, skipUrlSync: spec.derived === true,
  };
  if (spec.values) {
    const selected = spec.selected ?? spec.values;
    const all = spec.includeAll && selected.length === spec.values.length;
    return {
      ...common,
      type: 'custom',
      query: spec.values.join(','),
      current: all ? { text: ['All'], value: ['$__all'] } : { text: selected, value: selected },
      options: spec.values.map((v) => ({ text: v, value: v, selected: selected.includes(v) })),
    };
  }
  // A plain-SQL variable query (the plugin reads a string query or {rawSql}); first column value, second text.
  // refresh 1: on dashboard load; 2: also whenever the time range changes.
  return { ...common, type: 'query', datasource: DATASOURCE, query: spec.sql, definition: spec.sql, refresh: spec.derived ? 2 : 1, sort: 0, regex: '', current: {}, options: [] };
}

/** Panels flow left to right, wrapping at Grafana's 24 columns; a row heading starts a new line of its own. */
export function dashboard(spec: DashboardSpec, database: string): Json {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  const panels = spec.panels.map((p, i) => {
    if (isRow(p)) {
      y += rowHeight;
      const gridPos = { x: 0, y, w: 24, h: 1 };
      [x, y, rowHeight] = [0, y + 1, 0];
      // Not collapsed: the row's panels stay in the dashboard's own list, after the row.
      return { id: i + 1, type: 'row', title: p.row, collapsed: false, gridPos, panels: [] };
    }
    if (x + p.w > 24) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const gridPos = { x, y, w: p.w, h: p.h };
    x += p.w;
    rowHeight = Math.max(rowHeight, p.h);
    return panel(p, i + 1, gridPos);
  });
  return {
    __requires: [{ type: 'datasource', id: PLUGIN, name: 'ClickHouse', version: '4.0.0' }],
    uid: spec.uid,
    title: spec.title,
    description: spec.description,
    tags: spec.tags,
    editable: true,
    graphTooltip: 1,
    timezone: 'utc',
    time: { from: 'now-7d', to: 'now' },
    refresh: '',
    schemaVersion: 39,
    version: 1,
    links: [{ type: 'dashboards', tags: ['smart-foundations'], asDropdown: false, includeVars: true, keepTime: true, title: 'Smart Foundations' }],
    annotations: { list: [] },
    templating: {
      list: [
        { name: 'datasource', label: 'Data source', type: 'datasource', query: PLUGIN, hide: 0, refresh: 1, regex: '', current: {}, options: [] },
        // The collector's database (--database / SF_DATABASE); change it here if yours is not "sf".
        { name: 'database', label: 'ClickHouse database', type: 'constant', query: database, hide: 2, current: { text: database, value: database }, options: [{ text: database, value: database, selected: true }] },
        ...spec.variables.map(variable),
      ],
    },
    panels,
  };
}
