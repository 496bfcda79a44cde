import { Command, InvalidArgumentError } from 'commander';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { AdminClient } from './admin-client.js';
import { addEnrolmentCommands } from './cli-enrolment.js';
import { addKeyCommands } from './cli-keys.js';
import { parseCatalogue } from './lifecycle/catalogue.js';
import { ConfigError, DEFAULT_COLLECTOR_CONFIG, parseListen, validateCollectorConfig, type CollectorConfig } from './config.js';
import { adminTokenPath, startCollector } from './service.js';
import { LOG_LEVELS, log, parseLogLevel } from './telemetry/log.js';
import { VERSION } from './version.js';

const env = process.env;

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('must be a whole number');
  return n;
}

export interface ServeOptions {
  dataDir: string;
  listen: string;
  clickhouseUrl?: string;
  clickhouseCluster?: string;
  clickhouseInsertQuorum?: string;
  database: string;
  tlsCert?: string;
  tlsKey?: string;
  flushMs: number;
  flushRows: number;
  eolCatalogue?: string;
  controls?: string;
  notifyWebhook?: string;
  notifyFormat?: string;
  notifyControls?: string;
  notifyHour?: string;
  notifyTrusts?: string;
  publicUrl?: string;
  inputRetentionDays?: string;
  runRetentionDays?: string;
  enrolRateLimit?: number;
  signInRateLimit?: number;
  trustProxy?: boolean;
  deviceCacheSeconds?: number;
  headersTimeout?: string;
  requestTimeout?: string;
  keepAliveTimeout?: string;
  maxConnections?: string;
  maxConnectionsPerAddress?: string;
  oidcIssuer?: string;
  oidcClientId?: string;
  oidcClientSecretFile?: string;
  oidcRedirectUrl?: string;
  oidcScopes?: string;
  oidcClaim?: string;
  oidcGrants?: string;
  oidcProviderName?: string;
  tokenSignIn?: string;
  bootstrapTokens?: string;
}

/** A number of days from a flag or the environment; range and pairing are checked with the config. */
function days(value: string | undefined, flag: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw new ConfigError(`${flag}: "${value}" is not a whole number of days`);
  return Number(value);
}

/** The digest settings from flags or environment; validated with the rest of the config. */
function notifyConfig(options: ServeOptions): Record<string, unknown> | undefined {
  if (!options.notifyWebhook) {
    if (options.notifyFormat || options.notifyControls || options.notifyHour || options.notifyTrusts) throw new ConfigError('--notify-format, --notify-controls, --notify-hour and --notify-trusts need --notify-webhook (SF_NOTIFY_WEBHOOK)');
    return undefined;
  }
  const hour = options.notifyHour === undefined || options.notifyHour === '' ? undefined : /^\d+$/.test(options.notifyHour) ? Number(options.notifyHour) : options.notifyHour;
  return {
    url: options.notifyWebhook,
    ...(options.notifyFormat ? { format: options.notifyFormat } : {}),
    ...(options.notifyControls ? { controls: options.notifyControls.split(',').map((c) => c.trim()).filter(Boolean) } : {}),
    ...(hour !== undefined ? { hourUtc: hour } : {}),
    ...(options.notifyTrusts ? { trusts: options.notifyTrusts.split(',').map((t) => t.trim()).filter(Boolean) } : {}),
  };
}

/** 'auto' or a whole number of replicas; the value comes from the flag or, unparsed, from the environment. */
function insertQuorum(value: string | undefined): 'auto' | number | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'auto') return 'auto';
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) {
    throw new ConfigError(`--clickhouse-insert-quorum (CLICKHOUSE_INSERT_QUORUM): "${value}" is not 'auto' or a number of replicas`);
  }
  return n;
}

