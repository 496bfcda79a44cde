import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serveConfig, type ServeOptions } from '../../../collector/settings/serve-config.js';
import { DEFAULT_COLLECTOR_CONFIG } from '../../../collector/config.js';
import { startCollector } from '../../../collector/service.js';
import { tempDir } from '../../helpers/temp.js';

// OpenID Connect settings from flags and environment, each mistake refused at start with its setting named.
describe('OpenID Connect settings', () => {
  const dir = tempDir('oidc-config');
  afterAll(() => dir.remove());
  const secretFile = join(dir.path, 'secret');
  writeFileSync(secretFile, 'a-client-secret\n');
  const grants = join(dir.path, 'grants.yaml');
  writeFileSync(grants, 'grants:\n  - value: SF.Admin\n    role: admin\n    trusts: all\n');
  const base: ServeOptions = { dataDir: dir.path, listen: '127.0.0.1:0', database: 'sf', flushMs: 100, flushRows: 50_000 };
  const entra = { oidcIssuer: 'https://login.microsoftonline.com/0d0e0f00-0000-4000-8000-000000000001/v2.0', oidcClientId: 'app-id', oidcClientSecretFile: secretFile, oidcGrants: grants };
  const refusal = (options: ServeOptions) => {
    try {
      serveConfig(options);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('accepted');
  };

  it('derives the redirect URL from the public URL, reads the secret from its file, defaults to app roles', () => {
    const config = serveConfig({ ...base, ...entra, publicUrl: 'https://telemetry.trust.nhs.uk/' });
    expect(config.oidc).toEqual({
      issuer: entra.oidcIssuer,
      clientId: 'app-id',
      clientSecret: 'a-client-secret',
      redirectUrl: 'https://telemetry.trust.nhs.uk/auth/oidc/callback',
      scopes: ['openid', 'profile', 'email'],
      claim: 'roles',
      grantsFile: grants,
      providerName: 'your organisation account',
    });
    expect(config.tokenSignIn).toBe(true);
    expect(serveConfig({ ...base, ...entra, publicUrl: 'https://t.example', tokenSignIn: 'off' }).tokenSignIn).toBe(false);
    expect(serveConfig(base).oidc).toBeUndefined();
  });

  it('refuses incomplete or unsafe settings, naming them', () => {
    expect(refusal({ ...base, ...entra })).toMatch(/--oidc-redirect-url .* or --public-url/);
    expect(refusal({ ...base, oidcClientId: 'app-id' })).toMatch(/need --oidc-issuer/);
    expect(refusal({ ...base, ...entra, oidcClientSecretFile: undefined, publicUrl: 'https://t.example' })).toMatch(/client secret: SF_OIDC_CLIENT_SECRET or --oidc-client-secret-file/);
    expect(refusal({ ...base, ...entra, oidcIssuer: 'http://login.example.org/v2.0', publicUrl: 'https://t.example' })).toMatch(/oidc\.issuer: must be https:\/\//);
    expect(refusal({ ...base, ...entra, oidcRedirectUrl: 'http://telemetry.trust.nhs.uk/auth/oidc/callback' })).toMatch(/oidc\.redirectUrl: must be https:\/\//);
    expect(refusal({ ...base, ...entra, oidcRedirectUrl: 'https://telemetry.trust.nhs.uk/callback' })).toMatch(/oidc\.redirectUrl: must end \/auth\/oidc\/callback/);
    expect(refusal({ ...base, ...entra, publicUrl: 'https://t.example', oidcClaim: 'wids' })).toMatch(/oidc\.claim/);
    expect(refusal({ ...base, ...entra, publicUrl: 'https://t.example', oidcScopes: 'profile email' })).toMatch(/oidc\.scopes: must include openid/);
    expect(refusal({ ...base, tokenSignIn: 'off' })).toMatch(/tokenSignIn: off needs OpenID Connect sign-in/);
    expect(refusal({ ...base, tokenSignIn: 'no' })).toMatch(/--token-sign-in .*not on or off/);
    // Plain http is for loopback only (tests, a lab).
    expect(serveConfig({ ...base, ...entra, oidcIssuer: 'http://127.0.0.2:9000', oidcRedirectUrl: 'http://127.0.0.1:8470/auth/oidc/callback' }).oidc?.issuer).toBe('http://127.0.0.2:9000');
  });

  it('a bad grants file stops the start, naming its line', async () => {
    const bad = join(dir.path, 'bad.yaml');
    writeFileSync(bad, 'grants:\n  - value: SF.Admin\n    role: admin\n    trusts: [rxa]\n');
    const config = { ...DEFAULT_COLLECTOR_CONFIG, dataDir: dir.path, listen: { host: '127.0.0.1', port: 0 }, snapshotOnStart: false, oidc: { ...serveConfig({ ...base, ...entra, publicUrl: 'https://t.example' }).oidc!, grantsFile: bad } };
    await expect(startCollector(config, { audit: () => {} })).rejects.toThrow(`${bad}:4: grants.0.trusts: an admin administers the whole collector`);
  });
});
