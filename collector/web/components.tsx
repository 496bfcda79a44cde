import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { WebAssets } from './assets.js';
import type { ChartSpec } from './chart-spec.js';

/** The document head every page shares: the style sheet, and the chart script where charts are drawn. */
export function Head(props: { title: string; assets: WebAssets; script?: boolean }) {
  const { assets } = props;
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${props.title} · Smart Foundations`}</title>
      {assets.url('app.css') ? <link rel="stylesheet" href={assets.url('app.css')} /> : null}
      {props.script && assets.url('app.js') ? <script type="module" src={assets.url('app.js')}></script> : null}
    </head>
  );
}

/**
 * A chart the client bundle draws on the canvas, always with its numbers as a table: the table is
 * what screen readers, keyboard users and a browser without the script get.
 */
export function Chart(props: { id: string; title: string; description: string; spec: ChartSpec; tableCaption?: string }) {
  const { id, title, description, spec } = props;
  // `<` is escaped so no value can close the data block early.
  const json = JSON.stringify(spec).replaceAll('<', '\\u003c');
  return (
    <figure class="chart">
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <div class="chart-canvas">
        <canvas data-chart={id} role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`}></canvas>
      </div>
      <p id={`${id}-desc`} class="chart-description">{description}</p>
      <script type="application/json" id={id}>{raw(json)}</script>
      <details>
        <summary>Show the data as a table</summary>
        <table class="data">
          <caption>{props.tableCaption ?? title}</caption>
          <thead>
            <tr>
              <th scope="col">{spec.horizontal ? 'Site' : 'Date'}</th>
              {spec.series.map((s) => <th scope="col">{s.label}</th>)}
            </tr>
          </thead>
          <tbody>
            {spec.labels.map((label, i) => (
              <tr>
                <th scope="row">{label}</th>
                {spec.series.map((s) => <td class="num">{s.data[i] === null || s.data[i] === undefined ? '–' : String(s.data[i])}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

const STATUS_TEXT: Record<string, [string, string]> = {
  pass: ['✓', 'Pass'],
  fail: ['✗', 'Fail'],
  unknown: ['?', 'Unknown'],
};

/** A result as symbol and word: never colour alone. */
export function Status(props: { status: string; compact?: boolean }) {
  const [symbol, word] = STATUS_TEXT[props.status] ?? ['·', props.status || 'Not in scope'];
  return props.compact ? (
    <span class={`status status-${props.status || 'none'}`} title={word} aria-label={word} role="img">{symbol}</span>
  ) : (
    <span class={`status status-${props.status}`}>
      <span aria-hidden="true">{symbol}</span> {word}
    </span>
  );
}

export function Level(props: { level: number | null; name: string | null }) {
  if (props.level === null) return <span class="level level-none">No level</span>;
  return <span class={`level level-${props.level}`}>Level {props.level} · {props.name}</span>;
}

/** A 0–100 score as a native meter (announced by screen readers) with its number beside it. */
export function ScoreMeter(props: { value: number | null; label: string }) {
  if (props.value === null) return <span>–</span>;
  return (
    <span class="score-meter">
      <meter min={0} max={100} low={40} high={75} optimum={100} value={props.value} aria-label={props.label}></meter>
      <span class="num">{props.value.toFixed(1)}</span>
    </span>
  );
}

export function Card(props: { title: string; children?: Child; id?: string }) {
  return (
    <section class="card" aria-labelledby={props.id}>
      <h2 class="card-title" id={props.id}>{props.title}</h2>
      {props.children}
    </section>
  );
}

/** A data table's column headings, one `<th scope="col">` each. */
export function TableHead(props: { columns: readonly string[] }) {
  return (
    <thead>
      <tr>
        {props.columns.map((name) => (
          <th scope="col">{name}</th>
        ))}
      </tr>
    </thead>
  );
}

/** A control's row heading: its id and title (and anything the row adds, such as "critical"). */
export function ControlHeading(props: { id: string; title: string | undefined; children?: Child }) {
  return (
    <th scope="row">
      <span class="control-id">{props.id}</span> {props.title}
      {props.children}
    </th>
  );
}

/** Previous / next links for a paged list. */
export function Pager(props: { total: number; offset: number; limit: number; href: (offset: number) => string }) {
  const { total, offset, limit } = props;
  if (total <= limit) return null;
  return (
    <nav class="pager" aria-label="Pages">
      {offset > 0 ? <a href={props.href(Math.max(0, offset - limit))}>← Previous {limit}</a> : null}
      <span>
        {offset + 1}–{Math.min(total, offset + limit)} of {total}
      </span>
      {offset + limit < total ? <a href={props.href(offset + limit)}>Next {limit} →</a> : null}
    </nav>
  );
}
