import { Hono } from 'hono';
import { EnrollRequest } from '../../../protocol/index.js';
import { EnrollmentError, type Enrollment } from '../../identity/enrollment.js';
import type { AppEnv } from '../env.js';
import { jsonBody, type JsonBodyOptions } from '../middleware/json-body.js';
import { invalid, problem } from '../problem.js';

export function enrollRoutes(enrollment: Enrollment, limits: JsonBodyOptions) {
  return new Hono<AppEnv>().post('/', jsonBody(limits), async (c) => {
    const parsed = EnrollRequest.safeParse(c.get('body'));
    if (!parsed.success) return invalid(c, 'enrolment request', parsed.error);
    try {
      return c.json(await enrollment.enroll(parsed.data), 201);
    } catch (error) {
      if (error instanceof EnrollmentError) return problem(c, error.status, error.message);
      throw error;
    }
  });
}
