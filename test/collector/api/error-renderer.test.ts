import { createRoute, z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import { DomainError, type ErrorKind } from '../../../collector/errors.js';
import { renderError, STATUS_OF_KIND } from '../../../collector/api/error-renderer.js';
import { apiRouter } from '../../../collector/api/openapi/router.js';
import { errors, json } from '../../../collector/api/openapi/schemas.js';
import { EnrollmentError } from '../../../collector/identity/enrollment.js';

// The one error renderer: a domain error says what it is, the renderer alone picks the status, and
// every answer is { error, problems? }. A fault of the collector says nothing of itself.
describe('renderError', () => {
  const app = new Hono()
    .get('/kind/:kind', (c) => {
      throw new DomainError(c.req.param('kind') as ErrorKind, `refused as ${c.req.param('kind')}`, c.req.param('kind') === 'rate-limited' ? { retryAfterSeconds: 7 } : {});
    })
    .get('/lower-layer', () => {
      throw new EnrollmentError('conflict', 'a re-enrolment waits for an admin');
    })
    .get('/http', () => {
      throw new HTTPException(403, { message: 'cross-site form post' });
    })
    .get('/fault', () => {
      throw new Error('secret connection string in a stack');
    })
    .onError(renderError);

  it('maps every kind to its status, with the message and Retry-After where given', async () => {
    for (const [kind, status] of Object.entries(STATUS_OF_KIND)) {
      const response = await app.request(`/kind/${kind}`);
      expect(response.status, kind).toBe(status);
      expect(await response.json(), kind).toEqual({ error: `refused as ${kind}` });
      expect(response.headers.get('retry-after'), kind).toBe(kind === 'rate-limited' ? '7' : null);
    }
  });

  it('renders a lower-layer error by its kind, and keeps the status an HTTPException carries', async () => {
    const lower = await app.request('/lower-layer');
    expect(lower.status).toBe(409);
    expect(await lower.json()).toEqual({ error: 'a re-enrolment waits for an admin' });
    expect(await (await app.request('/http')).json()).toEqual({ error: 'cross-site form post' });
  });

  it('answers any other error 500 without its message', async () => {
    const response = await app.request('/fault');
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(body).not.toContain('secret');
    expect(JSON.parse(body)).toEqual({ error: 'internal error; see the collector log' });
  });

  it('renders a request that fails its route declaration as 400 naming each field', async () => {
    const route = createRoute({
      method: 'post',
      path: '/things/{id}',
      request: { params: z.object({ id: z.string().regex(/^t-\d+$/) }), body: { required: true, content: { 'application/json': { schema: z.object({ name: z.string(), count: z.number().int() }) } } } },
      responses: { 201: json(z.object({ id: z.string() }), 'made'), ...errors(400) },
    });
    const router = apiRouter().openapi(route, (c) => c.json({ id: c.req.valid('param').id }, 201));
    router.onError(renderError);
    const badPath = await router.request('/things/x', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"a","count":1}' });
    expect([badPath.status, await badPath.json()]).toEqual([400, { error: 'invalid path: id', problems: [{ field: 'id', message: expect.any(String) }] }]);
    const badBody = await router.request('/things/t-1', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"count":1.5}' });
    const answer = (await badBody.json()) as { error: string; problems: Array<{ field: string }> };
    expect(badBody.status).toBe(400);
    expect(answer.error).toBe('invalid body: name, count');
    expect(answer.problems.map((p) => p.field)).toEqual(['name', 'count']);
    const good = await router.request('/things/t-1', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"a","count":2}' });
    expect([good.status, await good.json()]).toEqual([201, { id: 't-1' }]);
  });
});
