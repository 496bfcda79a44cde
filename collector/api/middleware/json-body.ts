import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { AppEnv } from '../env.js';
import { DomainError, invalid } from '../../errors.js';

const gunzipAsync = promisify(gunzip);

export interface JsonBodyOptions {
  /** Largest body accepted on the wire (compressed). */
  maxWireBytes: number;
  /** Largest body after gzip decoding: stops gzip bombs before they fill memory. */
  maxDecodedBytes: number;
}

/**
 * Reads a JSON body, gzip-encoded or not, within limits on both sides of decompression. A refusal
 * is thrown (413/415/400 by the error renderer), naming the problem. The parsed value is handed to
 * the route's validator (which reads `c.req.json()`), so a report is decoded and parsed once.
 */
export function jsonBody(options: JsonBodyOptions): MiddlewareHandler<AppEnv> {
  const limit = bodyLimit({
    maxSize: options.maxWireBytes,
    // The rest of the body is left unread, so this connection cannot carry another request.
    onError: (c) => {
      c.header('Connection', 'close');
      throw new DomainError('too-large', `body is larger than ${options.maxWireBytes} bytes`);
    },
  });
  const parse: MiddlewareHandler<AppEnv> = async (c, next) => {
    const encoding = (c.req.header('content-encoding') ?? 'identity').toLowerCase();
    if (encoding !== 'identity' && encoding !== 'gzip') {
      throw new DomainError('unsupported', `Content-Encoding "${encoding}" is not supported; send gzip or none`);
    }
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/json\b/i.test(type)) {
      throw new DomainError('unsupported', `Content-Type must be application/json (got "${type || 'none'}")`);
    }
    const wire = Buffer.from(await c.req.arrayBuffer());
    let raw: Buffer;
    if (encoding === 'gzip') {
      try {
        raw = await gunzipAsync(wire, { maxOutputLength: options.maxDecodedBytes });
      } catch (error) {
        if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
          throw new DomainError('too-large', `gzip body decodes to more than ${options.maxDecodedBytes} bytes`);
        }
        throw invalid(`body is not valid gzip: ${(error as Error).message}`);
      }
    } else {
      raw = wire;
    }
    if (raw.length > options.maxDecodedBytes) {
      throw new DomainError('too-large', `body is larger than ${options.maxDecodedBytes} bytes`);
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch (error) {
      throw invalid(`body is not valid JSON: ${(error as Error).message}`);
    }
    c.req.json = (() => Promise.resolve(body)) as typeof c.req.json;
    c.set('bodyBytes', raw.length);
    await next();
  };
  return (c, next) =>
    limit(c, async () => {
      await parse(c, next);
    });
}
