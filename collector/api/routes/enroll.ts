import { createRoute } from '@hono/zod-openapi';
import { EnrollRequest, EnrollResponse } from '../../../protocol/index.js';
import { EnrollmentError, type Enrollment } from '../../identity/enrollment.js';
import { jsonBody, type JsonBodyOptions } from '../middleware/json-body.js';
import { apiRouter } from '../openapi/router.js';
import { errors, json } from '../openapi/schemas.js';

/**
 * Enrolment is unauthenticated until the secret is checked, so its body is held to what an enrolment
 * request can be (its fields' maxima come to under 1 KiB) rather than the report limit of tens of MiB:
 * a gzip bomb is cut off after 8 KiB of output.
 */
export const ENROL_BODY_LIMITS: JsonBodyOptions = { maxWireBytes: 4096, maxDecodedBytes: 8192 };

export function enrollRoutes(enrollment: Enrollment, limits: JsonBodyOptions = ENROL_BODY_LIMITS) {
  const enrol = createRoute({
    method: 'post',
    path: '/',
    tags: ['agents'],
    summary: 'Enrol an agent or site poller with a site’s enrol secret',
    description: 'The answer’s node key is shown once; the agent sends it on every report. Limited per source address (429 with Retry-After).',
    middleware: [jsonBody(limits)] as const,
    request: { body: { required: true, content: { 'application/json': { schema: EnrollRequest.meta({ id: 'EnrollRequest' }) } } } },
    responses: {
      201: json(EnrollResponse.meta({ id: 'EnrollResponse' }), 'Enrolled: the device’s id and node key.'),
      ...errors(400, 401, 403, 404, 409, 413, 415, 429),
    },
  });
  return apiRouter().openapi(enrol, async (c) => {
    try {
      const { response, reenrolment } = await enrollment.enroll(c.req.valid('json'));
      // The audit line of this request says that a key was replaced, and on whose authority.
      if (reenrolment) c.set('auditDetail', { event: 're-enrolment', device_id: response.device_id, approved_by: reenrolment });
      return c.json(response, 201);
    } catch (error) {
      if (error instanceof EnrollmentError && error.deviceId) {
        c.set('auditDetail', { event: error.kind === 'conflict' ? 're-enrolment requested' : 'revoked device refused', device_id: error.deviceId });
      }
      throw error;
    }
  });
}
