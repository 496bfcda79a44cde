import type { Store } from '../store/store.js';
import { instruments, measured } from '../telemetry/instruments.js';
import { fromClickHouseTime } from '../store/time.js';
import { isoDaysBefore } from './dates.js';
import type { ScoringModel } from './controls.js';
import { deviceLabels, labelOf } from './device-labels.js';
import { activeRun, evaluateControls, type ScoreRun } from './evaluate.js';
import { deviceScore, scoreScope, type ControlCounts, type ScopeScore } from './scores.js';

export interface SiteScore extends ScopeScore {
  site_id: string;
  name: string;
}

export interface TrustScore extends ScopeScore {
  trust_id: string;
  name: string;
  sites: SiteScore[];
}

export interface ScoreFilter {
  trust?: string;
  site?: string;
}

const TODAY_REFRESH_MS = 15 * 60_000;

/**
 * Scores as of a date: evaluates the controls once per date and keeps the run; today's run is
 * refreshed when older than 15 minutes, and any run when the model, the end-of-life catalogue
 * or the asset register changed since it was computed.
 */
export class ScoringService {
  private readonly pending = new Map<string, Promise<ScoreRun>>();

  constructor(
    private readonly store: Store,
    readonly model: ScoringModel,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Resolves when no evaluation is running (the store must not close under one). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.pending.values()]);
  }

  today(): string {
    return this.clock().toISOString().slice(0, 10);
  }

  /** The run for a date that has a stored snapshot (brought up to date), else none: never evaluates a new date. */
  async keptRun(asOf: string): Promise<ScoreRun | undefined> {
    return (await activeRun(this.store, asOf)) ? this.run(asOf) : undefined;
  }

  async run(asOf: string, force = false): Promise<ScoreRun> {
    const existing = force ? undefined : await activeRun(this.store, asOf);
    if (existing && !(await this.stale(existing, asOf))) return existing;
    let evaluation = this.pending.get(asOf);
    if (!evaluation) {
      evaluation = measured('score evaluation', () => instruments().scoreEvaluation, {}, (span) => {
        span.setAttribute('sf.as_of', asOf);
        return evaluateControls(this.store, this.model, asOf);
      }).finally(() => this.pending.delete(asOf));
      this.pending.set(asOf, evaluation);
    }
    return evaluation;
  }

  async scores(asOf: string, filter: ScoreFilter = {}): Promise<{ as_of: string; run: ScoreRun; trusts: TrustScore[] }> {
    const run = await this.run(asOf);
    const counted = await this.store.query<ControlCounts & { trust_id: string; site_id: string }>(
      `SELECT trust_id, site_id, control_id, pass, fail, unknown FROM {db}.score_counts
       WHERE as_of = {as_of:Date} AND run_id = {run:String}
         AND ({trust:String} = '' OR trust_id = {trust:String}) AND ({site:String} = '' OR site_id = {site:String})`,
      { as_of: asOf, run: run.run_id, trust: filter.trust ?? '', site: filter.site ?? '' },
    );
    const rows = counted.filter((r) => r.control_id !== '');
    const devices = counted.filter((r) => r.control_id === '').map((r) => ({ trust_id: r.trust_id, site_id: r.site_id, devices: Number(r.pass) }));
    const names = await this.names();
    const deviceCount = new Map(devices.map((d) => [`${d.trust_id}/${d.site_id}`, Number(d.devices)]));
    const trusts = [...new Set(rows.map((r) => r.trust_id))].sort().map((trustId): TrustScore => {
      const trustRows = rows.filter((r) => r.trust_id === trustId);
      const siteIds = [...new Set(trustRows.map((r) => r.site_id))].sort();
      const sites = siteIds.map((siteId): SiteScore => {
        const count = deviceCount.get(`${trustId}/${siteId}`) ?? 0;
        return { site_id: siteId, name: names.sites.get(siteId) ?? siteId, ...scoreScope(counts(trustRows.filter((r) => r.site_id === siteId)), this.model, count) };
      });
      const total = sites.reduce((sum, s) => sum + s.devices, 0);
      return { trust_id: trustId, name: names.trusts.get(trustId) ?? trustId, ...scoreScope(counts(trustRows), this.model, total), sites };
    });
    return { as_of: asOf, run, trusts };
  }

  /**
   * One point per day that has a run, from the stored snapshots (the daily job and backfills make
   * them); a day without a run is left out rather than computed on a dashboard's request.
   */
  async trend(from: string, to: string, filter: ScoreFilter = {}): Promise<Array<{ as_of: string; score: number | null; infrastructure: number | null; cyber: number | null; level: number | null; coverage: number | null }>> {
    // One read of the stored counts for every day; aliased `day`: ClickHouse would resolve an
    // `as_of` alias in the WHERE clause too.
    const rows = await this.store.query<ControlCounts & { day: string; trust_id: string; site_id: string }>(
      `SELECT toString(as_of) AS day, trust_id, site_id, control_id, pass, fail, unknown FROM {db}.score_counts
       WHERE as_of BETWEEN {from:Date} AND {to:Date}
         AND (as_of, run_id) IN (SELECT as_of, run_id FROM {db}.score_runs FINAL WHERE as_of BETWEEN {from:Date} AND {to:Date})
         AND ({trust:String} = '' OR trust_id = {trust:String}) AND ({site:String} = '' OR site_id = {site:String})
       ORDER BY day`,
      { from, to, trust: filter.trust ?? '', site: filter.site ?? '' },
    );
    const days = await this.store.query<{ day: string }>(
      `SELECT toString(as_of) AS day FROM {db}.score_runs FINAL WHERE as_of BETWEEN {from:Date} AND {to:Date} ORDER BY as_of`,
      { from, to },
    );
    return days.map(({ day }) => {
      const ofDay = rows.filter((r) => r.day === day);
      const trusts = new Set(ofDay.map((r) => r.trust_id));
      // A trend is of one scope: a site, or a trust (or the only trust there is).
      const scoped = filter.site || filter.trust || trusts.size === 1 ? ofDay : [];
      const devices = scoped.filter((r) => r.control_id === '').reduce((sum, r) => sum + Number(r.pass), 0);
      const scope = scoped.length > 0 ? scoreScope(counts(scoped.filter((r) => r.control_id !== '')), this.model, devices) : undefined;
      return { as_of: day, score: scope?.score ?? null, infrastructure: scope?.infrastructure ?? null, cyber: scope?.cyber ?? null, level: scope?.level ?? null, coverage: scope?.coverage ?? null };
    });
  }

  /** Evaluates the last `days` days (today included) that have no run yet: for trends after an import or an upgrade. */
  async backfill(days: number): Promise<string[]> {
    const done: string[] = [];
    for (let back = days - 1; back >= 0; back--) {
      const asOf = isoDaysBefore(this.today(), back);
      await this.run(asOf);
      done.push(asOf);
    }
    return done;
  }

  async device(asOf: string, deviceId: string) {
    const run = await this.run(asOf);
    const results = await this.store.query<{ control_id: string; status: string; reason: string; evidence: string; site_id: string; trust_id: string; kind: string }>(
      `SELECT control_id, status, reason, evidence, site_id, trust_id, kind FROM {db}.control_results
       WHERE as_of = {as_of:Date} AND run_id = {run:String} AND device_id = {device:String} ORDER BY control_id`,
      { as_of: asOf, run: run.run_id, device: deviceId },
    );
    if (results.length === 0) return undefined;
    const { site_id, trust_id, kind } = results[0]!;
    const [labels, history] = await Promise.all([deviceLabels(this.store, asOf, [deviceId]), this.deviceHistory(deviceId, asOf)]);
    return {
      as_of: asOf,
      device_id: deviceId,
      site_id,
      trust_id,
      kind,
      ...labelOf(labels, deviceId),
      score: deviceScore(results, this.model),
      controls: results.map(({ control_id, status, reason, evidence }) => ({ control_id, status, reason, evidence })),
      history,
    };
  }

  /** The device's result on every control in each stored daily snapshot of the 30 days up to `asOf`. */
  private async deviceHistory(deviceId: string, asOf: string) {
    const rows = await this.store.query<{ day: string; results: Array<[string, string]> }>(
      `SELECT toString(as_of) AS day, groupArray((control_id, status)) AS results FROM {db}.control_results
       WHERE device_id = {device:String} AND as_of BETWEEN addDays({as_of:Date}, -29) AND {as_of:Date}
         AND (as_of, run_id) IN (SELECT as_of, run_id FROM {db}.score_runs FINAL WHERE as_of BETWEEN addDays({as_of:Date}, -29) AND {as_of:Date})
       GROUP BY as_of ORDER BY as_of`,
      { device: deviceId, as_of: asOf },
    );
    return rows.map(({ day, results }) => ({
      as_of: day,
      score: deviceScore(results.map(([control_id, status]) => ({ control_id, status })), this.model),
      controls: Object.fromEntries(results),
    }));
  }

  private async stale(run: ScoreRun, asOf: string): Promise<boolean> {
    if (run.model_revision !== this.model.revision) return true;
    const [catalogue] = await this.store.query<{ revision: string }>(`SELECT argMax(revision, loaded_at) AS revision FROM {db}.eol_catalogue_active`);
    if ((catalogue?.revision ?? '') !== run.catalogue_revision) return true;
    const [register] = await this.store.query<{ newer: number }>(
      `SELECT count() > 0 AS newer FROM {db}.asset_register WHERE imported_at > {computed:DateTime64(3)}`,
      { computed: run.computed_at },
    );
    if (Number(register?.newer)) return true;
    return asOf >= this.today() && this.clock().getTime() - fromClickHouseTime(run.computed_at).getTime() > TODAY_REFRESH_MS;
  }

  private async names() {
    const [sites, trusts] = await Promise.all([
      this.store.query<{ site_id: string; name: string }>(`SELECT site_id, name FROM {db}.sites FINAL`),
      this.store.query<{ trust_id: string; name: string }>(`SELECT trust_id, name FROM {db}.trusts FINAL`),
    ]);
    return { sites: new Map(sites.map((s) => [s.site_id, s.name])), trusts: new Map(trusts.map((t) => [t.trust_id, t.name])) };
  }
}

/** Sums per-site rows into per-control counts for a wider scope. */
function counts(rows: ControlCounts[]): ControlCounts[] {
  const byControl = new Map<string, ControlCounts>();
  for (const r of rows) {
    const c = byControl.get(r.control_id) ?? { control_id: r.control_id, pass: 0, fail: 0, unknown: 0 };
    c.pass += Number(r.pass);
    c.fail += Number(r.fail);
    c.unknown += Number(r.unknown);
    byControl.set(r.control_id, c);
  }
  return [...byControl.values()];
}
