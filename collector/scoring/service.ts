import { INPUT_LOOKBACK_DAYS, resolveRetention, type Retention } from '../store/retention.js';
import type { Store } from '../store/store.js';
import { instruments, measured } from '../telemetry/instruments.js';
import { fromClickHouseTime } from '../store/time.js';
import { isoDaysBefore } from './dates.js';
import type { ScoringModel } from './controls.js';
import { currentRun, evaluateControls, runById, runsOf, type RunReason, type ScoreRun } from './evaluate.js';
import { scopeFromRows, type ScopeRow } from './scope-rows.js';
import { TRUST_SCOPE_SQL, trustScopeParams } from '../store/trust-scope.js';
import type { ScopeScore } from './scores.js';
import { DomainError, type ErrorKind } from '../errors.js';

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
  /** The trusts the reader may see (its principal's scope); undefined for every trust. */
  trusts?: readonly string[];
}

export interface TrendPoint {
  as_of: string;
  run_id: string;
  model_revision: string;
  catalogue_revision: string;
  reason: string;
  score: number | null;
  infrastructure: number | null;
  cyber: number | null;
  level: number | null;
  level_name: string | null;
  coverage: number | null;
}

/** A run that cannot be made or found: invalid (a bad request), not-found (no such run), conflict (the data no longer allows it). */
export class ScoreRunRefused extends DomainError {
  constructor(message: string, kind: Extract<ErrorKind, 'invalid' | 'not-found' | 'conflict'>) {
    super(kind, message);
    this.name = 'ScoreRunRefused';
  }
}

const TODAY_REFRESH_MS = 15 * 60_000;
/** Runs seeded by migration 014 from the runs made before per-scope results were stored. */
const WITHOUT_SCOPE_RESULTS = 'recorded before run history';

/**
 * Scores as of a date, from stored runs. A run is never changed: a date's first read (or the daily
 * snapshot) makes its first run; today's run is followed by a new one when older than 15 minutes or
 * when the model, the end-of-life or firmware release catalogue or the asset register changed; a past
 * date gets a new run only when asked (`reevaluate`), and only while its inputs are still retained.
 * The latest run of a date is its current one; earlier runs stay readable by id.
 */
export class ScoringService {
  private readonly pending = new Map<string, Promise<ScoreRun>>();
  readonly retention: Retention;

  constructor(
    private readonly store: Store,
    readonly model: ScoringModel,
    private readonly clock: () => Date = () => new Date(),
    retention: Partial<Retention> = {},
  ) {
    this.retention = resolveRetention(retention);
  }

  /** Resolves when no evaluation is running (the store must not close under one). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.pending.values()]);
  }

  today(): string {
    return this.clock().toISOString().slice(0, 10);
  }

  /** The date's current run if one is stored; never evaluates (a baseline to compare device results with). */
  async keptRun(asOf: string): Promise<ScoreRun | undefined> {
    return currentRun(this.store, asOf);
  }

  /**
   * The run reads use for a date: its current run; a first run when it has none (or only one made
   * before per-scope results were stored); for today, a new run when the current one is out of date.
   */
  async run(asOf: string): Promise<ScoreRun> {
    // The API refuses such a date first (api/validation/as-of.ts); this keeps any other caller from storing one.
    if (asOf > this.today()) throw new ScoreRunRefused(`as_of ${asOf} is in the future`, 'invalid');
    const current = await currentRun(this.store, asOf);
    if (current && current.reason !== WITHOUT_SCOPE_RESULTS) {
      if (asOf < this.today()) return current;
      const reason = await this.staleReason(current);
      return reason ? this.evaluate(asOf, reason) : current;
    }
    this.refuseUnlessInputsKept(asOf, current);
    return this.evaluate(asOf, current ? 'upgrade' : 'first evaluation');
  }

  /**
   * A new run of a date, asked for (after a catalogue or model change, say): the earlier runs stay
   * as they are. Refused for a future date, and for a date whose inputs are past retention.
   */
  async reevaluate(asOf: string): Promise<{ run: ScoreRun; previous: ScoreRun | undefined }> {
    if (asOf > this.today()) throw new ScoreRunRefused(`as_of ${asOf} is in the future`, 'invalid');
    const previous = await currentRun(this.store, asOf);
    this.refuseUnlessInputsKept(asOf, previous);
    return { run: await this.evaluate(asOf, 'requested'), previous };
  }

