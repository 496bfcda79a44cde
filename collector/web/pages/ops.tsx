import type { InfrastructureWifi } from '../../queries/network-wifi.js';
import type { Operations, SiteOperations } from '../../queries/operations.js';
import type { ChartSpec } from '../chart-spec.js';
import { Chart, Status, TableHead } from '../components.js';
import { ClockSkewSection } from './clock-skew.js';
import { InfrastructureWifiSection } from './infrastructure-wifi.js';
import { count, moment, percent, query } from '../format.js';

const NETWORK_CONTROLS = ['CYB-NET-FW', 'CYB-NET-PATCH', 'INF-NET-ERR', 'CYB-NET-MGMT'];

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** The IT-ops view: is every device reporting, on which agent, and where Wi-Fi and the network hurt. */
export function OpsPage(props: { ops: Operations; wifi: InfrastructureWifi; siteNames: Map<string, string>; trust: string; asOf: string }) {
  const { ops, wifi, siteNames, trust, asOf } = props;
  const name = (site: SiteOperations) => siteNames.get(site.site_id) ?? site.site_id;
  const findings = (control: string, site?: string) => `/cyber${query({ trust, site, as_of: asOf, control })}`;
  const total = (key: keyof SiteOperations) => ops.sites.reduce((sum, s) => sum + Number(s[key] ?? 0), 0);
  const hotSpots = [...ops.sites].sort(
    (a, b) => (share(b.wifi_failing, b.wifi_judged) ?? 0) + (share(b.latency_failing, b.latency_judged) ?? 0) - ((share(a.wifi_failing, a.wifi_judged) ?? 0) + (share(a.latency_failing, a.latency_judged) ?? 0)),
  );
  const versionTotal = ops.agent_versions.reduce((sum, v) => sum + v.devices, 0);
  const coverageSpec: ChartSpec = {
    type: 'bar',
    horizontal: true,
    stacked: true,
    labels: ops.sites.map(name),
    series: [
      { label: 'Reporting', data: ops.sites.map((s) => s.reporting), tone: 'good' },
      { label: 'Stale', data: ops.sites.map((s) => s.stale), tone: 'warn' },
      { label: 'Never reported', data: ops.sites.map((s) => s.never_reported), tone: 'bad' },
    ],
    valueAxis: { title: 'Devices' },
  };
  const hotSpotSpec: ChartSpec = {
    type: 'bar',
    horizontal: true,
    labels: hotSpots.map(name),
    series: [
      { label: 'Wi-Fi failing (%)', data: hotSpots.map((s) => pct(share(s.wifi_failing, s.wifi_judged))) },
      { label: 'Latency failing (%)', data: hotSpots.map((s) => pct(share(s.latency_failing, s.latency_judged))) },
    ],
    valueAxis: { title: 'Share of judged devices failing (%)', min: 0, max: 100, suffix: ' %' },
  };
  return (
    <>
      <CatalogueNotice ops={ops} trust={trust} asOf={asOf} />
      <section aria-labelledby="coverage-heading">
        <h2 id="coverage-heading">Agent coverage</h2>
        <p>
          <span data-value="reporting">{count(total('reporting'))}</span> of <span data-value="known">{count(total('known'))}</span> known endpoints reported in the
          reporting window; <a href={findings('CYB-REPORTING')}>{count(total('stale') + total('never_reported'))} did not</a>.
        </p>
        <Chart id="chart-coverage" title="Endpoints by reporting state, per site" description="Reporting, stale and never-reported endpoints of each site." spec={coverageSpec} />
        <table class="data" id="coverage">
          <caption>Agent coverage per site</caption>
          <TableHead columns={['Site', 'Known', 'Reporting', 'Stale', 'Never reported (asset register)', 'Coverage']} />
          <tbody>
            {ops.sites.map((s) => (
              <tr data-site={s.site_id}>
                <th scope="row">{name(s)}</th>
                <td class="num" data-value="known">{count(s.known)}</td>
                <td class="num" data-value="reporting">{count(s.reporting)}</td>
                <td class="num" data-value="stale">
                  <a href={findings('CYB-REPORTING', s.site_id)}>{count(s.stale)}</a>
                </td>
                <td class="num" data-value="never_reported">
                  <a href={findings('CYB-REPORTING', s.site_id)}>{count(s.never_reported)}</a>
                </td>
                <td class="num">{percent(share(s.reporting, s.known), 1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading">Agent versions</h2>
        <table class="data" id="agent-versions">
          <caption>Version each reporting endpoint last ran</caption>
          <TableHead columns={['Version', 'Endpoints', 'Share']} />
          <tbody>
            {ops.agent_versions.map((v) => (
              <tr data-version={v.version}>
                <th scope="row">{v.version}</th>
                <td class="num" data-value="devices">{count(v.devices)}</td>
                <td class="num">{percent(share(v.devices, versionTotal), 1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <ClockSkewSection skew={ops.clock_skew} asOf={asOf} />

      <section aria-labelledby="hotspots-heading">
        <h2 id="hotspots-heading">Wi-Fi and latency hot spots</h2>
        <Chart id="chart-hotspots" title="Share of devices failing the Wi-Fi and latency controls, per site" description="Sites with the most failing devices first." spec={hotSpotSpec} />
        <table class="data" id="hotspots">
          <caption>Wi-Fi and network latency per site, worst first</caption>
          <TableHead columns={['Site', 'Wi-Fi failing', 'Signal, 10th percentile', 'On 2.4 GHz', 'Latency failing', 'Round trip, 95th percentile', 'Loss']} />
          <tbody>
            {hotSpots.map((s) => (
              <tr data-site={s.site_id}>
                <th scope="row">{name(s)}</th>
                <td class="num" data-value="wifi_failing">
                  <a href={findings('INF-WIFI', s.site_id)}>{count(s.wifi_failing)}</a> of {count(s.wifi_judged)}
                </td>
                <td class="num">{s.wifi_p10_dbm === null ? '–' : `${s.wifi_p10_dbm} dBm`}</td>
                <td class="num">{percent(s.wifi_share_2_4ghz)}</td>
                <td class="num" data-value="latency_failing">
                  <a href={findings('INF-LAT', s.site_id)}>{count(s.latency_failing)}</a> of {count(s.latency_judged)}
                </td>
                <td class="num">{s.latency_p95_ms === null ? '–' : `${s.latency_p95_ms} ms`}</td>
                <td class="num">{s.latency_loss_pct === null ? '–' : `${s.latency_loss_pct}\u00a0%`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <InfrastructureWifiSection wifi={wifi} sites={ops.sites} siteNames={siteNames} />

      <section aria-labelledby="network-heading">
        <h2 id="network-heading">Network gear health</h2>
        {ops.network_gear.length === 0 ? (
          <p>No network gear is polled here. A site-server agent with SNMP targets adds it (docs/deploy-agent.md).</p>
        ) : (
          <table class="data" id="network-gear">
            <caption>Polled switches, routers and access points, those with failures first</caption>
            <TableHead columns={['Device', 'Site', 'Address', 'Last polled', ...NETWORK_CONTROLS, 'Poll error']} />
            <tbody>
              {ops.network_gear.map((g) => (
                <tr data-device={g.device_id}>
                  <th scope="row">
                    <a href={`/devices/${encodeURIComponent(g.device_id)}${query({ as_of: asOf })}`}>{g.label || g.device_id}</a>
                  </th>
                  <td>{siteNames.get(g.site_id) ?? g.site_id}</td>
                  <td>{g.address}</td>
                  <td>{moment(g.last_polled)}</td>
                  {NETWORK_CONTROLS.map((c) => (
                    <td data-control={c}>
                      <Status status={g.controls[c] ?? ''} />
                    </td>
                  ))}
                  <td>{g.poll_error}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

function pct(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1000) / 10;
}

/** The catalogues' review dates and the releases they do not know: when CYB-OS-SUPPORTED's and CYB-NET-PATCH's unknowns mean a stale catalogue. */
function CatalogueNotice(props: { ops: Operations; trust: string; asOf: string }) {
  const { catalogue } = props.ops;
  return (
    <section aria-labelledby="catalogue-heading" id="catalogue">
      <h2 id="catalogue-heading">End-of-life and firmware release catalogues</h2>
      <p>
        End-of-life catalogue: revision <span data-value="revision">{catalogue.revision || 'none'}</span>, last reviewed <span data-value="reviewed">{catalogue.reviewed ?? 'never'}</span>
        {catalogue.review_age_days === null ? '' : ` (${count(catalogue.review_age_days)} days before this date)`}. Releases it does not list:{' '}
        <a href={`/cyber${query({ trust: props.trust, as_of: props.asOf, control: 'CYB-OS-SUPPORTED' })}`} data-value="gap-devices">{count(catalogue.gap_devices)} devices</a>.
      </p>
      {catalogue.warnings.map((warning) => (
        <p class="warning" role="status" data-value="catalogue-warning">{warning}</p>
      ))}
      {catalogue.gaps.length > 0 && (
        <table class="data" id="catalogue-gaps">
          <caption>Releases reported that the end-of-life catalogue does not list (support unknown)</caption>
          <TableHead columns={['Release', 'Newer than every catalogued release', 'Devices']} />
          <tbody>
            {catalogue.gaps.map((gap) => (
              <tr data-release={gap.release}>
                <th scope="row">{gap.release}</th>
                <td>{gap.newer_than_catalogue ? 'yes' : 'no'}</td>
                <td class="num" data-value="devices">{count(gap.devices)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
