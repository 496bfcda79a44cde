import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCollector } from '../../../collector/service.js';
import { ingestStats, type IngestStats } from '../../../collector/store/stats.js';
import { adminFor, enroll, siteWithSecret, startTestCollector } from '../../helpers/collector.js';
import { makeReport } from '../../helpers/reports.js';
import { tempDir } from '../../helpers/temp.js';

// Every bad request gets a clear 4xx naming the problem, the process stays up, nothing is written.
describe('bad input to POST /v1/reports and /v1/enroll', () => {
  const dir = tempDir('bad');
  let collector: RunningCollector;
  let nodeKey: string;
  let deviceId: string;
  let secret: string;
  let before: IngestStats;

  beforeAll(async () => {
    collector = await startTestCollector(dir.path, {
      limits: { maxWireBytes: 256 * 1024, maxDecodedBytes: 1024 * 1024 },
    });
    secret = await siteWithSecret(adminFor(collector.url, dir.path));
    const device = await enroll(collector.url, secret, 'ee'.repeat(32));
    nodeKey = device.node_key;
    deviceId = device.device_id;
    before = await ingestStats(collector.store);
  });
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  async function post(body: string | Buffer, headers: Record<string, string> = {}, path = '/v1/reports') {
    const response = await fetch(`${collector.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${nodeKey}`, ...headers },
      // A Buffer is no BodyInit in the current DOM types; its bytes as a Uint8Array are.
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
    return { status: response.status, body: (await response.json()) as { error: string; problems?: Array<{ field: string }> } };
  }

  const valid = () => makeReport(deviceId, 2);
  const fields = (r: { body: { problems?: Array<{ field: string }> } }) => r.body.problems?.map((p) => p.field);

  it('malformed JSON → 400 saying so', async () => {
    const r = await post('{"schema": "sf.report/v1",');
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/not valid JSON/);
  });

  it('wrong types → 400 naming each field', async () => {
    const report = { ...valid(), collected_at: 12, samples: [{ ...valid().samples![0]!, rtt_avg_ms: 'fast' }] };
    const r = await post(JSON.stringify(report));
    expect(r.status).toBe(400);
    expect(fields(r)).toEqual(['collected_at', 'samples.0.rtt_avg_ms']);
    expect(r.body.error).toContain('samples.0.rtt_avg_ms');
  });

  it('missing fields → 400 naming them', async () => {
    const { report_id: _id, agent_version: _v, ...rest } = valid();
    const r = await post(JSON.stringify(rest));
    expect(r.status).toBe(400);
    expect(fields(r)).toEqual(expect.arrayContaining(['report_id', 'agent_version']));
  });

  it('a report for another device → 403', async () => {
    const r = await post(JSON.stringify({ ...valid(), device_id: 'dev_000000000000000000000000' }));
    expect(r.status).toBe(403);
    expect(r.body.error).toMatch(/does not match/);
  });

  it('oversized body → 413 with the limit', async () => {
    const r = await post('x'.repeat(300 * 1024));
    expect(r.status).toBe(413);
    expect(r.body.error).toMatch(/larger than 262144 bytes/);
  });

  it('gzip bomb (small on the wire, huge decoded) → 413', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(256 * 1024);
    const r = await post(bomb, { 'content-encoding': 'gzip' });
    expect(r.status).toBe(413);
    expect(r.body.error).toMatch(/decodes to more than 1048576 bytes/);
  });

  it('corrupt gzip → 400; unknown encoding or content type → 415', async () => {
    expect((await post(Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' })).status).toBe(400);
    const br = await post('{}', { 'content-encoding': 'br' });
    expect(br.status).toBe(415);
    expect(br.body.error).toMatch(/Content-Encoding "br"/);
    expect((await post('{}', { 'content-type': 'text/plain' })).status).toBe(415);
  });

  it('missing, malformed or wrong node key → 401 naming what is wrong', async () => {
    const body = JSON.stringify(valid());
    const missing = await fetch(`${collector.url}/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error: string }).error).toMatch(/missing Authorization/);
    const malformed = await post(body, { authorization: 'Bearer nonsense' });
    expect(malformed.status).toBe(401);
    expect(malformed.body.error).toMatch(/malformed/);
    const wrong = await post(body, { authorization: `Bearer ${nodeKey.slice(0, -4)}AAAA` });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toMatch(/not valid/);
  });

  it('enrolment with a bad secret or fingerprint → 401 / 400 naming the field', async () => {
    const base = { enroll_secret: secret, fingerprint: 'ab'.repeat(32), hostname: 'h', platform: 'linux', agent_version: '1' };
    const badSecret = await post(JSON.stringify({ ...base, enroll_secret: 'sfe_wrong_wrong_wrong_wrong' }), {}, '/v1/enroll');
    expect(badSecret.status).toBe(401);
    expect(badSecret.body.error).toMatch(/enroll_secret/);
    const badPrint = await post(JSON.stringify({ ...base, fingerprint: 'xyz' }), {}, '/v1/enroll');
    expect(badPrint.status).toBe(400);
    expect(fields(badPrint)).toEqual(['fingerprint']);
  });

  it('admin routes need the admin token', async () => {
    const none = await fetch(`${collector.url}/v1/admin/sites`);
    expect(none.status).toBe(401);
    const wrong = await fetch(`${collector.url}/v1/admin/sites`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(403);
  });

  it('is still up, and nothing was written by any of it', async () => {
    expect((await fetch(`${collector.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${collector.url}/readyz`)).status).toBe(200);
    expect(await ingestStats(collector.store)).toEqual(before);
  });
});
