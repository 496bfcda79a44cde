import type { AuthenticatedDevice } from '../identity/device-auth.js';

/** Variables the middleware puts on the Hono context for the routes after it. */
export interface AppEnv {
  Variables: {
    device: AuthenticatedDevice;
    body: unknown;
    bodyBytes: number;
  };
}
