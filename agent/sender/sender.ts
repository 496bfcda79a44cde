import { gzipSync } from 'node:zlib';
import { errorMessage, type Logger } from '../log.js';
import type { Spool } from '../spool/types.js';
import { Wakeup, sleep } from '../host/sleep.js';
import { fullJitterDelay, parseRetryAfter } from './backoff.js';
import { type HttpPost, type PostResponse, describePostError, httpPost } from '../transport/http-post.js';

export type DeliveryResult =
  | { kind: 'empty' }
  | { kind: 'delivered'; reportId: string; duplicate: boolean }
  | { kind: 'rejected'; reportId: string; status: number; reason: string }
  | { kind: 'unauthorized'; status: number }
  | { kind: 'retry'; reportId: string; afterMs: number; reason: string };

export interface DrainResult {
  delivered: number;
  rejected: number;
  /** Why draining ended: `empty` when everything went out. */
  last: DeliveryResult;
}

export interface SenderOptions {
  spool: Spool;
  collectorUrl: string;
  nodeKey: string;
  log: Logger;
  /** How reports are POSTed; `httpPost` (node:https) unless given. */
  post?: HttpPost;
  random?: () => number;
  now?: () => Date;
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  /** A server asking for longer than this is still retried after this long. */
  retryAfterMaxMs?: number;
  requestTimeoutMs?: number;
  /** How often an idle sender looks at the spool even without a wake-up. */
  idlePollMs?: number;
}

/** Delivers spooled reports oldest first; never throws, never blocks collection. */
export class Sender {
  private attempt = 0;
  private stopped = false;
  // Aborts an in-flight request on stop, so shutdown never waits for a hung collector.
  private readonly inFlight = new AbortController();
  private readonly wakeup = new Wakeup();
  /** Set after a 401/403: the node key is revoked or unknown and the agent must re-enrol. */
  unauthorized = false;
  lastResult: DeliveryResult | undefined;

  constructor(private readonly options: SenderOptions) {}

  private get url(): string {
    return `${this.options.collectorUrl.replace(/\/+$/, '')}/v1/reports`;
  }

  wake(): void {
    this.wakeup.wake();
  }

  async deliverOldest(): Promise<DeliveryResult> {
    const { spool, log } = this.options;
    const oldest = await spool.peekOldest();
    if (!oldest) return { kind: 'empty' };
    const reportId = oldest.entry.id;
    let response: PostResponse;
    try {
      const post = this.options.post ?? httpPost;
      response = await post(this.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Content-Encoding': 'gzip',
          Authorization: `Bearer ${this.options.nodeKey}`,
        },
        body: gzipSync(oldest.json),
        signal: AbortSignal.any([AbortSignal.timeout(this.options.requestTimeoutMs ?? 30_000), this.inFlight.signal]),
      });
    } catch (error) {
      return this.backoff(reportId, `network error: ${describePostError(error)}`);
    }
    const body = await response.text().catch(() => '');
    const status = response.status;
    if (status >= 200 && status < 300) {
      await spool.remove(reportId);
      this.attempt = 0;
      const duplicate = readDuplicate(body);
      log.debug('report delivered', { report_id: reportId, status, duplicate });
      return { kind: 'delivered', reportId, duplicate };
    }
    if (status === 401 || status === 403) {
      this.unauthorized = true;
      log.error('collector refused the node key: it was revoked or is unknown. Delivery stopped, reports are kept; re-enrol this device (delete identity.json and restart with an enrol secret).', { status, report_id: reportId });
      return { kind: 'unauthorized', status };
    }
    if (status === 400 || status === 413 || status === 422) {
      const reason = `HTTP ${status}: ${body.slice(0, 500)}`;
      log.error('collector rejected a report; moved aside to the rejected folder and not retried', { report_id: reportId, status, body: body.slice(0, 500) });
      await spool.reject(reportId, reason);
      this.attempt = 0;
      return { kind: 'rejected', reportId, status, reason };
    }
    const retryAfter = status === 429 || status === 503 ? parseRetryAfter(response.headers.get('retry-after'), this.now()) : undefined;
    if (retryAfter !== undefined) {
      const afterMs = Math.min(retryAfter, this.options.retryAfterMaxMs ?? 3600_000);
      log.warn('collector asked to retry later', { status, retry_after_ms: afterMs, report_id: reportId });
      return { kind: 'retry', reportId, afterMs, reason: `HTTP ${status} with Retry-After` };
    }
    return this.backoff(reportId, `HTTP ${status}: ${body.slice(0, 200)}`);
  }

  /** Loop until stopped: deliver while there is work, wait out backoffs, sleep when idle. */
  async run(signal: AbortSignal): Promise<void> {
    signal.addEventListener('abort', () => this.stop(), { once: true });
    while (!signal.aborted && !this.stopped) {
      const result = await this.deliverOldest().catch((error: unknown): DeliveryResult => {
        this.options.log.error('sender failed unexpectedly', { error: errorMessage(error) });
        return { kind: 'retry', reportId: '', afterMs: this.options.backoffMaxMs ?? 300_000, reason: errorMessage(error) };
      });
      this.lastResult = result;
      if (result.kind === 'unauthorized') return;
      if (result.kind === 'retry') await this.wakeupIgnoringNewWork(result.afterMs, signal);
      else if (result.kind === 'empty') await this.wakeup.wait(this.options.idlePollMs ?? 60_000, signal);
    }
  }

  /** Delivers until the spool is empty or the collector says stop; for `once`. */
  async drain(maxAttempts = 1000): Promise<DrainResult> {
    const outcome: DrainResult = { delivered: 0, rejected: 0, last: { kind: 'empty' } };
    for (let i = 0; i < maxAttempts; i++) {
      const result = await this.deliverOldest();
      this.lastResult = result;
      outcome.last = result;
      if (result.kind === 'delivered') outcome.delivered += 1;
      if (result.kind === 'rejected') outcome.rejected += 1;
      if (result.kind === 'empty' || result.kind === 'unauthorized' || result.kind === 'retry') break;
    }
    return outcome;
  }

  stop(): void {
    this.stopped = true;
    this.inFlight.abort();
    this.wakeup.wake();
  }

  private backoff(reportId: string, reason: string): DeliveryResult {
    const afterMs = fullJitterDelay(
      this.attempt,
      this.options.backoffInitialMs ?? 1000,
      this.options.backoffMaxMs ?? 300_000,
      this.options.random ?? Math.random,
    );
    this.attempt += 1;
    this.options.log.warn('delivery failed, will retry', { reason, retry_in_ms: afterMs, attempt: this.attempt, report_id: reportId });
    return { kind: 'retry', reportId, afterMs, reason };
  }

  // New reports must not cut a backoff short: waking would hammer a collector that is down.
  private async wakeupIgnoringNewWork(ms: number, signal: AbortSignal): Promise<void> {
    await sleep(ms, signal);
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}

function readDuplicate(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { duplicate?: unknown };
    return parsed.duplicate === true;
  } catch {
    return false;
  }
}
