import { request } from 'node:https';
import { connect, isIP } from 'node:net';
import { AGENT_VERSION } from '../../version.js';

/** One timed attempt: the milliseconds it took, or why it failed. */
export type Attempt = { ok: true; ms: number } | { ok: false; error: string };

export interface AttemptOptions {
  /** The already-resolved address to connect to: name resolution is not part of the timing. */
  address: string;
  port: number;
  timeoutMs: number;
  signal: AbortSignal;
}

export interface HttpsAttemptOptions extends AttemptOptions {
  /** The name to present in SNI and the Host header (the configured host, not the address). */
  hostName: string;
  path: string;
  method: 'GET' | 'HEAD';
}

const ERROR_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network is unreachable',
  EADDRNOTAVAIL: 'address not available',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'connection closed',
};

/** Pure: a socket error as a short, stable phrase (stable so the dashboard can group by it). */
export function describeSocketError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && ERROR_WORDS[code]) return ERROR_WORDS[code];
  const message = error instanceof Error ? error.message : String(error);
  if (/socket hang up/i.test(message)) return 'connection closed without an answer';
  if (code?.startsWith('ERR_SSL') || /ssl|tls/i.test(message)) return `TLS handshake failed: ${message.slice(0, 160)}`;
  return (code ? `${code}: ${message}` : message).slice(0, 200);
}

/**
 * Runs `start` with a settle-once callback, a timer and the abort signal; `cleanup` always
 * runs, so no socket outlives its attempt whichever way it ends.
 */
function timedAttempt(options: AttemptOptions, start: (settle: (a: Attempt) => void, began: () => number) => () => void): Promise<Attempt> {
  return new Promise<Attempt>((resolve) => {
    let settled = false;
    const began = performance.now();
    let cleanup: () => void = () => {};
    const settle = (attempt: Attempt): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      cleanup();
      resolve(attempt);
    };
    const onAbort = (): void => settle({ ok: false, error: 'stopped: collector deadline reached' });
    // The timer phase runs before I/O callbacks: on a busy machine the timer and an answer that did
    // arrive in time can both be due in one loop turn. setImmediate lets that answer's callback run
    // first, so a late-scheduled agent does not report its own slowness as loss.
    const timer = setTimeout(() => setImmediate(() => settle({ ok: false, error: `no answer within ${options.timeoutMs} ms` })), options.timeoutMs);
    options.signal.addEventListener('abort', onAbort, { once: true });
    cleanup = start(settle, () => performance.now() - began);
    if (options.signal.aborted) onAbort();
  });
}

/** Time until the TCP handshake completes; the connection is then closed at once. */
export function tcpConnectAttempt(options: AttemptOptions): Promise<Attempt> {
  return timedAttempt(options, (settle, elapsed) => {
    const socket = connect({ host: options.address, port: options.port });
    socket.once('connect', () => settle({ ok: true, ms: elapsed() }));
    socket.once('error', (error) => settle({ ok: false, error: describeSocketError(error) }));
    return () => socket.destroy();
  });
}

/**
 * Time to first byte: from opening the connection (TCP + TLS handshake + server think time)
 * until the response headers arrive. Any HTTP status counts as an answer, redirects are not
 * followed, and the body is never read.
 *
 * The certificate is not verified: this is a timing probe that sends no credentials and
 * trusts nothing it receives, and trusts' internal services are often signed by a private CA
 * that Node's bundled CA list does not hold, which would otherwise read as 100 % loss.
 */
export function httpsFirstByteAttempt(options: HttpsAttemptOptions): Promise<Attempt> {
  return timedAttempt(options, (settle, elapsed) => {
    const sniName = isIP(options.hostName) === 0 ? options.hostName : undefined;
    const hostHeader = `${isIP(options.hostName) === 6 ? `[${options.hostName}]` : options.hostName}${options.port === 443 ? '' : `:${options.port}`}`;
    const req = request({
      host: options.address,
      port: options.port,
      path: options.path,
      method: options.method,
      agent: false,
      rejectUnauthorized: false,
      ...(sniName ? { servername: sniName } : {}),
      headers: { host: hostHeader, 'user-agent': `sf-agent/${AGENT_VERSION} (latency probe)`, accept: '*/*', connection: 'close' },
    });
    req.once('response', (res) => {
      settle({ ok: true, ms: elapsed() });
      res.destroy();
    });
    req.once('error', (error) => settle({ ok: false, error: describeSocketError(error) }));
    req.end();
    return () => req.destroy();
  });
}
