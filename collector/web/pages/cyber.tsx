import type { ChangeSummary } from '../../queries/changes.js';
import type { ScoringModel } from '../../scoring/controls.js';
import type { DeviceListRow } from '../../queries/device-list.js';
import { Pager, TableHead } from '../components.js';
import { count, daysBetween, day, deviceName, moment, query } from '../format.js';

/** The findings a cyber team works through: each is a device failing one control. */
export const FINDING_LISTS = [
  { id: 'unsupported', control: 'CYB-OS-SUPPORTED', label: 'Unsupported operating systems' },
  { id: 'network-firmware', control: 'CYB-NET-FW', label: 'Network gear on unsupported firmware' },
  { id: 'unpatched', control: 'CYB-PATCH', label: 'Unpatched' },
] as const;

export interface CyberSelection {
  trust: string;
  site?: string;
  asOf: string;
  control: string;
  kind?: 'endpoint' | 'network';
  offset: number;
  limit: number;
}

export function CyberPage(props: {
  selection: CyberSelection;
  rows: DeviceListRow[];
  total: number;
  /** Failing devices per control in the selected scope, from the same counts as the scores. */
  failing: Map<string, number>;
  model: ScoringModel;
  siteNames: Map<string, string>;
  /** Against the day before's snapshot, when one was kept. */
  changes?: ChangeSummary;
}) {
  const { selection: s, rows, total, failing, model, siteNames, changes } = props;
  const scope = { trust: s.trust, site: s.site, as_of: s.asOf };
  const title = model.controls.find((c) => c.id === s.control)?.title ?? s.control;
  const apiQuery = { ...scope, control: s.control, status: 'fail', kind: s.kind };
  const csvHref = `/v1/devices${query({ ...apiQuery, limit: 10_000, format: 'csv' })}`;
  const changesHref = (change: string) =>
    `/v1/findings/changes${query({ trust: s.trust, site: s.site, kind: s.kind, control: s.control, from: changes?.from, to: s.asOf, change, limit: 10_000, format: 'csv' })}`;
  return (
    <>
      <nav aria-label="Findings" class="tabs">
        <ul>
          {FINDING_LISTS.map((list) => (
            <li>
              <a href={`/cyber${query({ ...scope, control: list.control })}`} aria-current={list.control === s.control ? 'true' : undefined} data-list={list.id}>
                {list.label} <span class="count">{count(failing.get(list.control) ?? 0)}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <form method="get" action="/cyber" class="filter secondary" aria-label="Choose a control">
        {Object.entries(scope).map(([name, value]) => (value ? <input type="hidden" name={name} value={value} /> : null))}
        <label>
          Failing control
          <select name="control">
            {model.controls.map((c) => (
              <option value={c.id} selected={c.id === s.control}>
                {c.id}: {c.title} ({count(failing.get(c.id) ?? 0)})
              </option>
            ))}
          </select>
        </label>
        <label>
          Kind
          <select name="kind">
            <option value="">Endpoints and network gear</option>
            <option value="endpoint" selected={s.kind === 'endpoint'}>Endpoints</option>
            <option value="network" selected={s.kind === 'network'}>Network gear</option>
          </select>
        </label>
        <button type="submit">Show</button>
      </form>

      <section aria-labelledby="findings-heading">
        <h2 id="findings-heading">
          {s.control}: {title} — <span data-value="total">{count(total)}</span> failing
        </h2>
        {changes ? (
          <p id="changes">
            Since {day(changes.from)}: <a href={changesHref('new')} data-value="new">{count(changes.new)} new</a>,{' '}
            <a href={changesHref('resolved')} data-value="resolved">{count(changes.resolved)} resolved</a>
            {changes.out_of_scope > 0 ? (
              <>
                , <a href={changesHref('out_of_scope')} data-value="out_of_scope">{count(changes.out_of_scope)} no longer in scope</a>
              </>
            ) : null}{' '}
            (CSV)
          </p>
        ) : null}
        <p>
          <a class="button" href={csvHref} download>
            Download CSV
          </a>{' '}
          {total > 10_000 ? <span>The CSV holds the first 10,000; the API pages through the rest.</span> : null}
        </p>
        {rows.length === 0 ? (
          <p>No device fails this control here.</p>
        ) : (
          <table class="data" id="findings">
            <caption>Devices failing {s.control} as of {day(s.asOf)}</caption>
            <TableHead columns={['Device', 'Site', 'Kind', 'Model', 'Operating system / firmware', 'Reason', 'Evidence', 'Failing since', 'Last seen']} />
            <tbody>
              {rows.map((r) => (
                <tr data-device={r.device_id}>
                  <th scope="row">
                    <a href={`/devices/${encodeURIComponent(r.device_id)}${query({ as_of: s.asOf })}`} title={r.hostname || r.device_id}>
                      {deviceName(r.hostname, r.device_id)}
                    </a>
                  </th>
                  <td>{siteNames.get(r.site_id) ?? r.site_id}</td>
                  <td>{r.kind}</td>
                  <td>{r.model}</td>
                  <td>{r.os}</td>
                  <td class="wide">{r.reason}</td>
                  <td class="wide">{r.evidence}</td>
                  <td data-value="failing_since">
                    {r.failing_since ? `${day(r.failing_since)} (${daysBetween(r.failing_since, s.asOf)} days)` : '–'}
                  </td>
                  <td>{moment(r.last_seen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pager total={total} offset={s.offset} limit={s.limit} href={(offset) => `/cyber${query({ ...scope, control: s.control, kind: s.kind, offset })}`} />
        <p class="note">"Failing since" is the first daily snapshot of the current run of failures; it cannot be older than the oldest snapshot kept.</p>
      </section>
    </>
  );
}
