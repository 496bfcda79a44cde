import type { Server, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';

/**
 * How long a client may take and how many connections it may hold. Node's own defaults (60 s for
 * the headers, 300 s for a whole request, no cap on connections) let one host hold tens of
 * thousands of sockets by opening them and sending slowly.
 */
export interface ConnectionLimits {
  /** Time from a connection's first byte (or the previous answer) to the end of the request's headers. */
  headersTimeoutMs: number;
  /** Time to receive a whole request, body included: a 4 MiB report over a slow site link. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection is kept between two requests. */
  keepAliveTimeoutMs: number;
  /** Open connections in all; a connection beyond it is closed as soon as it is accepted. */
  maxConnections: number;
  /** Open connections from one source address; 0 is no per-address cap (behind a proxy, every connection is the proxy's). */
  maxConnectionsPerAddress: number;
}

/**
 * The timeouts as options of http(s).createServer. Node checks the header and request timeouts
 * only every `connectionsCheckingInterval` (30 s by default), which would let a slow client overstay
 * by that much: the check runs at a quarter of the headers timeout, at most once a second.
 */
export function serverTimeouts(limits: ConnectionLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.min(1000, Math.max(100, Math.floor(limits.headersTimeoutMs / 4))),
  };
}

export interface RefusedConnections {
  /** Beyond maxConnections. */
  total: number;
  /** Beyond maxConnectionsPerAddress. */
  perAddress: number;
}

/**
 * Caps the server's connections, in all and per source address. `onRefused` hears of each refusal
 * with the running counts (the caller decides how often to log them).
 */
export function capConnections(server: Server, limits: ConnectionLimits, onRefused: (counts: RefusedConnections) => void): void {
  const refused: RefusedConnections = { total: 0, perAddress: 0 };
  server.maxConnections = limits.maxConnections;
  // Node closes a connection beyond maxConnections itself and says so with 'drop'.
  server.on('drop', () => {
    refused.total++;
    onRefused(refused);
  });
  const cap = limits.maxConnectionsPerAddress;
  if (cap === 0) return;
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const count = (open.get(address) ?? 0) + 1;
    if (count > cap) {
      socket.destroy();
      refused.perAddress++;
      onRefused(refused);
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
