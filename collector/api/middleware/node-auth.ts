import type { MiddlewareHandler } from 'hono';
import type { DeviceAuthenticator } from '../../identity/device-auth.js';
import type { AppEnv } from '../env.js';
import { DomainError } from '../../errors.js';

/** Authenticates an agent by its node key and puts the device on the context. */
export function nodeAuth(authenticator: DeviceAuthenticator): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const outcome = await authenticator.authenticate(c.req.header('authorization'));
    if (!outcome.ok) throw new DomainError(outcome.kind, outcome.message);
    c.set('device', outcome.device);
    await next();
  };
}
