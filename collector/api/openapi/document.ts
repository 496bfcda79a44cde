import type { OpenAPIHono } from '@hono/zod-openapi';
import { VERSION } from '../../version.js';
import type { AppEnv } from '../env.js';
import { SECURITY_SCHEMES } from './schemas.js';

export const OPENAPI_PATH = '/v1/openapi.json';

const DESCRIPTION = `The collector's HTTP API: agents enrol and report; integrators (a SIEM, Power BI, a service desk) read scores, devices and findings; administrators manage trusts, sites, enrol secrets and API keys.

Every error answer is \`{ "error": "…", "problems": [{ "field", "message" }] }\` (problems only when a request failed its schema). Dates are days, \`YYYY-MM-DD\`, never after today. A credential scoped to some trusts gets 404 for any other trust or site, the same answer as for one that does not exist.

This document is generated from the route declarations that also validate each request, so it cannot drift from what the collector accepts.`;

/**
 * The OpenAPI 3.1 document of every route the app declared (its routers merged their declarations
 * when mounted), with the credentials it reads. Built on first use: the routes are fixed once the app is.
 */
export function openApiDocument(app: OpenAPIHono<AppEnv>) {
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES)) app.openAPIRegistry.registerComponent('securitySchemes', name, scheme);
  return app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Smart Foundations telemetry: collector API',
      version: VERSION,
      description: DESCRIPTION,
      license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
    },
    tags: [
      { name: 'agents', description: 'Enrolment and reports (agents and site pollers).' },
      { name: 'scores', description: 'Read routes: a viewer or admin credential, answers limited to its trusts.' },
      { name: 'admin', description: 'The admin API: an admin credential for every trust.' },
      { name: 'health', description: 'Liveness and readiness, without a credential.' },
      { name: 'reference', description: `This document (the reference page that renders it is at /api/reference).` },
    ],
  });
}
