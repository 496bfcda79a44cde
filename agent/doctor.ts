import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { type CheckContext, type CollectorCheck, type DoctorCheck, probeCheck } from './collectors/check.js';
import { COLLECTOR_CHECKS, defaultCollectors } from './collectors/registry.js';
import type { Clock, Collector } from './collectors/types.js';
import { runCollectors } from './cycle/run-collectors.js';
import type { AgentConfig } from './config/schema.js';
import { collectorPost } from './transport/collector-post.js';
import { describePostError, type HttpPost } from './transport/http-post.js';
import { doctorVerdict, plainHttpWarning } from './doctor-verdict.js';
import { type Identity, readIdentity } from './identity.js';
import { errorMessage } from './log.js';
import { type CommandRunner, runCommand } from './host/runner.js';
import { openDiskSpool } from './spool/disk.js';
import { AGENT_VERSION } from './version.js';

export type { CommandOutcome, DoctorCheck } from './collectors/check.js';

export interface DoctorOptions {
  run?: CommandRunner;
  /** How the health check reaches the collector; the agent's own transport (proxy, CA) unless given. */
  post?: HttpPost;
  collectors?: Collector[];
  /** Wall-clock budget per collector (default 60 s, or collector_timeout_seconds if shorter). */
  probeBudgetMs?: number;
  /** Budget for `GET <collector_url>/healthz` (default 5 s). */
  reachTimeoutMs?: number;
  platform?: NodeJS.Platform;
  clock?: Clock;
}

/**
 * Self-checks for support calls: config, enrolment, state directory, whether the collector answers,
 * and whether each registered collector's probes work on this machine (and why not). Runs every
 * collector once (latency with one echo per configured target) and sends no report. Never prints secrets.
 * The last check is the one-line verdict (doctor-verdict.ts).
 */
export async function runDoctor(config: AgentConfig, options: DoctorOptions = {}): Promise<DoctorCheck[]> {
  const run = options.run ?? runCommand;
  const checks: DoctorCheck[] = [];
  const add = (check: string, ok: boolean, detail: string, extra: Partial<DoctorCheck> = {}): void => {
    checks.push({ check, ok, detail, ...extra });
  };
  add('version', true, `${AGENT_VERSION} on ${process.platform}/${process.arch}, node ${process.version}`);
  let identity: Identity | undefined;
  let identityError: unknown;
  try {
    identity = await readIdentity(config.state_dir);
  } catch (error) {
    identityError = error;
  }
  const collectorUrl = config.collector_url ?? identity?.collector_url;
  add(
    'collector_url',
    collectorUrl !== undefined,
    config.collector_url ?? (identity ? `${identity.collector_url} (from enrolment)` : 'not set (SF_COLLECTOR_URL or --collector-url)'),
  );
  const plainHttp = collectorUrl === undefined ? undefined : plainHttpWarning(collectorUrl);
  if (plainHttp) checks.push(plainHttp);
  if (identityError !== undefined) add('enrolment', false, errorMessage(identityError));
  else {
    add('enrolment', identity !== undefined || config.enroll_secret !== undefined,
      identity ? `enrolled as ${identity.device_id} (site ${identity.site_id})` : config.enroll_secret ? 'not enrolled yet; an enrol secret is set' : 'not enrolled and no enrol secret set');
  }
  try {
    await access(config.state_dir, constants.W_OK);
    const spool = await openDiskSpool({ dir: path.join(config.state_dir, 'spool'), maxBytes: config.spool.max_bytes });
    const stats = spool.stats();
    add('state_dir', true, `${config.state_dir} writable; spool holds ${stats.count} reports, ${stats.bytes} of ${stats.maxBytes} bytes`);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    add('state_dir', missing, missing ? `${config.state_dir} does not exist yet; run creates it` : `${config.state_dir}: ${errorMessage(error)}`);
  }
  let post = options.post;
  if (!post && (config.collector_ca_file || config.collector_proxy)) {
    try {
      post = collectorPost(config);
      // The proxy's address only: a proxy URL may carry credentials.
      const via = config.collector_proxy ? `through proxy ${new URL(config.collector_proxy).host}` : 'direct';
      add('collector_transport', true, `${via}${config.collector_ca_file ? `, trusting the CA in ${config.collector_ca_file}` : ''}`);
    } catch (error) {
      add('collector_transport', false, errorMessage(error));
    }
  } else post ??= collectorPost(config);
  if (collectorUrl !== undefined && post) checks.push(await checkReachable(collectorUrl, post, options.reachTimeoutMs ?? 5000));
  const collectors = options.collectors ?? defaultCollectors();
  checks.push(...(await checkCollectors(config, run, collectors, options)));
  // A report goes out whenever a collector is due: as often as the most frequent one.
  const everySeconds = Math.min(...collectors.map((c) => (config.intervals[c.name] ?? c.intervalSeconds) * config.interval_scale));
  checks.push(doctorVerdict(checks, collectorUrl, Number.isFinite(everySeconds) ? everySeconds : undefined));
  return checks;
}

/** `GET <collector_url>/healthz`: does the collector answer from here (DNS, proxy, firewall, TLS)? */
async function checkReachable(collectorUrl: string, post: HttpPost, timeoutMs: number): Promise<DoctorCheck> {
  const url = `${collectorUrl.replace(/\/+$/, '')}/healthz`;
  const started = performance.now();
  const ms = (): number => Math.round(performance.now() - started);
  try {
    const res = await post(url, { method: 'GET', headers: {}, signal: AbortSignal.timeout(timeoutMs) });
    await res.text().catch(() => undefined);
    const ok = res.status >= 200 && res.status < 300;
    return { check: 'collector_reachable', ok, detail: `GET ${url}: HTTP ${res.status} in ${ms()} ms`, duration_ms: ms() };
  } catch (error) {
    const timedOut = [error, (error as { cause?: unknown } | undefined)?.cause].some((e) => (e as Error | undefined)?.name === 'TimeoutError');
    const why = timedOut ? `no answer within ${timeoutMs} ms` : describePostError(error);
    return { check: 'collector_reachable', ok: false, detail: `GET ${url}: ${why}`, duration_ms: ms() };
  }
}

/**
 * Each collector's own self-check (its folder's check.ts, through the registry): first what each
 * needs (latency: a ping), then every collector run once, side by side, each recording its own commands.
 */
async function checkCollectors(config: AgentConfig, run: CommandRunner, collectors: readonly Collector[], options: DoctorOptions): Promise<DoctorCheck[]> {
  const ctx: CheckContext = {
    config,
    run,
    clock: options.clock ?? { now: () => new Date() },
    platform: options.platform ?? process.platform,
    budgetMs: options.probeBudgetMs ?? Math.min(60_000, config.collector_timeout_seconds * 1000),
    runOnce: async (collector, base, budgetMs) => (await runCollectors([collector], base, budgetMs))[0]!,
  };
  const checkOf = (collector: Collector): CollectorCheck => COLLECTOR_CHECKS[collector.name] ?? probeCheck();
  const before: DoctorCheck[] = [];
  for (const collector of collectors) before.push(...((await checkOf(collector).before?.(ctx)) ?? []));
  const probes = await Promise.all(collectors.map((collector) => checkOf(collector).probe(collector, ctx)));
  return [...before, ...probes];
}
