import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../../collector/cli.js';
import { DEFAULT_COLLECTOR_CONFIG, NOTIFY_DEFAULTS, OIDC_DEFAULTS } from '../../../collector/config.js';
import { SERVE_SETTINGS } from '../../../collector/settings/serve.js';
import { serveConfig, type ServeOptions } from '../../../collector/settings/serve-config.js';
import type { Env, FlagValue } from '../../../collector/settings/table.js';
import { collectorCli } from '../../helpers/collector.js';
import { tempDir } from '../../helpers/temp.js';
import { DEFAULT_INPUT_DAYS } from '../../../collector/store/retention.js';

type Key = (typeof SERVE_SETTINGS)[number]['key'];

// The settings table (collector/settings/serve.ts) is the one place a serve setting is written: these
// tests hold every row to it — its flag, its variable and its default give the same configuration.
describe('serve settings table', () => {
  const dir = tempDir('serve-settings');
  afterAll(() => dir.remove());
  const secretFile = join(dir.path, 'client-secret');
  writeFileSync(secretFile, 'secret-from-a-file\n');

  // Every feature on, so each setting takes part in the configuration.
  const BASE: ServeOptions = {
    clickhouseUrl: 'http://127.0.0.1:8123',
    clickhouseCluster: 'sf',
    notifyWebhook: 'https://hooks.example.org/base',
    oidcIssuer: 'https://login.example.org/base/v2.0',
    oidcClientId: 'app',
    oidcGrants: 'grants.yaml',
    publicUrl: 'https://base.example.org',
    tlsCert: 'base-cert.pem',
    tlsKey: 'base-key.pem',
  };
  const BASE_ENV: Env = { SF_OIDC_CLIENT_SECRET: 'base-client-secret' };
  const envOf = (flags: ServeOptions): Env =>
    Object.fromEntries(SERVE_SETTINGS.flatMap((row) => (flags[row.key] === undefined ? [] : [[row.env, String(flags[row.key])]])));

  // A valid value other than the base's or the default, for each row: a row without one fails the first test.
  const SAMPLES: Record<Key, { flag?: FlagValue; env: string }> = {
    dataDir: { env: '/var/lib/sf' },
    listen: { env: '0.0.0.0:9000' },
    clickhouseUrl: { env: 'http://127.0.0.2:8123' },
    clickhouseCluster: { env: '{cluster}' },
    clickhouseInsertQuorum: { env: '2' },
    database: { env: 'telemetry' },
    tlsCert: { env: 'cert.pem' },
    tlsKey: { env: 'key.pem' },
    flushMs: { env: '250' },
    flushRows: { env: '1000' },
    eolCatalogue: { env: 'eol.yaml' },
    firmwareCatalogue: { env: 'firmware.yaml' },
    controls: { env: 'controls.yaml' },
    notifyWebhook: { env: 'https://hooks.example.org/other' },
    notifyFormat: { env: 'teams' },
    notifyControls: { env: 'CYB-PATCH, CYB-OS-SUPPORTED' },
    notifyHour: { env: '6' },
    notifyTrusts: { env: 'rx1,rx2' },
    publicUrl: { env: 'https://telemetry.example.org' },
    inputRetentionDays: { env: '800' },
    runRetentionDays: { env: '400' },
    enrolRateLimit: { env: '5' },
    signInRateLimit: { env: '3' },
    trustProxy: { flag: true, env: '1' },
    deviceCacheSeconds: { env: '30' },
    headersTimeout: { env: '20' },
    requestTimeout: { env: '90' },
    keepAliveTimeout: { env: '7' },
    maxConnections: { env: '100' },
    maxConnectionsPerAddress: { env: '10' },
    oidcIssuer: { env: 'https://login.example.org/other/v2.0' },
    oidcClientId: { env: 'app-2' },
    oidcClientSecretFile: { env: secretFile },
    oidcRedirectUrl: { env: 'https://telemetry.example.org/auth/oidc/callback' },
    oidcScopes: { env: 'openid email' },
    oidcClaim: { env: 'groups' },
    oidcGrants: { env: 'other-grants.yaml' },
    oidcProviderName: { env: 'NHS mail' },
    tokenSignIn: { env: 'off' },
    bootstrapTokens: { env: 'off' },
    logLevel: { env: 'debug' },
    adminToken: { env: 'an-admin-token-of-24-chars-or-more' },
    viewerToken: { env: 'a-viewer-token-of-24-chars-or-more' },
    oidcClientSecret: { env: 'another-client-secret' },
  };
  const base = serveConfig(BASE, BASE_ENV);

  it('declares each flag with the key the table gives it, and --help names every variable and default', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(SERVE_SETTINGS.map((row) => row.key).sort());
    const serve = buildCli().commands.find((command) => command.name() === 'serve')!;
    const flagged = SERVE_SETTINGS.filter((row) => row.flag);
    expect(serve.options.map((option) => option.attributeName())).toEqual(flagged.map((row) => row.key));
    const help = serve.helpInformation() + serve.options.map((option) => option.description).join('\n');
    for (const row of flagged) {
      const option = serve.options.find((o) => o.attributeName() === row.key)!;
      expect(option.description).toContain(`env ${row.env}`);
      if (row.default !== undefined) expect(option.description).toContain(`default ${row.default}`);
    }
    expect(help).toContain('--log-level');
  });

  it.each(SERVE_SETTINGS.map((row) => [row.flag ?? row.env, row] as const))('%s: its flag and its variable give the same setting; its default is the configuration without it', (_name, row) => {
    const sample = SAMPLES[row.key];
    const viaEnv = serveConfig({}, { ...envOf(BASE), ...BASE_ENV, [row.env]: sample.env });
    expect(viaEnv).not.toEqual(base);
    if (row.flag) {
      const viaFlag = serveConfig({ ...BASE, [row.key]: sample.flag ?? sample.env }, BASE_ENV);
      expect(viaFlag).toEqual(viaEnv);
      // Flag over variable: the variable is not even read (this one would not parse as any setting's value).
      expect(serveConfig({ ...BASE, [row.key]: sample.flag ?? sample.env }, { ...BASE_ENV, [row.env]: 'not-this-value' })).toEqual(viaFlag);
    }
    if (row.default !== undefined) expect(serveConfig({ ...BASE, [row.key]: row.default }, BASE_ENV)).toEqual(base);
  });

  it("its defaults are the configuration's own: nothing set gives DEFAULT_COLLECTOR_CONFIG", () => {
    const { logLevel, retention, ...config } = serveConfig({}, {});
    expect(config).toEqual(DEFAULT_COLLECTOR_CONFIG);
    expect(retention).toEqual({ inputDays: DEFAULT_INPUT_DAYS });
    expect(logLevel).toBe('info');
    expect(base.notify).toMatchObject({ format: NOTIFY_DEFAULTS.format, hourUtc: NOTIFY_DEFAULTS.hourUtc });
    expect(base.oidc).toMatchObject({ scopes: OIDC_DEFAULTS.scopes.split(' '), claim: OIDC_DEFAULTS.claim, providerName: OIDC_DEFAULTS.providerName });
  });

  it('takes the flag over the variable over the default', () => {
    expect(serveConfig({ listen: '127.0.0.1:9001' }, { SF_LISTEN: '127.0.0.1:9002' }).listen.port).toBe(9001);
    expect(serveConfig({}, { SF_LISTEN: '127.0.0.1:9002' }).listen.port).toBe(9002);
    expect(serveConfig({}, {}).listen).toEqual({ host: '127.0.0.1', port: 8470 });
    expect(serveConfig({}, { SF_LISTEN: '' }).listen.port).toBe(8470);
    expect(serveConfig({}, { LOG_LEVEL: 'warn' }).logLevel).toBe('warn');
    expect(serveConfig({ logLevel: 'error' }, { LOG_LEVEL: 'warn' }).logLevel).toBe('error');
  });

  it('reports every bad value together, each naming its flag and variable, never quoting a secret', () => {
    let message = '';
    try {
      serveConfig(
        { listen: 'nowhere', flushMs: 'fast', publicUrl: 'telemetry', tokenSignIn: 'maybe', tlsCert: 'cert.pem' },
        { LOG_LEVEL: 'loud', SF_NOTIFY_HOUR: '6', SF_ADMIN_TOKEN: 'short-secret', SF_MAX_CONNECTIONS: '0' },
      );
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n').slice(1)).toEqual([
      '  --listen (SF_LISTEN): "nowhere" is not host:port',
      '  --flush-ms (SF_FLUSH_MS): "fast" is not a whole number',
      '  --token-sign-in (SF_TOKEN_SIGN_IN): "maybe" is not on or off',
      '  --log-level (LOG_LEVEL): "loud" is not one of fatal, error, warn, info, debug, trace',
      '  --tls-cert (SF_TLS_CERT) and --tls-key (SF_TLS_KEY) go together',
      '  --notify-format, --notify-controls, --notify-hour and --notify-trusts need --notify-webhook (SF_NOTIFY_WEBHOOK)',
      '  adminToken: must be at least 24 characters [SF_ADMIN_TOKEN]',
      '  publicUrl: must be an http:// or https:// URL [--public-url (SF_PUBLIC_URL)]',
      '  connections.maxConnections: Too small: expected number to be >=1 [--max-connections (SF_MAX_CONNECTIONS)]',
    ]);
    expect(message).not.toContain('short-secret');
  });

  it('sf-collector --help works whatever LOG_LEVEL holds; serve refuses a bad one with the rest', async () => {
    const env = { ...process.env, LOG_LEVEL: 'loud' };
    const help = await collectorCli(['serve', '--help'], env);
    expect(help.code).toBe(0);
    for (const row of SERVE_SETTINGS) expect(help.out).toContain(row.env);
    const top = await collectorCli(['--help'], env);
    expect(top.code).toBe(0);
    const refused = await collectorCli(['serve', '--listen', 'nowhere', '--data-dir', join(dir.path, 'never-made')], env);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('--listen (SF_LISTEN): "nowhere" is not host:port');
    expect(refused.out).toContain('--log-level (LOG_LEVEL): "loud" is not one of');
  });
});