  /** Every run of a date, oldest first, the current one marked. */
  async runs(asOf: string): Promise<Array<ScoreRun & { current: boolean }>> {
    const [all, current] = await Promise.all([runsOf(this.store, asOf), currentRun(this.store, asOf)]);
    return all.map((run) => ({ ...run, current: run.run_id === current?.run_id }));
  }

  /** The oldest date whose inputs are all still retained: no date before it can be (re-)scored. */
  oldestScorableDate(): string {
    return isoDaysBefore(this.today(), this.retention.inputDays - INPUT_LOOKBACK_DAYS);
  }

  /**
   * Scores from the stored per-scope results of a run: the date's (see `run`), or the one named.
   * With `site`, the trust entry carries that site's figures.
   */
  async scores(asOf: string, filter: ScoreFilter = {}, runId?: string): Promise<{ as_of: string; run: ScoreRun; trusts: TrustScore[] }> {
    const run = runId ? await this.storedRun(runId) : await this.run(asOf);
    const rows = await this.store.query<ScopeRow>(
      `SELECT * FROM {db}.scope_results
       WHERE as_of = {as_of:Date} AND run_id = {run:String}
         AND ({trust:String} = '' OR trust_id = {trust:String}) AND ({site:String} = '' OR site_id IN ({site:String}, '')) AND ${TRUST_SCOPE_SQL}`,
      { as_of: run.as_of, run: run.run_id, trust: filter.trust ?? '', site: filter.site ?? '', ...trustScopeParams(filter.trusts) },
    );
    const names = await this.names();
    const trusts = [...new Set(rows.map((r) => r.trust_id))].sort().flatMap((trustId): TrustScore[] => {
      const ofTrust = rows.filter((r) => r.trust_id === trustId);
      const siteIds = [...new Set(ofTrust.map((r) => r.site_id))].filter((id) => id !== '').sort();
      if (siteIds.length === 0) return [];
      const sites = siteIds.map((siteId): SiteScore => ({ site_id: siteId, name: names.sites.get(siteId) ?? siteId, ...scopeFromRows(ofTrust.filter((r) => r.site_id === siteId)) }));
      const whole = filter.site ? sites[0]! : scopeFromRows(ofTrust.filter((r) => r.site_id === ''));
      const { site_id: _site, name: _name, ...figures } = whole as SiteScore;
      return [{ trust_id: trustId, name: names.trusts.get(trustId) ?? trustId, ...figures, sites }];
    });
    return { as_of: run.as_of, run, trusts };
  }

  /**
   * One point per day that has a run, from the stored per-scope results of each day's current run,
   * with the run and the model and catalogue revisions it used; a day without a run is left out
   * rather than computed on a dashboard's request.
   */
  async trend(from: string, to: string, filter: ScoreFilter = {}): Promise<TrendPoint[]> {
    // Aliased `day`: ClickHouse would resolve an `as_of` alias in the WHERE clause too.
    const current = `(as_of, run_id) IN (SELECT as_of, run_id FROM {db}.score_runs FINAL WHERE as_of BETWEEN {from:Date} AND {to:Date})`;
    const [runs, rows] = await Promise.all([
      this.store.query<Omit<TrendPoint, 'score' | 'infrastructure' | 'cyber' | 'level' | 'level_name' | 'coverage'> & { day: string }>(
        `SELECT toString(as_of) AS day, run_id, model_revision, catalogue_revision, reason FROM {db}.score_run_history
         WHERE as_of BETWEEN {from:Date} AND {to:Date} AND ${current} ORDER BY as_of`,
        { from, to },
      ),
      this.store.query<ScopeRow & { day: string }>(
        `SELECT toString(as_of) AS day, trust_id, site_id, score, infrastructure, cyber, level, level_name, coverage FROM {db}.scope_results
         WHERE as_of BETWEEN {from:Date} AND {to:Date} AND ${current} AND row_kind = 'scope'
           AND (({site:String} != '' AND site_id = {site:String} AND ({trust:String} = '' OR trust_id = {trust:String}))
             OR ({site:String} = '' AND site_id = '' AND ({trust:String} = '' OR trust_id = {trust:String})))
           AND ${TRUST_SCOPE_SQL}`,
        { from, to, trust: filter.trust ?? '', site: filter.site ?? '', ...trustScopeParams(filter.trusts) },
      ),
    ]);
    return runs.map(({ day, run_id, model_revision, catalogue_revision, reason }) => {
      const ofDay = rows.filter((r) => r.day === day);
      // A trend is of one scope: a site, or a trust (or the only trust there is).
      const scope = ofDay.length === 1 ? ofDay[0] : undefined;
      return {
        as_of: day,
        run_id,
        model_revision,
        catalogue_revision,
        reason,
        score: scope?.score ?? null,
        infrastructure: scope?.infrastructure ?? null,
        cyber: scope?.cyber ?? null,
        level: scope?.level === null || scope?.level === undefined ? null : Number(scope.level),
        level_name: scope?.level_name || null,
        coverage: scope?.coverage ?? null,
      };
    });
  }

