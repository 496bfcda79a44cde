import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCollector } from '../../../collector/service.js';
import { startTestCollector } from '../../helpers/collector.js';
import { makeReport } from '../../helpers/reports.js';
import { tempDir } from '../../helpers/temp.js';
import { recordingWebhook, type RecordingWebhook } from '../../helpers/webhook.js';
import { documentedOperations, honoPath, ResponseValidator, type OpenApiDocument } from './openapi.js';

// Issue 13, must-show 2: a contract test. A real collector on chDB is driven through what an
// integrator and an agent do — enrol, report, read scores, devices, operations, administer — and
// every real answer (status, content type, body) is checked against GET /v1/openapi.json. Every
// documented operation is exercised, and each error status (400 401 403 404 409 413 415 429 502) is
// met on a real example at least once.
describe('real answers against the OpenAPI document', () => {
  const dir = tempDir('openapi-contract');
  let collector: RunningCollector;
  let hook: RecordingWebhook;
  let validator: ResponseValidator;
  const exercised = new Set<string>();
  const statuses = new Set<number>();
  const violations: string[] = [];

  /** One real request; its answer is held to the document and returned. */
  async function call(method: string, path: string, options: { token?: string; json?: unknown; body?: BodyInit; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.json !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${collector.url}${path}`, { method, headers, body: options.json !== undefined ? JSON.stringify(options.json) : options.body });
    const type = response.headers.get('content-type') ?? '';
    const text = await response.text();
    const body: unknown = type.startsWith('application/json') ? JSON.parse(text) : text;
    violations.push(...validator.problems(method, path, response.status, type, body));
    const found = validator.route(method, path);
    if (found) exercised.add(`${method} ${honoPath(found.template)}`);
    statuses.add(response.status);
    return { status: response.status, body: body as Record<string, unknown>, headers: response.headers };
  }

  beforeAll(async () => {
    hook = await recordingWebhook();
    // The first digest test is refused by the webhook (502), the second accepted.
    hook.answers.push(404);
    collector = await startTestCollector(dir.path, {
      notify: { url: hook.url, format: 'generic', controls: ['CYB-PATCH'], hourUtc: 7 },
      rateLimits: { enrolPerMinute: 6, signInPerMinute: 10 },
    });
    const document = (await (await fetch(`${collector.url}/v1/openapi.json`)).json()) as OpenApiDocument;
    validator = new ResponseValidator(document);
  });
  afterAll(async () => {
    await collector.close();
    hook.server.close();
    dir.remove();
  });

  it('enrol → report → read → administer: every answer is as documented', async () => {
    const admin = collector.adminToken;
    const viewer = collector.viewerToken;
    await call('GET', '/healthz');
    await call('GET', '/readyz');
    await call('GET', '/v1/openapi.json');

    // Trusts, sites and an enrol secret.
    expect((await call('POST', '/v1/admin/sites', { token: admin, json: { site_id: 'north', trust_id: 'trust-a', name: 'North', trust_name: 'Trust A' } })).status).toBe(201);
    expect((await call('POST', '/v1/admin/sites', { token: admin, json: { site_id: 'spare', trust_id: 'trust-a', name: 'Spare' } })).status).toBe(201);
    expect((await call('PUT', '/v1/admin/trusts/trust-a', { token: admin, json: { name: 'Trust A (renamed)' } })).status).toBe(200);
    expect((await call('GET', '/v1/admin/sites', { token: admin })).status).toBe(200);
    expect((await call('GET', '/v1/admin/trusts', { token: admin })).status).toBe(200);
    const issued = await call('POST', '/v1/admin/sites/north/enroll-secrets', { token: admin, json: { allow_reenrol: true } });
    expect(issued.status).toBe(201);
    const secret = issued.body.enroll_secret as string;
    expect((await call('GET', '/v1/admin/enroll-secrets?site=north', { token: admin })).status).toBe(200);
    // No body at all: an endpoint secret that never expires (the schema's defaults).
    const bare = await call('POST', '/v1/admin/sites/spare/enroll-secrets', { token: admin });
    expect([bare.status, bare.body.role, bare.body.expires_at, bare.body.allow_reenrol]).toEqual([201, 'endpoint', null, false]);

    // An agent enrols and reports (gzip, as agents send it).
    const fingerprint = 'a'.repeat(64);
    const enrolled = await call('POST', '/v1/enroll', { json: { enroll_secret: secret, fingerprint, hostname: 'h'.repeat(64), platform: 'linux', agent_version: '0.1.0' } });
    expect(enrolled.status).toBe(201);
    const { device_id: deviceId, node_key: nodeKey } = enrolled.body as { device_id: string; node_key: string };
    const report = makeReport(deviceId);
    const sent = await call('POST', '/v1/reports', { token: nodeKey, body: gzipSync(JSON.stringify(report)), headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } });
    expect(sent.status).toBe(202);
    expect((await call('POST', '/v1/reports', { token: nodeKey, json: report })).body).toMatchObject({ duplicate: true });
    // A site with an enrolled device is not retired.
    expect((await call('DELETE', '/v1/admin/sites/north', { token: admin })).status).toBe(409);

    // Scores and the read models, for the viewer.
    const today = collector.scoring.today();
    expect((await call('POST', `/v1/admin/scores/reevaluate?as_of=${today}`, { token: admin })).status).toBe(201);
    expect((await call('POST', '/v1/admin/scores/backfill?days=2', { token: admin })).status).toBe(200);
    for (const path of [
      '/v1/scores',
      '/v1/runs',
      '/v1/scores/trend?trust=trust-a',
      '/v1/operations',
      '/v1/sites',
      '/v1/controls',
      '/v1/devices?limit=5',
      '/v1/devices?format=csv',
      '/v1/findings/changes',
      '/v1/findings/changes?format=csv',
      `/v1/devices/${deviceId}`,
      '/v1/frameworks/cyber-essentials',
      '/v1/frameworks/cyber-essentials?format=csv',
    ]) {
      expect((await call('GET', path, { token: viewer })).status, path).toBe(200);
    }

    // The admin API's other routes.
    expect((await call('GET', '/v1/admin/devices?role=endpoint', { token: admin })).status).toBe(200);
    expect((await call('GET', '/v1/admin/stats', { token: admin })).status).toBe(200);
    expect((await call('GET', '/v1/admin/reenrolments', { token: admin })).status).toBe(200);
    expect((await call('POST', '/v1/admin/notify/test', { token: admin })).status).toBe(502);
    expect((await call('POST', '/v1/admin/notify/test', { token: admin })).status).toBe(200);
    const catalogue = readFileSync(new URL('../../../collector/lifecycle/catalogue.yaml', import.meta.url), 'utf8');
    expect((await call('POST', '/v1/admin/eol-catalogue?name=contract', { token: admin, body: catalogue, headers: { 'content-type': 'application/yaml' } })).status).toBe(200);
    const firmware = readFileSync(new URL('../../../collector/lifecycle/firmware.yaml', import.meta.url), 'utf8');
    expect((await call('POST', '/v1/admin/firmware-catalogue?name=contract', { token: admin, body: firmware, headers: { 'content-type': 'application/yaml' } })).body).toMatchObject({ installed: false });
    const noTrains = await call('POST', '/v1/admin/firmware-catalogue?name=weekly.yaml', { token: admin, body: 'revision: x\nreviewed: 2026-12-01\ntrains: []\n', headers: { 'content-type': 'application/yaml' } });
    expect([noTrains.status, noTrains.body.error]).toEqual([400, expect.stringMatching(/^weekly\.yaml:3: trains: /)]);
    const register = 'serial,asset_tag,site,purchase_date\nSN-0001,AT-1,north,2024-01-15\n';
    expect((await call('POST', '/v1/admin/trusts/trust-a/asset-register', { token: admin, body: register, headers: { 'content-type': 'text/csv' } })).status).toBe(200);
    const key = await call('POST', '/v1/admin/api-keys', { token: admin, json: { name: 'power-bi', role: 'viewer', trusts: ['trust-a'], expires_in_days: 30 } });
    expect(key.status).toBe(201);
    expect((await call('GET', '/v1/scores', { token: key.body.key as string })).status).toBe(200);
    expect((await call('GET', '/v1/admin/api-keys', { token: admin })).status).toBe(200);
    expect((await call('POST', '/v1/admin/api-keys/power-bi/rotate', { token: admin })).status).toBe(201);
    expect((await call('POST', '/v1/admin/api-keys/power-bi/revoke', { token: admin })).status).toBe(200);
    expect((await call('POST', '/v1/admin/sessions/end', { token: admin, json: { credential: 'someone@example.org' } })).status).toBe(200);
    expect((await call('GET', '/v1/admin/trust-tables', { token: admin })).status).toBe(200);
    expect((await call('POST', `/v1/admin/devices/${deviceId}/reinstate`, { token: admin })).status).toBe(409);
    expect((await call('POST', `/v1/admin/devices/${deviceId}/revoke`, { token: admin })).status).toBe(200);
    expect((await call('POST', `/v1/admin/devices/${deviceId}/reinstate`, { token: admin })).status).toBe(200);
    expect((await call('POST', `/v1/admin/reenrolments/${deviceId}/approve`, { token: admin })).status).toBe(404);
    expect((await call('POST', `/v1/admin/enroll-secrets/${issued.body.secret_id as string}/revoke`, { token: admin })).status).toBe(200);
    expect((await call('DELETE', '/v1/admin/sites/spare', { token: admin })).status).toBe(200);
  });

  it('errors, each on a real example: 400 401 403 404 413 415 429', async () => {
    const viewer = collector.viewerToken;
    const bad = await call('POST', '/v1/enroll', { json: { enroll_secret: 'short', fingerprint: 'x', hostname: '', platform: 'beos', agent_version: '1' } });
    expect(bad.status).toBe(400);
    expect((bad.body.problems as unknown[]).length).toBeGreaterThanOrEqual(4);
    expect((await call('GET', '/v1/scores?as_of=2024-02-30', { token: viewer })).status).toBe(400);
    expect((await call('GET', '/v1/devices?limit=0', { token: viewer })).status).toBe(400);
    expect((await call('GET', '/v1/scores')).status).toBe(401);
    expect((await call('GET', '/v1/scores', { token: 'not-a-token' })).status).toBe(403);
    expect((await call('GET', '/v1/admin/stats', { token: viewer })).status).toBe(403);
    expect((await call('POST', '/v1/reports', { token: 'sfk_nope', json: {} })).status).toBe(401);
    expect((await call('GET', '/v1/devices/no-such-device', { token: viewer })).status).toBe(404);
    const tooLarge = await call('POST', '/v1/enroll', { json: { enroll_secret: 'x'.repeat(5000) } });
    expect(tooLarge.status).toBe(413);
    // Refusals are thrown and rendered in one place; the headers their middleware set still go out.
    expect(tooLarge.headers.get('connection')).toBe('close');
    expect((await call('POST', '/v1/admin/sites', { token: collector.adminToken, body: 'site_id=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(415);
    let limited = 0;
    for (let i = 0; i < 8 && limited === 0; i++) {
      const answer = await call('POST', '/v1/enroll', { json: { enroll_secret: 'y'.repeat(20), fingerprint: 'b'.repeat(64), hostname: 'h', platform: 'linux', agent_version: '0.1.0' } });
      if (answer.status === 429) {
        limited += 1;
        expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(answer.headers.get('connection')).toBe('close');
      }
    }
    expect(limited).toBe(1);
  });

  it('no answer broke the document, every documented operation was exercised, every error status met', () => {
    expect(violations).toEqual([]);
    expect(documentedOperations(validator.document).filter((operation) => !exercised.has(operation)).sort()).toEqual([]);
    for (const status of [400, 401, 403, 404, 409, 413, 415, 429, 502]) expect(statuses, `status ${status}`).toContain(status);
  });
});
