// `sf-agent configure`, the step the MSI's deferred custom action and configuration management run:
// merges installer settings into the config file, refuses what the agent would refuse, owner-only file.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configure, mergeSettings } from '../../agent/configure.js';
import { ConfigError } from '../../agent/config/load.js';
import { tempDir } from '../helpers/temp.js';

const dir = tempDir('configure');
afterAll(() => dir.remove());

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('mergeSettings', () => {
  it('keeps comments and other settings, ignores empty MSI properties', () => {
    const { text, keys } = mergeSettings('# site config\nlatency:\n  targets: [{ host: gw }]\n', {
      collectorUrl: 'https://collector.example.org:8470',
      enrollSecret: '',
      proxy: '  ',
    }, '/etc/sf-agent/collector-ca.pem');
    expect(keys).toEqual(['collector_url']);
    expect(text).toContain('# site config');
    expect(text).toContain('host: gw');
    expect(text).toContain('collector_url: https://collector.example.org:8470');
    expect(text).not.toContain('enroll_secret');
  });
});

describe('configure', () => {
  it('writes a new file 0600 and copies the CA beside it', async () => {
    const ca = join(dir.path, 'trust-ca.pem');
    writeFileSync(ca, PEM);
    const file = join(dir.path, 'new', 'agent.yaml');
    const result = await configure({
      configFile: file,
      settings: { collectorUrl: 'https://collector.example.org:8470', enrollSecret: 'sfe_0123456789abcdef', caFile: ca, proxy: 'http://proxy.example.org:8080' },
    });
    expect(result).toEqual({ configFile: file, written: true, keys: ['collector_url', 'enroll_secret', 'collector_proxy', 'collector_ca_file'] });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir.path, 'new', 'collector-ca.pem'), 'utf8')).toBe(PEM);
    expect(readFileSync(file, 'utf8')).toContain(`collector_ca_file: ${join(dir.path, 'new', 'collector-ca.pem')}`);
  });

  it('keeps the mode of an existing file (a package made it group-readable for the service user)', async () => {
    const file = join(dir.path, 'kept.yaml');
    writeFileSync(file, 'log_level: info\n', { mode: 0o640 });
    await configure({ configFile: file, settings: { enrollSecret: 'sfe_0123456789abcdef' } });
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readFileSync(file, 'utf8')).toBe('log_level: info\nenroll_secret: sfe_0123456789abcdef\n');
  });

  it('writes nothing when nothing is given', async () => {
    const file = join(dir.path, 'untouched.yaml');
    expect(await configure({ configFile: file, settings: { collectorUrl: '', enrollSecret: '' } })).toMatchObject({ written: false });
    expect(() => statSync(file)).toThrow();
  });

  it('refuses settings the agent would refuse, and a CA file without a certificate, writing nothing', async () => {
    const file = join(dir.path, 'refused.yaml');
    await expect(configure({ configFile: file, settings: { collectorUrl: 'not a url' } })).rejects.toBeInstanceOf(ConfigError);
    const notPem = join(dir.path, 'not.pem');
    writeFileSync(notPem, 'hello');
    await expect(configure({ configFile: file, settings: { caFile: notPem } })).rejects.toThrow(/no PEM certificate/);
    expect(() => statSync(file)).toThrow();
  });
});
