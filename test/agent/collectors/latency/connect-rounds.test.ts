import { spawn } from 'node:child_process';
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo, type Server, type Socket, connect, createServer as createTcpServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatencySample } from '../../../../protocol/index.js';
import { createLatencyCollector } from '../../../../agent/collectors/latency/index.js';
import type { CollectContext } from '../../../../agent/collectors/types.js';
import type { AgentConfigInput } from '../../../../agent/config/schema.js';
import { testContextBase } from '../../../helpers/agent.js';
import { selfSignedCertificate } from '../../../helpers/self-signed-cert.js';

// Loopback only: every server here listens on 127.0.0.1 or ::1 and every probe goes there.
type Targets = NonNullable<NonNullable<AgentConfigInput['latency']>['targets']>;

function ctx(targets: Targets, options: { count?: number; timeout_ms?: number; budgetMs?: number } = {}): CollectContext {
  const base = testContextBase({ latency: { targets, count: options.count ?? 3, timeout_ms: options.timeout_ms ?? 1000 } });
  const controller = new AbortController();
  const budgetMs = options.budgetMs ?? 30_000;
  setTimeout(() => controller.abort(), budgetMs).unref();
  return { ...base, signal: controller.signal, deadline: Date.now() + budgetMs };
}

async function listen(server: Server, host = '127.0.0.1'): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return (server.address() as AddressInfo).port;
}

/** Sockets accepted by a server that must never answer, kept so they can be closed. */
const held: Socket[] = [];
const servers: Server[] = [];
let tcpPort = 0;
let tcp6Port = 0;
let closedPort = 0;
let silentPort = 0;
let httpsPort = 0;
const httpsRequests: Array<{ method: string; url: string; host: string }> = [];

beforeAll(async () => {
  const tcp = createTcpServer((socket) => socket.destroy());
  const tcp6 = createTcpServer((socket) => socket.destroy());
  const silent = createTcpServer((socket) => void held.push(socket));
  const { key, cert } = selfSignedCertificate();
  const https = createHttpsServer({ key, cert }, (req, res) => {
    httpsRequests.push({ method: req.method ?? '', url: req.url ?? '', host: req.headers.host ?? '' });
    // A redirect and a 404 are both answers; the redirect must not be followed.
    if (req.url === '/moved') res.writeHead(302, { location: '/elsewhere' }).end();
    else res.writeHead(404).end('not here');
  });
  servers.push(tcp, tcp6, silent, https);
  tcpPort = await listen(tcp);
  tcp6Port = await listen(tcp6, '::1');
  silentPort = await listen(silent);
  httpsPort = await listen(https);
  const closed = createTcpServer();
  closedPort = await listen(closed);
  await new Promise<void>((resolve) => closed.close(() => resolve()));
});

afterAll(async () => {
  for (const socket of held) socket.destroy();
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

async function onlySample(context: CollectContext): Promise<LatencySample> {
  const output = await createLatencyCollector().collect(context);
  expect(output.problem).toBeUndefined();
  expect(output.samples).toHaveLength(1);
  return LatencySample.parse(output.samples?.[0]);
}

describe('tcp connect probe', () => {
  it('measures the time to connect to a listening port', async () => {
    const sample = await onlySample(ctx([{ host: '127.0.0.1', label: 'epr', method: 'tcp', port: tcpPort }]));
    expect(sample).toMatchObject({ target: '127.0.0.1', label: 'epr', method: 'tcp', sent: 3, received: 3, loss_pct: 0 });
    expect(sample.rtt_avg_ms).toBeGreaterThan(0);
    expect(sample.rtt_avg_ms).toBeLessThan(200);
    expect(sample.jitter_ms).not.toBeNull();
    expect(sample.error).toBeUndefined();
  });

  it('works over IPv6 loopback', async () => {
    expect(await onlySample(ctx([{ host: '::1', method: 'tcp', port: tcp6Port }]))).toMatchObject({ received: 3, loss_pct: 0 });
  });

  it('a closed port is connection refused: 100 % loss, no RTTs', async () => {
    const sample = await onlySample(ctx([{ host: '127.0.0.1', method: 'tcp', port: closedPort }]));
    expect(sample).toMatchObject({ sent: 3, received: 0, loss_pct: 100, rtt_avg_ms: null, jitter_ms: null, error: 'connection refused' });
  });

  // A listener whose accept queue is full drops new SYNs, so connect() hangs: the only way to
  // get a TCP connect timeout on loopback. Node always accepts, so python holds the listener.
  it('a port whose accept queue is full times out: 100 % loss', async () => {
    const script = "import socket,time\ns=socket.socket()\ns.bind(('127.0.0.1',0))\ns.listen(0)\nprint(s.getsockname()[1],flush=True)\ntime.sleep(20)";
    const holder = spawn('python3', ['-c', script], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const port = await new Promise<number>((resolve) => holder.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))));
      const fillers = [0, 1, 2].map(() => connect(port, '127.0.0.1').on('error', () => {}));
      await new Promise((resolve) => setTimeout(resolve, 200));
      const sample = await onlySample(ctx([{ host: '127.0.0.1', method: 'tcp', port }], { count: 2, timeout_ms: 300 }));
      fillers.forEach((f) => f.destroy());
      expect(sample).toMatchObject({ sent: 2, received: 0, loss_pct: 100, error: 'no answer within 300 ms' });
    } finally {
      holder.kill();
    }
  });

  it('an unresolvable name is 100 % loss with a reason (resolver injected: no lookup leaves the machine)', async () => {
    const resolvers = { gateway: async () => '', dnsServer: async () => '', address: async () => Promise.reject(new Error('ENOTFOUND')) };
    const output = await createLatencyCollector(resolvers).collect(ctx([{ host: 'epr.example', method: 'tcp', port: 443 }]));
    expect(output.samples?.[0]).toMatchObject({ received: 0, loss_pct: 100, error: 'host name could not be resolved' });
  });

  it('a resolved name is connected to by address', async () => {
    const resolvers = { gateway: async () => '', dnsServer: async () => '', address: async (name: string) => (name === 'epr.example' ? '127.0.0.1' : '') };
    const output = await createLatencyCollector(resolvers).collect(ctx([{ host: 'epr.example', method: 'tcp', port: tcpPort }]));
    expect(output.samples?.[0]).toMatchObject({ target: 'epr.example', received: 3 });
  });
});

