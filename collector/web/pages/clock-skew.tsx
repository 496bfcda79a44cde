import { AGENT_CLOCK_TOLERANCE_SECONDS } from '../../../protocol/index.js';
import type { DeviceClockSkew } from '../../queries/clock-skew.js';
import { count, query } from '../format.js';
import { TableHead } from '../components.js';

/** Seconds as a person reads a clock error: "3 min", "2 h", "400 days". */
function span(seconds: number): string {
  const abs = Math.abs(seconds);
  const sign = seconds < 0 ? '−' : '';
  if (abs < 120) return `${sign}${Math.round(abs)} s`;
  if (abs < 7200) return `${sign}${Math.round(abs / 60)} min`;
  if (abs < 172_800) return `${sign}${Math.round(abs / 3600)} h`;
  return `${sign}${count(Math.round(abs / 86_400))} days`;
}

/**
 * Agents whose clock ran ahead of the collector's: their future times were clamped or made unknown
 * at ingest, so scores hold, but the clock still wants fixing (a clock wrong by minutes breaks Kerberos).
 */
export function ClockSkewSection(props: { skew: DeviceClockSkew[]; asOf: string }) {
  const { skew, asOf } = props;
  return (
    <section aria-labelledby="clock-heading">
      <h2 id="clock-heading">Agent clocks</h2>
      <p>
        <span data-value="clock-skewed">{count(skew.length)}</span> endpoints sent reports timed more than {AGENT_CLOCK_TOLERANCE_SECONDS / 60} minutes after the collector received
        them in the 7 days to this date; their times were held to the receipt time.
      </p>
      {skew.length > 0 && (
        <table class="data" id="clock-skew">
          <caption>Endpoints whose clock ran ahead</caption>
          <TableHead columns={['Device', 'Site', 'Reports ahead', 'Furthest ahead', 'Last report']} />
          <tbody>
            {skew.map((d) => (
              <tr data-device={d.device_id}>
                <th scope="row">
                  <a href={`/devices/${encodeURIComponent(d.device_id)}${query({ as_of: asOf })}`}>{d.device_id}</a>
                </th>
                <td>{d.site_id}</td>
                <td class="num" data-value="skewed-reports">
                  {count(d.skewed_reports)} of {count(d.reports)}
                </td>
                <td class="num">{span(d.max_ahead_seconds)}</td>
                <td class="num">{span(d.last_skew_seconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
