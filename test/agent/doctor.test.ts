import { describe, expect, it } from 'vitest';
import { runDoctor } from '../../agent/doctor.js';
import { tempDir, testConfig } from './helpers.js';

describe('doctor', () => {
  it('reports local checks and never prints the enrol secret', async () => {
    const secret = 'doctor-secret-0123456789';
    const checks = await runDoctor(testConfig({ state_dir: await tempDir(), enroll_secret: secret, latency: { targets: [{ host: '127.0.0.1' }] } }));
    const byName = Object.fromEntries(checks.map((c) => [c.check, c]));
    expect(byName.collector_url?.ok).toBe(false);
    expect(byName.enrolment).toMatchObject({ ok: true, detail: 'not enrolled yet; an enrol secret is set' });
    expect(byName.state_dir?.ok).toBe(true);
    expect(byName.ping?.ok).toBe(true);
    expect(JSON.stringify(checks)).not.toContain(secret);
  });
});
