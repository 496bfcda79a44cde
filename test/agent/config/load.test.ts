import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../agent/config/load.js';
import { defaultPaths } from '../../../agent/config/paths.js';

const files = (content: Record<string, string>) => async (file: string) => {
  if (file in content) return content[file] as string;
  throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
};

describe('configuration', () => {
  it('defaults are safe: no latency targets, hostname hashed, per-OS state dir', async () => {
    const config = await loadConfig({ env: {}, platform: 'linux', readText: files({}) });
    expect(config.latency.targets).toEqual([]);
    expect(config.privacy.send_hostname).toBe(false);
    expect(config.state_dir).toBe('/var/lib/sf-agent');
    expect(config.collector_url).toBeUndefined();
  });

  it('precedence: flags > env > file > defaults', async () => {
    const yaml = 'collector_url: http://file.example:1\nstate_dir: /file\nlatency:\n  count: 3\n  targets:\n    - { host: 127.0.0.1, label: lo }\n';
    const readText = files({ '/etc/sf-agent/agent.yaml': yaml });
    const fileOnly = await loadConfig({ env: {}, platform: 'linux', readText });
    expect(fileOnly).toMatchObject({ collector_url: 'http://file.example:1', state_dir: '/file', latency: { count: 3, targets: [{ host: '127.0.0.1', label: 'lo' }] } });
    const env = { SF_COLLECTOR_URL: 'http://env.example:2', SF_STATE_DIR: '/env' };
    const withEnv = await loadConfig({ env, platform: 'linux', readText });
    expect(withEnv).toMatchObject({ collector_url: 'http://env.example:2', state_dir: '/env', latency: { count: 3 } });
    const withFlags = await loadConfig({ env, platform: 'linux', readText, flags: { stateDir: '/flag', latencyTarget: ['::1', '127.0.0.1=loop'], intervalScale: 0.01 } });
    expect(withFlags).toMatchObject({ collector_url: 'http://env.example:2', state_dir: '/flag', interval_scale: 0.01 });
    // Lists from a later layer replace, never append.
    expect(withFlags.latency.targets).toEqual([{ host: '::1' }, { host: '127.0.0.1', label: 'loop' }]);
    expect(withFlags.latency.count).toBe(3);
  });

  it('reads JSON too, from --config or SF_AGENT_CONFIG', async () => {
    const readText = files({ '/x.json': '{"intervals": {"latency": 60}}' });
    expect((await loadConfig({ env: { SF_AGENT_CONFIG: '/x.json' }, readText })).intervals).toEqual({ latency: 60 });
    expect((await loadConfig({ env: {}, flags: { config: '/x.json' }, readText })).intervals).toEqual({ latency: 60 });
  });

  it('an explicit config file that is missing is an error; the default one is optional', async () => {
    await expect(loadConfig({ env: {}, flags: { config: '/missing.yaml' }, readText: files({}) })).rejects.toThrow(/cannot read config file \/missing.yaml/);
  });

  it('errors name the setting', async () => {
    const readText = files({ '/c.yaml': 'latency:\n  targets:\n    - { host: "" }\n' });
    const error = await loadConfig({ env: {}, flags: { config: '/c.yaml' }, readText }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/latency\.targets\.0\.host: /);
    await expect(loadConfig({ env: { SF_COLLECTOR_URL: 'not a url' }, readText: files({}) })).rejects.toThrow(/collector_url: /);
    await expect(loadConfig({ env: {}, flags: { config: '/b.yaml' }, readText: files({ '/b.yaml': '- a list' }) })).rejects.toThrow(/mapping/);
    await expect(loadConfig({ env: {}, flags: { config: '/b.yaml' }, readText: files({ '/b.yaml': 'a: [unclosed' }) })).rejects.toThrow(/not valid YAML/);
  });

  it('reports every problem at once, each with where it was given: file line, environment variable or flag', async () => {
    const yaml = 'log_level: debug\nlatency:\n  count: 0\n  targets:\n    - { host: a, method: tcp }\n';
    const readText = files({ '/c.yaml': yaml });
    const error = await loadConfig({ env: { SF_COLLECTOR_URL: 'not a url', SF_SEND_HOSTNAME: 'perhaps' }, flags: { config: '/c.yaml', intervalScale: '-1' }, readText }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const problems = Object.fromEntries((error as ConfigError).problems.map((p) => [p.field, p.source]));
    expect(problems).toEqual({
      collector_url: 'env SF_COLLECTOR_URL',
      'privacy.send_hostname': 'env SF_SEND_HOSTNAME',
      interval_scale: 'flag --interval-scale',
      'latency.targets.0.port': '/c.yaml line 5',
      'latency.count': '/c.yaml line 3',
    });
    expect((error as Error).message).toContain('latency.count: ');
    expect((error as Error).message).toContain('(/c.yaml line 3)');
  });

  it('environment variables and flags of the settings table reach their YAML keys', async () => {
    const env = { SF_SEND_HOSTNAME: 'yes', SF_SEND_SSID: 'true', SF_INTERVAL_SCALE: '0.5', SF_LATENCY_TARGETS: 'gateway, 127.0.0.1=lo', SF_COLLECTOR_PROXY: 'http://127.0.0.1:3128' };
    const config = await loadConfig({ env, readText: files({}), flags: { logLevel: 'warn', collectorUrl: 'http://127.0.0.1:1' } });
    expect(config).toMatchObject({ privacy: { send_hostname: true, send_ssid: true }, interval_scale: 0.5, log_level: 'warn', collector_url: 'http://127.0.0.1:1', collector_proxy: 'http://127.0.0.1:3128' });
    expect(config.latency.targets).toEqual([{ host: 'gateway' }, { host: '127.0.0.1', label: 'lo' }]);
  });

  it('an interval for a collector the program does not run is a problem, with its line', async () => {
    const readText = files({ '/i.yaml': 'intervals:\n  latency: 60\n  latncy: 30\n' });
    const options = { env: {}, flags: { config: '/i.yaml' }, readText };
    expect((await loadConfig(options)).intervals).toEqual({ latency: 60, latncy: 30 });
    const error = await loadConfig({ ...options, collectorNames: ['latency', 'wifi'] }).catch((e: unknown) => e);
    expect((error as ConfigError).problems).toEqual([{ field: 'intervals.latncy', message: 'no collector named "latncy" (collectors: latency, wifi)', source: '/i.yaml line 3' }]);
  });

  it('per-OS default paths', () => {
    expect(defaultPaths('linux')).toEqual({ configFile: '/etc/sf-agent/agent.yaml', stateDir: '/var/lib/sf-agent' });
    expect(defaultPaths('win32', {}).configFile).toBe('C:\\ProgramData\\SmartFoundations\\agent.yaml');
    expect(defaultPaths('darwin').stateDir).toBe('/Library/Application Support/SmartFoundations/state');
  });
});
