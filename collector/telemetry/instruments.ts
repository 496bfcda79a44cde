import { metrics, SpanStatusCode, trace, type Attributes, type Histogram, type Span } from '@opentelemetry/api';
import { VERSION } from '../version.js';

/**
 * The collector's own instruments, through the OpenTelemetry API: no-ops until the SDK is
 * started (telemetry/sdk.ts), so code records unconditionally and pays next to nothing when
 * self-telemetry is off.
 */
const SCOPE = 'sf-collector';

// Seconds; ClickHouse calls range from ~1 ms (embedded point reads) to a minute (a snapshot of a big estate).
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

interface Instruments {
  storeOperation: Histogram;
  commit: Histogram;
  commitReports: Histogram;
  scoreEvaluation: Histogram;
}

let current: Instruments | undefined;

/** The API hands out no-op meters until an SDK registers: instruments are made on first use after it. */
export function instruments(): Instruments {
  return (current ??= create());
}

/** Called once the SDK is registered, so instruments made earlier (no-ops) are made again for real. */
export function resetInstruments(): void {
  current = undefined;
}

export function meter() {
  return metrics.getMeter(SCOPE, VERSION);
}

function create(): Instruments {
  const meter = metrics.getMeter(SCOPE, VERSION);
  const seconds = (name: string, description: string) =>
    meter.createHistogram(name, { description, unit: 's', advice: { explicitBucketBoundaries: DURATION_BUCKETS } });
  return {
    // Semantic-convention name, so ClickHouse latency shows up in generic database dashboards.
    storeOperation: seconds('db.client.operation.duration', 'Duration of ClickHouse calls made by the collector'),
    commit: seconds('sf.collector.writer.commit.duration', 'Duration of one group commit (duplicate check and inserts)'),
    commitReports: meter.createHistogram('sf.collector.writer.commit.reports', {
      description: 'Reports in one group commit',
      unit: '{report}',
      advice: { explicitBucketBoundaries: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000] },
    }),
    scoreEvaluation: seconds('sf.collector.score.evaluation.duration', 'Duration of evaluating every control for one as-of date'),
  };
}

export function tracer() {
  return trace.getTracer(SCOPE, VERSION);
}

/**
 * Runs `work` in an active span and records its duration on `histogram`; the outcome
 * (`error.type` on failure) is an attribute of both, as the semantic conventions do.
 */
export async function measured<T>(name: string, histogram: () => Histogram, attributes: Attributes, work: (span: Span) => Promise<T>): Promise<T> {
  const started = performance.now();
  return tracer().startActiveSpan(name, { attributes }, async (span) => {
    let outcome: Attributes = attributes;
    try {
      return await work(span);
    } catch (error) {
      outcome = { ...attributes, 'error.type': error instanceof Error ? error.constructor.name : 'unknown' };
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      histogram().record((performance.now() - started) / 1000, outcome);
      span.end();
    }
  });
}
