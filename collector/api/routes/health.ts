import { createRoute, z } from '@hono/zod-openapi';
import type { Store } from '../../store/store.js';
import { apiRouter } from '../openapi/router.js';
import { json } from '../openapi/schemas.js';

const Status = z.object({ status: z.string() }).openapi('HealthStatus');

const routes = {
  healthz: createRoute({ method: 'get', path: '/healthz', tags: ['health'], summary: 'The process answers', responses: { 200: json(Status, '`{ "status": "ok" }`') } }),
  readyz: createRoute({
    method: 'get',
    path: '/readyz',
    tags: ['health'],
    summary: 'The process and its store answer (what a load balancer should use)',
    responses: { 200: json(Status, '`{ "status": "ready" }`'), 503: json(Status, '`{ "status": "store unavailable" }`') },
  }),
};

/** /healthz: the process answers. /readyz: the store answers too (what a load balancer should use). */
export function healthRoutes(store: Store) {
  return apiRouter()
    .openapi(routes.healthz, (c) => c.json({ status: 'ok' }, 200))
    .openapi(routes.readyz, async (c) => ((await store.ping()) ? c.json({ status: 'ready' }, 200) : c.json({ status: 'store unavailable' }, 503)));
}
