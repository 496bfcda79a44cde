/** The reference: Debian's prometheus-node-exporter on 127.0.0.1, scraped once. */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { type AddressInfo, connect, createServer as createNetServer } from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';
import { cpuMs, procCpu, procMemKb, round, stopChild } from './proc.js';

const NODE_EXPORTER = '/usr/bin/prometheus-node-exporter';

// ---------- node-exporter reference ----------

export interface ExporterResult {
  version: string;
  idle_rss_mb: number;
  peak_rss_mb: number;
  scrape_cpu_ms: number;
  metrics_bytes: number;
  metrics_gzip_bytes: number;
  series: number;
}

export function ensureNodeExporter(say: (line: string) => void): string | undefined {
  if (existsSync(NODE_EXPORTER)) return undefined;
  const cmd = 'apt-get install -y --no-install-recommends prometheus-node-exporter';
  if (process.getuid?.() !== 0) return `not installed and not root: run \`sudo ${cmd}\` for the reference`;
  say(`bench: installing the reference with apt-get (${cmd})`);
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'prometheus-node-exporter'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  } catch (error) {
    return `apt-get install failed: ${(error as Error).message}`;
  }
  return existsSync(NODE_EXPORTER) ? undefined : 'installed, but /usr/bin/prometheus-node-exporter is missing';
}

export async function freePort(): Promise<number> {
  const s = createNetServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

export async function waitForPort(port: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((resolve) => {
      const sock = connect(port, '127.0.0.1', () => {
        sock.destroy();
        resolve(true);
      });
      sock.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listening on 127.0.0.1:${port} after ${ms} ms`);
}

export function scrape(port: number): Promise<{ status: number; body: Buffer; encoding: string | undefined }> {
  return new Promise((resolve, reject) => {
    // As Prometheus scrapes: gzip accepted.
    const req = request({ host: '127.0.0.1', port, path: '/metrics', headers: { 'accept-encoding': 'gzip' }, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), encoding: res.headers['content-encoding'] }));
    });
    req.on('timeout', () => req.destroy(new Error('scrape timed out')));
    req.on('error', reject);
    req.end();
  });
}

export async function nodeExporterReference(say: (line: string) => void): Promise<ExporterResult | { skipped: string }> {
  const why = ensureNodeExporter(say);
  if (why) return { skipped: why };
  const version = execFileSync(NODE_EXPORTER, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n')[0]?.trim() ?? '';
  const port = await freePort();
  const child = spawn(NODE_EXPORTER, [`--web.listen-address=127.0.0.1:${port}`, '--no-collector.systemd'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  try {
    if (child.pid === undefined) throw new Error('could not start node-exporter');
    await waitForPort(port, 10_000);
    await new Promise((r) => setTimeout(r, 500));
    const idle = procMemKb(child.pid);
    const before = procCpu(child.pid);
    const res = await scrape(port);
    const after = procCpu(child.pid);
    if (res.status !== 200) throw new Error(`scrape answered HTTP ${res.status}; stderr: ${stderr}`);
    const raw = res.encoding === 'gzip' ? gunzipSync(res.body) : res.body;
    const peak = procMemKb(child.pid);
    const text = raw.toString('utf8');
    return {
      version,
      idle_rss_mb: round(idle.rssKb / 1024),
      peak_rss_mb: round(peak.hwmKb / 1024),
      scrape_cpu_ms: round(cpuMs(before, after).total),
      metrics_bytes: raw.length,
      metrics_gzip_bytes: res.encoding === 'gzip' ? res.body.length : gzipSync(raw).length,
      series: text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).length,
    };
  } finally {
    await stopChild(child);
  }
}

