import { createRoute, z } from '@hono/zod-openapi';
import { compress } from 'hono/compress';
import { secureHeaders } from 'hono/secure-headers';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { OPENAPI_PATH } from '../openapi/document.js';
import { apiRouter } from '../openapi/router.js';
import { json } from '../openapi/schemas.js';

export const REFERENCE_PATH = '/api/reference';

/** Swagger UI's files, served by the collector itself: no CDN, so the page works on a closed network. */
const ASSETS = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
} as const;

/** Started by a file, not inline, so the page keeps the dashboard's Content-Security-Policy (script-src 'self'). */
const INIT_SCRIPT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: ${JSON.stringify(OPENAPI_PATH)},
    dom_id: '#swagger-ui',
    deepLinking: true,
    // Never send the document to an outside validator.
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Collector API reference</title>
<link rel="stylesheet" href="${REFERENCE_PATH}/swagger-ui.css">
</head>
<body>
<main id="swagger-ui"><p>The API reference needs JavaScript. The document itself is at <a href="${OPENAPI_PATH}">${OPENAPI_PATH}</a>.</p></main>
<script src="${REFERENCE_PATH}/swagger-ui-bundle.js"></script>
<script src="${REFERENCE_PATH}/init.js"></script>
</body>
</html>
`;

const DocumentShape = z.object({ openapi: z.string(), info: z.object({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) }).openapi('OpenApiDocument');

const documentRoute = createRoute({
  method: 'get',
  path: OPENAPI_PATH,
  tags: ['reference'],
  summary: 'This document: the OpenAPI 3.1 description of every route, without a credential',
  responses: { 200: json(DocumentShape, 'The document.') },
});

/** swagger-ui-dist's folder in node_modules, or undefined where it is not installed beside the collector. */
function swaggerUiFolder(): string | undefined {
  try {
    const folder = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
    return existsSync(path.join(folder, 'swagger-ui-bundle.js')) ? folder : undefined;
  } catch {
    return undefined;
  }
}

/**
 * GET /v1/openapi.json, the OpenAPI 3.1 document, and the API reference page that renders it.
 * Both are public: they describe the API's shape (no data, no secret), which is already public in
 * the project's source, and an integrator's tool must fetch the document before it holds a credential.
 */
export function referenceRoutes(document: () => object) {
  let built: object | undefined;
  const folder = swaggerUiFolder();
  const files = new Map<string, Buffer>();
  const headers = secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'], connectSrc: ["'self'"], frameAncestors: ["'none'"] },
    referrerPolicy: 'no-referrer',
  });
  const app = apiRouter().openapi(documentRoute, (c) => c.json((built ??= document()) as z.infer<typeof DocumentShape>, 200));
  app.use(REFERENCE_PATH, headers);
  app.use(`${REFERENCE_PATH}/*`, compress());
  app.get(REFERENCE_PATH, (c) => (folder ? c.html(PAGE) : c.text(`The API reference page is not installed beside this collector (swagger-ui-dist); the document is at ${OPENAPI_PATH}.`, 404)));
  app.get(`${REFERENCE_PATH}/init.js`, (c) => c.body(INIT_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  app.get(`${REFERENCE_PATH}/:file{swagger-ui\\.css|swagger-ui-bundle\\.js}`, (c) => {
    const name = c.req.param('file') as keyof typeof ASSETS;
    if (!folder) return c.notFound();
    let body = files.get(name);
    if (!body) files.set(name, (body = readFileSync(path.join(folder, name))));
    return c.body(new Uint8Array(body), 200, { 'Content-Type': ASSETS[name], 'Cache-Control': 'public, max-age=86400' });
  });
  return app;
}
