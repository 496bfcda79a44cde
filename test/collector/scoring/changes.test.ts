import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCollector } from '../../../collector/service.js';
import { adminFor, enroll, siteWithSecret, startTestCollector } from '../../helpers/collector.js';
import { postReport } from '../../helpers/reports.js';
import { reportDaysEarlier } from '../../helpers/scoring-fleet.js';
import { tempDir } from '../../helpers/temp.js';

interface Changes {
  from: string;
  to: string;
  new: number;
  resolved: number;
  out_of_scope: number;
  total: number;
  changes: Array<{ device_id: string; control_id: string; change: string; status_from: string; status_to: string; reason: string; evidence: string }>;
}

// Between two snapshots (2026-11-08 and 2026-11-12; scoring-fleet's reports are for 2026-11-20,
// moved back): a Windows 11 Enterprise 23H2 laptop whose support ended on 2026-11-10 is a new
// finding, and a laptop patched after its first report is a resolved one. Nothing else changed.
describe('finding changes between two snapshots', () => {
  const dir = tempDir('changes');
  let collector: RunningCollector;
  let eol: string;
  let patched: string;

  beforeAll(async () => {
    collector = await startTestCollector(dir.path);
    const secret = await siteWithSecret(adminFor(collector.url, dir.path), 's1', 't');
    const device = (n: number) => enroll(collector.url, secret, String(n).repeat(64));
    const [a, b] = await Promise.all([device(1), device(2)]);
    eol = a.device_id;
    patched = b.device_id;
    for (const [key, report] of [
      [a.node_key, reportDaysEarlier('w11-23h2-ent', eol, 12)], // 2026-11-08
      [b.node_key, reportDaysEarlier('unpatched', patched, 12)], // 2026-11-08: 2 security updates pending
      [b.node_key, reportDaysEarlier('good', patched, 10)], // 2026-11-10: patched
    ] as const) expect((await postReport(collector.url, key, report)).status).toBe(202);
  });
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  const viewer = async <T>(path: string): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${collector.url}${path}`, { headers: { authorization: `Bearer ${collector.viewerToken}` } });
    return { status: response.status, body: (response.headers.get('content-type')?.includes('json') ? await response.json() : await response.text()) as T };
  };

  it('lists what became a finding and what was fixed, with the reason and evidence', async () => {
    const { status, body } = await viewer<Changes>('/v1/findings/changes?from=2026-11-08&to=2026-11-12');
    expect(status).toBe(200);
    expect(body).toMatchObject({ from: '2026-11-08', to: '2026-11-12', new: 1, resolved: 1, out_of_scope: 0, total: 2 });
    expect(body.changes).toEqual([
      expect.objectContaining({
        device_id: eol, control_id: 'CYB-OS-SUPPORTED', change: 'new', status_from: 'pass', status_to: 'fail',
        reason: 'Windows 11 Enterprise 23H2 out of support since 2026-11-10', evidence: 'Windows 11 Enterprise 23H2, support ends 2026-11-10',
      }),
      expect.objectContaining({ device_id: patched, control_id: 'CYB-PATCH', change: 'resolved', status_from: 'fail', status_to: 'pass' }),
    ]);
    expect(body.changes[1]!.reason).toMatch(/security updates pending/);
  });

  it('filters by control and by kind of change, and exports CSV', async () => {
    const patch = await viewer<Changes>('/v1/findings/changes?from=2026-11-08&to=2026-11-12&control=CYB-PATCH');
    expect(patch.body.changes.map((c) => c.device_id)).toEqual([patched]);
    const fresh = await viewer<Changes>('/v1/findings/changes?from=2026-11-08&to=2026-11-12&change=new');
    expect(fresh.body).toMatchObject({ total: 1, changes: [expect.objectContaining({ device_id: eol })] });

    const csv = await viewer<string>('/v1/findings/changes?from=2026-11-08&to=2026-11-12&format=csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('change,control_id,device_id,trust_id,site_id,kind,hostname,model,os,last_seen,status_from,status_to,reason,evidence');
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 3).join(','))).toEqual([`new,CYB-OS-SUPPORTED,${eol}`, `resolved,CYB-PATCH,${patched}`]);
  });

  it('a day with no change has none, and bad ranges are refused with the reason', async () => {
    expect((await viewer<Changes>('/v1/findings/changes?from=2026-11-12&to=2026-11-13')).body).toMatchObject({ total: 0, changes: [] });
    expect(await viewer('/v1/findings/changes?from=2026-11-12&to=2026-11-12')).toMatchObject({ status: 400, body: { error: 'from 2026-11-12 must be before to 2026-11-12' } });
    const bad = await viewer<{ error: string }>('/v1/findings/changes?from=2026-13-01');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^invalid query: from/);
  });
});
