import { getServers } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { systemInformation } from '../../host/systeminformation.js';
import type { LatencyTarget } from './settings.js';

export interface ResolvedTarget {
  host: string;
  label?: string;
  /** Set when a symbolic target (gateway, dns) could not be turned into an address. */
  error?: string;
}

export interface TargetResolvers {
  gateway: () => Promise<string>;
  dnsServer: () => Promise<string>;
  /** Name → address for tcp/https targets (ping resolves for itself); the system resolver when absent. */
  address?: (hostName: string) => Promise<string>;
}

/** Only used when a config explicitly asks for `gateway`/`dns`: tests never probe either. */
export const systemResolvers: TargetResolvers = {
  gateway: async () => (await systemInformation()).networkGatewayDefault(),
  dnsServer: async () => getServers()[0] ?? '',
  address: async (hostName) => (await lookup(hostName)).address,
};

export async function resolveTarget(target: LatencyTarget, resolvers: TargetResolvers): Promise<ResolvedTarget> {
  const word = target.host.toLowerCase();
  if (word !== 'gateway' && word !== 'dns') return target.label ? { host: target.host, label: target.label } : { host: target.host };
  const label = target.label ?? word;
  try {
    const address = word === 'gateway' ? await resolvers.gateway() : await resolvers.dnsServer();
    // getServers() may append a port or zone ("[fe80::1%eth0]:53"); ping wants the bare address.
    const host = address.replace(/^\[(.*)\](:\d+)?$/, '$1').trim();
    if (!host) return { host: word, label, error: `no ${word === 'gateway' ? 'default gateway' : 'DNS server'} configured` };
    return { host, label };
  } catch (error) {
    return { host: word, label, error: `could not resolve ${word}: ${(error as Error).message}` };
  }
}
