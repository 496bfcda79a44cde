import { describe, expect, it } from 'vitest';
import { ConfigError, validateConfig } from '../../../../agent/config/load.js';
import { endpointOf } from '../../../../agent/collectors/latency/connect-rounds.js';
import type { LatencyTarget } from '../../../../agent/config/schema.js';

function targets(list: unknown[]) {
  return validateConfig({ state_dir: '/nonexistent', latency: { targets: list } }).latency.targets;
}

/** The message a bad target list fails with; errors must name the setting they are about. */
function problem(list: unknown[]): string {
  try {
    targets(list);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the config to be rejected');
}

describe('latency target settings', () => {
  it('icmp stays the default and old configs still load', () => {
    expect(targets([{ host: 'gateway' }, { host: 'epr.trust.nhs.uk', label: 'epr' }])).toEqual([{ host: 'gateway' }, { host: 'epr.trust.nhs.uk', label: 'epr' }]);
  });

  it('names the setting in every error', () => {
    expect(problem([{ host: 'a' }, { host: 'b', method: 'tcp' }])).toContain('latency.targets.1.port: required for tcp');
    expect(problem([{ host: 'a', port: 443 }])).toContain('latency.targets.0.port: only used by tcp and https targets');
    expect(problem([{ host: 'a', method: 'tcp', port: 443, path: '/x' }])).toContain('latency.targets.0.path: only used by https targets');
    expect(problem([{ method: 'https', url: 'http://pacs.trust.nhs.uk/' }])).toContain('latency.targets.0.url: must be an https:// URL');
    expect(problem([{ method: 'https', url: 'https://a/', port: 8443 }])).toContain('latency.targets.0.url: give either url or port/path, not both');
    expect(problem([{ method: 'https', host: 'b', url: 'https://a/' }])).toContain("latency.targets.0.host: differs from the url's host a");
    expect(problem([{ method: 'https' }])).toContain('latency.targets.0.host: required (or a url for https)');
    expect(problem([{ host: 'a', method: 'tcp', port: 70000 }])).toContain('latency.targets.0.port');
    expect(problem([{ host: 'a', method: 'udp' }])).toContain('latency.targets.0.method');
  });

  it('an https target given only a url is reported under the url host', () => {
    const [target] = targets([{ method: 'https', url: 'https://[::1]:8443/health?deep=1', label: 'epr' }]);
    expect(target).toMatchObject({ host: '::1', label: 'epr' });
    expect(endpointOf(target as LatencyTarget, '::1')).toEqual({ hostName: '::1', port: 8443, path: '/health?deep=1' });
  });

  it('host + port + path, with https defaults of port 443 and path /', () => {
    const [withPort, bare] = targets([
      { host: 'pacs', method: 'https', port: 8443, path: '/wado' },
      { host: 'mail', method: 'https' },
    ]);
    expect(endpointOf(withPort as LatencyTarget, 'pacs')).toEqual({ hostName: 'pacs', port: 8443, path: '/wado' });
    expect(endpointOf(bare as LatencyTarget, 'mail')).toEqual({ hostName: 'mail', port: 443, path: '/' });
  });
});
