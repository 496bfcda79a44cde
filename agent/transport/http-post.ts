import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';

/** The part of a fetch `Response` the sender and enrolment read. */
export interface PostResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export interface PostInit {
  /** GET is for `doctor`'s health check, which must go the way reports go (proxy, CA). */
  method: 'POST' | 'GET';
  headers: Record<string, string>;
  body?: string | Buffer;
  signal?: AbortSignal;
}

/**
 * How the agent POSTs to the collector. The global `fetch` fits this type (tests and embedders may
 * pass it), but the agent's own default is `httpPost` below: in Node 20 the first `fetch` loads
 * undici and compiles its WebAssembly HTTP parser, which measured ~9 MB more idle RSS and a
 * ~35 MB higher peak in the long-running agent (docs/benchmarks.md).
 */
export type HttpPost = (url: string, init: PostInit) => Promise<PostResponse>;

// A collector answers with a small JSON object; anything longer is cut, never buffered whole.
const MAX_RESPONSE_BYTES = 1024 * 1024;

/** How the agent reaches the collector beyond the defaults: a private CA, an HTTP proxy. */
export interface PostTransport {
  /** PEM certificates trusted for the collector, added to Node's CA store (a trust's internal PKI). */
  ca?: string;
  /** An HTTP(S) proxy reached with CONNECT, e.g. `http://proxy.trust.nhs.uk:8080`. */
  proxyUrl?: string;
}

/**
 * POSTs over node:http or node:https, with the same defaults fetch has here: Node's CA store
 * (plus NODE_EXTRA_CA_CERTS and any `ca` given), certificates checked, redirects not followed,
 * no proxy unless one is given. Rejects like fetch does: on a network error or an abort, never on
 * an HTTP status.
 */
export function createHttpPost(transport: PostTransport = {}): HttpPost {
  let proxyAgent: Promise<http.Agent> | undefined;
  // The proxy library is loaded only where a proxy is configured: most endpoints never need it.
  const agentFor = () => (proxyAgent ??= import('https-proxy-agent').then(({ HttpsProxyAgent }) => new HttpsProxyAgent(transport.proxyUrl!, { keepAlive: false })));
  return async (url, init) => {
    const target = new URL(url);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new Error(`unsupported protocol ${target.protocol}`);
    const agent = transport.proxyUrl ? await agentFor() : undefined;
    return post(target, init, { ...(transport.ca ? { ca: [...tls.rootCertificates, transport.ca] } : {}), ...(agent ? { agent } : {}) });
  };
}

export const httpPost: HttpPost = createHttpPost();

function post(target: URL, init: PostInit, extra: https.RequestOptions): Promise<PostResponse> {
  return new Promise<PostResponse>((resolve, reject) => {
    const body = typeof init.body === 'string' ? Buffer.from(init.body, 'utf8') : (init.body ?? Buffer.alloc(0));
    const request = (target.protocol === 'https:' ? https : http).request(target, {
      method: init.method,
      headers: { ...init.headers, ...(init.method === 'POST' ? { 'Content-Length': String(body.length) } : {}) },
      ...(init.signal ? { signal: init.signal } : {}),
      ...extra,
    });
    request.on('error', reject);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const text = new Promise<string>((done, fail) => {
        response.on('data', (chunk: Buffer) => {
          if (size >= MAX_RESPONSE_BYTES) return;
          chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () => done(Buffer.concat(chunks).toString('utf8').slice(0, MAX_RESPONSE_BYTES)));
        response.on('error', fail);
        response.on('aborted', () => fail(new Error('response aborted')));
      });
      // Nobody may read the body (a caught error path): a rejection must not go unhandled.
      text.catch(() => undefined);
      resolve({
        status: response.statusCode ?? 0,
        headers: {
          get: (name) => {
            const value = response.headers[name.toLowerCase()];
            if (value === undefined) return null;
            return Array.isArray(value) ? value.join(', ') : value;
          },
        },
        text: () => text,
      });
    });
    request.end(body);
  });
}

/** The most useful words of a failed POST: the socket error code (ECONNREFUSED…) when there is one. */
export function describePostError(error: unknown): string {
  const e = error as { code?: unknown; name?: string; cause?: { code?: string; message?: string; name?: string } } | undefined;
  const timedOut = e?.name === 'TimeoutError' || e?.cause?.name === 'TimeoutError';
  if (timedOut) return 'no answer within the request timeout';
  if (e?.name === 'AbortError') return 'aborted';
  if (typeof e?.code === 'string') return e.code;
  return e?.cause?.code ?? e?.cause?.message ?? (error instanceof Error ? error.message : String(error));
}
