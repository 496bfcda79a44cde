import type { CyberEssentialsView, ThemeCounts, ThemeView } from '../../queries/cyber-essentials.js';
import { Card, TableHead } from '../components.js';
import { count, day, daysBetween, deviceName, query } from '../format.js';

/** Findings shown per theme on the page; the theme's CSV holds them all (up to the API's limit). */
export const PAGE_FINDINGS = 100;

const figure = (value: number | null) => (value === null ? 'Not measurable' : count(value));

/**
 * The Cyber Essentials view: per technical control theme, the devices whose telemetry shows they
 * would fail it, and why. Indicative, said at the top and in every export.
 */
export function CyberEssentialsPage(props: { view: CyberEssentialsView }) {
  const { view } = props;
  const fw = view.framework;
  const scope = { trust: view.trust ?? undefined, site: view.site ?? undefined, as_of: view.as_of };
  const csvHref = (theme?: string) => `/v1/frameworks/cyber-essentials${query({ ...scope, theme, format: 'csv' })}`;
  const trust = view.trusts[0];
  const siteNames = new Map(view.trusts.flatMap((tr) => tr.sites.map((s) => [s.site_id, s.name] as const)));
  return (
    <>
      <p class="lede warning" id="disclaimer" role="note">
        <span data-value="disclaimer">{view.disclaimer}</span>. It lists the devices whose telemetry shows they would fail a technical control theme of{' '}
        <a href={fw.url}>{fw.document} {fw.version}</a> ({fw.publisher}, {day(fw.published)}). A certification also covers scope, policies, accounts and
        boundary devices that an agent and an SNMP poller cannot see.
      </p>
      <p>
        <a class="button" href={csvHref()} download>
          Download CSV (all themes)
        </a>
      </p>

      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading">Themes as of {day(view.as_of)}</h2>
        <div class="scroll">
          <table class="data" id="ce-summary">
            <caption>Devices per Cyber Essentials theme{view.site ? '' : ' in the whole trust'}</caption>
            <thead>
              <tr>
                <th scope="col">Theme</th>
                <th scope="col" class="num">Devices in scope</th>
                <th scope="col" class="num">Would fail</th>
                <th scope="col" class="num">Unknown</th>
                <th scope="col" class="num">Pass</th>
                <th scope="col">Evidence from controls</th>
              </tr>
            </thead>
            <tbody>
              {view.themes.map((t) => (
                <tr data-theme={t.id}>
                  <th scope="row">
                    <a href={`#theme-${t.id}`}>{t.name}</a> <span class="note">({t.clause})</span>
                  </th>
                  <td class="num" data-value="devices">{figure(t.devices)}</td>
                  <td class="num" data-value="failing">{figure(t.failing)}</td>
                  <td class="num" data-value="unknown">{figure(t.unknown)}</td>
                  <td class="num" data-value="passing">{figure(t.passing)}</td>
                  <td>{t.controls.length ? t.controls.map((c) => c.control_id).join(', ') : 'none: not measurable by the agent or poller'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {trust && trust.sites.length > 1 ? <SiteTable view={view} sites={trust.sites} /> : null}

      {view.themes.map((t) => (
        <ThemeSection theme={t} scope={scope} csvHref={csvHref(t.id)} siteNames={siteNames} />
      ))}
      <p class="note">
        "Failing since" is the first daily snapshot of the current run of failures. Unknown devices fail none of the theme's controls but could not be judged on at
        least one; each reason is on the device's page.
      </p>
    </>
  );
}

function SiteTable(props: { view: CyberEssentialsView; sites: Array<{ site_id: string; name: string; themes: ThemeCounts[] }> }) {
  const { view, sites } = props;
  const measured = view.themes.filter((t) => t.measurable);
  return (
    <section aria-labelledby="sites-heading">
      <h2 id="sites-heading">Per site: devices that would fail, of those in scope</h2>
      <div class="scroll">
        <table class="data" id="ce-sites">
          <caption>Devices that would fail each theme, per site</caption>
          <thead>
            <tr>
              <th scope="col">Site</th>
              {measured.map((t) => <th scope="col" class="num">{t.name}</th>)}
            </tr>
          </thead>
          <tbody>
            {sites.map((s) => (
              <tr data-site={s.site_id}>
                <th scope="row">
                  <a href={`/cyber-essentials${query({ trust: view.trust ?? undefined, site: s.site_id, as_of: view.as_of })}`}>{s.name}</a>
                </th>
                {measured.map((t) => {
                  const c = s.themes.find((x) => x.theme === t.id);
                  return <td class="num" data-theme={t.id}>{c ? `${count(c.failing ?? 0)} of ${count(c.devices ?? 0)}` : '–'}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

type Scope = { trust?: string; site?: string; as_of: string };

function ThemeSection(props: { theme: ThemeView; scope: Scope; csvHref: string; siteNames: Map<string, string> }) {
  const { theme: t, scope } = props;
  const asOf = scope.as_of;
  // The reasons behind the unknown count, from the device list of each control.
  const unknownCsv = (control: string) => `/v1/devices${query({ ...scope, control, status: 'unknown', limit: 10_000, format: 'csv' })}`;
  return (
    <section aria-labelledby={`theme-${t.id}`} data-theme={t.id}>
      <h2 id={`theme-${t.id}`}>
        {t.name} <span class="note">{t.clause}</span>
      </h2>
      <p>{t.requirement}</p>
      {!t.measurable ? (
        <Card title="Not measurable" id={`not-measurable-${t.id}`}>
          <p data-value="not-measurable">{t.not_measurable}</p>
        </Card>
      ) : (
        <>
          <ul>
            {t.controls.map((c) => (
              <li data-control={c.control_id}>
                <a href={`/cyber${query({ ...scope, control: c.control_id })}`}>
                  <span class="control-id">{c.control_id}</span>
                  {c.title}
                </a>
                : {c.why}
                {c.stricter_than_clause ? <span class="note"> Stricter than the clause: {c.stricter_than_clause}</span> : null}{' '}
                <a href={unknownCsv(c.control_id)} download data-unknown={c.control_id}>
                  Unknown on {c.control_id}, with reasons (CSV)
                </a>
              </li>
            ))}
          </ul>
          {t.not_observed ? <p class="note">Not seen by telemetry: {t.not_observed}</p> : null}
          <p>
            <span data-value="failing">{count(t.failing ?? 0)}</span> of <span data-value="devices">{count(t.devices ?? 0)}</span> devices in scope would fail
            (<span data-value="findings">{count(t.findings_total)}</span> failing results); <span data-value="unknown">{count(t.unknown ?? 0)}</span> unknown.{' '}
            <a href={props.csvHref} download data-csv={t.id}>
              Download CSV: {t.name}
            </a>
          </p>
          {t.findings.length === 0 ? (
            <p>No device in scope fails this theme's controls.</p>
          ) : (
            <FindingsTable theme={t} asOf={asOf} siteNames={props.siteNames} />
          )}
          {t.findings_total > t.findings.length ? (
            <p class="note">
              The first {count(t.findings.length)} of {count(t.findings_total)} are shown; the CSV holds them all.
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

function FindingsTable(props: { theme: ThemeView; asOf: string; siteNames: Map<string, string> }) {
  const { theme: t, asOf } = props;
  return (
    <div class="scroll">
      <table class="data" id={`findings-${t.id}`}>
        <caption>Devices that would fail {t.name} as of {day(asOf)}</caption>
        <TableHead columns={['Device', 'Site', 'Control', 'Reason', 'Evidence', 'Failing since']} />
        <tbody>
          {t.findings.map((f) => (
            <tr data-device={f.device_id} data-control={f.control_id}>
              <th scope="row">
                <a href={`/devices/${encodeURIComponent(f.device_id)}${query({ as_of: asOf })}`} title={f.hostname || f.device_id}>
                  {deviceName(f.hostname, f.device_id)}
                </a>
              </th>
              <td>{props.siteNames.get(f.site_id) ?? f.site_id}</td>
              <td>{f.control_id}</td>
              <td class="wide">{f.reason}</td>
              <td class="wide">{f.evidence}</td>
              <td>{f.failing_since ? `${day(f.failing_since)} (${daysBetween(f.failing_since, asOf)} days)` : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
