import { serve, type ServerType } from '@hono/node-server';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp } from './api/app.js';
import { capConnections, serverTimeouts, type RefusedConnections } from './api/connection-limits.js';
import type { AuditSink } from './api/middleware/audit-log.js';
import { ConfigError, storeLocation, type CollectorConfig } from './config.js';
import { FindingsNotifier } from './notify/digest.js';
import { DeviceAuthenticator } from './identity/device-auth.js';
import { Enrollment } from './identity/enrollment.js';
import { OidcSignIn } from './identity/oidc.js';
import { loadOidcMapping } from './identity/oidc-mapping.js';
import { randomToken } from './identity/keys.js';
import { Registry } from './identity/registry.js';
import { EnrolSecrets } from './identity/enrol-secrets.js';
import { ReportWriter } from './ingest/report-writer.js';
import { applyRetention, resolveRetention } from './store/retention.js';
import { Store } from './store/store.js';
import { tightenDataDir } from './store/data-dir.js';
import { gateControls, loadScoringModel, type ScoringModel } from './scoring/controls.js';
import { ScoringService } from './scoring/service.js';
import { ensureCatalogue } from './lifecycle/catalogue-store.js';
import { catalogueHealth } from './queries/catalogue-health.js';
import { startSelfTelemetry, type SelfTelemetry } from './telemetry/sdk.js';
import { observeWriter } from './telemetry/writer.js';
import { log } from './telemetry/log.js';

const SHUTDOWN_GRACE_MS = 10_000;

export interface RunningCollector {
  url: string;
  store: Store;
  registry: Registry;
  writer: ReportWriter;
  adminToken: string;
  viewerToken: string;
  scoring: ScoringService;
  telemetry: SelfTelemetry;
  /** Every route the app serves (method, path), so a test can walk them all. */
  routes: Array<{ method: string; path: string }>;
  /** Stops accepting, commits what was accepted, closes the store. */
  close(): Promise<void>;
}

/** Where the service's side outputs go, for programs that embed it (tests keep audit lines out of their output). */
export interface CollectorHooks {
  audit?: AuditSink;
}

