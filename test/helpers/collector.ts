import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { AdminClient, type EnrolSecretOptions } from '../../collector/admin-client.js';
import { DEFAULT_COLLECTOR_CONFIG, type CollectorConfig } from '../../collector/config.js';
import { startProgram, waitFor } from '../../demo/processes.js';
import { adminTokenPath, startCollector, type RunningCollector } from '../../collector/service.js';
import { EnrollResponse } from '../../protocol/index.js';

/** The real collector in this test process, on a loopback port chosen by the kernel. */
export function startTestCollector(dataDir: string, overrides: Partial<CollectorConfig> = {}): Promise<RunningCollector> {
  // No start-up snapshot: tests ask for the dates they check.
  // Audit lines are checked on a collector process (api/audit-log.test.ts); here they would only be noise.
  return startCollector({ ...DEFAULT_COLLECTOR_CONFIG, dataDir, listen: { host: '127.0.0.1', port: 0 }, snapshotOnStart: false, ...overrides }, { audit: () => {} });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The collector as its own process (for SIGTERM/SIGKILL tests), ready when /readyz answers. */
export async function spawnCollector(dataDir: string, port: number, env: NodeJS.ProcessEnv = process.env): Promise<{ child: ChildProcess; url: string; log: () => string }> {
  const child = startProgram('collector', ['serve', '--data-dir', dataDir, '--listen', `127.0.0.1:${port}`], undefined, env);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`collector on ${url}`, async () => {
    if (child.exitCode !== null) throw new Error(`collector exited: ${output}`);
    return (await fetch(`${url}/readyz`)).ok ? true : undefined;
  }, 60_000);
  return { child, url, log: () => output };
}

export function adminFor(url: string, dataDir: string): AdminClient {
  return new AdminClient(url, readFileSync(adminTokenPath(dataDir), 'utf8').trim());
}

/** Creates a site and returns a fresh enrol secret for it (a site poller's with `{ role: 'poller' }`). */
export async function siteWithSecret(admin: AdminClient, siteId = 'test-site', trustId = 'test-trust', options: EnrolSecretOptions = {}): Promise<string> {
  await admin.addSite({ site_id: siteId, trust_id: trustId, name: `Site ${siteId}`, trust_name: `Trust ${trustId}` });
  return admin.createEnrollSecret(siteId, options);
}

export async function enroll(url: string, secret: string, fingerprint: string): Promise<EnrollResponse> {
  const response = await fetch(`${url}/v1/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ enroll_secret: secret, fingerprint, hostname: 'a'.repeat(64), platform: 'linux', agent_version: '0.1.0' }),
  });
  if (response.status !== 201) throw new Error(`enrol failed: ${response.status} ${await response.text()}`);
  return EnrollResponse.parse(await response.json());
}

/** The sf-collector CLI as a process: its exit code and everything it printed (stdout and stderr). */
export function collectorCli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number | null; out: string }> {
  const child = startProgram('collector', args, undefined, env);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
}
