import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { DomainError } from '../../errors.js';

/**
 * The project's choices: 600 enrolments a minute lets a site behind one NAT address enrol its whole
 * estate at 10 a second (agents retry after a 429); 10 sign-ins a minute is far above what a person
 * types and, with tokens of 256 bits, only against floods (OWASP ASVS 4.0.3 V2.2.1 asks for
 * anti-automation on authentication).
 */
export const DEFAULT_RATE_LIMITS = { enrolPerMinute: 600, signInPerMinute: 10 };

export interface RateLimitOptions {
  /** What is limited, for the 429 message: "enrolment", "sign-in". */
  name: string;
  /** Requests one source address may make per window; 0 turns the limit off. */
  limit: number;
  windowMs?: number;
  /** Believe the last X-Forwarded-For entry: only when a proxy in front sets it (it replaces, not appends, what clients send). */
  trustProxy?: boolean;
  /** Addresses remembered at once; past it the oldest windows are dropped (an attacker with many addresses gains nothing per address). */
  maxAddresses?: number;
  now?: () => number;
}

/**
 * The address a request came from: the socket's peer, or, behind a trusted proxy, the last
 * X-Forwarded-For entry (the one the proxy added). IPv6 addresses count per /64, the block one
 * host is usually given, so a host cannot walk its own prefix to escape a limit.
 */
export function sourceAddress(c: Context, trustProxy = false): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return addressKey(forwarded);
  }
  try {
    return addressKey(getConnInfo(c).remote.address ?? 'unknown');
  } catch {
    return 'unknown'; // app.request() in a test: no socket to ask
  }
}

function addressKey(address: string): string {
  const v4 = /^(?:::ffff:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (v4) return v4[1]!;
  if (!address.includes(':')) return address;
  // Expand "::" just enough to take the first four groups.
  const [head = '', tail] = address.toLowerCase().split('::');
  const groups = head ? head.split(':') : [];
  if (tail !== undefined) while (groups.length < 4) groups.push('0');
  return `${groups.slice(0, 4).join(':')}::/64`;
}

/**
 * A fixed-window limit per source address, answered 429 with Retry-After (the seconds until the
 * address's window ends) before the route reads the body or checks a credential. Counts every
 * request it sees, refused ones included: it limits attempts, not successes.
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const windowMs = options.windowMs ?? 60_000;
  const maxAddresses = options.maxAddresses ?? 100_000;
  const now = options.now ?? Date.now;
  const windows = new Map<string, { count: number; endsAt: number }>();
  return async (c, next) => {
    if (options.limit <= 0) return next();
    const at = now();
    const key = sourceAddress(c, options.trustProxy);
    let window = windows.get(key);
    if (!window || window.endsAt <= at) {
      windows.delete(key);
      if (windows.size >= maxAddresses) windows.delete(windows.keys().next().value!);
      window = { count: 0, endsAt: at + windowMs };
      windows.set(key, window);
    }
    window.count += 1;
    if (window.count > options.limit) {
      const seconds = Math.max(1, Math.ceil((window.endsAt - at) / 1000));
      c.header('Connection', 'close');
      throw new DomainError('rate-limited', `too many ${options.name} attempts from this address: at most ${options.limit} per ${windowMs / 1000} s; retry in ${seconds} s`, { retryAfterSeconds: seconds });
    }
    return next();
  };
}
