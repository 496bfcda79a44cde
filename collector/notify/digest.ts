import { createHash } from 'node:crypto';
import pRetry from 'p-retry';
import { findingChanges } from '../queries/changes.js';
import { isoDaysBefore } from '../scoring/dates.js';
import type { ScoreRun } from '../scoring/evaluate.js';
import type { ScoringService } from '../scoring/service.js';
import type { Registry } from '../identity/registry.js';
import type { Store } from '../store/store.js';
import { toClickHouseTime } from '../store/time.js';
import { digestBody, type Digest, type MessageFormat, type TrustDigest } from './messages.js';

export interface NotifyOptions {
  /** Webhook address (Teams workflow, Slack, SIEM). A secret: it is never logged or stored. */
  url: string;
  format: MessageFormat;
  /** Controls whose new and resolved findings the digest reports. */
  controls: string[];
  /** The day's digest goes out with the first snapshot at or after this hour (UTC). */
  hourUtc: number;
  /** The dashboard's public address, for a link in the message. */
  publicUrl?: string;
  /** The trusts this webhook hears about (a channel of one trust's team); every trust when not set. */
  trusts?: string[];
}

export interface NotifierDeps {
  clock?: () => Date;
  /** Attempts beyond the first, and the first wait, for a webhook that fails. */
  retries?: number;
  minRetryMs?: number;
  log?: (entry: Record<string, unknown>) => void;
}

export type NotifyOutcome = 'sent' | 'nothing-new' | 'already-sent' | 'too-early' | 'no-baseline';

const NEW_FINDINGS_LISTED = 10;

/**
 * The daily findings digest: once per as-of date, what became a finding on the chosen controls
 * since the day before's snapshot and what was fixed, per trust, posted to a webhook. A day with
 * nothing new sends nothing. A webhook that fails is retried, and the digest is tried again with
 * the next snapshot: it is recorded as sent only once the webhook accepted it.
 */
export class FindingsNotifier {
  private readonly channel: string;
  private running: Promise<NotifyOutcome> | undefined;

  constructor(
    private readonly store: Store,
    private readonly scoring: ScoringService,
    private readonly registry: Registry,
    private readonly options: NotifyOptions,
    private readonly deps: NotifierDeps = {},
  ) {
    this.channel = createHash('sha256').update(options.url).digest('hex').slice(0, 16);
  }

  /** Resolves when no digest is being sent (the store must not close under one). */
  async idle(): Promise<void> {
    await this.running?.catch(() => {});
  }

  /** One at a time: the hourly snapshot and a manual call must not both send. */
  maybeSend(asOf = this.scoring.today()): Promise<NotifyOutcome> {
    return (this.running ??= this.send(asOf).finally(() => (this.running = undefined)));
  }

  /**
   * Posts today's digest as it stands (against the day before, or empty when that was not kept)
   * without recording it: for whoever sets the webhook up to see a message arrive and its shape.
   * Not retried: the caller sees the webhook's own answer.
   */
  async sendTest(asOf = this.scoring.today()): Promise<{ as_of: string; since: string; trusts: number }> {
    const baseline = await this.scoring.keptRun(isoDaysBefore(asOf, 1));
    const digest: Digest = baseline
      ? await this.digest(baseline, await this.scoring.run(asOf))
      : { since: isoDaysBefore(asOf, 1), as_of: asOf, controls: this.options.controls, trusts: [] };
    await this.post(digestBody({ ...digest, test: true }, this.options.format));
    return { as_of: digest.as_of, since: digest.since, trusts: digest.trusts.length };
  }

  private async send(asOf: string): Promise<NotifyOutcome> {
    const now = (this.deps.clock ?? (() => new Date()))();
    if (asOf === now.toISOString().slice(0, 10) && now.getUTCHours() < this.options.hourUtc) return 'too-early';
    if (await this.alreadySent(asOf)) return 'already-sent';
    const baseline = await this.scoring.keptRun(isoDaysBefore(asOf, 1));
    if (!baseline) return 'no-baseline';
    const digest = await this.digest(baseline, await this.scoring.run(asOf));
    const newFindings = digest.trusts.reduce((n, t) => n + t.new, 0);
    const resolved = digest.trusts.reduce((n, t) => n + t.resolved, 0);
    if (newFindings + resolved === 0) {
      await this.record(asOf, 'nothing-new', 0, 0);
      return 'nothing-new';
    }
    await pRetry(() => this.post(digestBody(digest, this.options.format)), {
      retries: this.deps.retries ?? 4,
      minTimeout: this.deps.minRetryMs ?? 2_000,
      onFailedAttempt: ({ error, attemptNumber }) => this.deps.log?.({ level: 'warn', msg: 'findings digest not accepted', attempt: attemptNumber, error: error.message }),
    });
    await this.record(asOf, 'sent', newFindings, resolved);
    this.deps.log?.({ level: 'info', msg: 'findings digest sent', as_of: asOf, new: newFindings, resolved });
    return 'sent';
  }

