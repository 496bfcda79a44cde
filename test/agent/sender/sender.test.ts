import { afterEach, describe, expect, it } from 'vitest';
import { fullJitterDelay, parseRetryAfter } from '../../../agent/sender/backoff.js';
import { Sender } from '../../../agent/sender/sender.js';
import { openMemorySpool } from '../../../agent/spool/memory.js';
import { createLogger } from '../../../agent/log.js';
import { type Responder, fakeServer, sendJson } from '../../helpers/agent.js';
import { sampleReport } from '../spool/spool.suite.js';

const NODE_KEY = 'nk_test_secret_value_123';
let closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.map((c) => c()));
  closers = [];
});

async function setup(respond: Responder, extra: Partial<ConstructorParameters<typeof Sender>[0]> = {}) {
  const server = await fakeServer(respond);
  closers.push(server.close);
  const spool = await openMemorySpool({ maxBytes: 1024 * 1024 });
  const logs: string[] = [];
  const sender = new Sender({
    spool,
    collectorUrl: `${server.url}/`,
    nodeKey: NODE_KEY,
    log: createLogger({ level: 'debug', write: (l) => logs.push(l) }),
    backoffInitialMs: 10,
    backoffMaxMs: 80,
    random: () => 1,
    ...extra,
  });
  return { server, spool, sender, logs };
}

const accepted: Responder = (req, res) => sendJson(res, 202, { report_id: (req.json as { report_id: string }).report_id, duplicate: false });

describe('sender protocol behaviour', () => {
  it('posts gzip JSON with the node key, oldest first, and removes what was stored', async () => {
    const { server, spool, sender } = await setup(accepted);
    const a = sampleReport();
    const b = sampleReport();
    await spool.put(a);
    await spool.put(b);
    expect(await sender.drain()).toEqual({ delivered: 2, rejected: 0, last: { kind: 'empty' } });
    expect(server.requests.map((r) => (r.json as { report_id: string }).report_id)).toEqual([a.report_id, b.report_id]);
    const req = server.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/v1/reports');
    expect(req.headers['content-encoding']).toBe('gzip');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers.authorization).toBe(`Bearer ${NODE_KEY}`);
    expect(req.json).toEqual(a);
    expect(spool.stats().count).toBe(0);
  });

  it('a duplicate acknowledgement also clears the report', async () => {
    const { spool, sender } = await setup((req, res) => sendJson(res, 202, { report_id: (req.json as { report_id: string }).report_id, duplicate: true }));
    await spool.put(sampleReport());
    expect(await sender.deliverOldest()).toMatchObject({ kind: 'delivered', duplicate: true });
  });

  it('400 moves the report aside and carries on with the next', async () => {
    let n = 0;
    const { spool, sender, logs } = await setup((req, res) => (n++ === 0 ? sendJson(res, 400, { error: 'samples.0.ts: bad' }) : accepted(req, res)));
    const bad = sampleReport();
    const good = sampleReport();
    await spool.put(bad);
    await spool.put(good);
    expect(await sender.drain()).toEqual({ delivered: 1, rejected: 1, last: { kind: 'empty' } });
    expect(await spool.rejectedIds()).toEqual([bad.report_id]);
    expect(logs.some((l) => l.includes('collector rejected a report'))).toBe(true);
  });

  it('413 is not retried forever either', async () => {
    const { spool, sender } = await setup((_req, res) => sendJson(res, 413, { error: 'too large' }));
    const r = sampleReport();
    await spool.put(r);
    expect(await sender.deliverOldest()).toMatchObject({ kind: 'rejected', status: 413 });
    expect(await spool.rejectedIds()).toEqual([r.report_id]);
  });

  it('401/403 stops delivery, keeps the data and says re-enrolment is needed, without logging the key', async () => {
    for (const status of [401, 403]) {
      const { server, spool, sender, logs } = await setup((_req, res) => sendJson(res, status, { error: 'revoked' }));
      await spool.put(sampleReport());
      await spool.put(sampleReport());
      await sender.run(new AbortController().signal); // returns by itself
      expect(sender.unauthorized).toBe(true);
      expect(server.requests).toHaveLength(1);
      expect(spool.stats().count).toBe(2);
      expect(logs.join('')).toMatch(/re-enrol/);
      expect(logs.join('')).not.toContain(NODE_KEY);
    }
  });

  it('honours Retry-After on 429 and 503 and keeps the report', async () => {
    for (const status of [429, 503]) {
      const { spool, sender } = await setup((_req, res) => sendJson(res, status, {}, { 'Retry-After': '7' }));
      await spool.put(sampleReport());
      expect(await sender.deliverOldest()).toMatchObject({ kind: 'retry', afterMs: 7000 });
      expect(spool.stats().count).toBe(1);
    }
  });

  it('run() waits the Retry-After before trying again', async () => {
    const times: number[] = [];
    let n = 0;
    const { spool, sender } = await setup((req, res) => {
      times.push(Date.now());
      return n++ === 0 ? sendJson(res, 503, {}, { 'Retry-After': '1' }) : accepted(req, res);
    });
    await spool.put(sampleReport());
    const controller = new AbortController();
    const running = sender.run(controller.signal);
    while (spool.stats().count > 0) await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    await running;
    expect(times).toHaveLength(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
  });

  it('network errors back off exponentially with a cap, and success resets it', async () => {
    const { server, spool, sender } = await setup(accepted);
    await server.close();
    await spool.put(sampleReport());
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      const result = await sender.deliverOldest();
      expect(result.kind).toBe('retry');
      if (result.kind === 'retry') delays.push(result.afterMs);
    }
    expect(delays).toEqual([10, 20, 40, 80, 80]);
    expect(spool.stats().count).toBe(1);
  });

  it('5xx without Retry-After backs off too', async () => {
    const { spool, sender } = await setup((_req, res) => sendJson(res, 500, {}));
    await spool.put(sampleReport());
    expect(await sender.deliverOldest()).toMatchObject({ kind: 'retry', afterMs: 10 });
    expect(await sender.deliverOldest()).toMatchObject({ kind: 'retry', afterMs: 20 });
  });

  it('an idle sender wakes up when told new work arrived', async () => {
    const { server, spool, sender } = await setup(accepted, { idlePollMs: 60_000 });
    const controller = new AbortController();
    const running = sender.run(controller.signal);
    await new Promise((r) => setTimeout(r, 50));
    await spool.put(sampleReport());
    sender.wake();
    const started = Date.now();
    while (server.requests.length === 0 && Date.now() - started < 5000) await new Promise((r) => setTimeout(r, 10));
    expect(server.requests).toHaveLength(1);
    controller.abort();
    sender.stop();
    await running;
  });
});

describe('backoff helpers', () => {
  it('full jitter stays within the capped exponential ceiling', () => {
    expect(fullJitterDelay(0, 1000, 300_000, () => 0.5)).toBe(500);
    expect(fullJitterDelay(3, 1000, 300_000, () => 1)).toBe(8000);
    expect(fullJitterDelay(40, 1000, 300_000, () => 1)).toBe(300_000);
    expect(fullJitterDelay(5, 1000, 300_000, () => 0)).toBe(0);
  });
  it('Retry-After as seconds or HTTP date', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
