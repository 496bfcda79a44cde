import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_COLLECTOR_CONFIG } from '../../../collector/config.js';
import { prepareCollector } from '../../../collector/service.js';
import { collectorCli } from '../../helpers/collector.js';
import { tempDir } from '../../helpers/temp.js';

// `sf-collector validate`, and the start: every file a setting names is read and checked before
// anything is opened, and every problem is reported at once.
describe('validate: the files the settings name', () => {
  const dir = tempDir('validate');
  afterAll(() => dir.remove());
  const file = (name: string, text: string) => {
    const path = join(dir.path, name);
    writeFileSync(path, text);
    return path;
  };
  const badCatalogue = file('eol.yaml', 'revision: x\nentries:\n  - product: windows\n');
  const badGrants = file('grants.yaml', 'grants:\n  - value: SF.Admin\n    role: admin\n    trusts: [rxa]\n');
  const oidc = { issuer: 'https://login.example.org/v2.0', clientId: 'app', clientSecret: 's', redirectUrl: 'https://t.example.org/auth/oidc/callback', scopes: ['openid'], claim: 'roles' as const, grantsFile: badGrants, providerName: 'x' };

  it('reports an unknown digest control, a bad grants file, a bad catalogue and a missing certificate together', () => {
    const config = {
      ...DEFAULT_COLLECTOR_CONFIG,
      dataDir: dir.path,
      notify: { url: 'https://hooks.example.org/x', format: 'generic' as const, controls: ['CYB-NOPE'], hourUtc: 7 },
      oidc,
      eolCatalogue: badCatalogue,
      tls: { certFile: join(dir.path, 'missing-cert.pem'), keyFile: join(dir.path, 'missing-key.pem') },
    };
    let message = '';
    try {
      prepareCollector(config);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('notify.controls: CYB-NOPE is not a control of the scoring model');
    expect(message).toContain(`${badGrants}:4: grants.0.trusts: an admin administers the whole collector`);
    expect(message).toContain(`${badCatalogue}:`);
    expect(message).toContain(`--tls-cert (SF_TLS_CERT): cannot read ${join(dir.path, 'missing-cert.pem')} (ENOENT)`);
    expect(message).toContain(`--tls-key (SF_TLS_KEY): cannot read ${join(dir.path, 'missing-key.pem')} (ENOENT)`);
  });

  it('sf-collector validate exits 0 for a good configuration and 1 naming each problem, opening nothing', async () => {
    const good = await collectorCli(['validate', '--data-dir', join(dir.path, 'data'), '--listen', '127.0.0.1:9999']);
    expect(good.code).toBe(0);
    expect(good.out).toContain('configuration valid: listen 127.0.0.1:9999');
    const bad = await collectorCli(['validate', '--data-dir', join(dir.path, 'data'), '--controls', join(dir.path, 'no-controls.yaml'), '--eol-catalogue', badCatalogue]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(`--controls (SF_CONTROLS): cannot read ${join(dir.path, 'no-controls.yaml')} (ENOENT)`);
    expect(bad.out).toContain(`${badCatalogue}:`);
    // Nothing was opened: no store, no token written.
    expect(existsSync(join(dir.path, 'data'))).toBe(false);
  });
});
