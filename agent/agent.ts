import path from 'node:path';
import type { Report } from '../protocol/index.js';
import { defaultCollectors } from './collectors/registry.js';
import type { Clock, Collector } from './collectors/types.js';
import type { AgentConfig } from './config/schema.js';
import { UNENROLLED_DEVICE_ID } from './cycle/build-report.js';
import { type CycleResult, runCycle } from './cycle/cycle.js';
import type { CollectContextBase } from './cycle/run-collectors.js';
import { Scheduler } from './cycle/scheduler.js';
import { enroll, ensureEnrolled } from './enroll.js';
import { type Identity, ensureStateDir, readIdentity } from './identity.js';
import { errorMessage, type Logger, silentLogger } from './log.js';
import { type CommandRunner, runCommand } from './host/runner.js';
import { collectorPost } from './transport/collector-post.js';
import type { HttpPost } from './transport/http-post.js';
import { type DrainResult, Sender } from './sender/sender.js';
import { openDiskSpool } from './spool/disk.js';
import type { Spool } from './spool/types.js';
import { sleep } from './host/sleep.js';
import { isolateInventory } from './worker/isolate.js';
import { type WorkerCommand, selfWorkerCommand } from './worker/self-command.js';

/** Everything the agent touches from outside, injectable for tests and embedding. */
export interface AgentOptions {
  config: AgentConfig;
  log?: Logger;
  collectors?: Collector[];
  run?: CommandRunner;
  clock?: Clock;
  /** How reports and enrolment are POSTed (node:https by default; the global fetch fits too). */
  post?: HttpPost;
  platform?: NodeJS.Platform;
  /** Defaults to the disk spool in `<state_dir>/spool`. */
  spool?: Spool;
  random?: () => number;
  /**
   * `run` only: how to start the short-lived process that runs the inventory collectors
   * (agent/worker/); this program re-invoked unless given. Ignored when `collectors` is given.
   */
  inventoryWorker?: WorkerCommand;
}

export interface AgentHandle {
  identity: Identity;
  spool: Spool;
  sender: Sender;
  /** Reports spooled since start. */
  readonly cycles: number;
  /** Stops collecting and sending; resolves once both loops have finished. */
  stop(): Promise<void>;
  /** Resolves when the agent stops (by stop() or the signal). */
  done: Promise<void>;
}

const systemClock: Clock = { now: () => new Date() };

function contextBase(options: AgentOptions, signal?: AbortSignal): CollectContextBase {
  return {
    run: options.run ?? runCommand,
    clock: options.clock ?? systemClock,
    config: options.config,
    log: options.log ?? silentLogger,
    platform: options.platform ?? process.platform,
    ...(signal ? { signal } : {}),
  };
}

function newScheduler(options: AgentOptions, collectors: Collector[]): Scheduler {
  const { config } = options;
  return new Scheduler(
    collectors,
    {
      intervals: config.intervals,
      scale: config.interval_scale,
      inventoryResendMs: config.inventory_resend_hours * 3600_000,
      ...(options.random ? { random: options.random } : {}),
    },
    (options.clock ?? systemClock).now(),
  );
}

export async function openStateSpool(config: AgentConfig): Promise<Spool> {
  await ensureStateDir(config.state_dir);
  return openDiskSpool({ dir: path.join(config.state_dir, 'spool'), maxBytes: config.spool.max_bytes });
}

function newSender(options: AgentOptions, spool: Spool, identity: Identity): Sender {
  const { config } = options;
  return new Sender({
    spool,
    collectorUrl: config.collector_url ?? identity.collector_url,
    nodeKey: identity.node_key,
    log: options.log ?? silentLogger,
    post: options.post ?? collectorPost(config),
    ...(options.random ? { random: options.random } : {}),
    backoffInitialMs: config.sender.backoff_initial_seconds * 1000 * config.interval_scale,
    backoffMaxMs: config.sender.backoff_max_seconds * 1000 * config.interval_scale,
    requestTimeoutMs: config.sender.request_timeout_seconds * 1000,
    idlePollMs: Math.max(50, 60_000 * config.interval_scale),
  });
}

/** `once --print`: every collector once, nothing written, nothing sent. */
export async function collectOnce(options: AgentOptions): Promise<{ report: Report; enrolled: boolean }> {
  const identity = await readIdentity(options.config.state_dir).catch(() => undefined);
  const cycle = await everyCollectorOnce(options, identity?.device_id ?? UNENROLLED_DEVICE_ID);
  return { report: cycle.report, enrolled: identity !== undefined };
}

