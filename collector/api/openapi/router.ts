import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.js';
import { validationHook } from '../error-renderer.js';

/**
 * A router whose routes are declared once (createRoute: path, parameters, body and answers as zod
 * schemas): the declaration validates each request and is the route's part of /v1/openapi.json.
 * A request that fails its schema goes to the one error renderer through validationHook.
 */
export function apiRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}
