import { describe, expect, it } from 'vitest';
import { HARDWARE_SETTINGS } from '../../../agent/collectors/hardware/settings.js';
import { LATENCY_SETTINGS } from '../../../agent/collectors/latency/settings.js';
import { OS_SETTINGS } from '../../../agent/collectors/os/settings.js';
import { PATCHES_SETTINGS } from '../../../agent/collectors/patches/settings.js';
import { COLLECTOR_CHECKS, defaultCollectors } from '../../../agent/collectors/registry.js';
import { SECURITY_SETTINGS } from '../../../agent/collectors/security/settings.js';
import { WIFI_SETTINGS } from '../../../agent/collectors/wifi/settings.js';

describe('collector registry', () => {
  it('each collector takes its name, kind and interval from its own settings.ts and has its own doctor check', () => {
    const collectors = new Map(defaultCollectors().map((c) => [c.name, c]));
    for (const settings of [HARDWARE_SETTINGS, OS_SETTINGS, PATCHES_SETTINGS, SECURITY_SETTINGS, WIFI_SETTINGS, LATENCY_SETTINGS]) {
      expect(collectors.get(settings.name), settings.name).toMatchObject(settings);
      expect(COLLECTOR_CHECKS[settings.name], settings.name).toBeDefined();
    }
    // Every check is for a registered collector.
    for (const name of Object.keys(COLLECTOR_CHECKS)) expect(collectors.has(name), name).toBe(true);
  });
});
