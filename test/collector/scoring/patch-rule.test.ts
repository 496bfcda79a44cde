import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Patches, PendingUpdate } from '../../../protocol/index.js';
import type { RunningCollector } from '../../../collector/service.js';
import { adminFor, enroll, siteWithSecret, startTestCollector } from '../../helpers/collector.js';
import { postReport } from '../../helpers/reports.js';
import { AS_OF, reportFor } from '../../helpers/scoring-fleet.js';
import { tempDir } from '../../helpers/temp.js';

/**
 * CYB-PATCH follows Cyber Essentials' security update rule: updates rated critical or high
 * (Microsoft's "important") and unrated ones within 14 days of release; moderate and low ones are
 * advisory; an installed update waiting for a restart is not applied; an offered major upgrade is
 * not a security update. Each case is the "good" laptop with only its patch state changed.
 */
const DAY = 86_400_000;
const asOfNoon = Date.parse(`${AS_OF}T12:00:00Z`);
const daysAgo = (days: number) => new Date(asOfNoon - days * DAY).toISOString();
const update = (id: string, severity: PendingUpdate['severity'], releasedDaysAgo?: number, extra: Partial<PendingUpdate> = {}): PendingUpdate => ({
  id, severity, security: true, ...(releasedDaysAgo === undefined ? {} : { released_at: daysAgo(releasedDaysAgo) }), ...extra,
});

function patches(pending: PendingUpdate[], extra: Partial<Patches> = {}): Patches {
  const security = pending.filter((u) => u.security).length;
  return { source: 'windows-update', last_update_at: daysAgo(3), pending_updates: pending.length, pending_security_updates: security, pending, reboot_required: false, ...extra };
}

const CASES: Record<string, { patches: Patches; status: 'pass' | 'fail'; reason: string; evidence?: RegExp }> = {
  'only moderate and low updates, 40 days old': {
    patches: patches([update('KB5000001', 'moderate', 40), update('KB5000002', 'low', 40)]),
    status: 'pass', reason: '', evidence: /critical, high or unrated security updates pending 0, lower-severity security updates pending 2 \(advisory\)/,
  },
  'an important (high) update released 20 days ago': {
    patches: patches([update('KB5046633', 'important', 20), update('KB5000002', 'low', 40)]),
    status: 'fail', reason: 'a critical, high or unrated security update pending for 20 days since its release',
  },
  'a critical update released 10 days ago': {
    patches: patches([update('KB5046634', 'critical', 10)]),
    status: 'pass', reason: '', evidence: /pending 1 \(oldest released 10 days ago\)/,
  },
  'an unrated security update released 15 days ago': {
    patches: patches([update('KB5046635', 'unspecified', 15)]),
    status: 'fail', reason: 'a critical, high or unrated security update pending for 15 days since its release',
  },
  'only an offered macOS upgrade, no update for 40 days': {
    patches: patches([update('macOS Sequoia 15.1.1-24B91', 'unspecified', undefined, { security: false, upgrade: true })], { source: 'softwareupdate', last_update_at: daysAgo(40) }),
    status: 'pass', reason: '',
  },
  'an installed update waiting 20 days for a restart': {
    patches: patches([], { reboot_required: true, reboot_pending_since: daysAgo(20) }),
    status: 'fail', reason: 'updates installed 20 days ago wait for a restart', evidence: /installed updates waiting for a restart for 20 days/,
  },
  'an installed update waiting 5 days for a restart': {
    patches: patches([], { reboot_required: true, reboot_pending_since: daysAgo(5) }),
    status: 'pass', reason: '',
  },
  'an undated required update (apt) and no update for 20 days': {
    patches: patches([update('openssl', 'unspecified')], { source: 'apt', last_update_at: daysAgo(20) }),
    status: 'fail', reason: '1 critical, high or unrated security updates pending, last update 20 days ago',
  },
};

describe('CYB-PATCH: the Cyber Essentials security update rule', () => {
  const dir = tempDir('patch-rule');
  let collector: RunningCollector;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    collector = await startTestCollector(dir.path);
    const secret = await siteWithSecret(adminFor(collector.url, dir.path), 'p-site', 'p-trust');
    let n = 0;
    for (const [name, { patches: state }] of Object.entries(CASES)) {
      const device = await enroll(collector.url, secret, (0xbeef00 + n++).toString(16).padStart(64, '0'));
      const report = reportFor('good', device.device_id);
      report.inventory = { ...report.inventory, patches: state };
      expect((await postReport(collector.url, device.node_key, report)).status).toBe(202);
      ids.set(name, device.device_id);
    }
  });
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  for (const [name, expected] of Object.entries(CASES)) {
    it(`${name}: ${expected.status}`, async () => {
      const response = await fetch(`${collector.url}/v1/devices/${ids.get(name)}?as_of=${AS_OF}`, { headers: { authorization: `Bearer ${collector.viewerToken}` } });
      const device = (await response.json()) as { controls: Array<{ control_id: string; status: string; reason: string; evidence: string }> };
      const patch = device.controls.find((c) => c.control_id === 'CYB-PATCH');
      expect(patch).toMatchObject({ status: expected.status, reason: expected.reason });
      if (expected.evidence) expect(patch?.evidence).toMatch(expected.evidence);
    });
  }
});
