import { serve, type ServerType } from '@hono/node-server';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { capConnections, serverTimeouts, type ConnectionLimits, type RefusedConnections } from '../api/connection-limits.js';
import { log } from '../telemetry/log.js';
import type { Component } from './components.js';

const SHUTDOWN_GRACE_MS = 10_000;

type Fetch = (request: Request) => Response | Promise<Response>;

/** The part of the collector's settings the listener reads (the service passes its whole config). */
export interface ListenSettings {
  listen: { host: string; port: number };
  tls?: { certFile: string; keyFile: string };
  connections: ConnectionLimits;
}

/**
 * The HTTP(S) listener. Started last, so nothing is answered before every part behind it is up;
 * stopped first among the parts that serve, so no new report arrives while the writer commits.
 */
export class HttpServerComponent implements Component {
  readonly name = 'http server';
  private server?: ServerType;
  /** True once stopping began: the app answers with `Connection: close`, so keep-alive clients go away. */
  draining = false;

  constructor(
    private readonly fetch: Fetch,
    private readonly config: ListenSettings,
  ) {}

  get url(): string {
    if (!this.server) throw new Error('http server read before it started');
    const address = this.server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `${this.config.tls ? 'https' : 'http'}://${host}:${address.port}`;
  }

  async start(): Promise<void> {
    this.server = await listen(this.fetch, this.config);
  }

  /**
   * Stops accepting; busy keep-alive connections close after their current answer, and any still
   * open after the grace period are cut (their requests were not answered, so not acknowledged).
   */
  async stop(): Promise<void> {
    const server = this.server as Server | undefined;
    if (!server) return;
    this.draining = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections?.();
    const grace = setTimeout(() => server.closeAllConnections?.(), SHUTDOWN_GRACE_MS);
    await closed;
    clearTimeout(grace);
  }
}

function listen(fetch: Fetch, config: ListenSettings): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const tls = config.tls;
    const server = tls
      ? serve(
          {
            fetch,
            hostname: config.listen.host,
            port: config.listen.port,
            createServer: createHttpsServer,
            serverOptions: { ...serverTimeouts(config.connections), cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) },
          },
          () => resolve(server),
        )
      : serve({ fetch, hostname: config.listen.host, port: config.listen.port, serverOptions: serverTimeouts(config.connections) }, () => resolve(server));
    server.once('error', reject);
    capConnections(server as Server, config.connections, logRefusals());
  });
}

/** Connections refused over a cap, logged at most once a minute with the counts since start, so an attack does not flood the log. */
function logRefusals(): (counts: RefusedConnections) => void {
  let last = -Infinity;
  return (counts) => {
    if (Date.now() - last < 60_000) return;
    last = Date.now();
    log.warn({ over_max_connections: counts.total, over_per_address: counts.perAddress }, 'connections refused over the cap (counts since start)');
  };
}
