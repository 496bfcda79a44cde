import type { ReportWriter } from '../ingest/report-writer.js';
import type { FindingsNotifier } from '../notify/digest.js';
import type { ScoringService } from '../scoring/service.js';
import { Store } from '../store/store.js';
import type { StoreLocation } from '../store/connection.js';
import { startSelfTelemetry, type SelfTelemetry } from '../telemetry/sdk.js';
import { observeWriter } from '../telemetry/writer.js';
import type { Component } from './components.js';

/** Reads a component's resource, failing loudly if it is read before the component started. */
function started<T>(name: string, value: T | undefined): T {
  if (value === undefined) throw new Error(`${name} read before it started`);
  return value;
}

/**
 * The collector's own metrics and traces. Started first, so the store's start-up (migrations)
 * is measured; stopped last, so the final export carries the shutdown's own commits. Instruments
 * that read other parts are removed only after that final export.
 */
export class TelemetryComponent implements Component {
  readonly name = 'telemetry';
  private sdk?: SelfTelemetry;
  private readonly afterShutdown: Array<() => void> = [];
  get telemetry(): SelfTelemetry {
    return started(this.name, this.sdk);
  }
  async start(): Promise<void> {
    this.sdk = await startSelfTelemetry();
  }
  /** Keeps an observation until the final export, then calls its `unobserve`. */
  observeUntilShutdown(unobserve: () => void): void {
    this.afterShutdown.push(unobserve);
  }
  async stop(): Promise<void> {
    await this.sdk?.shutdown();
    for (const unobserve of this.afterShutdown.splice(0)) unobserve();
  }
}

/** The only door to ClickHouse: opened (migrations run) on start, closed after everything that writes or reads through it. */
export class StoreComponent implements Component {
  readonly name = 'store';
  private opened?: Store;
  constructor(private readonly location: StoreLocation) {}
  get store(): Store {
    return started(this.name, this.opened);
  }
  async start(): Promise<void> {
    this.opened = await Store.open(this.location);
  }
  async stop(): Promise<void> {
    await this.opened?.close();
  }
}

/** The scoring service holds no timer of its own; stopping waits for a run in progress. */
export function scoringComponent(scoring: ScoringService): Component {
  return { name: 'scoring', start: async () => {}, stop: () => scoring.idle() };
}

/** The findings digest; stopping waits for a digest being sent. */
export function notifierComponent(notifier: FindingsNotifier): Component {
  return { name: 'notifier', start: async () => {}, stop: () => notifier.idle() };
}

/** The group-commit writer: observed by telemetry while running; stopping commits what was accepted. */
export function writerComponent(writer: ReportWriter, telemetry: TelemetryComponent): Component {
  return {
    name: 'writer',
    start: async () => telemetry.observeUntilShutdown(observeWriter(writer)),
    stop: () => writer.close(),
  };
}
