import { z } from 'zod';
import { EnrollRequest, EnrollResponse } from './enroll.js';
import { Report } from './report.js';

/** JSON Schema documents for third parties that produce or consume reports. */
export function protocolJsonSchemas(): Record<string, unknown> {
  return {
    'report.v1.schema.json': z.toJSONSchema(Report, { target: 'draft-2020-12', io: 'input' }),
    'enroll-request.schema.json': z.toJSONSchema(EnrollRequest, { target: 'draft-2020-12', io: 'input' }),
    'enroll-response.schema.json': z.toJSONSchema(EnrollResponse, { target: 'draft-2020-12', io: 'output' }),
  };
}
