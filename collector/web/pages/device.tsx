import type { ScoringModel } from '../../scoring/controls.js';
import type { DeviceLabel } from '../../queries/device-labels.js';
import type { NetworkIdentity } from '../../queries/network-identity.js';
import type { ChartSpec } from '../chart-spec.js';
import { Chart, ControlHeading, Status, TableHead } from '../components.js';
import { day, moment, score } from '../format.js';
import { NetworkIdentitySection } from './network-identity.js';

export interface DeviceView extends DeviceLabel {
  as_of: string;
  device_id: string;
  site_id: string;
  trust_id: string;
  kind: string;
  score: number | null;
  controls: Array<{ control_id: string; status: string; reason: string; evidence: string }>;
  history: Array<{ as_of: string; score: number | null; controls: Record<string, string> }>;
}

/** One device: every control that applies to it, with the evidence, and how each result moved. */
export function DevicePage(props: { device: DeviceView; model: ScoringModel; siteName: string; identity?: NetworkIdentity }) {
  const { device, model } = props;
  const titles = new Map(model.controls.map((c) => [c.id, c.title]));
  const spec: ChartSpec = {
    type: 'line',
    labels: device.history.map((h) => h.as_of),
    series: [{ label: 'Device score', data: device.history.map((h) => h.score) }],
    valueAxis: { title: 'Score (0–100)', min: 0, max: 100 },
  };
  return (
    <>
      <dl class="facts" id="device-facts">
        <div><dt>Device id</dt><dd>{device.device_id}</dd></div>
        <div><dt>Site</dt><dd>{props.siteName} ({device.trust_id})</dd></div>
        <div><dt>Kind</dt><dd>{device.kind}</dd></div>
        <div><dt>Model</dt><dd>{device.model || '–'}</dd></div>
        <div><dt>Operating system / firmware</dt><dd>{device.os || '–'}</dd></div>
        <div><dt>Last seen</dt><dd>{moment(device.last_seen)}</dd></div>
        <div><dt>Device score</dt><dd data-value="score">{score(device.score)}</dd></div>
      </dl>

      {props.identity && <NetworkIdentitySection identity={props.identity} />}

      <section aria-labelledby="controls-heading">
        <h2 id="controls-heading">Controls as of {day(device.as_of)}</h2>
        <table class="data" id="device-controls">
          <caption>Every control that applies to this device</caption>
          <TableHead columns={['Control', 'Result', 'Reason', 'Evidence']} />
          <tbody>
            {device.controls.map((c) => (
              <tr data-control={c.control_id}>
                <ControlHeading id={c.control_id} title={titles.get(c.control_id)} />
                <td data-value="status">
                  <Status status={c.status} />
                </td>
                <td>{c.reason}</td>
                <td>{c.evidence}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        {device.history.length > 1 ? (
          <Chart id="chart-device" title="Device score in the daily snapshots" description="The device's weighted pass rate over the controls that apply to it." spec={spec} />
        ) : null}
        <div class="scroll">
          <table class="data history" id="device-history">
            <caption>Result of each control in the daily snapshots of the last 30 days</caption>
            <thead>
              <tr>
                <th scope="col">Control</th>
                {device.history.map((h) => (
                  <th scope="col">
                    <time datetime={h.as_of}>{h.as_of.slice(5)}</time>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {device.controls.map((c) => (
                <tr>
                  <th scope="row">{c.control_id}</th>
                  {device.history.map((h) => (
                    <td>
                      <Status status={h.controls[c.control_id] ?? ''} compact />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
