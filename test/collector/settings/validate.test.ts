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
  // Two problems in one weekly firmware file: a release dated after the review, a version under the wrong train.
  const badFirmware = file('firmware.yaml', [
    'revision: week-49', 'reviewed: 2026-12-01', 'trains:', '  - platform: cisco-ios-xe', '    train: "17.9"', '    source: https://example.org/notes', '    releases:',
    '      - { version: 17.9.5, release: 2026-12-08 }', '      - { version: 17.12.1, release: 2026-11-01 }', '',
  ].join('\n'));
  const firmwareProblems = [
    `${badFirmware}:8: trains.0.releases.0.release: after the day the train is known to (2026-12-01): a release cannot be dated before it is out`,
    `${badFirmware}:9: trains.0.releases.1.version: 17.12.1 belongs to train 17.12, not 17.9`,
  ];
  const badGrants = file('grants.yaml', 'grants:\n  - value: SF.Admin\n    role: admin\n    trusts: [rxa]\n');
  const oidc = { issuer: 'https://login.example.org/v2.0', clientId: 'app', clientSecret: 's', redirectUrl: 'https://t.example.org/auth/oidc/callback', scopes: ['openid'], claim: 'roles' as const, grantsFile: badGrants, providerName: 'x' };

  it('reports an unknown digest control, a bad grants file, bad catalogues and a missing certificate together', () => {
    const config = {
      ...DEFAULT_COLLECTOR_CONFIG,
      dataDir: dir.path,
      notify: { url: 'https://hooks.example.org/x', format: 'generic' as const, controls: ['CYB-NOPE'], hourUtc: 7 },
      oidc,
      eolCatalogue: badCatalogue,
      firmwareCatalogue: badFirmware,
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
    for (const problem of firmwareProblems) expect(message).toContain(problem);
    expect(message).toContain(`--tls-cert (SF_TLS_CERT): cannot read ${join(dir.path, 'missing-cert.pem')} (ENOENT)`);
    expect(message).toContain(`--tls-key (SF_TLS_KEY): cannot read ${join(dir.path, 'missing-key.pem')} (ENOENT)`);
  });

  it('sf-collector validate exits 0 for a good configuration and 1 naming each problem, opening nothing', async () => {
    const good = await collectorCli(['validate', '--data-dir', join(dir.path, 'data'), '--listen', '127.0.0.1:9999']);
    expect(good.code).toBe(0);
    expect(good.out).toContain('configuration valid: listen 127.0.0.1:9999');
    const bad = await collectorCli(['validate', '--data-dir', join(dir.path, 'data'), '--controls', join(dir.path, 'no-controls.yaml'), '--eol-catalogue', badCatalogue, '--firmware-catalogue', badFirmware]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(`--controls (SF_CONTROLS): cannot read ${join(dir.path, 'no-controls.yaml')} (ENOENT)`);
    expect(bad.out).toContain(`${badCatalogue}:`);
    for (const problem of firmwareProblems) expect(bad.out).toContain(problem);
    const missing = await collectorCli(['validate', '--data-dir', join(dir.path, 'data'), '--firmware-catalogue', join(dir.path, 'no-firmware.yaml')]);
    expect(missing.out).toContain(`--firmware-catalogue (SF_FIRMWARE_CATALOGUE): cannot read ${join(dir.path, 'no-firmware.yaml')} (ENOENT)`);
    // Nothing was opened: no store, no token written.
    expect(existsSync(join(dir.path, 'data'))).toBe(false);
  });
});
