import { serve, type ServerType } from '@hono/node-server';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp } from './api/app.js';
import type { CollectorConfig } from './config.js';
import { DeviceAuthenticator } from './identity/device-auth.js';
import { Enrollment } from './identity/enrollment.js';
import { randomToken } from './identity/keys.js';
import { Registry } from './store/registry.js';
import { ReportWriter } from './store/report-writer.js';
import { Store } from './store/store.js';

export interface RunningCollector {
  url: string;
  store: Store;
  registry: Registry;
  writer: ReportWriter;
  adminToken: string;
  /** Stops accepting, commits what was accepted, closes the store. */
  close(): Promise<void>;
}

export async function startCollector(config: CollectorConfig): Promise<RunningCollector> {
  const store = await Store.open({ dataDir: config.dataDir, clickhouseUrl: config.clickhouseUrl, database: config.database });
  const writer = new ReportWriter(store, config.writer);
  const registry = new Registry(store, writer);
  const authenticator = new DeviceAuthenticator(registry);
  const enrollment = new Enrollment(registry, authenticator);
  const adminToken = config.adminToken ?? loadOrCreateAdminToken(config.dataDir);
  const app = createApp({ store, registry, writer, authenticator, enrollment, adminToken, limits: config.limits });

  const server = await listen(app.fetch, config);
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `${config.tls ? 'https' : 'http'}://${host}:${address.port}`;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await writer.close();
      await store.close();
    })());
  return { url, store, registry, writer, adminToken, close };
}

function listen(fetch: (request: Request) => Response | Promise<Response>, config: CollectorConfig): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const tls = config.tls;
    const server = tls
      ? serve(
          {
            fetch,
            hostname: config.listen.host,
            port: config.listen.port,
            createServer: createHttpsServer,
            serverOptions: { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) },
          },
          () => resolve(server),
        )
      : serve({ fetch, hostname: config.listen.host, port: config.listen.port }, () => resolve(server));
    server.once('error', reject);
  });
}

/** The admin token lives beside the data, owner-only, so `sf-collector site add` on the same host finds it. */
export function adminTokenPath(dataDir: string): string {
  return join(dataDir, 'admin.token');
}

function loadOrCreateAdminToken(dataDir: string): string {
  const path = adminTokenPath(dataDir);
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const token = randomToken('sfa');
  writeFileSync(path, `${token}\n`, { mode: 0o600 });
  return token;
}
