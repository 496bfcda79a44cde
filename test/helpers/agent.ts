import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ReleaseFiles } from '../../agent/collectors/os/os.linux.js';
import { configWith } from '../../agent/config/load.js';
import type { AgentConfigInput } from '../../agent/config/schema.js';
import type { CollectContextBase } from '../../agent/cycle/run-collectors.js';
import { silentLogger } from '../../agent/log.js';
import { runCommand } from '../../agent/host/runner.js';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/agent');

export function fixtureCases(collector: string): string[] {
  return readdirSync(path.join(FIXTURES, collector)).sort();
}

export function fixtureText(collector: string, name: string, file: string): string {
  return readFileSync(path.join(FIXTURES, collector, name, file), 'utf8');
}

/** A Linux os fixture's release files beside its os-release (debian_version, centos-release), where present. */
export function linuxReleaseFiles(dir: string): ReleaseFiles {
  const files: ReleaseFiles = {};
  for (const name of ['debian_version', 'centos-release'] as const) {
    const file = path.join(dir, name);
    if (existsSync(file)) files[name] = readFileSync(file, 'utf8');
  }
  return files;
}

export function fixtureJson<T = unknown>(collector: string, name: string, file: string): T {
  return JSON.parse(fixtureText(collector, name, file)) as T;
}

export function testConfig(overrides: Partial<AgentConfigInput> = {}) {
  return configWith({ state_dir: '/nonexistent/sf-agent-test', ...overrides });
}

export function testContextBase(overrides: Partial<AgentConfigInput> = {}): CollectContextBase {
  return { run: runCommand, clock: { now: () => new Date() }, config: testConfig(overrides), log: silentLogger, platform: process.platform };
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
  /** The body decoded: gunzipped when Content-Encoding says gzip, then JSON-parsed when possible. */
  json: unknown;
}

export type Responder = (req: RecordedRequest, res: ServerResponse) => void;

/** A tiny HTTP server on 127.0.0.1 only, recording every request. */
export async function fakeServer(respond: Responder): Promise<{ url: string; requests: RecordedRequest[]; close(): Promise<void> }> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      let json: unknown;
      try {
        const raw = req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        json = undefined;
      }
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, json };
      requests.push(recorded);
      respond(recorded, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Every `{unknown}` in a value, with its path, so tests can check each carries a reason. */
export function findUnknowns(value: unknown, at = ''): Array<{ path: string; reason: unknown }> {
  if (value === null || typeof value !== 'object') return [];
  if (!Array.isArray(value) && 'unknown' in value && Object.keys(value).length === 1) {
    return [{ path: at, reason: (value as { unknown: unknown }).unknown }];
  }
  return Object.entries(value).flatMap(([k, v]) => findUnknowns(v, at ? `${at}.${k}` : k));
}
