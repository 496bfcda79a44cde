import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCollector } from '../../../collector/service.js';
import { startTestCollector } from '../../helpers/collector.js';
import { tempDir } from '../../helpers/temp.js';
import { documentedOperations, HTTP_METHODS, type OpenApiDocument } from './openapi.js';

// Issue 13, must-show 2: the OpenAPI document is generated from the route declarations, validates
// as OpenAPI 3.1, and covers every JSON route the collector serves — no more, no fewer.
describe('GET /v1/openapi.json', () => {
  const dir = tempDir('openapi-document');
  let collector: RunningCollector;
  let document: OpenApiDocument;
  beforeAll(async () => {
    collector = await startTestCollector(dir.path);
    const response = await fetch(`${collector.url}/v1/openapi.json`);
    expect(response.status).toBe(200);
    document = (await response.json()) as OpenApiDocument;
  });
  afterAll(async () => {
    await collector.close();
    dir.remove();
  });

  it('is a valid OpenAPI 3.1 document (@seriousme/openapi-schema-validator), fetched without a credential', async () => {
    const validator = new Validator();
    const result = await validator.validate(document as unknown as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('has schemas that compile as JSON Schema 2020-12, every $ref resolving', () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats.default(ajv);
    ajv.addSchema(document as object, 'doc');
    const names = Object.keys(document.components.schemas ?? {});
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) expect(() => ajv.getSchema(`doc#/components/schemas/${name}`), name).not.toThrow();
  });

  it('documents every /v1 and health route the app serves, and no route the app lacks', () => {
    const served = new Set(
      collector.routes
        .filter((r) => r.method !== 'ALL' && (r.path.startsWith('/v1/') || r.path === '/healthz' || r.path === '/readyz'))
        .map((r) => `${r.method} ${r.path}`),
    );
    const documented = new Set(documentedOperations(document));
    expect([...served].filter((route) => !documented.has(route)).sort()).toEqual([]);
    expect([...documented].filter((route) => !served.has(route)).sort()).toEqual([]);
    // Enrolment, reports, the read routes and the admin API are all there.
    for (const route of ['POST /v1/enroll', 'POST /v1/reports', 'GET /v1/scores', 'GET /v1/devices/:id', 'POST /v1/admin/api-keys', 'GET /v1/openapi.json']) expect(documented).toContain(route);
    expect(documented.size).toBeGreaterThanOrEqual(40);
  });

  it('names the credential of every route: node key for reports, API token (or session) for reads, API token for admin', () => {
    expect(Object.keys(document.components.securitySchemes ?? {}).sort()).toEqual(['apiToken', 'dashboardSession', 'nodeKey']);
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of HTTP_METHODS) {
        const operation = item[method];
        if (!operation) continue;
        const schemes = (operation.security ?? []).flatMap((s) => Object.keys(s)).sort();
        const expected = path === '/v1/reports' ? ['nodeKey'] : path.startsWith('/v1/admin/') ? ['apiToken'] : ['/v1/enroll', '/v1/openapi.json', '/healthz', '/readyz'].includes(path) ? [] : ['apiToken', 'dashboardSession'];
        expect(schemes, `${method} ${path}`).toEqual(expected);
        if (expected.length > 0) for (const status of ['401', '403']) expect(Object.keys(operation.responses), `${method} ${path}`).toContain(status);
      }
    }
  });

  it('documents every error answer as { error, problems? }', () => {
    for (const item of Object.values(document.paths)) {
      for (const operation of Object.values(item)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (Number(status) < 400 || status === '503') continue;
          const schema = JSON.stringify(response.content?.['application/json']?.schema);
          expect(schema).toContain('#/components/schemas/Problem');
        }
      }
    }
    expect(document.components.schemas?.Problem).toMatchObject({ type: 'object', required: ['error'] });
  });
});
