import { readFileSync } from 'node:fs';
import { checkCollectorConfig, configError, DEFAULT_COLLECTOR_CONFIG, type CollectorConfig } from '../config.js';
import type { LogLevel } from '../telemetry/log.js';
import { SERVE_SETTINGS } from './serve.js';
import { resolveSettings, withSettingName, type Env, type Flags, type Values } from './table.js';

export type ServeOptions = Flags<typeof SERVE_SETTINGS>;
type ServeValues = Values<typeof SERVE_SETTINGS>;

/**
 * `serve`'s configuration from its flags, else the environment, else the defaults (the table in
 * serve.ts), with the rules between settings and the configuration's own checks. Like the
 * OpenTelemetry Collector's `validate`, it reports every problem at once, one a line, not the first.
 */
export function serveConfig(flags: ServeOptions, env: Env = process.env): CollectorConfig & { logLevel: LogLevel } {
  const { values: v, given, problems } = resolveSettings(SERVE_SETTINGS, flags, env);
  if (Boolean(v.tlsCert) !== Boolean(v.tlsKey)) problems.push('--tls-cert (SF_TLS_CERT) and --tls-key (SF_TLS_KEY) go together');
  const digestSet = (['notifyFormat', 'notifyControls', 'notifyHour', 'notifyTrusts'] as const).some((key) => given.has(key));
  if (digestSet && !v.notifyWebhook) problems.push('--notify-format, --notify-controls, --notify-hour and --notify-trusts need --notify-webhook (SF_NOTIFY_WEBHOOK)');
  const checked = checkCollectorConfig({
    ...DEFAULT_COLLECTOR_CONFIG,
    listen: v.listen,
    dataDir: v.dataDir,
    clickhouseUrl: v.clickhouseUrl,
    clickhouseCluster: v.clickhouseCluster,
    clickhouseInsertQuorum: v.clickhouseInsertQuorum,
    database: v.database,
    adminToken: v.adminToken,
    viewerToken: v.viewerToken,
    eolCatalogue: v.eolCatalogue,
    firmwareCatalogue: v.firmwareCatalogue,
    controls: v.controls,
    tls: v.tlsCert && v.tlsKey ? { certFile: v.tlsCert, keyFile: v.tlsKey } : undefined,
    notify: v.notifyWebhook
      ? { url: v.notifyWebhook, format: v.notifyFormat, controls: v.notifyControls, hourUtc: v.notifyHour, trusts: v.notifyTrusts }
      : undefined,
    publicUrl: v.publicUrl,
    oidc: oidcConfig(v, given, problems),
    tokenSignIn: v.tokenSignIn,
    bootstrapTokens: v.bootstrapTokens,
    retention: { inputDays: v.inputRetentionDays, runDays: v.runRetentionDays },
    writer: { ...DEFAULT_COLLECTOR_CONFIG.writer, minFlushIntervalMs: v.flushMs, maxBatchRows: v.flushRows },
    rateLimits: { enrolPerMinute: v.enrolRateLimit, signInPerMinute: v.signInRateLimit },
    trustProxy: v.trustProxy,
    deviceCacheSeconds: v.deviceCacheSeconds,
    connections: {
      headersTimeoutMs: milliseconds(v.headersTimeout),
      requestTimeoutMs: milliseconds(v.requestTimeout),
      keepAliveTimeoutMs: milliseconds(v.keepAliveTimeout),
      maxConnections: v.maxConnections,
      maxConnectionsPerAddress: v.maxConnectionsPerAddress,
    },
  });
  problems.push(...checked.problems.map((problem) => withSettingName(problem, SERVE_SETTINGS)));
  if (!checked.config || problems.length > 0) throw configError(problems);
  return { ...checked.config, logLevel: v.logLevel! };
}

const milliseconds = (seconds: number | undefined) => (seconds === undefined ? undefined : seconds * 1000);

/** OpenID Connect sign-in, once an issuer is set; the secret from a file or SF_OIDC_CLIENT_SECRET, never a flag (process lists show flags). */
function oidcConfig(v: ServeValues, given: ReadonlySet<string>, problems: string[]): Record<string, unknown> | undefined {
  if (!v.oidcIssuer) {
    if (['oidcClientId', 'oidcGrants', 'oidcClientSecretFile'].some((key) => given.has(key))) {
      problems.push('--oidc-client-id, --oidc-client-secret-file and --oidc-grants need --oidc-issuer (SF_OIDC_ISSUER)');
    }
    return undefined;
  }
  const secret = v.oidcClientSecretFile ? secretFromFile(v.oidcClientSecretFile, problems) : v.oidcClientSecret;
  if (secret === undefined && !v.oidcClientSecretFile) problems.push('--oidc-issuer needs the client secret: SF_OIDC_CLIENT_SECRET or --oidc-client-secret-file');
  if (!v.oidcClientId || !v.oidcGrants) problems.push('--oidc-issuer needs --oidc-client-id (SF_OIDC_CLIENT_ID) and --oidc-grants (SF_OIDC_GRANTS)');
  const redirectUrl = v.oidcRedirectUrl ?? (v.publicUrl ? `${v.publicUrl.replace(/\/+$/, '')}/auth/oidc/callback` : undefined);
  if (!redirectUrl) problems.push('--oidc-issuer needs --oidc-redirect-url (SF_OIDC_REDIRECT_URL) or --public-url (SF_PUBLIC_URL) to derive it from');
  if (secret === undefined || !v.oidcClientId || !v.oidcGrants || !redirectUrl) return undefined;
  return {
    issuer: v.oidcIssuer,
    clientId: v.oidcClientId,
    clientSecret: secret,
    redirectUrl,
    scopes: v.oidcScopes,
    claim: v.oidcClaim,
    grantsFile: v.oidcGrants,
    providerName: v.oidcProviderName,
  };
}

function secretFromFile(file: string, problems: string[]): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    problems.push(`--oidc-client-secret-file (SF_OIDC_CLIENT_SECRET_FILE): cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return undefined;
  }
}