/** OpenID Connect sign-in from flags or environment; the secret from SF_OIDC_CLIENT_SECRET or a file, never a flag (process lists show flags). */
function oidcConfig(options: ServeOptions): Record<string, unknown> | undefined {
  if (!options.oidcIssuer) {
    if (options.oidcClientId || options.oidcGrants || options.oidcClientSecretFile) throw new ConfigError('--oidc-client-id, --oidc-client-secret-file and --oidc-grants need --oidc-issuer (SF_OIDC_ISSUER)');
    return undefined;
  }
  const secret = options.oidcClientSecretFile ? readFileSync(options.oidcClientSecretFile, 'utf8').trim() : env.SF_OIDC_CLIENT_SECRET;
  if (!secret) throw new ConfigError('--oidc-issuer needs the client secret: SF_OIDC_CLIENT_SECRET or --oidc-client-secret-file');
  if (!options.oidcClientId || !options.oidcGrants) throw new ConfigError('--oidc-issuer needs --oidc-client-id (SF_OIDC_CLIENT_ID) and --oidc-grants (SF_OIDC_GRANTS)');
  const redirectUrl = options.oidcRedirectUrl || (options.publicUrl ? `${options.publicUrl.replace(/\/+$/, '')}/auth/oidc/callback` : undefined);
  if (!redirectUrl) throw new ConfigError('--oidc-issuer needs --oidc-redirect-url (SF_OIDC_REDIRECT_URL) or --public-url (SF_PUBLIC_URL) to derive it from');
  return {
    issuer: options.oidcIssuer,
    clientId: options.oidcClientId,
    clientSecret: secret,
    redirectUrl,
    scopes: (options.oidcScopes ?? 'openid profile email').split(/\s+/).filter(Boolean),
    claim: options.oidcClaim ?? 'roles',
    grantsFile: options.oidcGrants,
    providerName: options.oidcProviderName ?? 'your organisation account',
  };
}

function onOff(value: string | undefined, flag: string): boolean {
  if (value === undefined || value === '' || value === 'on') return true;
  if (value === 'off') return false;
  throw new ConfigError(`${flag}: "${value}" is not on or off`);
}

/** A whole number from a flag or the environment; its range is checked with the config. */
function whole(value: string | undefined, flag: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw new ConfigError(`${flag}: "${value}" is not a whole number`);
  return Number(value);
}

/** The HTTP server's timeouts (flags in seconds) and connection caps, each defaulting on its own. */
function connectionsConfig(options: ServeOptions): CollectorConfig['connections'] {
  const defaults = DEFAULT_COLLECTOR_CONFIG.connections;
  const ms = (value: string | undefined, flag: string) => {
    const seconds = whole(value, flag);
    return seconds === undefined ? undefined : seconds * 1000;
  };
  return {
    headersTimeoutMs: ms(options.headersTimeout, '--headers-timeout (SF_HEADERS_TIMEOUT)') ?? defaults.headersTimeoutMs,
    requestTimeoutMs: ms(options.requestTimeout, '--request-timeout (SF_REQUEST_TIMEOUT)') ?? defaults.requestTimeoutMs,
    keepAliveTimeoutMs: ms(options.keepAliveTimeout, '--keep-alive-timeout (SF_KEEP_ALIVE_TIMEOUT)') ?? defaults.keepAliveTimeoutMs,
    maxConnections: whole(options.maxConnections, '--max-connections (SF_MAX_CONNECTIONS)') ?? defaults.maxConnections,
    maxConnectionsPerAddress: whole(options.maxConnectionsPerAddress, '--max-connections-per-address (SF_MAX_CONNECTIONS_PER_ADDRESS)') ?? defaults.maxConnectionsPerAddress,
  };
}

export function serveConfig(options: ServeOptions): CollectorConfig {
  if (Boolean(options.tlsCert) !== Boolean(options.tlsKey)) {
    throw new InvalidArgumentError('--tls-cert and --tls-key go together');
  }
  return validateCollectorConfig({
    ...DEFAULT_COLLECTOR_CONFIG,
    listen: parseListen(options.listen),
    dataDir: options.dataDir,
    clickhouseUrl: options.clickhouseUrl,
    clickhouseCluster: options.clickhouseCluster || undefined,
    clickhouseInsertQuorum: insertQuorum(options.clickhouseInsertQuorum),
    database: options.database,
    adminToken: env.SF_ADMIN_TOKEN,
    viewerToken: env.SF_VIEWER_TOKEN,
    eolCatalogue: options.eolCatalogue,
    controls: options.controls,
    tls: options.tlsCert && options.tlsKey ? { certFile: options.tlsCert, keyFile: options.tlsKey } : undefined,
    notify: notifyConfig(options),
    publicUrl: options.publicUrl || undefined,
    oidc: oidcConfig(options),
    tokenSignIn: onOff(options.tokenSignIn, '--token-sign-in (SF_TOKEN_SIGN_IN)'),
    bootstrapTokens: onOff(options.bootstrapTokens, '--bootstrap-tokens (SF_BOOTSTRAP_TOKENS)'),
    retention: {
      inputDays: days(options.inputRetentionDays, '--input-retention-days (SF_INPUT_RETENTION_DAYS)'),
      runDays: days(options.runRetentionDays, '--run-retention-days (SF_RUN_RETENTION_DAYS)'),
    },
    writer: { ...DEFAULT_COLLECTOR_CONFIG.writer, minFlushIntervalMs: options.flushMs, maxBatchRows: options.flushRows },
    rateLimits: {
      enrolPerMinute: options.enrolRateLimit ?? DEFAULT_COLLECTOR_CONFIG.rateLimits.enrolPerMinute,
      signInPerMinute: options.signInRateLimit ?? DEFAULT_COLLECTOR_CONFIG.rateLimits.signInPerMinute,
    },
    trustProxy: Boolean(options.trustProxy),
    deviceCacheSeconds: options.deviceCacheSeconds ?? DEFAULT_COLLECTOR_CONFIG.deviceCacheSeconds,
    connections: connectionsConfig(options),
  });
}

