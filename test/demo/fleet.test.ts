import { describe, expect, it } from 'vitest';
import { assetRegisterCsv, planFleet, planTrusts } from '../../demo/fleet.js';

describe('demo asset registers', () => {
  // `sf-demo --devices 20` once listed a never-reported asset of one trust at another trust's site,
  // which the collector rightly refused. Every size of fleet, small ones included, must stay in its trust.
  it.each([1, 7, 20, 90, 500])('lists only the trust’s own sites, at %i devices', (devices) => {
    const options = { seed: 1, devices, days: 1, now: new Date('2026-12-01T00:00:00Z') };
    const fleet = planFleet(options);
    for (const trust of planTrusts()) {
      const own = new Set(trust.sites.map((s) => s.siteId));
      const rows = assetRegisterCsv(fleet, trust.trustId, options).trim().split('\n').slice(1);
      const sites = rows.map((row) => row.split(',')[2]);
      expect(sites.filter((site) => !own.has(site!)), trust.trustId).toEqual([]);
      if (fleet.some((d) => d.site.trustId === trust.trustId)) expect(rows.some((row) => row.startsWith('NR'))).toBe(true);
    }
  });
});
