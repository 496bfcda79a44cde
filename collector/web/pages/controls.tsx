import type { ScoringModel } from '../../scoring/controls.js';
import { percent } from '../format.js';

/** How the scores are made, in the dashboard: the board-paper answer to "says who?". */
export function ControlsPage(props: { model: ScoringModel }) {
  const { model } = props;
  const { levels, coverage } = model;
  return (
    <>
      <p class="lede">
        Every device is checked against each control that applies to it: pass, fail, or unknown with the reason. A domain score is the weighted pass rate of its
        controls; the overall score is the mean of the two domains. Unknown never counts as a pass. Control model revision {model.revision}.
      </p>
      <section aria-labelledby="levels-heading">
        <h2 id="levels-heading">Levels</h2>
        <table class="data" id="levels">
          <caption>Maturity level from the overall score</caption>
          <thead>
            <tr>
              <th scope="col">Level</th>
              <th scope="col">Score from</th>
            </tr>
          </thead>
          <tbody>
            {levels.names.map((name, i) => (
              <tr>
                <th scope="row">
                  {i + 1} · {name}
                </th>
                <td class="num">{i === 0 ? 0 : levels.cut_offs[i - 1]}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <ul>
          {levels.caps.map((cap) => (
            <li>
              No level above {cap.max_level} while more than {percent(cap.max_fail_share)} of devices in scope fail {cap.control}.
            </li>
          ))}
          <li>
            Coverage is the share of known devices (reporting, or listed in an asset register) that reported in the last {coverage.reporting_days} days; below{' '}
            {percent(coverage.low_confidence_below)} a score is marked low confidence.
          </li>
        </ul>
      </section>
      <section aria-labelledby="controls-heading">
        <h2 id="controls-heading">Controls</h2>
        <table class="data" id="controls">
          <caption>Controls, their thresholds, weights and sources</caption>
          <thead>
            <tr>
              <th scope="col">Control</th>
              <th scope="col">Domain</th>
              <th scope="col">Applies to</th>
              <th scope="col">Why it matters</th>
              <th scope="col">Threshold</th>
              <th scope="col">Weight</th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {model.controls.map((c) => (
              <tr data-control={c.id}>
                <th scope="row">
                  <span class="control-id">{c.id}</span> {c.title}
                  {c.critical ? <span class="critical"> (critical)</span> : null}
                </th>
                <td>{c.domain === 'cyber' ? 'Cyber' : 'Infrastructure'}</td>
                <td>{c.scope === 'network' ? 'Network gear' : 'Endpoints'}</td>
                <td class="wide">{c.rationale}</td>
                <td>
                  {Object.entries(c.threshold)
                    .map(([key, value]) => `${key.replaceAll('_', ' ')}: ${Array.isArray(value) ? value.join(', ') : value}`)
                    .join('; ') || '–'}
                </td>
                <td class="num">{c.weight}</td>
                <td class="wide">{c.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p class="note">
          The SQL each control runs is in <a href="/v1/controls">the control catalogue</a> (JSON); the model is explained in docs/scoring.md.
        </p>
      </section>
    </>
  );
}
