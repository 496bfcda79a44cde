import type { ScoringModel } from '../../scoring/controls.js';
import type { ControlScore } from '../../scoring/scores.js';
import type { TrendPoint, TrustScore } from '../../scoring/service.js';
import type { ChartSpec } from '../chart-spec.js';
import { Card, Chart, ControlHeading, Level, ScoreMeter, TableHead } from '../components.js';
import { count, day, percent, query, score } from '../format.js';


/** The CIO view: where the trust stands, how it is moving, which sites and controls hold it back. */
export function CioPage(props: { trust: TrustScore; trend: TrendPoint[]; model: ScoringModel; asOf: string }) {
  const { trust, trend, model, asOf } = props;
  const devicesOf = (params: Record<string, string>) => `/cyber${query({ trust: trust.trust_id, as_of: asOf, ...params })}`;
  const titles = new Map(model.controls.map((c) => [c.id, c.title]));
  const dragging = trust.controls.filter((c) => c.fail > 0 && (c.points_lost ?? 0) > 0).sort((a, b) => (b.points_lost ?? 0) - (a.points_lost ?? 0));
  const league = [...trust.sites].sort((a, b) => (b.score ?? -1) - (a.score ?? -1));
  const trendSpec: ChartSpec = {
    type: 'line',
    labels: trend.map((p) => p.as_of),
    series: [
      { label: 'Overall', data: trend.map((p) => p.score) },
      { label: 'Infrastructure', data: trend.map((p) => p.infrastructure) },
      { label: 'Cyber hygiene', data: trend.map((p) => p.cyber) },
    ],
    valueAxis: { title: 'Score (0–100)', min: 0, max: 100 },
  };
  return (
    <>
      <p class="lede">
        {trust.name}, as of {day(asOf)}.
      </p>
      <div class="cards" id="headline">
        <Card title="Overall score" id="card-score">
          <p class="big" data-value="score">{score(trust.score)}</p>
          <p>out of 100</p>
        </Card>
        <Card title="Maturity level" id="card-level">
          <p class="big" data-value="level">
            <Level level={trust.level} name={trust.level_name} />
          </p>
          <p class="note">A project band (see How the scores are made), not an NHS Digital Maturity Assessment level.</p>
          {trust.capped_by.map((gate) => (
            <p class="cap" data-gate={gate.gate}>
              Withheld from level {gate.level}: {percent(gate.fail_share, 1)} of devices fail <ControlLinks controls={gate.controls} href={(control) => devicesOf({ control })} /> (at most{' '}
              {percent(gate.max_fail_share)} may). <span data-value="devices-to-fix">{count(gate.devices_to_fix)}</span> of them must pass for this gate to hold.
            </p>
          ))}
        </Card>
        <Card title="Coverage" id="card-coverage">
          <p class="big" data-value="coverage">{percent(trust.coverage, 1)}</p>
          <p>
            of <a href={`/ops${query({ trust: trust.trust_id, as_of: asOf })}`} data-value="devices">{count(trust.devices)} known devices</a> reported in the last{' '}
            {model.coverage.reporting_days} days
          </p>
          {trust.low_confidence ? <p class="warning">Low confidence: coverage below {percent(model.coverage.low_confidence_below)}</p> : <p>Confidence: normal</p>}
        </Card>
        <Card title="Infrastructure" id="card-infrastructure">
          <p class="big" data-value="infrastructure">{score(trust.infrastructure)}</p>
          <p>devices, Wi-Fi and network</p>
        </Card>
        <Card title="Cyber hygiene" id="card-cyber">
          <p class="big" data-value="cyber">{score(trust.cyber)}</p>
          <p>support, patching and protection</p>
        </Card>
      </div>

      <NextLevelNeeds trust={trust} devicesOf={devicesOf} />

      <section aria-labelledby="trend-heading">
        <h2 id="trend-heading">Trend</h2>
        {trend.length > 0 ? (
          <Chart id="chart-trend" title={`Daily scores, ${day(trend[0]!.as_of)} to ${day(trend.at(-1)!.as_of)}`} description="Overall, infrastructure and cyber-hygiene scores from the daily snapshots." spec={trendSpec} />
        ) : (
          <p>No daily snapshots yet: the collector takes one every day.</p>
        )}
        <RuleChanges trend={trend} />
      </section>

      <section aria-labelledby="league-heading">
        <h2 id="league-heading">Site league</h2>
        <table class="data" id="site-league">
          <caption>Sites ranked by overall score</caption>
          <TableHead columns={['Rank', 'Site', 'Score', 'Level', 'Infrastructure', 'Cyber', 'Coverage', 'Devices']} />
          <tbody>
            {league.map((site, index) => (
              <tr data-site={site.site_id}>
                <td class="num">{index + 1}</td>
                <th scope="row">
                  <a href={devicesOf({ site: site.site_id })}>{site.name}</a>
                </th>
                <td data-value="score">
                  <ScoreMeter value={site.score} label={`${site.name} score`} />
                </td>
                <td data-value="level">
                  <Level level={site.level} name={site.level_name} />
                </td>
                <td class="num" data-value="infrastructure">{score(site.infrastructure)}</td>
                <td class="num" data-value="cyber">{score(site.cyber)}</td>
                <td class="num" data-value="coverage">{percent(site.coverage, 1)}</td>
                <td class="num" data-value="devices">
                  <a href={`/ops${query({ trust: trust.trust_id, site: site.site_id, as_of: asOf })}`}>{count(site.devices)}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="dragging-heading">
        <h2 id="dragging-heading">What holds the score down</h2>
        <p>Points each control's failures cost the overall score; together they make up the gap to 100.</p>
        <table class="data" id="dragging">
          <caption>Controls by points lost</caption>
          <TableHead columns={['Control', 'Domain', 'Failing devices', 'Pass rate', 'Points lost']} />
          <tbody>
            {dragging.map((c: ControlScore) => (
              <tr data-control={c.control_id}>
                <ControlHeading id={c.control_id} title={titles.get(c.control_id)} />
                <td>{c.domain === 'cyber' ? 'Cyber' : 'Infrastructure'}</td>
                <td class="num" data-value="fail">
                  <a href={devicesOf({ control: c.control_id })}>{count(c.fail)}</a>
                </td>
                <td class="num" data-value="pass_rate">{percent(c.pass_rate, 1)}</td>
                <td class="num" data-value="points_lost">{c.points_lost?.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

/** What the level above needs: the points its score band still lacks and each of its gates that fails. */
function NextLevelNeeds(props: { trust: TrustScore; devicesOf: (params: Record<string, string>) => string }) {
  const { trust, devicesOf } = props;
  const next = trust.next_level;
  return (
    <section aria-labelledby="next-level-heading" id="next-level">
      <h2 id="next-level-heading">What the next level needs</h2>
      {next === null ? (
        <p>{trust.level === null ? 'No level yet: no control has a known result.' : `Level ${trust.level} is the highest there is.`}</p>
      ) : (
        <>
          <p>
            To reach <span data-value="next-level">level {next.level} · {next.name}</span>:
          </p>
          <ul>
            <li data-need="score">
              {next.score_gap > 0 ? (
                <>
                  Raise the overall score by <span data-value="score-gap">{next.score_gap.toFixed(1)}</span> points, from {score(trust.score)} to {next.min_score}.
                </>
              ) : (
                <>
                  The overall score, {score(trust.score)}, is already in its band (from {next.min_score}).
                </>
              )}
            </li>
            {next.gates.map((gate) => (
              <li data-need="gate" data-gate={gate.gate}>
                {gate.title}: <span data-value="devices-to-fix">{count(gate.devices_to_fix)}</span> more {gate.devices_to_fix === 1 ? 'device' : 'devices'} must pass{' '}
                <ControlLinks controls={gate.controls} href={(control) => devicesOf({ control })} /> ({count(gate.fail)} of {count(gate.pass + gate.fail + gate.unknown)} fail; at
                most {percent(gate.max_fail_share)} may).
              </li>
            ))}
            {next.gates.length === 0 ? <li data-need="none">Every gate of level {next.level} holds.</li> : null}
          </ul>
        </>
      )}
    </section>
  );
}

function ControlLinks(props: { controls: string[]; href: (control: string) => string }) {
  return (
    <>
      {props.controls.map((control, i) => (
        <>
          {i > 0 ? ' or ' : ''}
          <a href={props.href(control)}>{control}</a>
        </>
      ))}
    </>
  );
}

/**
 * Days where the trend's points rest on a different control model or end-of-life catalogue than the
 * day before: a step there may be the new rules, not the estate. Each point is its day's stored run.
 */
function RuleChanges(props: { trend: TrendPoint[] }) {
  const changes = props.trend.flatMap((point, i) => {
    const before = props.trend[i - 1];
    if (!before) return [];
    const what = [
      ...(point.model_revision !== before.model_revision ? [`control model ${before.model_revision} → ${point.model_revision}`] : []),
      ...(point.catalogue_revision !== before.catalogue_revision ? [`end-of-life catalogue ${before.catalogue_revision} → ${point.catalogue_revision}`] : []),
    ];
    return what.length ? [{ as_of: point.as_of, what: what.join(', ') }] : [];
  });
  if (changes.length === 0) return null;
  return (
    <>
      <p>The rules changed within this period; a step on these days may come from the new rules rather than the estate:</p>
      <ul id="trend-rule-changes">
        {changes.map((c) => (
          <li data-as-of={c.as_of}>
            {day(c.as_of)}: {c.what}
          </li>
        ))}
      </ul>
    </>
  );
}
