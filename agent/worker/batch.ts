import { type ChildProcess, spawn } from 'node:child_process';
import { describeIssues, formatProblems } from '../../protocol/index.js';
import type { CollectContext, CollectorOutput } from '../collectors/types.js';
import type { Logger } from '../log.js';
import { type WorkerRequest, WorkerResult } from './messages.js';
import type { WorkerCommand } from './self-command.js';
import { killTreeOnWindows } from '../host/kill-tree.js';

interface Waiter {
  resolve(output: CollectorOutput): void;
  reject(error: Error): void;
  done: boolean;
}

/**
 * One inventory worker process and the collectors it was asked for. Each collector's promise
 * settles on its own: with the worker's result for it, when the agent gives up on it (its
 * signal aborts: budget spent or agent stopping), or when the worker dies before answering.
 * Once none is waiting, a worker still running is stopped (see finish).
 */
export class WorkerBatch {
  private readonly waiters = new Map<string, Waiter>();
  private deadline = Number.POSITIVE_INFINITY;
  private child: ChildProcess | undefined;
  private exit: string | undefined;
  private gaveUp = false;

  constructor(
    private readonly ctx: CollectContext,
    private readonly log: Logger,
    private readonly killGraceMs: number,
  ) {}

  add(name: string, ctx: CollectContext): Promise<CollectorOutput> {
    if (this.waiters.has(name)) return Promise.reject(new Error(`collector ${name} asked twice in one cycle`));
    this.deadline = Math.min(this.deadline, ctx.deadline);
    return new Promise<CollectorOutput>((resolve, reject) => {
      const onAbort = (): void => this.settle(name, new Error('the agent stopped waiting for the inventory worker'), true);
      const waiter: Waiter = {
        resolve: (output) => {
          ctx.signal.removeEventListener('abort', onAbort);
          resolve(output);
        },
        reject: (error) => {
          ctx.signal.removeEventListener('abort', onAbort);
          reject(error);
        },
        done: false,
      };
      this.waiters.set(name, waiter);
      if (ctx.signal.aborted) onAbort();
      else ctx.signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  start(command: WorkerCommand): void {
    const names = [...this.waiters].filter(([, w]) => !w.done).map(([name]) => name);
    if (names.length === 0) return;
    // The worker times its collectors out a little before the agent would, so a slow collector is
    // reported by the worker with its own message and the agent's budget only catches a stuck worker.
    const total = this.deadline - Date.now();
    const request: WorkerRequest = {
      type: 'collect',
      collectors: names,
      config: this.ctx.config,
      deadline: Math.round(this.deadline - Math.min(1000, Math.max(0, total) / 10)),
    };
    let child: ChildProcess;
    try {
      child = spawn(command.command, command.args, { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], windowsHide: true });
    } catch (error) {
      this.failAll(`cannot start the inventory worker: ${(error as Error).message}`);
      return;
    }
    this.child = child;
    this.log.debug('inventory worker started', { pid: child.pid, collectors: names });
    child.on('message', (message: unknown) => this.onMessage(message));
    child.once('error', (error) => this.failAll(`cannot start the inventory worker: ${error.message}`));
    child.once('exit', (code, signal) => {
      this.exit = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    });
    // 'close' comes after the IPC channel is drained: results sent just before exiting still count.
    child.once('close', () => this.failAll(`the inventory worker ${this.exit ?? 'ended'} before reporting this collector`));
    child.send(request, (error) => {
      if (error) this.failAll(`cannot send the request to the inventory worker: ${error.message}`);
    });
  }

  private onMessage(message: unknown): void {
    const parsed = WorkerResult.safeParse(message);
    if (!parsed.success) {
      const name = (message as { collector?: unknown } | null)?.collector;
      const why = `the inventory worker sent an invalid result: ${formatProblems(describeIssues(parsed.error, 3))}`;
      if (typeof name === 'string' && this.waiters.has(name)) this.settle(name, new Error(why));
      else this.log.warn('inventory worker sent an unreadable message', { error: why });
      return;
    }
    const result = parsed.data;
    if (!this.waiters.has(result.collector)) {
      this.log.warn('inventory worker answered for a collector it was not asked for', { collector: result.collector });
      return;
    }
    // The output's contents are validated by runCollectors against the wire contract, as for any collector.
    if (result.output) this.settle(result.collector, result.output as CollectorOutput);
    else this.settle(result.collector, new Error(result.error ?? 'failed without a message'));
  }

  private settle(name: string, outcome: CollectorOutput | Error, gaveUp = false): void {
    const waiter = this.waiters.get(name);
    if (!waiter || waiter.done) return;
    waiter.done = true;
    this.gaveUp ||= gaveUp;
    if (outcome instanceof Error) waiter.reject(outcome);
    else waiter.resolve(outcome);
    if ([...this.waiters.values()].every((w) => w.done)) this.finish();
  }

  private failAll(reason: string): void {
    for (const name of this.waiters.keys()) this.settle(name, new Error(reason));
  }

  /**
   * Nobody waits any more: a worker that answered exits by itself; one given up on is asked to
   * stop by closing its IPC channel, which works on every OS (on Windows a signal is
   * TerminateProcess, leaving the worker no chance to kill the commands its collectors run).
   * One that does not stop within the grace is killed with what it started.
   */
  private finish(): void {
    const child = this.child;
    if (!child || this.exit !== undefined) return;
    const kill = (signal: NodeJS.Signals): void => {
      if (this.exit !== undefined) return;
      if (signal === 'SIGKILL' && process.platform === 'win32' && child.pid !== undefined) killTreeOnWindows(child.pid, () => child.kill(signal));
      else child.kill(signal);
    };
    if (this.gaveUp && child.connected) child.disconnect();
    setTimeout(() => (this.gaveUp ? kill('SIGKILL') : kill('SIGTERM')), this.killGraceMs).unref();
    if (!this.gaveUp) setTimeout(() => kill('SIGKILL'), 2 * this.killGraceMs).unref();
  }
}