describe('https time-to-first-byte probe', () => {
  it('counts an HTTP error status as an answer and sends the configured Host and path', async () => {
    httpsRequests.length = 0;
    const sample = await onlySample(ctx([{ host: '127.0.0.1', label: 'pacs', method: 'https', port: httpsPort, path: '/health' }]));
    expect(sample).toMatchObject({ method: 'https', label: 'pacs', sent: 3, received: 3, loss_pct: 0 });
    expect(sample.rtt_min_ms).toBeGreaterThan(0);
    expect(httpsRequests).toEqual(Array(3).fill({ method: 'GET', url: '/health', host: `127.0.0.1:${httpsPort}` }));
  });

  it('takes a url, can use HEAD, and does not follow redirects', async () => {
    httpsRequests.length = 0;
    const url = `https://127.0.0.1:${httpsPort}/moved?probe=1`;
    const sample = await onlySample(ctx([{ method: 'https', url, http_method: 'HEAD' }], { count: 2 }));
    expect(sample).toMatchObject({ target: '127.0.0.1', received: 2, loss_pct: 0 });
    expect(httpsRequests).toEqual(Array(2).fill({ method: 'HEAD', url: '/moved?probe=1', host: `127.0.0.1:${httpsPort}` }));
  });

  it('a server that accepts but never answers times out: 100 % loss', async () => {
    const started = Date.now();
    const sample = await onlySample(ctx([{ host: '127.0.0.1', method: 'https', port: silentPort }], { count: 2, timeout_ms: 300 }));
    expect(sample).toMatchObject({ sent: 2, received: 0, loss_pct: 100, rtt_avg_ms: null, error: 'no answer within 300 ms' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a plain TCP service on an https target fails the handshake, counted as loss with the reason', async () => {
    const sample = await onlySample(ctx([{ host: '127.0.0.1', method: 'https', port: tcpPort }], { count: 1 }));
    expect(sample).toMatchObject({ received: 0, loss_pct: 100 });
    expect(sample.error).toMatch(/connection|TLS/);
  });
});

describe('deadline', () => {
  it('a round cut by the collector deadline reports only the attempts it made', async () => {
    const started = Date.now();
    const sample = await onlySample(ctx([{ host: '127.0.0.1', method: 'https', port: silentPort }], { count: 5, timeout_ms: 300, budgetMs: 900 }));
    expect(sample.sent).toBeGreaterThanOrEqual(1);
    expect(sample.sent).toBeLessThan(5);
    expect(sample.loss_pct).toBe(100);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('no time for even one attempt is a collector problem, not 100 % loss', async () => {
    const output = await createLatencyCollector().collect(ctx([{ host: '127.0.0.1', method: 'https', port: silentPort }], { timeout_ms: 1000, budgetMs: 300 }));
    expect(output.samples).toEqual([]);
    expect(output.problem).toMatch(/could not run before the collector deadline/);
  });
});
