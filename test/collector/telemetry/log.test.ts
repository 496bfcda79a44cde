import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../demo/processes.js';
import { adminFor, enroll, freePort, siteWithSecret, spawnCollector } from '../../helpers/collector.js';
import { tempDir } from '../../helpers/temp.js';

// The collector logs through one logger (collector/telemetry/log.ts): JSON lines with a level,
// a request id on each request's line, and secrets censored wherever a code path puts them.
describe('collector log', () => {
  const dir = tempDir('log');
  let collector: Awaited<ReturnType<typeof spawnCollector>>;

  beforeAll(async () => {
    collector = await spawnCollector(dir.path, await freePort(), { ...process.env, LOG_LEVEL: 'debug' });
  }, 90_000);
  afterAll(() => {
    collector?.child.kill('SIGKILL');
    dir.remove();
  });

  const lines = () =>
    collector
      .log()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it('never writes a token sent in a header or a body, and tags each request line with its id', async () => {
    const admin = adminFor(collector.url, dir.path);
    const enrolSecret = await siteWithSecret(admin, 'log-site', 'log-trust');
    const { node_key: nodeKey } = await enroll(collector.url, enrolSecret, 'f'.repeat(64));
    const wrongBearer = 'sfa_secret-bearer-never-logged-0001';
    const bodyToken = 'secret-body-token-never-logged-0002';
    const wrongEnrolSecret = 'sfe_secret-enrol-never-logged-0003';

    // A refused admin write with a made-up bearer and a request id of the caller's own.
    const refused = await fetch(`${collector.url}/v1/admin/sites/log-site`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${wrongBearer}`, 'x-request-id': 'caller-trace-4711' },
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-request-id')).toBe('caller-trace-4711');
    // A refused enrolment (secret in the body) and a bad report carrying token-like fields.
    const badEnrol = await fetch(`${collector.url}/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enroll_secret: wrongEnrolSecret, fingerprint: 'e'.repeat(64), hostname: 'h', platform: 'linux', agent_version: '0.1.0' }),
    });
    expect(badEnrol.status).toBeGreaterThanOrEqual(400);
    const badReport = await fetch(`${collector.url}/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${nodeKey}`, cookie: `sf_session=${bodyToken}` },
      body: JSON.stringify({ token: bodyToken, node_key: nodeKey, nested: { password: bodyToken } }),
    });
    expect(badReport.status).toBe(400);
    const reportId = badReport.headers.get('x-request-id');
    expect(reportId).toMatch(/\S/);

    const log = await waitFor('the bad report in the log', async () => (collector.log().includes(reportId!) ? collector.log() : undefined), 10_000);
    for (const secret of [enrolSecret, nodeKey, wrongBearer, bodyToken, wrongEnrolSecret]) expect(log).not.toContain(secret);

    const requests = lines().filter((line) => line.msg === 'request');
    expect(requests).toContainEqual(expect.objectContaining({ level: 'debug', request_id: 'caller-trace-4711', method: 'DELETE', status: 403 }));
    expect(requests).toContainEqual(expect.objectContaining({ request_id: reportId, path: '/v1/reports', status: 400 }));
    // The refusal's audit line is still written, at warn, in its own shape.
    expect(lines()).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'audit', action: 'DELETE /v1/admin/sites/:site', status: 403 }));
    // Every line the service wrote is JSON with its level by name.
    for (const line of lines()) expect(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).toContain(line.level);
  }, 60_000);
});

// Log lines go through the logger, never JSON.stringify by hand (stdout JSON from CLI commands is
// their output, not a log, and is left alone).
describe('no hand-built log line', () => {
  const root = join(import.meta.dirname, '../../..');
  const handBuilt = /console\.(error|warn|info)\(JSON\.stringify|process\.stderr\.write\(JSON\.stringify|JSON\.stringify\(\{\s*level\s*:/;
  const sources = (folder: string): string[] =>
    readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.tsx?$/.test(file))
      .map((file) => join(folder, file));

  it('remains in the collector, the agent or the protocol', () => {
    const offenders = ['collector', 'agent', 'protocol']
      .flatMap(sources)
      .flatMap((file) => readFileSync(join(root, file), 'utf8').split('\n').map((line, i) => ({ where: `${file}:${i + 1}`, line })))
      .filter(({ line }) => handBuilt.test(line))
      .map(({ where }) => where);
    expect(offenders).toEqual([]);
  });
});
