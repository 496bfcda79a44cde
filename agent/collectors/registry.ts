import type { CollectorCheck } from './check.js';
import { hardwareCheck } from './hardware/check.js';
import { createHardwareCollector } from './hardware/index.js';
import { latencyCheck } from './latency/check.js';
import { createLatencyCollector } from './latency/index.js';
import { osCheck } from './os/check.js';
import { createOsCollector } from './os/index.js';
import { patchesCheck } from './patches/check.js';
import { createPatchesCollector } from './patches/index.js';
import { securityCheck } from './security/check.js';
import { createSecurityCollector } from './security/index.js';
import { createSnmpCollector } from './snmp/index.js';
import { wifiCheck } from './wifi/check.js';
import { createWifiCollector } from './wifi/index.js';
import type { Collector } from './types.js';

/**
 * The one list of collectors the agent runs. A new data source is a folder under collectors/ — its
 * code, settings.ts (name, kind, interval and any settings it adds to the agent config, placed in
 * config/schema.ts) and check.ts (its self-check for `doctor`) — plus its line here.
 */
export function defaultCollectors(): Collector[] {
  return [createHardwareCollector(), createOsCollector(), createPatchesCollector(), createSecurityCollector(), createWifiCollector(), createLatencyCollector(), createSnmpCollector()];
}

/** Each collector's self-check for `doctor`, by collector name; a collector without one gets the shared probe (collectors/check.ts). */
export const COLLECTOR_CHECKS: Readonly<Record<string, CollectorCheck>> = {
  hardware: hardwareCheck,
  os: osCheck,
  patches: patchesCheck,
  security: securityCheck,
  wifi: wifiCheck,
  latency: latencyCheck,
};
