import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCollector } from '../../../collector/service.js';
import { adminFor, enroll, siteWithSecret, startTestCollector } from '../../helpers/collector.js';
import { tempDir } from '../../helpers/temp.js';

// Finding 4 of issue 12: unauthenticated enrolment decoded up to 32 MiB before checking anything, and
// nothing limited how often one address could try. Enrolment bodies now have a small limit on both
// sides of gzip, and enrolment and sign-in are limited per source address (429 with Retry-After).
describe('enrolment body limit and per-address rate limits', () => {
  const dir = tempDir('enrol-limits');
  let collector: RunningCollector;
  const post = (path: string, body: Buffer | string, headers: Record<string, string>) =>
    fetch(`${collector.url}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : new Uint8Array(body) });

  beforeAll(async () => {
    collector = await startTestCollector(dir.path, { rateLimits: { enrolPerMinute: 8, signInPerMinute: 3 } });
  });
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  it('refuses a compressed enrolment body that decodes past a few KiB (413), and a large plain one', async () => {
    // 32 MiB of spaces is 32 KiB compressed: refused on the wire, before any of it is decoded.
    const bomb = gzipSync(Buffer.alloc(32 * 1024 * 1024, 0x20));
    const bombed = await post('/v1/enroll', bomb, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(bombed.status).toBe(413);
    expect(((await bombed.json()) as { error: string }).error).toMatch(/larger than 4096 bytes/);
    // 3 MiB in 3 KiB passes the wire limit; decoding stops after 8 KiB.
    const small = gzipSync(Buffer.alloc(3 * 1024 * 1024, 0x20));
    expect(small.length).toBeLessThan(4096);
    const decoded = await post('/v1/enroll', small, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(decoded.status).toBe(413);
    expect(((await decoded.json()) as { error: string }).error).toMatch(/decodes to more than 8192 bytes/);
    const plain = await post('/v1/enroll', JSON.stringify({ enroll_secret: 'x'.repeat(16), pad: 'y'.repeat(20_000) }), { 'content-type': 'application/json' });
    expect(plain.status).toBe(413);
  });

  it('limits enrolment attempts per source address: 429 with Retry-After, good secrets included', async () => {
    const secret = await siteWithSecret(adminFor(collector.url, dir.path), 'north', 'rxa');
    // The three refused bodies above counted: this address has 5 left in the window.
    for (let i = 0; i < 4; i++) {
      const wrong = await post('/v1/enroll', JSON.stringify({ enroll_secret: `sfe_wrong_${i}_padding`, fingerprint: 'c'.repeat(64), hostname: 'h', platform: 'linux', agent_version: '1' }), { 'content-type': 'application/json' });
      expect(wrong.status).toBe(401);
    }
    await enroll(collector.url, secret, 'd'.repeat(64));
    const limited = await post('/v1/enroll', JSON.stringify({ enroll_secret: secret, fingerprint: 'e'.repeat(64), hostname: 'h', platform: 'linux', agent_version: '1' }), { 'content-type': 'application/json' });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // X-Forwarded-For is not believed unless the collector is told a proxy sets it.
    const spoofed = await post('/v1/enroll', '{}', { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.7' /* a documentation address, only a header value */ });
    expect(spoofed.status).toBe(429);
  });

  it('limits dashboard sign-in attempts per source address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await post('/login', new URLSearchParams({ token: `wrong-token-${i}` }).toString(), {
        'content-type': 'application/x-www-form-urlencoded',
        origin: collector.url,
      });
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    expect(statuses.slice(0, 3)).not.toContain(429);
    expect(statuses[3]).toBe(429);
    // Reads of the sign-in page are not limited.
    expect((await fetch(`${collector.url}/login`)).status).toBe(200);
  });
});
