import { Hono } from 'hono';
import type { Store } from '../../store/store.js';

/** /healthz: the process answers. /readyz: the store answers too (what a load balancer should use). */
export function healthRoutes(store: Store) {
  return new Hono()
    .get('/healthz', (c) => c.json({ status: 'ok' }))
    .get('/readyz', async (c) =>
      (await store.ping()) ? c.json({ status: 'ready' }) : c.json({ status: 'store unavailable' }, 503),
    );
}
