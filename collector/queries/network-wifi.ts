import type { Store } from '../store/store.js';
import { TRUST_SCOPE_SQL, trustScopeParams } from '../store/trust-scope.js';

/** One radio of a wireless controller or access point, over the 7 days to the end of the as-of day. */
export interface RadioHealth {
  trust_id: string;
  site_id: string;
  /** The poller's name for the controller or AP that served the radio. */
  target: string;
  ap_name: string;
  ap_mac: string;
  band: string;
  /** Which of the AP's radios with this name, MAC and band (0 for the first; migration 022). */
  radio_ordinal: number;
  /** Channel at the last poll in the window. */
  channel: number | null;
  /** Mean and highest channel utilisation the radio reported over the window. */
  utilisation_mean_pct: number | null;
  utilisation_max_pct: number | null;
  noise_mean_dbm: number | null;
  /** Clients associated at the last poll in the window. */
  clients: number | null;
  last_polled: string;
}

/** Per site: the radios its controllers and APs report, as the infrastructure sees the air. */
export interface SiteRadios {
  trust_id: string;
  site_id: string;
  radios: number;
  /** Clients associated at each radio's last poll, summed. */
  clients: number;
  /** The busiest radio's mean channel utilisation, and the noisiest radio's mean noise floor. */
  busiest_utilisation_pct: number | null;
  worst_noise_dbm: number | null;
}

export interface InfrastructureWifi {
  sites: SiteRadios[];
  /** The busiest radios first, at most `limit`. */
  radios: RadioHealth[];
  /** Radios in scope in all (the list above may show fewer). */
  radio_count: number;
}

/** Per radio over the 7 days to the date: the store's view (migration 021), which Grafana reads too. */
const PER_RADIO = `SELECT trust_id, site_id, target, ap_name, ap_mac, band, radio_ordinal, channel, utilisation_mean_pct, utilisation_max_pct,
    noise_mean_dbm, clients, toString(last_polled) AS last_polled
  FROM {db}.radio_health(as_of = {as_of:Date})
  WHERE ({trust:String} = '' OR trust_id = {trust:String}) AND ({site:String} = '' OR site_id = {site:String}) AND ${TRUST_SCOPE_SQL}`;

/**
 * Infrastructure Wi-Fi as of a date: what wireless controllers and APs report about each radio
 * (channel utilisation, noise, clients), for the IT-ops view to show beside what endpoints measured
 * at the same site (their signal, from site_operations). Scoped like every read model.
 */
export async function infrastructureWifi(store: Store, asOf: string, filter: { trust?: string; site?: string; trusts?: readonly string[] }, limit = 100): Promise<InfrastructureWifi> {
  const params = { as_of: asOf, trust: filter.trust ?? '', site: filter.site ?? '', limit, ...trustScopeParams(filter.trusts) };
  const [sites, radios] = await Promise.all([
    store.query<Record<keyof SiteRadios, string | number | null>>(
      `SELECT trust_id, site_id, count() AS radios, sum(ifNull(clients, 0)) AS clients,
              max(utilisation_mean_pct) AS busiest_utilisation_pct, max(noise_mean_dbm) AS worst_noise_dbm
       FROM (${PER_RADIO}) GROUP BY trust_id, site_id ORDER BY trust_id, site_id`,
      params,
    ),
    store.query<RadioHealth>(
      `SELECT * FROM (${PER_RADIO})
       ORDER BY ifNull(utilisation_mean_pct, -1) DESC, site_id, target, ap_name, band, radio_ordinal LIMIT {limit:UInt32}`,
      params,
    ),
  ]);
  const siteRows: SiteRadios[] = sites.map((s) => ({
    trust_id: String(s.trust_id),
    site_id: String(s.site_id),
    radios: Number(s.radios),
    clients: Number(s.clients),
    busiest_utilisation_pct: s.busiest_utilisation_pct === null ? null : Number(s.busiest_utilisation_pct),
    worst_noise_dbm: s.worst_noise_dbm === null ? null : Number(s.worst_noise_dbm),
  }));
  return {
    sites: siteRows,
    radios: radios.map((r) => ({ ...r, radio_ordinal: Number(r.radio_ordinal), channel: r.channel === null ? null : Number(r.channel), clients: r.clients === null ? null : Number(r.clients) })),
    radio_count: siteRows.reduce((sum, s) => sum + s.radios, 0),
  };
}