export async function startCollector(config: CollectorConfig, hooks: CollectorHooks = {}): Promise<RunningCollector> {
  // First, so the store's start-up (migrations) is measured too.
  const telemetry = await startSelfTelemetry();
  // Settings that can be wrong are checked before anything is opened.
  const model = loadScoringModel(config.controls);
  const digestOptions = config.notify ? notifyOptions(config, model) : undefined;
  const retention = resolveRetention(config.retention);
  const oidc = config.oidc ? new OidcSignIn({ ...config.oidc, mapping: loadOidcMapping(config.oidc.grantsFile) }) : undefined;
  const looseMode = tightenDataDir(config.dataDir);
  if (looseMode) logLine({ level: 'warn', msg: 'the data directory was open to other users; made it owner-only (0700)', data_dir: config.dataDir, mode_was: looseMode });
  const store = await Store.open(storeLocation(config));
  await applyRetention(store, retention);
  const writer = new ReportWriter(store, config.writer);
  const stopObservingWriter = observeWriter(writer);
  const registry = new Registry(store, writer);
  const authenticator = new DeviceAuthenticator(registry, { cacheMs: config.deviceCacheSeconds * 1000 });
  const enrollment = new Enrollment(registry, authenticator, new EnrolSecrets(store));
  const adminToken = config.adminToken ?? loadOrCreateToken(config.dataDir, 'admin', 'sfa');
  const viewerToken = config.viewerToken ?? loadOrCreateToken(config.dataDir, 'viewer', 'sfv');
  await ensureCatalogue(store, config.eolCatalogue);
  const scoring = new ScoringService(store, model, undefined, retention);
  const notifier = digestOptions ? new FindingsNotifier(store, scoring, registry, digestOptions, { log: logLine }) : undefined;
  let draining = false;
  const app = createApp({ store, registry, writer, authenticator, enrollment, adminToken, viewerToken, scoring, limits: config.limits, rateLimits: config.rateLimits, trustProxy: config.trustProxy, draining: () => draining, audit: hooks.audit, notifier, oidc, tokenSignIn: config.tokenSignIn, bootstrapTokens: config.bootstrapTokens });

  const server = await listen(app.fetch, config);
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `${config.tls ? 'https' : 'http'}://${host}:${address.port}`;

  // The daily snapshot: today's scores are evaluated at start and then hourly, so trends fill in
  // even when nobody looks.
  const snapshot = () =>
    void scoring
      .run(scoring.today())
      // An old catalogue, or releases it does not know, make CYB-OS-SUPPORTED's unknowns a catalogue problem: say so hourly.
      .then(async (run) => {
        for (const warning of (await catalogueHealth(store, run, {})).warnings) logLine({ level: 'warn', msg: warning, as_of: run.as_of });
      })
      .catch((error: unknown) => logLine({ level: 'error', msg: 'daily score snapshot failed', error: String(error) }))
      .then(() => notifier?.maybeSend())
      .catch((error: unknown) => logLine({ level: 'error', msg: 'findings digest failed; tried again with the next snapshot', error: String(error) }));
  const snapshotTimer = setInterval(snapshot, 3_600_000);
  snapshotTimer.unref();
  if (config.snapshotOnStart) snapshot();

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      clearInterval(snapshotTimer);
      // Stop accepting; busy keep-alive connections close after their current answer, and any
      // still open after the grace period are cut (their requests were not answered, so not acknowledged).
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      (server as Server).closeIdleConnections?.();
      const grace = setTimeout(() => (server as Server).closeAllConnections?.(), SHUTDOWN_GRACE_MS);
      await closed;
      clearTimeout(grace);
      await writer.close();
      await notifier?.idle();
      await scoring.idle();
      await store.close();
      // Last, so the final export carries the shutdown's own commits.
      await telemetry.shutdown();
      stopObservingWriter();
    })());
  const routes = app.routes.map(({ method, path }) => ({ method, path }));
  return { url, store, registry, writer, adminToken, viewerToken, scoring, telemetry, routes, close };
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
            serverOptions: { ...serverTimeouts(config.connections), cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) },
          },
          () => resolve(server),
        )
      : serve({ fetch, hostname: config.listen.host, port: config.listen.port, serverOptions: serverTimeouts(config.connections) }, () => resolve(server));
    server.once('error', reject);
    capConnections(server as Server, config.connections, logRefusals());
  });
}

/** Tokens live beside the data, owner-only, so `sf-collector site add` on the same host finds them. */
export function tokenPath(dataDir: string, role: 'admin' | 'viewer'): string {
  return join(dataDir, `${role}.token`);
}

export const adminTokenPath = (dataDir: string) => tokenPath(dataDir, 'admin');

function loadOrCreateToken(dataDir: string, role: 'admin' | 'viewer', prefix: string): string {
  const path = tokenPath(dataDir, role);
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const token = randomToken(prefix);
  writeFileSync(path, `${token}\n`, { mode: 0o600 });
  return token;
}

/** Connections refused over a cap, logged at most once a minute with the counts since start, so an attack does not flood the log. */
function logRefusals(): (counts: RefusedConnections) => void {
  let last = -Infinity;
  return (counts) => {
    if (Date.now() - last < 60_000) return;
    last = Date.now();
    logLine({ level: 'warn', msg: 'connections refused over the cap (counts since start)', over_max_connections: counts.total, over_per_address: counts.perAddress });
  };
}

/** The service's `{ level, msg, ...fields }` entries (and the notifier's) onto the one logger. */
function logLine(entry: Record<string, unknown>): void {
  const { level, msg, ...fields } = entry;
  const known = level === 'error' || level === 'warn' || level === 'debug' ? level : 'info';
  log[known](fields, String(msg));
}

/** The digest's controls default to those of the model's level gates: the findings a board hears about. */
function notifyOptions(config: CollectorConfig, model: ScoringModel) {
  const notify = config.notify!;
  const known = new Set(model.controls.map((c) => c.id));
  const controls = notify.controls ?? gateControls(model);
  const unknown = controls.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new ConfigError(`notify.controls: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not a control' : 'are not controls'} of the scoring model`);
  return { ...notify, controls, publicUrl: config.publicUrl };
}
