import { DEFAULT_RATE_LIMITS } from '../api/middleware/rate-limit.js';
import { MESSAGE_FORMATS } from '../notify/messages.js';
import { DEFAULT_INPUT_DAYS, INPUT_LOOKBACK_DAYS } from '../store/retention.js';
import { DEFAULT_LOG_LEVEL, LOG_LEVELS } from '../telemetry/log.js';
import { DEFAULT_COLLECTOR_CONFIG, NOTIFY_DEFAULTS, OIDC_DEFAULTS } from '../config.js';
import { list, listen, oneOf, onOff, quorum, switchValue, text, whole } from './parsers.js';
import { setting } from './table.js';

const defaults = DEFAULT_COLLECTOR_CONFIG;
const seconds = (ms: number) => String(ms / 1000);
const onOffText = (on: boolean) => (on ? 'on' : 'off');

/** Shared with the admin commands, which find admin.token there. */
export const DATA_DIR = setting({ key: 'dataDir', flag: '--data-dir <dir>', env: 'SF_DATA_DIR', default: defaults.dataDir, help: 'embedded ClickHouse data directory; admin.token and viewer.token are kept there', parse: text });

/**
 * `sf-collector serve`: every setting, once. Each default is the configuration's own
 * (collector/config.ts, store/retention.ts, telemetry/log.ts), shown as it would be typed.
 * Secrets are read from the environment only. Rules between settings (a digest setting needs
 * the webhook, OIDC needs its client) are in serve-config.ts.
 */
