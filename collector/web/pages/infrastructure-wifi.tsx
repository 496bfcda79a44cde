import type { InfrastructureWifi } from '../../queries/network-wifi.js';
import type { SiteOperations } from '../../queries/operations.js';
import { count } from '../format.js';
import { TableHead } from '../components.js';

const dbm = (value: number | null) => (value === null ? '–' : `${value} dBm`);
const pct = (value: number | null) => (value === null ? '–' : `${value}\u00a0%`);

/**
 * Wi-Fi as the wireless controllers and APs see it (channel utilisation, noise, clients per radio)
 * beside what the site's endpoints measured (their signal, INF-WIFI): a site whose laptops report a
 * weak signal on radios that are not busy wants more APs; one whose radios are saturated wants capacity.
 */
export function InfrastructureWifiSection(props: { wifi: InfrastructureWifi; sites: SiteOperations[]; siteNames: Map<string, string> }) {
  const { wifi, sites, siteNames } = props;
  const endpoint = new Map(sites.map((s) => [s.site_id, s]));
  const siteIds = [...new Set([...wifi.sites.map((s) => s.site_id), ...sites.filter((s) => s.wifi_judged > 0).map((s) => s.site_id)])].sort();
  const radiosOf = new Map(wifi.sites.map((s) => [s.site_id, s]));
  const name = (site: string) => siteNames.get(site) ?? site;
  return (
    <section aria-labelledby="infra-wifi-heading">
      <h2 id="infra-wifi-heading">Wi-Fi from the infrastructure</h2>
      {wifi.radio_count === 0 ? (
        <p>
          No wireless controller or access point reports its radios here. A site poller polling a controller or AP (Cisco AireOS, Catalyst 9800 or Business Wireless, Aruba Instant, Ruckus or UniFi APs)
          adds channel utilisation, noise and clients per radio.
        </p>
      ) : (
        <p>
          <span data-value="radios">{count(wifi.radio_count)}</span> radios reported by controllers and access points in the 7 days to this date, beside the signal the
          site's endpoints measured over the same days.
        </p>
      )}
      {siteIds.length > 0 && (
        <table class="data" id="infra-wifi-sites">
          <caption>Per site: what the radios report and what endpoints measured</caption>
          <TableHead columns={['Site', 'Endpoint signal, 10th percentile', 'Endpoints failing Wi-Fi', 'Radios', 'Clients', 'Busiest radio, channel utilisation', 'Noisiest radio, noise floor']} />
          <tbody>
            {siteIds.map((site) => {
              const measured = endpoint.get(site);
              const radios = radiosOf.get(site);
              return (
                <tr data-site={site}>
                  <th scope="row">{name(site)}</th>
                  <td class="num" data-value="endpoint-signal">{dbm(measured?.wifi_p10_dbm ?? null)}</td>
                  <td class="num">{measured ? `${count(measured.wifi_failing)} of ${count(measured.wifi_judged)}` : '–'}</td>
                  <td class="num" data-value="site-radios">{count(radios?.radios ?? 0)}</td>
                  <td class="num" data-value="site-clients">{radios ? count(radios.clients) : '–'}</td>
                  <td class="num" data-value="busiest">{pct(radios?.busiest_utilisation_pct ?? null)}</td>
                  <td class="num" data-value="noisiest">{dbm(radios?.worst_noise_dbm ?? null)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {wifi.radios.length > 0 && (
        <table class="data" id="infra-wifi-radios">
          <caption>
            Radios, busiest first{wifi.radios.length < wifi.radio_count ? ` (the ${count(wifi.radios.length)} busiest of ${count(wifi.radio_count)})` : ''}
          </caption>
          <TableHead columns={['Access point', 'Band', 'Channel', 'Channel utilisation, mean', 'Channel utilisation, highest', 'Noise floor', 'Clients', 'Site', 'Controller']} />
          <tbody>
            {wifi.radios.map((r) => (
              <tr data-radio={`${r.ap_name}/${r.band}${r.radio_ordinal > 0 ? `/${r.radio_ordinal + 1}` : ''}`}>
                <th scope="row">{r.ap_name}</th>
                <td>{r.band}</td>
                <td class="num">{r.channel ?? '–'}</td>
                <td class="num" data-value="utilisation">{pct(r.utilisation_mean_pct)}</td>
                <td class="num">{pct(r.utilisation_max_pct)}</td>
                <td class="num" data-value="noise">{dbm(r.noise_mean_dbm)}</td>
                <td class="num" data-value="clients">{r.clients === null ? '–' : count(r.clients)}</td>
                <td>{name(r.site_id)}</td>
                <td>{r.target}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
