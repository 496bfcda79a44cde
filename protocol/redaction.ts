/**
 * Field names whose values are secrets in either program (tokens, keys, enrol secrets, passwords,
 * cookies). The agent's logger and the collector's pino logger both redact by this one list, so a
 * secret never reaches a log file whichever program or code path tries to log it.
 */
export const SECRET_FIELD_NAMES = ['authorization', 'cookie', 'set-cookie', 'token', 'node_key', 'enroll_secret', 'secret', 'client_secret', 'password'] as const;

/** What a redacted value is replaced with in a log line. */
export const REDACTED = '[redacted]';

/** True for a field name on the list, whatever its case (HTTP header names arrive in any case). */
export function isSecretFieldName(name: string): boolean {
  return (SECRET_FIELD_NAMES as readonly string[]).includes(name.toLowerCase());
}