  private async digest(from: ScoreRun, to: ScoreRun): Promise<Digest> {
    const names = new Map((await this.registry.listTrusts()).map((t) => [t.trust_id, t.name]));
    // The day's figures as its run stored them: the same rows the API, the pages and Grafana read.
    const scored = new Map((await this.scoring.scores(to.as_of, { trusts: this.options.trusts }, to.run_id)).trusts.map((t) => [t.trust_id, t]));
    const trustIds = [...new Set((await this.registry.listSites()).map((s) => s.trust_id))].filter((t) => !this.options.trusts || this.options.trusts.includes(t)).sort();
    const trusts: TrustDigest[] = [];
    for (const trust_id of trustIds) {
      const entry: TrustDigest = { trust_id, name: names.get(trust_id) || trust_id, new: 0, resolved: 0, out_of_scope: 0, new_findings: [] };
      // Controls in the order given: the most critical first, so the listed findings are those.
      for (const control of this.options.controls) {
        const room = NEW_FINDINGS_LISTED - entry.new_findings.length;
        const { summary, changes } = await findingChanges(this.store, from, to, { trust: trust_id, trusts: this.options.trusts, control, change: 'new', limit: Math.max(room, 1), offset: 0, format: 'json' });
        entry.new += summary.new;
        entry.resolved += summary.resolved;
        entry.out_of_scope += summary.out_of_scope;
        if (room > 0) entry.new_findings.push(...changes.map(({ control_id, device_id, hostname, site_id, reason }) => ({ control_id, device_id, hostname, site_id, reason })));
      }
      const score = scored.get(trust_id);
      if (score) {
        const withheld_by = score.capped_by.map(({ gate, title, level, devices_to_fix }) => ({ gate, title, level, devices_to_fix }));
        entry.standing = { score: score.score, level: score.level, level_name: score.level_name, withheld_by };
      }
      if (entry.new + entry.resolved + entry.out_of_scope > 0) trusts.push(entry);
    }
    const link = this.options.publicUrl ? `${this.options.publicUrl.replace(/\/$/, '')}/cyber?as_of=${to.as_of}` : undefined;
    const revisions = revisionsChanged(from, to);
    return { since: from.as_of, as_of: to.as_of, controls: this.options.controls, trusts, ...(revisions ? { revisions_changed: revisions } : {}), ...(link ? { link } : {}) };
  }

  private async post(body: unknown): Promise<void> {
    const response = await fetch(this.options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`webhook answered HTTP ${response.status}`);
  }

  private async alreadySent(asOf: string): Promise<boolean> {
    const rows = await this.store.query<{ n: number }>(
      `SELECT count() AS n FROM {db}.notifications FINAL WHERE channel = {channel:String} AND as_of = {as_of:Date}`,
      { channel: this.channel, as_of: asOf },
    );
    return Number(rows[0]?.n ?? 0) > 0;
  }

  private async record(asOf: string, outcome: NotifyOutcome, newFindings: number, resolved: number): Promise<void> {
    await this.store.insert('notifications', [
      { channel: this.channel, as_of: asOf, outcome, new_findings: newFindings, resolved_findings: resolved, sent_at: toClickHouseTime(Date.now()) },
    ]);
  }
}

/** Changes between runs of different models or catalogues are partly the new rules', not the estate's: say so. */
function revisionsChanged(from: ScoreRun, to: ScoreRun): string | undefined {
  const changed = [
    ...(from.model_revision !== to.model_revision ? [`control model ${from.model_revision} → ${to.model_revision}`] : []),
    ...(from.catalogue_revision !== to.catalogue_revision ? [`end-of-life catalogue ${from.catalogue_revision} → ${to.catalogue_revision}`] : []),
  ];
  return changed.length ? `Some changes come from new rules, not the estate: ${changed.join(', ')}` : undefined;
}
