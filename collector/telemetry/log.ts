import { pino, type Logger } from 'pino';
import { REDACTED, SECRET_FIELD_NAMES } from '../../protocol/redaction.js';

export type { Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_LOG_LEVEL: LogLevel = 'info';

const isLogLevel = (value: string | undefined): value is LogLevel => (LOG_LEVELS as readonly string[]).includes(value ?? '');

/**
 * pino redacts by path, not by name: each secret name at the top of a line's fields and up to
 * three objects deep (`error.cause.token`), which covers every shape the collector logs.
 */
const REDACT_PATHS = SECRET_FIELD_NAMES.flatMap((name) => {
  const key = /^[a-z_]+$/.test(name) ? name : `["${name}"]`;
  const member = key.startsWith('[') ? key : `.${key}`;
  return [key, `*${member}`, `*.*${member}`, `*.*.*${member}`];
});

/** JSON lines on stderr (stdout carries command output), level as its name, secrets censored. */
function options(level: LogLevel) {
  return {
    level,
    base: null,
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    formatters: { level: (label: string) => ({ level: label }) },
  };
}

/**
 * The collector's one logger; its level comes from LOG_LEVEL, or `serve --log-level` sets it. A bad
 * LOG_LEVEL is not refused here, where it would stop even `--help`: `serve` refuses it with its other
 * settings (collector/settings/serve.ts), and until then the level is the default.
 */
const fromEnv = process.env.LOG_LEVEL;
export const log: Logger = pino(
  { ...options(isLogLevel(fromEnv) ? fromEnv : DEFAULT_LOG_LEVEL), timestamp: () => `,"ts":"${new Date().toISOString()}"` },
  pino.destination({ fd: 2, sync: true }),
);

/**
 * The audit trail's own logger: always on whatever the level, the audit line's fields as they
 * always were (`at` is the entry's own time, so pino adds none), and the same redaction.
 */
export const auditLogger: Logger = pino({ ...options('info'), timestamp: false }, pino.destination({ fd: 2, sync: true }));

/** An error as a log field: its message and name, never the whole object (which may carry a request). */
export function errorFields(error: unknown): { error: string } {
  return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}