  /** Makes sure each of the last `days` days (today included) has a run: for trends after an import or an upgrade. */
  async backfill(days: number): Promise<string[]> {
    const first = isoDaysBefore(this.today(), days - 1);
    if (first < this.oldestScorableDate()) {
      throw new ScoreRunRefused(`${days} days reach back to ${first}, before ${this.oldestScorableDate()}, the oldest date whose inputs are still retained (${this.retention.inputDays} days)`, 'conflict');
    }
    const done: string[] = [];
    for (let back = days - 1; back >= 0; back--) {
      const asOf = isoDaysBefore(this.today(), back);
      await this.run(asOf);
      done.push(asOf);
    }
    return done;
  }

  private evaluate(asOf: string, reason: RunReason): Promise<ScoreRun> {
    let evaluation = this.pending.get(asOf);
    if (!evaluation) {
      evaluation = measured('score evaluation', () => instruments().scoreEvaluation, {}, (span) => {
        span.setAttribute('sf.as_of', asOf);
        return evaluateControls(this.store, this.model, asOf, reason);
      }).finally(() => this.pending.delete(asOf));
      this.pending.set(asOf, evaluation);
    }
    return evaluation;
  }

  /** A date is scored only from inputs the store still has: a purged input would turn a failure into unknown. */
  private refuseUnlessInputsKept(asOf: string, stored: ScoreRun | undefined): void {
    const oldest = this.oldestScorableDate();
    if (asOf >= oldest) return;
    const kept = stored ? `its stored run ${stored.run_id} (model ${stored.model_revision}, catalogue ${stored.catalogue_revision}) stays as it is` : 'no run of that date is stored';
    throw new ScoreRunRefused(
      `${asOf} cannot be scored again: a run reads ${INPUT_LOOKBACK_DAYS} days of inputs before its date, and inputs are kept ${this.retention.inputDays} days, ` +
        `so some of its inputs have been purged; the oldest date that can be scored is ${oldest}; ${kept}`,
      'conflict',
    );
  }

  private async storedRun(runId: string): Promise<ScoreRun> {
    const run = await runById(this.store, runId);
    if (!run) throw new ScoreRunRefused(`no run ${runId} is stored (runs are kept ${this.retention.runDays} days)`, 'not-found');
    return run;
  }

  /** Why today's run should be followed by a new one, if it should. */
  private async staleReason(run: ScoreRun): Promise<RunReason | undefined> {
    if (run.model_revision !== this.model.revision) return 'model change';
    const [catalogue] = await this.store.query<{ revision: string }>(`SELECT argMax(revision, loaded_at) AS revision FROM {db}.eol_catalogue_active`);
    if ((catalogue?.revision ?? '') !== run.catalogue_revision) return 'catalogue change';
    // A run does not record the firmware catalogue's revision: a load after the run was computed is the change.
    const [newer] = await this.store.query<{ firmware: number; register: number }>(
      `SELECT (SELECT count() > 0 FROM {db}.firmware_catalogue_active WHERE loaded_at > {computed:DateTime64(3)}) AS firmware,
              (SELECT count() > 0 FROM {db}.asset_register WHERE imported_at > {computed:DateTime64(3)}) AS register`,
      { computed: run.computed_at },
    );
    if (Number(newer?.firmware)) return 'firmware catalogue change';
    if (Number(newer?.register)) return 'asset register change';
    return this.clock().getTime() - fromClickHouseTime(run.computed_at).getTime() > TODAY_REFRESH_MS ? 'today refresh' : undefined;
  }

  private async names() {
    const [sites, trusts] = await Promise.all([
      this.store.query<{ site_id: string; name: string }>(`SELECT site_id, name FROM {db}.sites FINAL`),
      this.store.query<{ trust_id: string; name: string }>(`SELECT trust_id, name FROM {db}.trusts FINAL`),
    ]);
    return { sites: new Map(sites.map((s) => [s.site_id, s.name])), trusts: new Map(trusts.map((t) => [t.trust_id, t.name])) };
  }
}