/** `once`: enrol if needed, collect once, spool, try to deliver everything spooled. */
export async function runOnce(options: AgentOptions): Promise<{ report: Report; delivery: DrainResult }> {
  const log = options.log ?? silentLogger;
  // One attempt only: `once` is run by people and scripts that want an answer now.
  const identity = (await readIdentity(options.config.state_dir)) ?? (await enroll(enrollDeps(options)));
  const spool = options.spool ?? (await openStateSpool(options.config));
  const cycle = await everyCollectorOnce(options, identity.device_id);
  await spoolReport(spool, cycle, log);
  const delivery = await newSender(options, spool, identity).drain();
  return { report: cycle.report, delivery };
}

/** One cycle of every collector, due or not (`once` and `once --print`). */
async function everyCollectorOnce(options: AgentOptions, deviceId: string) {
  const collectors = options.collectors ?? defaultCollectors();
  const cycle = await runCycle({
    scheduler: newScheduler(options, collectors),
    base: contextBase(options),
    deviceId,
    budgetMs: options.config.collector_timeout_seconds * 1000,
    only: collectors,
  });
  if (!cycle) throw new Error('no collectors registered');
  return cycle;
}

function enrollDeps(options: AgentOptions) {
  return {
    config: options.config,
    log: options.log ?? silentLogger,
    post: options.post ?? collectorPost(options.config),
    ...(options.platform ? { platform: options.platform } : {}),
  };
}

async function spoolReport(spool: Spool, cycle: CycleResult, log: Logger): Promise<boolean> {
  const put = await spool.put(cycle.report);
  if (put.evicted.length > 0) log.warn('spool full: dropped old reports', { dropped: put.evicted.length, ...spool.stats() });
  if (!put.stored) {
    log.error('report not spooled', { report_id: cycle.report.report_id, reason: put.reason });
    return false;
  }
  cycle.commit();
  const failed = cycle.report.collectors?.filter((c) => !c.ok).map((c) => c.collector) ?? [];
  log.info('report spooled', {
    report_id: cycle.report.report_id,
    collectors: cycle.report.collectors?.map((c) => c.collector),
    ...(failed.length > 0 ? { failed } : {}),
    samples: cycle.report.samples?.length ?? 0,
    spool_count: spool.stats().count,
  });
  return true;
}

/**
 * `run`: enrol if needed (retrying), then collect on schedule and deliver in the background.
 * Delivery runs in its own loop so a slow or absent collector never delays collection.
 */
export async function startAgent(options: AgentOptions, signal?: AbortSignal): Promise<AgentHandle> {
  const log = options.log ?? silentLogger;
  const controller = new AbortController();
  const onAbort = (): void => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  const stopSignal = controller.signal;
  const identity = await ensureEnrolled({
    ...enrollDeps(options),
    signal: stopSignal,
    backoffInitialMs: 1000 * options.config.interval_scale,
    backoffMaxMs: 300_000 * options.config.interval_scale,
  });
  if (!identity) throw new Error('stopped before enrolment completed');
  const spool = options.spool ?? (await openStateSpool(options.config));
  const sender = newSender(options, spool, identity);
  // The service keeps only the light sample collectors in its own process; `once` and `doctor`
  // run everything in-process, as they exit straight after.
  const collectors = options.collectors ?? isolateInventory(defaultCollectors(), { command: options.inventoryWorker ?? selfWorkerCommand(), log });
  const scheduler = newScheduler(options, collectors);
  const clock = options.clock ?? systemClock;
  let cycles = 0;
  log.info('agent started', { device_id: identity.device_id, collectors: collectors.map((c) => c.name), spool_count: spool.stats().count });

  const collectLoop = async (): Promise<void> => {
    while (!stopSignal.aborted) {
      try {
        const cycle = await runCycle({
          scheduler,
          base: contextBase(options, stopSignal),
          deviceId: identity.device_id,
          budgetMs: options.config.collector_timeout_seconds * 1000,
        });
        if (cycle && !stopSignal.aborted && (await spoolReport(spool, cycle, log))) {
          cycles += 1;
          sender.wake();
        }
      } catch (error) {
        log.error('collection cycle failed', { error: errorMessage(error) });
      }
      await sleep(Math.max(10, scheduler.nextDueAt() - clock.now().getTime()), stopSignal);
    }
  };
  const done = Promise.all([collectLoop(), sender.run(stopSignal)]).then(() => {
    signal?.removeEventListener('abort', onAbort);
    log.info('agent stopped', { spool_count: spool.stats().count });
  });
  return {
    identity,
    spool,
    sender,
    get cycles() {
      return cycles;
    },
    stop: async () => {
      controller.abort();
      sender.stop();
      await done;
    },
    done,
  };
}
