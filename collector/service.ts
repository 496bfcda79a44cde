import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from './api/app.js';
import type { AuditSink } from './api/middleware/audit-log.js';
import { ConfigError, configError, storeLocation, type CollectorConfig } from './config.js';
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
import type { Store } from './store/store.js';
import { tightenDataDir } from './store/data-dir.js';
import { gateControls, loadScoringModel, type ScoringModel } from './scoring/controls.js';
import { ScoringService } from './scoring/service.js';
import { EOL_CATALOGUE, ensureCatalogue, FIRMWARE_CATALOGUE } from './lifecycle/catalogue-store.js';
import type { SelfTelemetry } from './telemetry/sdk.js';
import { log } from './telemetry/log.js';
import { compose } from './runtime/components.js';
import { HttpServerComponent } from './runtime/http-server.js';
import { notifierComponent, scoringComponent, StoreComponent, TelemetryComponent, writerComponent } from './runtime/parts.js';
import { ScoreSchedulerComponent } from './runtime/score-scheduler.js';

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

/**
 * Starts the collector's long-lived parts in order — telemetry, store, scoring, notifier, writer,
 * HTTP server, scoring scheduler — and closes them in reverse (docs/architecture.md, Lifecycle).
 * A failure part-way stops what had started before it is rethrown.
 */
export async function startCollector(config: CollectorConfig, hooks: CollectorHooks = {}): Promise<RunningCollector> {
  const { model, digestOptions, retention, oidc } = prepareCollector(config);
  const looseMode = tightenDataDir(config.dataDir);
  if (looseMode) log.warn({ data_dir: config.dataDir, mode_was: looseMode }, 'the data directory was open to other users; made it owner-only (0700)');

  const { value: running, stop } = await compose(log, async (start) => {
    const telemetry = await start(new TelemetryComponent());
    const store = (await start(new StoreComponent(storeLocation(config)))).store;
    await applyRetention(store, retention);
    await ensureCatalogue(store, { eol: config.eolCatalogue, firmware: config.firmwareCatalogue });
    const adminToken = config.adminToken ?? loadOrCreateToken(config.dataDir, 'admin', 'sfa');
    const viewerToken = config.viewerToken ?? loadOrCreateToken(config.dataDir, 'viewer', 'sfv');
    const scoring = new ScoringService(store, model, undefined, retention);
    await start(scoringComponent(scoring));
    const writer = new ReportWriter(store, config.writer);
    const registry = new Registry(store, writer);
    const notifier = digestOptions ? new FindingsNotifier(store, scoring, registry, digestOptions, { log: logLine }) : undefined;
    if (notifier) await start(notifierComponent(notifier));
    await start(writerComponent(writer, telemetry));
    const authenticator = new DeviceAuthenticator(registry, { cacheMs: config.deviceCacheSeconds * 1000 });
    const enrollment = new Enrollment(registry, authenticator, new EnrolSecrets(store));
    let server: HttpServerComponent | undefined;
    const app = createApp({ store, registry, writer, authenticator, enrollment, adminToken, viewerToken, scoring, limits: config.limits, rateLimits: config.rateLimits, trustProxy: config.trustProxy, draining: () => server?.draining ?? false, audit: hooks.audit, notifier, oidc, tokenSignIn: config.tokenSignIn, bootstrapTokens: config.bootstrapTokens });
    server = await start(new HttpServerComponent(app.fetch, config));
    await start(new ScoreSchedulerComponent({ store, scoring, notifier, snapshotOnStart: config.snapshotOnStart }));
    const routes = app.routes.map(({ method, path }) => ({ method, path }));
    return { url: server.url, store, registry, writer, adminToken, viewerToken, scoring, telemetry: telemetry.telemetry, routes };
  });

  let closing: Promise<void> | undefined;
  const close = () => (closing ??= stop());
  return { ...running, close };
}

/**
 * Reads and checks what the configuration names — scoring model, digest controls, retention, OIDC
 * grants, end-of-life and firmware release catalogues, TLS certificate and key — before anything is
 * opened, and refuses with every problem at once. `sf-collector validate` runs it alone.
 */
export function prepareCollector(config: CollectorConfig) {
  const problems: string[] = [];
  /** A file that cannot be read is named with its setting; a bad one by its own message (file, line, reason). */
  const checked = <T>(setting: string, read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      const unreadable = error instanceof Error && 'code' in error && 'path' in error;
      problems.push(unreadable ? `${setting}: cannot read ${String(error.path)} (${String(error.code)})` : error instanceof Error ? error.message : String(error));
      return undefined;
    }
  };
  const model = checked('--controls (SF_CONTROLS)', () => loadScoringModel(config.controls));
  const digestOptions = config.notify && model ? checked('--notify-controls', () => notifyOptions(config, model)) : undefined;
  const retention = checked('retention', () => resolveRetention(config.retention));
  const oidcConfig = config.oidc;
  const mapping = oidcConfig ? checked('--oidc-grants (SF_OIDC_GRANTS)', () => loadOidcMapping(oidcConfig.grantsFile)) : undefined;
  const catalogues = [[config.eolCatalogue, '--eol-catalogue (SF_EOL_CATALOGUE)', EOL_CATALOGUE], [config.firmwareCatalogue, '--firmware-catalogue (SF_FIRMWARE_CATALOGUE)', FIRMWARE_CATALOGUE]] as const;
  for (const [file, setting, kind] of catalogues) if (file) checked(setting, () => kind.check(readFileSync(file, 'utf8'), file));
  if (config.tls) checked('--tls-cert (SF_TLS_CERT)', () => readFileSync(config.tls!.certFile));
  if (config.tls) checked('--tls-key (SF_TLS_KEY)', () => readFileSync(config.tls!.keyFile));
  if (!model || !retention || problems.length > 0) throw configError(problems);
  const oidc = oidcConfig && mapping ? new OidcSignIn({ ...oidcConfig, mapping }) : undefined;
  return { model, digestOptions, retention, oidc };
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