function adminClient(options: { url: string; dataDir: string; adminTokenFile?: string }): AdminClient {
  const token = env.SF_ADMIN_TOKEN ?? readFileSync(options.adminTokenFile ?? adminTokenPath(options.dataDir), 'utf8').trim();
  return new AdminClient(options.url, token);
}

export function buildCli(): Command {
  const program = new Command('sf-collector')
    .description('Smart Foundations collector: receives agent reports, stores them in ClickHouse, serves scores.')
    .version(VERSION, '-V, --version');

  program
    .command('serve')
    .description('run the collector HTTP service')
    .addHelpText(
      'after',
      '\nSelf-telemetry (off by default) uses the standard OpenTelemetry variables, e.g.\n' +
        '  OTEL_EXPORTER_OTLP_ENDPOINT=http://otel-collector:4318   metrics and traces over OTLP\n' +
        '  OTEL_METRICS_EXPORTER=prometheus                         /metrics on 127.0.0.1:9464\n' +
        '  (OTEL_EXPORTER_PROMETHEUS_HOST/PORT to move it). See README "Self-telemetry".',
    )
    .option('--data-dir <dir>', 'embedded ClickHouse data directory (env SF_DATA_DIR)', env.SF_DATA_DIR ?? 'data')
    .option('--listen <host:port>', 'address to listen on (env SF_LISTEN)', env.SF_LISTEN ?? '127.0.0.1:8470')
    .option('--clickhouse-url <url>', 'use a ClickHouse server instead of the embedded engine (env CLICKHOUSE_URL)', env.CLICKHOUSE_URL)
    .option('--clickhouse-cluster <name>', 'the cluster (<remote_servers> name) --clickhouse-url belongs to: Replicated tables, DDL ON CLUSTER (env CLICKHOUSE_CLUSTER)', env.CLICKHOUSE_CLUSTER)
    .option('--clickhouse-insert-quorum <n|auto>', "on a cluster, replicas that must hold an insert before it is acknowledged; 'auto' (default) = a majority, 0 = off (env CLICKHOUSE_INSERT_QUORUM)", env.CLICKHOUSE_INSERT_QUORUM)
    .option('--database <name>', 'ClickHouse database (env SF_DATABASE)', env.SF_DATABASE ?? 'sf')
    .option('--tls-cert <file>', 'serve HTTPS with this certificate (PEM)')
    .option('--tls-key <file>', 'private key for --tls-cert (PEM)')
    .option('--flush-ms <ms>', 'group commit: least time between two writes (an idle collector writes at once)', integer, 100)
    .option('--flush-rows <n>', 'group commit: rows that trigger a write at once', integer, 50_000)
    .option('--eol-catalogue <file>', 'end-of-life catalogue (YAML); loaded at start when changed (env SF_EOL_CATALOGUE)', env.SF_EOL_CATALOGUE)
    .option('--controls <file>', 'control catalogue and scoring model (YAML) (env SF_CONTROLS)', env.SF_CONTROLS)
    .option('--notify-webhook <url>', 'post a daily digest of new and resolved findings here (Teams workflow, Slack, SIEM) (env SF_NOTIFY_WEBHOOK)', env.SF_NOTIFY_WEBHOOK)
    .option('--notify-format <generic|teams>', "digest body: 'generic' JSON with a text line (default), or a Teams Adaptive Card (env SF_NOTIFY_FORMAT)", env.SF_NOTIFY_FORMAT)
    .option('--notify-controls <ids>', 'comma-separated controls the digest reports; default: the level-capping ones (env SF_NOTIFY_CONTROLS)', env.SF_NOTIFY_CONTROLS)
    .option('--notify-hour <0-23>', 'earliest hour (UTC) to send the day\'s digest, default 7 (env SF_NOTIFY_HOUR)', env.SF_NOTIFY_HOUR)
    .option('--notify-trusts <ids>', 'comma-separated trusts the digest covers (a webhook of one trust\'s team); default every trust (env SF_NOTIFY_TRUSTS)', env.SF_NOTIFY_TRUSTS)
    .option('--public-url <url>', 'the dashboard address users reach, for links in notifications (env SF_PUBLIC_URL)', env.SF_PUBLIC_URL)
    .option('--input-retention-days <days>', 'days inventory history, samples and polls are kept, default 1096 (env SF_INPUT_RETENTION_DAYS)', env.SF_INPUT_RETENTION_DAYS)
    .option('--run-retention-days <days>', 'days score runs are kept, at most input retention − 30 (the default) (env SF_RUN_RETENTION_DAYS)', env.SF_RUN_RETENTION_DAYS)
    .option('--enrol-rate-limit <n>', 'enrolment attempts per minute per source address, 0 = off (env SF_ENROL_RATE_LIMIT)', integer, env.SF_ENROL_RATE_LIMIT ? integer(env.SF_ENROL_RATE_LIMIT) : DEFAULT_COLLECTOR_CONFIG.rateLimits.enrolPerMinute)
    .option('--sign-in-rate-limit <n>', 'dashboard sign-in attempts per minute per source address, 0 = off (env SF_SIGN_IN_RATE_LIMIT)', integer, env.SF_SIGN_IN_RATE_LIMIT ? integer(env.SF_SIGN_IN_RATE_LIMIT) : DEFAULT_COLLECTOR_CONFIG.rateLimits.signInPerMinute)
    .option('--trust-proxy', 'take the source address from the last X-Forwarded-For entry: only behind a proxy that sets it (env SF_TRUST_PROXY=1)', env.SF_TRUST_PROXY === '1')
    .option('--device-cache-seconds <s>', 'how long a device key is trusted before the store is asked again: the longest a revocation through another collector on the same database goes unseen (env SF_DEVICE_CACHE_SECONDS)', integer, env.SF_DEVICE_CACHE_SECONDS ? integer(env.SF_DEVICE_CACHE_SECONDS) : DEFAULT_COLLECTOR_CONFIG.deviceCacheSeconds)
    .option('--headers-timeout <seconds>', 'the headers of a request must arrive within this, default 10 (env SF_HEADERS_TIMEOUT)', env.SF_HEADERS_TIMEOUT)
    .option('--request-timeout <seconds>', 'a whole request, body included, must arrive within this, default 60 (env SF_REQUEST_TIMEOUT)', env.SF_REQUEST_TIMEOUT)
    .option('--keep-alive-timeout <seconds>', 'an idle keep-alive connection is closed after this, default 5 (env SF_KEEP_ALIVE_TIMEOUT)', env.SF_KEEP_ALIVE_TIMEOUT)
    .option('--max-connections <n>', 'open connections in all; more are closed at once, default 8192 (env SF_MAX_CONNECTIONS)', env.SF_MAX_CONNECTIONS)
    .option('--max-connections-per-address <n>', 'open connections from one address, default 0 = no cap: set it when agents connect directly, not behind a proxy or NAT (env SF_MAX_CONNECTIONS_PER_ADDRESS)', env.SF_MAX_CONNECTIONS_PER_ADDRESS)
    .option('--oidc-issuer <url>', "sign-in with the trust's OpenID provider, e.g. https://login.microsoftonline.com/<tenant id>/v2.0 (env SF_OIDC_ISSUER); client secret in env SF_OIDC_CLIENT_SECRET or --oidc-client-secret-file", env.SF_OIDC_ISSUER)
    .option('--oidc-client-id <id>', 'the application (client) id registered at the provider (env SF_OIDC_CLIENT_ID)', env.SF_OIDC_CLIENT_ID)
    .option('--oidc-client-secret-file <file>', 'file holding the client secret (env SF_OIDC_CLIENT_SECRET_FILE; or the secret itself in SF_OIDC_CLIENT_SECRET)', env.SF_OIDC_CLIENT_SECRET_FILE)
    .option('--oidc-redirect-url <url>', 'the redirect URI registered at the provider; default <public-url>/auth/oidc/callback (env SF_OIDC_REDIRECT_URL)', env.SF_OIDC_REDIRECT_URL)
    .option('--oidc-scopes <scopes>', "space-separated scopes, default 'openid profile email' (env SF_OIDC_SCOPES)", env.SF_OIDC_SCOPES)
    .option('--oidc-claim <roles|groups>', "the ID-token claim the grants file maps: 'roles' (app roles, default, preferred) or 'groups' (group object ids) (env SF_OIDC_CLAIM)", env.SF_OIDC_CLAIM)
    .option('--oidc-grants <file>', 'YAML grants: claim value → role (viewer|admin) and trusts; unlisted users get no access (env SF_OIDC_GRANTS)', env.SF_OIDC_GRANTS)
    .option('--oidc-provider-name <name>', "shown on the button: 'Sign in with <name>', e.g. 'NHS mail (Entra ID)' (env SF_OIDC_PROVIDER_NAME)", env.SF_OIDC_PROVIDER_NAME)
    .option('--token-sign-in <on|off>', 'whether the dashboard sign-in page takes a token; off needs --oidc-issuer; API bearer tokens are unaffected (env SF_TOKEN_SIGN_IN)', env.SF_TOKEN_SIGN_IN)
    .option('--bootstrap-tokens <on|off>', 'whether the admin and viewer tokens (SF_ADMIN_TOKEN/SF_VIEWER_TOKEN or <data-dir>/*.token) are accepted, for every trust; turn off once named API keys (sf-collector key create) are in place (env SF_BOOTSTRAP_TOKENS)', env.SF_BOOTSTRAP_TOKENS)
    .option('--log-level <level>', `least severe log line written: ${LOG_LEVELS.join(', ')}; default info (env LOG_LEVEL)`, env.LOG_LEVEL)
    .action(async (options: ServeOptions & { logLevel?: string }) => {
      if (options.logLevel) log.level = parseLogLevel(options.logLevel);
      const collector = await startCollector(serveConfig(options));
      log.info({ url: collector.url, store: collector.store.describe, self_telemetry: collector.telemetry.describe }, 'collector listening');
      const stop = async (signal: string) => {
        log.info({ signal }, 'stopping');
        await collector.close();
        process.exit(0);
      };
      process.once('SIGTERM', () => void stop('SIGTERM'));
      process.once('SIGINT', () => void stop('SIGINT'));
    });

  const adminOptions = (command: Command) =>
    command
      .option('--url <url>', 'collector base URL (env SF_COLLECTOR_URL)', env.SF_COLLECTOR_URL ?? 'http://127.0.0.1:8470')
      .option('--data-dir <dir>', 'where to find admin.token when --admin-token-file is not given', env.SF_DATA_DIR ?? 'data')
      .option('--admin-token-file <file>', 'file holding the admin token (or set SF_ADMIN_TOKEN)');

  const site = program.command('site').description('manage sites and their enrol secrets');
  adminOptions(
    site
      .command('add')
      .description('create or update a site and print a new enrol secret for its agents')
      .requiredOption('--site <id>', 'site id, e.g. rx1-qmc')
      .requiredOption('--trust <id>', 'trust id, e.g. rx1')
      .requiredOption('--name <name>', 'site name shown on dashboards')
      .option('--trust-name <name>', 'trust name shown on dashboards'),
  ).action(async (options: { site: string; trust: string; name: string; trustName?: string; url: string; dataDir: string; adminTokenFile?: string }) => {
    const client = adminClient(options);
    await client.addSite({ site_id: options.site, trust_id: options.trust, name: options.name, trust_name: options.trustName });
    const secret = await client.createEnrollSecret(options.site);
    console.log(JSON.stringify({ site_id: options.site, trust_id: options.trust, enroll_secret: secret }, null, 2));
  });
  adminOptions(site.command('list').description('list sites')).action(async (options: { url: string; dataDir: string; adminTokenFile?: string }) => {
    console.log(JSON.stringify(await adminClient(options).listSites(), null, 2));
  });

  adminOptions(site.command('retire <site-id>').description('retire a site with no enrolled devices left: no longer listed, enrols no agent; its history stays')).action(
    async (siteId: string, options: { url: string; dataDir: string; adminTokenFile?: string }) => {
      const { assets_removed } = await adminClient(options).retireSite(siteId);
      console.log(`retired ${siteId}${assets_removed ? `; removed its ${assets_removed} assets from the register` : ''}`);
    },
  );

  const trust = program.command('trust').description('manage trusts');
  adminOptions(trust.command('rename <trust-id> <name>').description('set the name dashboards show for a trust')).action(
    async (trustId: string, name: string, options: { url: string; dataDir: string; adminTokenFile?: string }) => {
      await adminClient(options).renameTrust(trustId, name);
      console.log(`${trustId}: ${name}`);
    },
  );

  const assets = program.command('assets').description("import a trust's asset register");
  adminOptions(
    assets
      .command('import <file>')
      .description('import a CSV with columns serial, site, and optionally asset_tag, purchase_date, warranty_end, extended_support (yes/no)')
      .requiredOption('--trust <id>', 'the trust the assets belong to')
      .option('--replace', "the file is the whole register: remove the trust's assets it does not list (disposed of); a rejected row keeps its asset"),
  ).action(async (file: string, options: { trust: string; replace?: boolean; url: string; dataDir: string; adminTokenFile?: string }) => {
    const result = await adminClient(options).importAssetRegister(options.trust, readFileSync(file, 'utf8'), options.replace ? 'replace' : 'merge');
    for (const error of result.errors) console.error(error);
    const removed = options.replace ? `, removed ${result.removed} no longer listed` : '';
    console.log(`imported ${result.imported} assets${removed}${result.errors.length ? `, rejected ${result.errors.length} rows` : ''}`);
    if (result.errors.length > 0) process.exitCode = 1;
  });

  const catalogue = program.command('catalogue').description('the end-of-life catalogue');
  adminOptions(
    catalogue
      .command('load <file>')
      .description('check an end-of-life catalogue (YAML) and switch the running collector to it, no restart; a bad file is refused with its line and reason and nothing changes'),
  ).action(async (file: string, options: { url: string; dataDir: string; adminTokenFile?: string }) => {
    const text = readFileSync(file, 'utf8');
    parseCatalogue(text, file); // refused here, before anything is sent, when it is bad
    const result = await adminClient(options).loadCatalogue(text, basename(file));
    const state = result.installed ? 'loaded; scores are recomputed against it' : 'already the active catalogue';
    console.log(`${file}: revision ${result.revision}, ${result.entries} entries, reviewed ${result.reviewed}: ${state}`);
  });

  const notify = program.command('notify').description('the daily findings digest');
  adminOptions(notify.command('test').description("post today's digest as it stands, marked [test], to the running collector's webhook")).action(
    async (options: { url: string; dataDir: string; adminTokenFile?: string }) => {
      const result = await adminClient(options).notifyTest();
      console.log(`test digest accepted by the webhook: changes since ${result.since} in ${result.trusts} trust(s)`);
    },
  );

  const scores = program.command('scores').description('score runs: list them, re-evaluate a date');
  adminOptions(
    scores
      .command('reevaluate')
      .description("score a date again (after a catalogue or model change): adds a run, the date's earlier runs stay as they are; refused once the date's inputs are past retention")
      .requiredOption('--as-of <date>', 'the date to score, YYYY-MM-DD'),
  ).action(async (options: { asOf: string; url: string; dataDir: string; adminTokenFile?: string }) => {
    const { run, previous } = await adminClient(options).reevaluateScores(options.asOf);
    const before = previous ? `; the earlier run ${previous.run_id} (model ${previous.model_revision}, catalogue ${previous.catalogue_revision}) is kept` : '';
    console.log(`${run.as_of}: new run ${run.run_id} (model ${run.model_revision}, catalogue ${run.catalogue_revision})${before}`);
  });
  adminOptions(scores.command('runs').description('list the runs of a date, oldest first, the current one marked').requiredOption('--as-of <date>', 'YYYY-MM-DD')).action(
    async (options: { asOf: string; url: string; dataDir: string; adminTokenFile?: string }) => {
      for (const run of await adminClient(options).scoreRuns(options.asOf)) {
        console.log(`${run.current ? '*' : ' '} ${run.run_id}  computed ${run.computed_at}  model ${run.model_revision}  catalogue ${run.catalogue_revision}  ${run.devices} devices  (${run.reason})`);
      }
    },
  );

  const device = program.command('device').description('manage enrolled devices');
  adminOptions(device.command('revoke <device-id>').description('revoke a device key; its reports are refused until it re-enrols')).action(
    async (deviceId: string, options: { url: string; dataDir: string; adminTokenFile?: string }) => {
      await adminClient(options).revokeDevice(deviceId);
      console.log(`revoked ${deviceId}`);
    },
  );
  addEnrolmentCommands(program, device, adminOptions, adminClient);
  addKeyCommands(program, adminOptions, adminClient);
  return program;
}
