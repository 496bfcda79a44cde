import { z } from 'zod';
import { VERSION } from '../version.js';
import { resetInstruments } from './instruments.js';

/**
 * Self-telemetry: the collector's own metrics and traces through the OpenTelemetry SDK,
 * configured with the standard OTEL_* environment variables. Off unless the operator names an
 * exporter or an OTLP endpoint: a hospital server must not start sending (or listening) on its own.
 */
export interface SelfTelemetry {
  enabled: boolean;
  /** One line for the start-up log: where metrics and traces go. */
  describe: string;
  /** Exports what is buffered and stops; safe to call more than once. */
  shutdown(): Promise<void>;
}

const list = (allowed: readonly string[]) =>
  z
    .string()
    .transform((value) => value.split(',').map((v) => v.trim()).filter(Boolean))
    .refine((values) => values.every((v) => allowed.includes(v)), { message: `must be a comma-separated list of ${allowed.join(', ')}` });
const url = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });

const TelemetryEnv = z.object({
  OTEL_SDK_DISABLED: z.enum(['true', 'false', '']).optional(),
  OTEL_METRICS_EXPORTER: list(['otlp', 'prometheus', 'console', 'none']).optional(),
  OTEL_TRACES_EXPORTER: list(['otlp', 'zipkin', 'console', 'none']).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: url.optional(),
  OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: url.optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: url.optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: z.enum(['grpc', 'http/protobuf', 'http/json']).optional(),
  OTEL_METRIC_EXPORT_INTERVAL: z.string().regex(/^\d+$/, 'must be milliseconds, a whole number').optional(),
  OTEL_EXPORTER_PROMETHEUS_PORT: z.string().regex(/^\d+$/, 'must be a port number').optional(),
});

const OFF: SelfTelemetry = { enabled: false, describe: 'off (set OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_METRICS_EXPORTER to turn on)', shutdown: async () => {} };

let running: { sdk: { shutdown(): Promise<void> }; users: number; describe: string } | undefined;

/**
 * Checks the OTEL_* settings (an error names the variable) and starts the SDK when asked for.
 * Several collectors in one process (tests, the demo) share one SDK, as OpenTelemetry's globals do.
 */
export async function startSelfTelemetry(env: NodeJS.ProcessEnv = process.env): Promise<SelfTelemetry> {
  const parsed = TelemetryEnv.safeParse(Object.fromEntries(Object.entries(env).filter(([name]) => name in TelemetryEnv.shape)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${String(issue.path[0])}: ${issue.message}`);
  }
  const settings = parsed.data;
  const endpoint = settings.OTEL_EXPORTER_OTLP_ENDPOINT ?? settings.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT ?? settings.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  const exporters = [...(settings.OTEL_METRICS_EXPORTER ?? []), ...(settings.OTEL_TRACES_EXPORTER ?? [])].filter((e) => e !== 'none');
  if (settings.OTEL_SDK_DISABLED === 'true' || (!endpoint && exporters.length === 0)) return OFF;

  if (!running) {
    // The SDK reads process.env itself. Signals the operator did not ask for stay off: with only
    // OTEL_METRICS_EXPORTER=prometheus set, the SDK would otherwise also send traces to localhost:4318.
    const general = settings.OTEL_EXPORTER_OTLP_ENDPOINT;
    const defaults: Record<string, string> = {
      OTEL_TRACES_EXPORTER: general || settings.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ? 'otlp' : 'none',
      OTEL_METRICS_EXPORTER: general || settings.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT ? 'otlp' : 'none',
      OTEL_LOGS_EXPORTER: 'none', // logs stay structured JSON on stderr
      // An unauthenticated /metrics answers on loopback only unless the operator opens it.
      OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
    };
    for (const [name, value] of Object.entries(defaults)) if (!process.env[name]) process.env[name] = env[name] || value;
    for (const name of Object.keys(TelemetryEnv.shape)) if (env[name] && !process.env[name]) process.env[name] = env[name];

    const { NodeSDK } = await import('@opentelemetry/sdk-node');
    const sdk = new NodeSDK({ serviceName: 'sf-collector', autoDetectResources: true });
    sdk.start();
    resetInstruments();
    const describe = [
      `metrics: ${process.env.OTEL_METRICS_EXPORTER}${process.env.OTEL_METRICS_EXPORTER?.includes('prometheus') ? ` on http://${process.env.OTEL_EXPORTER_PROMETHEUS_HOST}:${process.env.OTEL_EXPORTER_PROMETHEUS_PORT ?? 9464}/metrics` : ''}`,
      `traces: ${process.env.OTEL_TRACES_EXPORTER}`,
      endpoint ? `OTLP endpoint ${endpoint}` : '',
      `version ${VERSION}`,
    ].filter(Boolean).join('; ');
    running = { sdk, users: 0, describe };
  }
  const shared = running;
  shared.users++;
  let stopped = false;
  return {
    enabled: true,
    describe: shared.describe,
    async shutdown() {
      if (stopped) return;
      stopped = true;
      if (--shared.users > 0) return;
      running = undefined;
      await shared.sdk.shutdown();
      resetInstruments();
    },
  };
}
