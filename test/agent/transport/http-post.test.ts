import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { describePostError, httpPost } from '../../../agent/transport/http-post.js';
import { fakeServer, sendJson } from '../../helpers/agent.js';
import { selfSignedCertificate } from '../../helpers/self-signed-cert.js';

let closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.map((c) => c()));
  closers = [];
});

const json = { 'Content-Type': 'application/json' };

/** Every request goes to 127.0.0.1: the fake servers here listen on loopback only. */
describe('httpPost (node:http/https in place of fetch)', () => {
  it('sends method, headers and body; returns status, headers (any case) and text', async () => {
    const server = await fakeServer((_req, res) => sendJson(res, 503, { error: 'busy' }, { 'Retry-After': '7' }));
    closers.push(server.close);
    const body = Buffer.from(JSON.stringify({ hello: 'wörld' }));
    const response = await httpPost(`${server.url}/v1/reports`, { method: 'POST', headers: { ...json, Authorization: 'Bearer k' }, body });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(response.headers.get('Retry-After')).toBe('7');
    expect(response.headers.get('x-absent')).toBeNull();
    expect(JSON.parse(await response.text())).toEqual({ error: 'busy' });
    const req = server.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/v1/reports');
    expect(req.headers.authorization).toBe('Bearer k');
    expect(req.headers['content-length']).toBe(String(body.length));
    expect(req.body.equals(body)).toBe(true);
  });

  it('a string body is sent as UTF-8 with its byte length', async () => {
    const server = await fakeServer((_req, res) => sendJson(res, 201, {}));
    closers.push(server.close);
    const response = await httpPost(server.url, { method: 'POST', headers: json, body: '{"name":"Zoë"}' });
    expect(response.status).toBe(201);
    expect(server.requests[0]?.json).toEqual({ name: 'Zoë' });
  });

  it('rejects on a refused connection, naming the socket error', async () => {
    const server = await fakeServer(() => {});
    await server.close();
    const error = await httpPost(server.url, { method: 'POST', headers: json, body: '{}' }).catch((e: unknown) => e);
    expect(describePostError(error)).toBe('ECONNREFUSED');
  });

  it('rejects when the signal times out while the server says nothing', async () => {
    const server = await fakeServer(() => {});
    closers.push(server.close);
    const started = Date.now();
    const error = await httpPost(server.url, { method: 'POST', headers: json, body: '{}', signal: AbortSignal.timeout(200) }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(describePostError(error)).toBe('no answer within the request timeout');
  });

  it('checks certificates as fetch does: an untrusted one is refused', async () => {
    const server = createHttpsServer(selfSignedCertificate('localhost'), (_req, res) => res.end('{}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    const { port } = server.address() as AddressInfo;
    const error = await httpPost(`https://127.0.0.1:${port}/v1/enroll`, { method: 'POST', headers: json, body: '{}' }).catch((e: unknown) => e);
    expect(describePostError(error)).toMatch(/SELF_SIGNED|CERT|UNABLE_TO_VERIFY/);
  });

  it('refuses other URL schemes', async () => {
    await expect(httpPost('ftp://127.0.0.1/', { method: 'POST', headers: json, body: '' })).rejects.toThrow(/unsupported protocol ftp:/);
  });
});
