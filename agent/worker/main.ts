import { describeIssues, formatProblems } from '../../protocol/index.js';
import { defaultCollectors } from '../collectors/registry.js';
import type { Collector } from '../collectors/types.js';
import { AgentConfig } from '../config/schema.js';
import { type CollectorRun, runCollectors } from '../cycle/run-collectors.js';
import { createLogger, type LogFields, type LogLevel, type Logger } from '../log.js';
import { type CommandRunner, runCommand } from '../host/runner.js';
import { type WorkerRequest, WorkerRequestShape, type WorkerResult } from './messages.js';

export interface InventoryWorkerMainOptions {
  /** The collectors the worker may run, by name; the agent's registry unless given (tests). */
  collectors?: Collector[];
  run?: CommandRunner;
  /** How long to wait for the agent's request. */
  requestTimeoutMs?: number;
}

const EXIT_AFTER_STOP_MS = 500;

/** Worker lines carry `process: inventory-worker`, so the shared log tells the two processes apart. */
function taggedLogger(level: LogLevel): Logger {
  const log = createLogger({ level });
  const tag = (fields?: LogFields): LogFields => ({ process: 'inventory-worker', ...fields });
  return {
    debug: (msg, fields) => log.debug(msg, tag(fields)),
    info: (msg, fields) => log.info(msg, tag(fields)),
    warn: (msg, fields) => log.warn(msg, tag(fields)),
    error: (msg, fields) => log.error(msg, tag(fields)),
  };
}

function nextMessage(timeoutMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no request from the agent within ${timeoutMs} ms`)), timeoutMs);
    process.once('message', (message: unknown) => {
      clearTimeout(timer);
      resolve(message);
    });
  });
}

function send(result: WorkerResult): Promise<void> {
  return new Promise((resolve) => {
    if (!process.connected || !process.send) return resolve();
    process.send(result, undefined, {}, () => resolve());
  });
}

function resultOf(name: string, run: CollectorRun | undefined): WorkerResult {
  if (run?.output) {
    const { problem, ...rest } = run.output;
    return { type: 'result', collector: name, output: problem === undefined ? rest : { ...rest, problem: problem.slice(0, 1000) } };
  }
  return { type: 'result', collector: name, error: run?.status.error ?? 'failed without a message' };
}

/**
 * `sf-agent inventory-worker` (hidden): started by `sf-agent run` with an IPC channel, runs the
 * collectors it is asked for — each with the same budget, validation and failure isolation as in
 * the agent — sends each result as soon as it is ready, and exits. Returns the exit code.
 */
export async function runInventoryWorker(options: InventoryWorkerMainOptions = {}): Promise<number> {
  if (!process.send || !process.connected) {
    process.stderr.write('inventory-worker is started by `sf-agent run` over an IPC channel, not by hand\n');
    return 2;
  }
  const controller = new AbortController();
  const stop = (): void => {
    controller.abort(new Error('the agent stopped the inventory worker'));
    // Collectors see the abort and kill their commands; one that ignores it is not waited for.
    setTimeout(() => process.exit(1), EXIT_AFTER_STOP_MS);
  };
  process.once('SIGTERM', stop);
  process.once('disconnect', stop);
  const shape = WorkerRequestShape.safeParse(await nextMessage(options.requestTimeoutMs ?? 30_000));
  if (!shape.success) {
    process.stderr.write(`inventory-worker: unreadable request: ${formatProblems(describeIssues(shape.error, 3))}\n`);
    return 2;
  }
  const config = AgentConfig.safeParse(shape.data.config);
  const names = shape.data.collectors;
  if (!config.success) {
    const why = `the inventory worker could not read the agent's config: ${formatProblems(describeIssues(config.error, 3))}`;
    await Promise.all(names.map((name) => send({ type: 'result', collector: name, error: why.slice(0, 1000) })));
    return 1;
  }
  const request: WorkerRequest = { ...shape.data, config: config.data };
  const log = taggedLogger(request.config.log_level);
  const available = new Map((options.collectors ?? defaultCollectors()).map((c) => [c.name, c]));
  const base = { run: options.run ?? runCommand, clock: { now: () => new Date() }, config: request.config, log, platform: process.platform, signal: controller.signal };
  const budgetMs = Math.max(1, Math.round(request.deadline - Date.now()));
  await Promise.all(
    names.map(async (name) => {
      const collector = available.get(name);
      if (!collector) return send({ type: 'result', collector: name, error: `this agent has no collector named "${name}"` });
      const [run] = await runCollectors([collector], base, budgetMs);
      return send(resultOf(name, run));
    }),
  );
  return 0;
}
