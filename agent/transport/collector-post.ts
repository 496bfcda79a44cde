import { readFileSync } from 'node:fs';
import type { AgentConfig } from '../config/schema.js';
import { ConfigError } from '../config/load.js';
import { createHttpPost, type HttpPost } from './http-post.js';

/**
 * How this agent POSTs to its collector: through `collector_proxy` when set, trusting the CA in
 * `collector_ca_file` as well as the public ones. The CA file is read once, here, so a bad path or
 * a file with no certificate stops the agent at start with the setting named, not at every send.
 */
export function collectorPost(config: AgentConfig, readText: (file: string) => string = (file) => readFileSync(file, 'utf8')): HttpPost {
  let ca: string | undefined;
  if (config.collector_ca_file) {
    try {
      ca = readText(config.collector_ca_file);
    } catch (error) {
      throw new ConfigError(`collector_ca_file: cannot read ${config.collector_ca_file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    if (!/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.test(ca)) {
      throw new ConfigError(`collector_ca_file: ${config.collector_ca_file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
    }
  }
  return createHttpPost({ ...(ca ? { ca } : {}), ...(config.collector_proxy ? { proxyUrl: config.collector_proxy } : {}) });
}
