import type { FindingsNotifier } from '../notify/digest.js';
import { catalogueHealth } from '../queries/catalogue-health.js';
import type { ScoringService } from '../scoring/service.js';
import type { Store } from '../store/store.js';
import { errorFields, log } from '../telemetry/log.js';
import type { Component } from './components.js';

const HOURLY_MS = 3_600_000;

/**
 * The daily snapshot: today's scores are evaluated at start (when asked) and then hourly, so
 * trends fill in even when nobody looks; after each run the findings digest may go out.
 * Stopping clears the timer and waits for a snapshot in progress, digest included, so nothing
 * reads the store after it closes.
 */
export class ScoreSchedulerComponent implements Component {
  readonly name = 'scoring scheduler';
  private timer?: NodeJS.Timeout;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly parts: { store: Store; scoring: ScoringService; notifier?: FindingsNotifier; snapshotOnStart: boolean },
  ) {}

  async start(): Promise<void> {
    this.timer = setInterval(() => this.snapshot(), HOURLY_MS);
    this.timer.unref();
    if (this.parts.snapshotOnStart) this.snapshot();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.inFlight;
  }

  private snapshot(): void {
    const { store, scoring, notifier } = this.parts;
    this.inFlight = this.inFlight.then(() =>
      scoring
        .run(scoring.today())
        // An old catalogue, or releases it does not know, make CYB-OS-SUPPORTED's unknowns a catalogue problem: say so hourly.
        .then(async (run) => {
          for (const warning of (await catalogueHealth(store, run, {})).warnings) log.warn({ as_of: run.as_of }, warning);
        })
        .catch((error: unknown) => log.error(errorFields(error), 'daily score snapshot failed'))
        .then(async () => {
          await notifier?.maybeSend();
        })
        .catch((error: unknown) => log.error(errorFields(error), 'findings digest failed; tried again with the next snapshot')),
    );
  }
}
