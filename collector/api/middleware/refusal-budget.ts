import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';
import { DomainError } from '../../errors.js';

/**
 * Refused reports a device may send per minute before its reports are answered 429 (with
 * Retry-After) without their body being read. The project's choice: an agent sets a refused
 * report aside and never resends it, and sends one report a cycle (minutes), so an honest agent —
 * even one whose every report is invalid, draining a backlog — stays far below 20 a minute; a device
 * sending poison reports as fast as it can costs the collector a key check each, not a parse.
 */
export const DEFAULT_REFUSED_REPORTS_PER_MINUTE = 20;

export interface RefusalBudgetOptions {
  /** Refused (400 or 403) reports per window per device before 429; 0 turns the budget off. */
  limit: number;
  windowMs?: number;
  /** Devices remembered at once; past it the oldest windows are dropped. */
  maxDevices?: number;
  now?: () => number;
}

/**
 * A fixed-window budget of refused reports per device (after nodeAuth, before the body is read):
 * each 400 (invalid, out of the time window, refused by the store) or 403 (another device's id,
 * gear from a key that may not send it) spends one; once spent, the device's reports get 429 until
 * the window ends.
 * It counts refusals, not requests: a device that sends only valid reports is never limited, however many.
 */
export function refusalBudget(options: RefusalBudgetOptions): MiddlewareHandler<AppEnv> {
  const windowMs = options.windowMs ?? 60_000;
  const maxDevices = options.maxDevices ?? 100_000;
  const now = options.now ?? Date.now;
  const windows = new Map<string, { refused: number; endsAt: number }>();
  return async (c, next) => {
    if (options.limit <= 0) return next();
    const deviceId = c.get('device').deviceId;
    const at = now();
    const current = windows.get(deviceId);
    if (current && current.endsAt > at && current.refused >= options.limit) {
      const seconds = Math.max(1, Math.ceil((current.endsAt - at) / 1000));
      throw new DomainError('rate-limited', `this device sent ${current.refused} refused reports in ${windowMs / 1000} s; retry in ${seconds} s`, { retryAfterSeconds: seconds });
    }
    await next();
    if (c.res.status !== 400 && c.res.status !== 403) return;
    let window = windows.get(deviceId);
    if (!window || window.endsAt <= now()) {
      windows.delete(deviceId);
      if (windows.size >= maxDevices) windows.delete(windows.keys().next().value!);
      window = { refused: 0, endsAt: now() + windowMs };
      windows.set(deviceId, window);
    }
    window.refused += 1;
  };
}
