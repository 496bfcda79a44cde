import { createHardwareCollector } from './hardware/index.js';
import { createLatencyCollector } from './latency/index.js';
import { createOsCollector } from './os/index.js';
import { createPatchesCollector } from './patches/index.js';
import { createSecurityCollector } from './security/index.js';
import { createSnmpCollector } from './snmp/index.js';
import { createWifiCollector } from './wifi/index.js';
import type { Collector } from './types.js';

/**
 * The one list of collectors the agent runs. A new data source is a folder under
 * collectors/ plus one line here.
 */
export function defaultCollectors(): Collector[] {
  return [createHardwareCollector(), createOsCollector(), createPatchesCollector(), createSecurityCollector(), createWifiCollector(), createLatencyCollector(), createSnmpCollector()];
}