export const SERVE_SETTINGS = [
  DATA_DIR,
  setting({ key: 'listen', flag: '--listen <host:port>', env: 'SF_LISTEN', default: `${defaults.listen.host}:${defaults.listen.port}`, help: 'address to listen on; :port for every address', parse: listen }),
  setting({ key: 'clickhouseUrl', flag: '--clickhouse-url <url>', env: 'CLICKHOUSE_URL', help: 'use a ClickHouse server instead of the embedded engine', parse: text }),
  setting({ key: 'clickhouseCluster', flag: '--clickhouse-cluster <name>', env: 'CLICKHOUSE_CLUSTER', help: 'the cluster (<remote_servers> name) --clickhouse-url belongs to: Replicated tables, DDL ON CLUSTER', parse: text }),
  setting({ key: 'clickhouseInsertQuorum', flag: '--clickhouse-insert-quorum <n|auto>', env: 'CLICKHOUSE_INSERT_QUORUM', help: "on a cluster, replicas that must hold an insert before it is acknowledged; unset there means 'auto' (a majority), 0 = off", parse: quorum }),
  setting({ key: 'database', flag: '--database <name>', env: 'SF_DATABASE', default: defaults.database, help: 'ClickHouse database', parse: text }),
  setting({ key: 'tlsCert', flag: '--tls-cert <file>', env: 'SF_TLS_CERT', help: 'serve HTTPS with this certificate (PEM); needs --tls-key', parse: text }),
  setting({ key: 'tlsKey', flag: '--tls-key <file>', env: 'SF_TLS_KEY', help: 'private key for --tls-cert (PEM)', parse: text }),
  setting({ key: 'flushMs', config: 'writer.minFlushIntervalMs', flag: '--flush-ms <ms>', env: 'SF_FLUSH_MS', default: String(defaults.writer.minFlushIntervalMs), help: 'group commit: least time between two writes (an idle collector writes at once)', parse: whole }),
  setting({ key: 'flushRows', config: 'writer.maxBatchRows', flag: '--flush-rows <n>', env: 'SF_FLUSH_ROWS', default: String(defaults.writer.maxBatchRows), help: 'group commit: rows that trigger a write at once', parse: whole }),
  setting({ key: 'eolCatalogue', flag: '--eol-catalogue <file>', env: 'SF_EOL_CATALOGUE', help: 'end-of-life catalogue (YAML), loaded at start when changed; unset: the shipped one', parse: text }),
  setting({ key: 'firmwareCatalogue', flag: '--firmware-catalogue <file>', env: 'SF_FIRMWARE_CATALOGUE', help: 'firmware release catalogue (YAML, firmware currency of network gear), loaded at start when changed; unset: the shipped one', parse: text }),
  setting({ key: 'controls', flag: '--controls <file>', env: 'SF_CONTROLS', help: 'control catalogue and scoring model (YAML); unset: the shipped one', parse: text }),
  setting({ key: 'notifyWebhook', config: 'notify.url', flag: '--notify-webhook <url>', env: 'SF_NOTIFY_WEBHOOK', help: 'post a daily digest of new and resolved findings here (Teams workflow, Slack, SIEM); unset: no digest', parse: text }),
  setting({ key: 'notifyFormat', config: 'notify.format', flag: `--notify-format <${MESSAGE_FORMATS.join('|')}>`, env: 'SF_NOTIFY_FORMAT', default: NOTIFY_DEFAULTS.format, help: "digest body: 'generic' JSON with a text line, or a Teams Adaptive Card", parse: text }),
  setting({ key: 'notifyControls', config: 'notify.controls', flag: '--notify-controls <ids>', env: 'SF_NOTIFY_CONTROLS', help: 'comma-separated controls the digest reports; unset: the level-capping ones', parse: list }),
  setting({ key: 'notifyHour', config: 'notify.hourUtc', flag: '--notify-hour <0-23>', env: 'SF_NOTIFY_HOUR', default: String(NOTIFY_DEFAULTS.hourUtc), help: "earliest hour (UTC) to send the day's digest", parse: whole }),
  setting({ key: 'notifyTrusts', config: 'notify.trusts', flag: '--notify-trusts <ids>', env: 'SF_NOTIFY_TRUSTS', help: "comma-separated trusts the digest covers (a webhook of one trust's team); unset: every trust", parse: list }),
  setting({ key: 'publicUrl', flag: '--public-url <url>', env: 'SF_PUBLIC_URL', help: 'the dashboard address users reach, for links in notifications', parse: text }),
  setting({ key: 'inputRetentionDays', config: 'retention.inputDays', flag: '--input-retention-days <days>', env: 'SF_INPUT_RETENTION_DAYS', default: String(DEFAULT_INPUT_DAYS), help: 'days inventory history, samples and polls are kept', parse: whole }),
  setting({ key: 'runRetentionDays', config: 'retention.runDays', flag: '--run-retention-days <days>', env: 'SF_RUN_RETENTION_DAYS', help: `days score runs are kept; unset and at most: input retention − ${INPUT_LOOKBACK_DAYS}`, parse: whole }),
  setting({ key: 'enrolRateLimit', config: 'rateLimits.enrolPerMinute', flag: '--enrol-rate-limit <n>', env: 'SF_ENROL_RATE_LIMIT', default: String(DEFAULT_RATE_LIMITS.enrolPerMinute), help: 'enrolment attempts per minute per source address, 0 = off', parse: whole }),
  setting({ key: 'signInRateLimit', config: 'rateLimits.signInPerMinute', flag: '--sign-in-rate-limit <n>', env: 'SF_SIGN_IN_RATE_LIMIT', default: String(DEFAULT_RATE_LIMITS.signInPerMinute), help: 'dashboard sign-in attempts per minute per source address, 0 = off', parse: whole }),
  setting({ key: 'trustProxy', flag: '--trust-proxy', switch: true, env: 'SF_TRUST_PROXY', default: onOffText(defaults.trustProxy), help: 'take the source address from the last X-Forwarded-For entry: only behind a proxy that sets it; in the environment 1 or 0', parse: switchValue }),
  setting({ key: 'deviceCacheSeconds', flag: '--device-cache-seconds <s>', env: 'SF_DEVICE_CACHE_SECONDS', default: String(defaults.deviceCacheSeconds), help: 'how long a device key is trusted before the store is asked again: the longest a revocation through another collector on the same database goes unseen', parse: whole }),
  setting({ key: 'headersTimeout', config: 'connections.headersTimeoutMs', flag: '--headers-timeout <seconds>', env: 'SF_HEADERS_TIMEOUT', default: seconds(defaults.connections.headersTimeoutMs), help: 'the headers of a request must arrive within this', parse: whole }),
  setting({ key: 'requestTimeout', config: 'connections.requestTimeoutMs', flag: '--request-timeout <seconds>', env: 'SF_REQUEST_TIMEOUT', default: seconds(defaults.connections.requestTimeoutMs), help: 'a whole request, body included, must arrive within this', parse: whole }),
  setting({ key: 'keepAliveTimeout', config: 'connections.keepAliveTimeoutMs', flag: '--keep-alive-timeout <seconds>', env: 'SF_KEEP_ALIVE_TIMEOUT', default: seconds(defaults.connections.keepAliveTimeoutMs), help: 'an idle keep-alive connection is closed after this', parse: whole }),
  setting({ key: 'maxConnections', config: 'connections.maxConnections', flag: '--max-connections <n>', env: 'SF_MAX_CONNECTIONS', default: String(defaults.connections.maxConnections), help: 'open connections in all; more are closed at once', parse: whole }),
  setting({ key: 'maxConnectionsPerAddress', config: 'connections.maxConnectionsPerAddress', flag: '--max-connections-per-address <n>', env: 'SF_MAX_CONNECTIONS_PER_ADDRESS', default: String(defaults.connections.maxConnectionsPerAddress), help: 'open connections from one address, 0 = no cap: set it when agents connect directly, not behind a proxy or NAT', parse: whole }),
  setting({ key: 'oidcIssuer', config: 'oidc.issuer', flag: '--oidc-issuer <url>', env: 'SF_OIDC_ISSUER', help: "sign-in with the trust's OpenID provider, e.g. https://login.microsoftonline.com/<tenant id>/v2.0; client secret in SF_OIDC_CLIENT_SECRET or --oidc-client-secret-file", parse: text }),
  setting({ key: 'oidcClientId', config: 'oidc.clientId', flag: '--oidc-client-id <id>', env: 'SF_OIDC_CLIENT_ID', help: 'the application (client) id registered at the provider', parse: text }),
  setting({ key: 'oidcClientSecretFile', flag: '--oidc-client-secret-file <file>', env: 'SF_OIDC_CLIENT_SECRET_FILE', help: 'file holding the client secret (or the secret itself in SF_OIDC_CLIENT_SECRET)', parse: text }),
  setting({ key: 'oidcRedirectUrl', config: 'oidc.redirectUrl', flag: '--oidc-redirect-url <url>', env: 'SF_OIDC_REDIRECT_URL', help: 'the redirect URI registered at the provider; unset: <public-url>/auth/oidc/callback', parse: text }),
  setting({ key: 'oidcScopes', config: 'oidc.scopes', flag: '--oidc-scopes <scopes>', env: 'SF_OIDC_SCOPES', default: OIDC_DEFAULTS.scopes, help: 'space-separated scopes', parse: (value) => value.split(/\s+/).filter(Boolean) }),
  setting({ key: 'oidcClaim', config: 'oidc.claim', flag: '--oidc-claim <roles|groups>', env: 'SF_OIDC_CLAIM', default: OIDC_DEFAULTS.claim, help: "the ID-token claim the grants file maps: 'roles' (app roles, preferred) or 'groups' (group object ids)", parse: text }),
  setting({ key: 'oidcGrants', config: 'oidc.grantsFile', flag: '--oidc-grants <file>', env: 'SF_OIDC_GRANTS', help: 'YAML grants: claim value → role (viewer|admin) and trusts; unlisted users get no access', parse: text }),
  setting({ key: 'oidcProviderName', config: 'oidc.providerName', flag: '--oidc-provider-name <name>', env: 'SF_OIDC_PROVIDER_NAME', default: OIDC_DEFAULTS.providerName, help: "shown on the button: 'Sign in with <name>', e.g. 'NHS mail (Entra ID)'", parse: text }),
  setting({ key: 'tokenSignIn', flag: '--token-sign-in <on|off>', env: 'SF_TOKEN_SIGN_IN', default: onOffText(defaults.tokenSignIn), help: 'whether the dashboard sign-in page takes a token; off needs --oidc-issuer; API bearer tokens are unaffected', parse: onOff }),
  setting({ key: 'bootstrapTokens', flag: '--bootstrap-tokens <on|off>', env: 'SF_BOOTSTRAP_TOKENS', default: onOffText(defaults.bootstrapTokens), help: 'whether the admin and viewer tokens (SF_ADMIN_TOKEN/SF_VIEWER_TOKEN or <data-dir>/*.token) are accepted, for every trust; turn off once named API keys (sf-collector key create) are in place', parse: onOff }),
  setting({ key: 'logLevel', flag: '--log-level <level>', env: 'LOG_LEVEL', default: DEFAULT_LOG_LEVEL, help: `least severe log line written: ${LOG_LEVELS.join(', ')}`, parse: oneOf(LOG_LEVELS) }),
  setting({ key: 'adminToken', env: 'SF_ADMIN_TOKEN', secret: true, help: 'the admin token (at least 24 characters); unset: <data-dir>/admin.token, made on first start', parse: text }),
  setting({ key: 'viewerToken', env: 'SF_VIEWER_TOKEN', secret: true, help: 'the viewer token (at least 24 characters); unset: <data-dir>/viewer.token, made on first start', parse: text }),
  setting({ key: 'oidcClientSecret', config: 'oidc.clientSecret', env: 'SF_OIDC_CLIENT_SECRET', secret: true, help: 'the OpenID Connect client secret, unless --oidc-client-secret-file names a file holding it', parse: text }),
] as const;
