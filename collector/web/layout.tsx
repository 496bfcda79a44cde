import type { Child } from 'hono/jsx';
import type { ScoreRun } from '../scoring/evaluate.js';
import type { WebAssets } from './assets.js';
import { Head } from './components.js';
import { day, moment } from './format.js';

export type View = 'cio' | 'cyber' | 'cyber-essentials' | 'ops' | 'controls' | 'device';

const VIEWS: Array<{ view: View; href: string; label: string }> = [
  { view: 'cio', href: '/', label: 'Scores' },
  { view: 'cyber', href: '/cyber', label: 'Cyber' },
  { view: 'cyber-essentials', href: '/cyber-essentials', label: 'Cyber Essentials' },
  { view: 'ops', href: '/ops', label: 'IT operations' },
  { view: 'controls', href: '/controls', label: 'How scores are made' },
];

export interface Directory {
  trusts: Array<{ trust_id: string; name: string }>;
  sites: Array<{ site_id: string; trust_id: string; name: string }>;
}

export interface Filter {
  trust?: string;
  site?: string;
  as_of: string;
}

export interface LayoutProps {
  title: string;
  view: View;
  assets: WebAssets;
  today: string;
  directory: Directory;
  filter: Filter;
  /** Whether the filter offers a site (the CIO view is per trust). */
  siteFilter?: boolean;
  /** Other query parameters the filter form keeps (the cyber view's list and control). */
  keep?: Record<string, string | undefined>;
  /** The run shown; without `devices` (a fleet-wide count) for a reader scoped to some trusts. */
  run?: Omit<ScoreRun, 'devices'> & { devices?: number };
  children?: Child;
}

export function Layout(props: LayoutProps) {
  const { assets, filter, directory } = props;
  const path = VIEWS.find((v) => v.view === props.view)?.href ?? '/';
  return (
    <html lang="en-GB">
      <Head title={props.title} assets={assets} script />
      <body>
        <a class="skip-link" href="#main">Skip to main content</a>
        <header class="top">
          <div class="brand">Smart Foundations</div>
          <nav aria-label="Views">
            <ul>
              {VIEWS.map((v) => (
                <li>
                  <a href={`${v.href}${filter.trust ? `?trust=${encodeURIComponent(filter.trust)}` : ''}`} aria-current={v.view === props.view ? 'page' : undefined}>
                    {v.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <form method="post" action="/logout" class="logout">
            <button type="submit">Log out</button>
          </form>
        </header>
        {props.view === 'device' || props.view === 'controls' ? null : (
          <form class="filter" method="get" action={path} aria-label="Filter">
            <label>
              Trust
              <select name="trust">
                {directory.trusts.map((t) => (
                  <option value={t.trust_id} selected={t.trust_id === filter.trust}>{t.name}</option>
                ))}
              </select>
            </label>
            {props.siteFilter ? (
              <label>
                Site
                <select name="site">
                  <option value="">All sites</option>
                  {directory.sites
                    .filter((s) => !filter.trust || s.trust_id === filter.trust)
                    .map((s) => (
                      <option value={s.site_id} selected={s.site_id === filter.site}>{s.name}</option>
                    ))}
                </select>
              </label>
            ) : null}
            <label>
              As of
              <input type="date" name="as_of" value={filter.as_of} max={props.today} />
            </label>
            {Object.entries(props.keep ?? {}).map(([name, value]) => (value ? <input type="hidden" name={name} value={value} /> : null))}
            <button type="submit">Apply</button>
          </form>
        )}
        <main id="main" tabindex={-1}>
          <h1>{props.title}</h1>
          {props.children}
        </main>
        <footer>
          {props.run ? (
            <p>
              Scores as of {day(props.run.as_of)} (end of day, UTC){props.run.devices === undefined ? '' : ` · ${props.run.devices} devices in all trusts`} · computed {moment(props.run.computed_at)} · control
              model {props.run.model_revision} · end-of-life catalogue {props.run.catalogue_revision}
            </p>
          ) : null}
          <p>
            How every figure is made: <a href="/controls">controls, thresholds, weights and sources</a>.
          </p>
        </footer>
      </body>
    </html>
  );
}
