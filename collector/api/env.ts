import type { AuthenticatedDevice } from '../identity/device-auth.js';
import type { Principal } from '../identity/principal.js';

/** Variables the middleware puts on the Hono context for the routes after it. */
export interface AppEnv {
  Variables: {
    device: AuthenticatedDevice;
    bodyBytes: number;
    /** What the audit line of this request adds (a re-enrolment and on whose authority): audit-log.ts. */
    auditDetail: Record<string, string>;
    /** Who a read or admin request acts for (token-auth.ts): its role and trusts. */
    principal: Principal;
    /** This request's id (hono/request-id via request-log.ts), on its log lines and its X-Request-Id answer. */
    requestId: string;
  };
}
