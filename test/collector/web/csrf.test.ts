import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCollector } from '../../../collector/service.js';
import { startTestCollector } from '../../helpers/collector.js';
import { tempDir } from '../../helpers/temp.js';

// A sign-in form posted from another site is refused as such (403), not as a server fault.
describe('cross-site form posts', () => {
  const dir = tempDir('csrf');
  let collector: RunningCollector;
  beforeAll(async () => {
    collector = await startTestCollector(dir.path);
  });
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  const login = (origin: string) =>
    fetch(`${collector.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
      body: `token=${collector.viewerToken}`,
      redirect: 'manual',
    });

  it('refuses a sign-in posted from another origin with 403', async () => {
    const response = await login('https://phish.example');
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain(collector.viewerToken);
  });

  it('accepts the same sign-in from the dashboard itself', async () => {
    const response = await login(collector.url);
    expect(response.status).toBe(303);
    expect(response.headers.get('set-cookie')).toMatch(/^sf_session=/);
  });
});
