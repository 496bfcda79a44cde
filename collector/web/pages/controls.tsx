import type { ControlSource, ScoringModel } from '../../scoring/controls.js';
import { percent } from '../format.js';
import { ControlHeading, TableHead } from '../components.js';

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
        <p>
          Levels are this project's own bands, not NHS England Digital Maturity Assessment levels: no public framework defines these score bands or names. A level is
          reached only when the overall score is in its band and every gate of it, and of every level below it, holds.
        </p>
        <table class="data" id="levels">
          <caption>Levels: the least score of each band and the gates that must hold to reach it</caption>
          <TableHead columns={['Level', 'Score from', 'Gates', 'Source']} />
          <tbody>
            {levels.map((level) => (
              <tr data-level={level.level}>
                <th scope="row">
                  {level.level} · {level.name}
                </th>
                <td class="num">{level.min_score}</td>
                <td>
                  {level.gates.length === 0
                    ? '–'
                    : level.gates.map((gate) => (
                        <p data-gate={gate.id}>
                          {gate.title}: at most {percent(gate.max_fail_share)} of devices in scope fail {gate.controls.join(' or ')}
                        </p>
                      ))}
                </td>
                <td class="wide">
                  {level.gates.length === 0 ? 'Project choice: score band' : level.gates.map((gate) => <SourceCell source={gate.source} />)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <ul>
          <li>
            Coverage is the share of known devices (reporting, or listed in an asset register) that reported in the last {coverage.reporting_days} days; below{' '}
            {percent(coverage.low_confidence_below)} a score is marked low confidence.
          </li>
        </ul>
      </section>
      <section aria-labelledby="controls-heading">
        <h2 id="controls-heading">Controls</h2>
        <table class="data" id="controls">
          <caption>Controls, their thresholds, weights and sources (the document, version and clause each threshold comes from, and where the project chose for itself)</caption>
          <TableHead columns={['Control', 'Domain', 'Applies to', 'Why it matters', 'Threshold', 'Weight', 'Source']} />
          <tbody>
            {model.controls.map((c) => (
              <tr data-control={c.id}>
                <ControlHeading id={c.id} title={c.title}>
                  {c.critical ? <span class="critical"> (critical)</span> : null}
                </ControlHeading>
                <td>{c.domain === 'cyber' ? 'Cyber' : 'Infrastructure'}</td>
                <td>{c.scope === 'network' ? 'Network gear' : 'Endpoints'}</td>
                <td class="wide">{c.rationale}</td>
                <td>
                  {Object.entries(c.threshold)
                    .map(([key, value]) => `${key.replaceAll('_', ' ')}: ${Array.isArray(value) ? value.join(', ') : value}`)
                    .join('; ') || '–'}
                </td>
                <td class="num">{c.weight}</td>
                <td class="wide">
                  <SourceCell source={c.source} />
                </td>
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

/**
 * Each cited document (linked where it has an address) with its version and clause, then the
 * project's own choice: the same text as `sourceText`, which the API serves as `source_text`.
 */
function SourceCell(props: { source: ControlSource }) {
  const { cites, project_choice } = props.source;
  return (
    <>
      {cites.map((cite, i) => (
        <>
          {i > 0 ? '. ' : ''}
          {cite.url ? <a href={cite.url}>{`${cite.document} ${cite.version}`}</a> : `${cite.document} ${cite.version}`}
          {`: ${cite.clause}`}
        </>
      ))}
      {project_choice ? (
        <>
          {cites.length > 0 ? '. ' : ''}
          <em class="project-choice">{`Project choice: ${project_choice}`}</em>
        </>
      ) : null}
    </>
  );
}
