import type { Inventory, NetworkDevice, Sample } from '../../protocol/index.js';
import type { AgentConfig } from '../config/schema.js';
import type { Logger } from '../log.js';
import type { CommandRunner } from '../host/runner.js';

export interface Clock {
  now(): Date;
}

export interface CollectContext {
  run: CommandRunner;
  clock: Clock;
  config: AgentConfig;
  log: Logger;
  /** Aborted when the collector's wall-clock budget runs out or the agent stops. */
  signal: AbortSignal;
  /** Epoch milliseconds by which the collector must have returned. */
  deadline: number;
  platform: NodeJS.Platform;
}

/** What one collector contributes to a report. */
export interface CollectorOutput {
  inventory?: Partial<Inventory>;
  samples?: Sample[];
  /** SNMP polls of network gear (site pollers). */
  network_devices?: NetworkDevice[];
  /**
   * A partial failure: the output above is still used, but the report marks the collector
   * as not ok with this message (e.g. one latency target out of three could not be probed).
   */
  problem?: string;
}

export type { CollectorSettings } from '../config/setting.js';

export interface Collector {
  name: string;
  /**
   * `inventory` collectors describe state: their output is sent when it changed or once a day.
   * `samples` collectors produce measurements that are always sent.
   */
  kind: 'inventory' | 'samples';
  /** Default interval; `intervals.<name>` in the config overrides it. */
  intervalSeconds: number;
  collect(ctx: CollectContext): Promise<CollectorOutput>;
}
