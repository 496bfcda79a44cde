import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../protocol/index.js';
import type { RunningCollector } from '../../../collector/service.js';
import { adminFor, enroll, siteWithSecret, startTestCollector } from '../../helpers/collector.js';
import { makeReport, postReport } from '../../helpers/reports.js';
import { AS_OF, reportFor } from '../../helpers/scoring-fleet.js';
import { tempDir } from '../../helpers/temp.js';
import { launchChromium, watchedPage, signInWithViewerToken } from '../../helpers/browser.js';

/**
 * Finding 7: agent clocks are not trusted. A date after the report's receipt cannot be true, so a
 * future last update, signature update or age reference is unknown with a reason (never a pass), a
 * future collected_at is clamped (it cannot pin a device's labels), and skew is counted per device.
 */
const FUTURE = '2099-01-01T00:00:00.000Z';
type Controls = Array<{ control_id: string; status: string; reason: string }>;

describe('agent-supplied times are bounded by the receipt time', () => {
  const dir = tempDir('agent-clock');
  let collector: RunningCollector;
  let secret: string;
  let n = 0;
  let skewedDevice = '';

  beforeAll(async () => {
    collector = await startTestCollector(dir.path);
    secret = await siteWithSecret(adminFor(collector.url, dir.path), 'clock-site', 'clock-trust');
  });
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  async function device() {
    return enroll(collector.url, secret, (0xc10c00 + n++).toString(16).padStart(64, '0'));
  }
  /** One device per case, all posted before the first read: the as-of date's run is made once. */
  const CASES: Record<string, (report: Report) => void> = {
    'future last update': (r) => {
      r.inventory!.patches!.last_update_at = FUTURE;
    },
    'future signatures': (r) => {
      (r.inventory!.security!.antimalware as { signatures_updated_at: unknown }).signatures_updated_at = FUTURE;
    },
    'future age reference': (r) => {
      r.inventory!.hardware!.age = { reference_date: '2099-01-01', source: 'firmware_release', confidence: 'medium' };
    },
    'age reference before 1990': (r) => {
      r.inventory!.hardware!.age = { reference_date: '1985-06-01', source: 'firmware_release', confidence: 'medium' };
    },
  };
  const caseDevices = new Map<string, string>();
  beforeAll(async () => {
    for (const [name, change] of Object.entries(CASES)) {
      const d = await device();
      const report = reportFor('good', d.device_id);
      change(report);
      expect((await postReport(collector.url, d.node_key, report)).status).toBe(202);
      caseDevices.set(name, d.device_id);
    }
  });
  async function controlsOf(name: string): Promise<Controls> {
    const response = await fetch(`${collector.url}/v1/devices/${caseDevices.get(name)}?as_of=${AS_OF}`, { headers: { authorization: `Bearer ${collector.viewerToken}` } });
    return ((await response.json()) as { controls: Controls }).controls;
  }
  const control = (controls: Controls, id: string) => controls.find((c) => c.control_id === id);

  it('a last update dated in the future does not pass CYB-PATCH: unknown, saying why', async () => {
    expect(control(await controlsOf('future last update'), 'CYB-PATCH')).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/later than the report itself/) });
  });

  it('anti-malware signatures dated in the future do not pass CYB-MALWARE', async () => {
    expect(control(await controlsOf('future signatures'), 'CYB-MALWARE')?.status).toBe('unknown');
  });

  it('an age reference date in the future is an unknown age, not a new device', async () => {
    expect(control(await controlsOf('future age reference'), 'INF-AGE')).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/later than the report itself/) });
  });

  it('an age reference date before 1990 is an unknown age', async () => {
    expect(control(await controlsOf('age reference before 1990'), 'INF-AGE')).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/before 1990/) });
  });

  it('a future collected_at does not freeze the device labels, and is clamped to the receipt time plus the tolerance', async () => {
    const d = await device();
    const ahead = makeReport(d.device_id, 1, { collected_at: FUTURE });
    ahead.inventory = { ...ahead.inventory, hostname: 'from-the-future' };
    expect((await postReport(collector.url, d.node_key, ahead)).status).toBe(202);
    const now = makeReport(d.device_id, 1, { collected_at: new Date(Date.now() + 10 * 60_000).toISOString() });
    now.inventory = { ...now.inventory, hostname: 'the-real-one' };
    expect((await postReport(collector.url, d.node_key, now)).status).toBe(202);

    const [label] = await collector.store.query<{ body: string }>(
      `SELECT body FROM {db}.inventory_sections FINAL WHERE device_id = {id:String} AND section = 'hostname'`,
      { id: d.device_id },
    );
    expect(JSON.parse(label!.body)).toBe('the-real-one');
    const [stored] = await collector.store.query<{ ahead_ms: number }>(
      `SELECT max(toUnixTimestamp64Milli(collected_at) - toUnixTimestamp64Milli(received_at)) AS ahead_ms FROM {db}.reports WHERE device_id = {id:String}`,
      { id: d.device_id },
    );
    expect(Number(stored!.ahead_ms)).toBeLessThanOrEqual(5 * 60_000);

    // The skew is counted per device on the IT-ops view.
    const today = new Date().toISOString().slice(0, 10);
    const ops = (await (await fetch(`${collector.url}/v1/operations?as_of=${today}`, { headers: { authorization: `Bearer ${collector.viewerToken}` } })).json()) as {
      clock_skew?: Array<{ device_id: string; reports: number; skewed_reports: number; max_ahead_seconds: number }>;
    };
    const skew = ops.clock_skew?.find((s) => s.device_id === d.device_id);
    expect(skew).toMatchObject({ reports: 2, skewed_reports: 2 });
    expect(skew!.max_ahead_seconds).toBeGreaterThan(365 * 86_400);
    skewedDevice = d.device_id;
  });

  it('the IT-ops page lists the device whose clock ran ahead', async () => {
    const browser = await launchChromium();
    try {
      const { page, errors, offsite } = await watchedPage(await browser.newContext());
      const today = new Date().toISOString().slice(0, 10);
      await signInWithViewerToken(page, collector.url, collector.viewerToken);
      await page.goto(`${collector.url}/ops?as_of=${today}`);
      const row = page.locator(`#clock-skew tr[data-device="${skewedDevice}"]`);
      expect(await row.locator('[data-value="skewed-reports"]').innerText()).toBe('2 of 2');
      expect(await page.locator('[data-value="clock-skewed"]').innerText()).toBe('1');
      expect(errors).toEqual([]);
      expect(offsite).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
