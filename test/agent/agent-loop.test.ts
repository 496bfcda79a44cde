import { afterEach, describe, expect, it } from 'vitest';
import { Report } from '../../protocol/index.js';
import { type AgentHandle, startAgent } from '../../agent/agent.js';
import type { Collector } from '../../agent/collectors/types.js';
import { writeIdentity } from '../../agent/identity.js';
import { fakeServer, sendJson, testConfig } from '../helpers/agent.js';
import { tempDir } from '../helpers/temp.js';

const latencyLike: Collector = {
  name: 'fake-latency',
  kind: 'samples',
  intervalSeconds: 10,
  collect: async (ctx) => ({
    samples: [{ kind: 'latency', ts: ctx.clock.now().toISOString(), target: '127.0.0.1', method: 'icmp', sent: 1, received: 1, loss_pct: 0, rtt_min_ms: 1, rtt_avg_ms: 1, rtt_max_ms: 1, jitter_ms: null }],
  }),
};
const osLike: Collector = {
  name: 'fake-os',
  kind: 'inventory',
  intervalSeconds: 10,
  collect: async () => ({ inventory: { os: { family: 'linux', name: 'Test', version: '1', build: { unknown: 'none' }, edition: { unknown: 'none' }, kernel: '6', arch: 'x64' } } }),
};

const until = async (condition: () => boolean, ms = 10_000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function agentAt(url: string, stateDir: string): Promise<AgentHandle> {
  // interval_scale 0.01: collectors every 100 ms, backoff 10 ms → 3 s.
  const config = testConfig({ collector_url: url, state_dir: stateDir, interval_scale: 0.01 });
  const handle = await startAgent({ config, collectors: [latencyLike, osLike] });
  cleanups.push(() => handle.stop());
  return handle;
}

async function enrolledStateDir(): Promise<string> {
  const stateDir = tempDir('agent').path;
  await writeIdentity(stateDir, { device_id: 'dev_loop0001', node_key: 'nk_loop', site_id: 's', trust_id: 't', collector_url: 'unused', enrolled_at: new Date().toISOString() });
  return stateDir;
}

describe('agent loop in-process', () => {
  it('collects on schedule, sends inventory once while unchanged, samples every cycle', async () => {
    const server = await fakeServer((req, res) => sendJson(res, 202, { report_id: (req.json as Report).report_id, duplicate: false }));
    cleanups.push(server.close);
    const agent = await agentAt(server.url, await enrolledStateDir());
    await until(() => server.requests.filter((r) => (r.json as Report).samples).length >= 3);
    await agent.stop();
    const reports = server.requests.map((r) => Report.parse(r.json));
    expect(reports.filter((r) => r.inventory?.os).length).toBe(1);
    // A cycle where only the unchanged inventory collector was due still reports (a heartbeat with statuses).
    expect(reports.every((r) => r.samples === undefined || r.samples.length === 1)).toBe(true);
    expect(reports.filter((r) => r.samples).length).toBeGreaterThanOrEqual(2);
    expect(new Set(reports.map((r) => r.report_id)).size).toBe(reports.length);
  });

  it('a collector that is down: reports wait in the spool, survive a restart, and go out oldest first', async () => {
    const stateDir = await enrolledStateDir();
    const down = await fakeServer((_req, res) => sendJson(res, 503, { error: 'starting' }));
    const first = await agentAt(down.url, stateDir);
    await until(() => first.spool.stats().count >= 3);
    await first.stop();
    await down.close();
    const spooled = (await first.spool.list()).map((e) => e.id);

    const up = await fakeServer((req, res) => sendJson(res, 202, { report_id: (req.json as Report).report_id, duplicate: false }));
    cleanups.push(up.close);
    const second = await agentAt(up.url, stateDir);
    await until(() => spooled.every((id) => up.requests.some((r) => (r.json as Report).report_id === id)));
    await second.stop();
    const delivered = up.requests.map((r) => (r.json as Report).report_id).filter((id) => spooled.includes(id));
    expect(delivered).toEqual(spooled);
  });

  it('delivery never blocks collection: a collector that never answers does not stop cycles', async () => {
    const hung = await fakeServer(() => {
      /* never answers */
    });
    cleanups.push(hung.close);
    const agent = await agentAt(hung.url, await enrolledStateDir());
    await until(() => agent.cycles >= 5);
    expect(hung.requests.length).toBe(1);
  });
});
