import { stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EnrollRequest } from '../../protocol/index.js';
import { EnrollError, enroll, ensureEnrolled } from '../../agent/enroll.js';
import { computeFingerprint } from '../../agent/fingerprint.js';
import { readIdentity } from '../../agent/identity.js';
import { createLogger } from '../../agent/log.js';
import { hashHostname } from '../../agent/collectors/os/index.js';
import { type Responder, fakeServer, sendJson, testConfig } from '../helpers/agent.js';
import { tempDir } from '../helpers/temp.js';

const SECRET = 'enroll-secret-0123456789';
const ids = async () => ({ systemUuid: '4c4c4544-0058-4b10-8032-b7c04f514833', serial: '7XK2QH3', primaryMac: 'AA:BB:CC:00:11:22' });
const answer = { device_id: 'dev_abc12345', node_key: 'nk_very_secret', site_id: 'rx1-qmc', trust_id: 'rx1' };
let closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.map((c) => c()));
  closers = [];
});

async function setup(respond: Responder, send_hostname = false) {
  const server = await fakeServer(respond);
  closers.push(server.close);
  const stateDir = path.join(tempDir('agent').path, 'state');
  const logs: string[] = [];
  const config = testConfig({ collector_url: server.url, enroll_secret: SECRET, state_dir: stateDir, privacy: { send_hostname } });
  const deps = { config, log: createLogger({ write: (l) => logs.push(l) }), readIds: ids, hostname: () => 'PC-042', platform: 'linux' as const };
  return { server, stateDir, deps, logs };
}

describe('enrolment', () => {
  it('sends a valid request with hashed hostname and stores the identity owner-only', async () => {
    const { server, stateDir, deps, logs } = await setup((_req, res) => sendJson(res, 201, answer));
    const identity = await enroll(deps);
    expect(identity).toMatchObject(answer);
    const req = server.requests[0]!;
    expect(req.url).toBe('/v1/enroll');
    const body = EnrollRequest.parse(req.json);
    expect(body).toMatchObject({ enroll_secret: SECRET, hostname: hashHostname('PC-042'), platform: 'linux' });
    expect(body.fingerprint).toBe(computeFingerprint(await ids()));
    expect((await stat(path.join(stateDir, 'identity.json'))).mode & 0o777).toBe(0o600);
    expect((await stat(stateDir)).mode & 0o777).toBe(0o700);
    expect(await readIdentity(stateDir)).toMatchObject(answer);
    expect(logs.join('')).not.toContain('nk_very_secret');
    expect(logs.join('')).not.toContain(SECRET);
  });

  it('sends the hostname in clear only when configured', async () => {
    const { server, deps } = await setup((_req, res) => sendJson(res, 201, answer), true);
    await enroll(deps);
    expect((server.requests[0]!.json as { hostname: string }).hostname).toBe('PC-042');
  });

  it('enrols on first run only', async () => {
    const { server, deps } = await setup((_req, res) => sendJson(res, 201, answer));
    await ensureEnrolled(deps);
    await ensureEnrolled(deps);
    expect(server.requests).toHaveLength(1);
  });

  it('a refused secret is final; a collector that is down is retried', async () => {
    const refused = await setup((_req, res) => sendJson(res, 401, { error: 'bad secret' }));
    await expect(ensureEnrolled(refused.deps)).rejects.toMatchObject({ name: 'EnrollError', retryable: false });
    let n = 0;
    const flaky = await setup((_req, res) => (n++ < 2 ? sendJson(res, 503, {}) : sendJson(res, 201, answer)));
    const identity = await ensureEnrolled({ ...flaky.deps, backoffInitialMs: 5, backoffMaxMs: 10 });
    expect(identity?.device_id).toBe(answer.device_id);
    expect(flaky.server.requests).toHaveLength(3);
  });

  it('needs a collector URL and a secret', async () => {
    const { deps } = await setup((_req, res) => sendJson(res, 201, answer));
    await expect(enroll({ ...deps, config: { ...deps.config, enroll_secret: undefined } })).rejects.toBeInstanceOf(EnrollError);
  });
});

describe('fingerprint', () => {
  it('is stable, lower-case hex, and ignores placeholder ids', () => {
    const a = computeFingerprint({ systemUuid: 'ABC-1', serial: 'S1', primaryMac: 'AA:BB:CC:DD:EE:FF' });
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(computeFingerprint({ systemUuid: 'abc-1', serial: 's1', primaryMac: 'aa:bb:cc:dd:ee:ff' })).toBe(a);
    expect(computeFingerprint({ systemUuid: '03000200-0400-0500-0006-000700080009', serial: 'Default string', primaryMac: 'aa:bb:cc:dd:ee:ff' })).toBe(
      computeFingerprint({ primaryMac: 'aa:bb:cc:dd:ee:ff' }),
    );
  });
  it('falls back to the OS machine id, and refuses to invent one', () => {
    expect(computeFingerprint({ machineId: '3d1219c7' })).toMatch(/^[0-9a-f]{64}$/);
    expect(() => computeFingerprint({ serial: '-' })).toThrow(/no stable hardware identifier/);
  });
});
