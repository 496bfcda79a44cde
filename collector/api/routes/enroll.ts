import { Hono } from 'hono';
import { EnrollRequest } from '../../../protocol/index.js';
import { EnrollmentError, type Enrollment } from '../../identity/enrollment.js';
import type { AppEnv } from '../env.js';
import { jsonBody, type JsonBodyOptions } from '../middleware/json-body.js';
import { invalid, problem } from '../problem.js';

/**
 * Enrolment is unauthenticated until the secret is checked, so its body is held to what an enrolment
 * request can be (its fields' maxima come to under 1 KiB) rather than the report limit of tens of MiB:
 * a gzip bomb is cut off after 8 KiB of output.
 */
export const ENROL_BODY_LIMITS: JsonBodyOptions = { maxWireBytes: 4096, maxDecodedBytes: 8192 };

export function enrollRoutes(enrollment: Enrollment, limits: JsonBodyOptions = ENROL_BODY_LIMITS) {
  return new Hono<AppEnv>().post('/', jsonBody(limits), async (c) => {
    const parsed = EnrollRequest.safeParse(c.get('body'));
    if (!parsed.success) return invalid(c, 'enrolment request', parsed.error);
    try {
      const { response, reenrolment } = await enrollment.enroll(parsed.data);
      // The audit line of this request says that a key was replaced, and on whose authority.
      if (reenrolment) c.set('auditDetail', { event: 're-enrolment', device_id: response.device_id, approved_by: reenrolment });
      return c.json(response, 201);
    } catch (error) {
      if (error instanceof EnrollmentError) {
        if (error.deviceId) c.set('auditDetail', { event: error.status === 409 ? 're-enrolment requested' : 'revoked device refused', device_id: error.deviceId });
        return problem(c, error.status, error.message);
      }
      throw error;
    }
  });
}
