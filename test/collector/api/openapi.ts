import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** The parts of an OpenAPI 3.1 document the tests read. */
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas?: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
}
export interface Operation {
  security?: Array<Record<string, string[]>>;
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** `/v1/devices/{id}` as Hono routes it: `/v1/devices/:id`. */
export const honoPath = (openApiPath: string) => openApiPath.replaceAll(/\{([^}]+)\}/g, ':$1');

/** Every operation of the document as `METHOD /path` (Hono's spelling). */
export function documentedOperations(document: OpenApiDocument): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => item[method]).map((method) => `${method.toUpperCase()} ${honoPath(path)}`),
  );
}

const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

/**
 * Validators of the document's answer schemas (JSON Schema 2020-12, the dialect of OpenAPI 3.1),
 * each compiled from the document itself so `$ref`s to its components resolve as an integrator's would.
 */
export class ResponseValidator {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: false });
  private static readonly ID = 'https://collector.invalid/openapi.json';

  constructor(readonly document: OpenApiDocument) {
    addFormats.default(this.ajv);
    this.ajv.addSchema(document as object, ResponseValidator.ID);
  }

  /** The operation of a concrete request path (`/v1/devices/dev-1` → `/v1/devices/{id}`), if documented. */
  route(method: string, path: string): { template: string; operation: Operation } | undefined {
    const bare = path.split('?')[0]!;
    for (const [template, item] of Object.entries(this.document.paths)) {
      const operation = item[method.toLowerCase()];
      if (!operation) continue;
      const pattern = new RegExp(`^${template.replaceAll(/\{[^}]+\}/g, '[^/]+')}$`);
      if (pattern.test(bare)) return { template, operation };
    }
    return undefined;
  }

  /** What is wrong with an answer against the document: its status not documented, its type or its body not as declared. */
  problems(method: string, path: string, status: number, contentType: string, body: unknown): string[] {
    const found = this.route(method, path);
    if (!found) return [`${method} ${path} is not in the document`];
    const response = found.operation.responses[String(status)];
    if (!response) return [`${method} ${found.template} does not document status ${status}`];
    const type = contentType.split(';')[0]!.trim();
    if (!response.content?.[type]) return [`${method} ${found.template} ${status} does not document ${type || 'no content'}`];
    const schemaPointer = `#/${pointer('paths', found.template, method.toLowerCase(), 'responses', String(status), 'content', type, 'schema')}`;
    const validate = this.ajv.getSchema(`${ResponseValidator.ID}${schemaPointer}`) as ValidateFunction;
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${method} ${path} ${status}: ${e.instancePath || '(body)'} ${e.message}`);
  }
}
