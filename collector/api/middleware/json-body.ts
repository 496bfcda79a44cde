import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { AppEnv } from '../env.js';
import { problem } from '../problem.js';

const gunzipAsync = promisify(gunzip);

export interface JsonBodyOptions {
  /** Largest body accepted on the wire (compressed). */
  maxWireBytes: number;
  /** Largest body after gzip decoding: stops gzip bombs before they fill memory. */
  maxDecodedBytes: number;
}

/**
 * Reads a JSON body, gzip-encoded or not, within limits on both sides of decompression,
 * and puts it on the context as `body`. Answers 413/415/400 itself, naming the problem.
 */
export function jsonBody(options: JsonBodyOptions): MiddlewareHandler<AppEnv> {
  const limit = bodyLimit({
    maxSize: options.maxWireBytes,
    // The rest of the body is left unread, so this connection cannot carry another request.
    onError: (c) => {
      c.header('Connection', 'close');
      return problem(c, 413, `body is larger than ${options.maxWireBytes} bytes`);
    },
  });
  const parse: MiddlewareHandler<AppEnv> = async (c, next) => {
    const encoding = (c.req.header('content-encoding') ?? 'identity').toLowerCase();
    if (encoding !== 'identity' && encoding !== 'gzip') {
      return problem(c, 415, `Content-Encoding "${encoding}" is not supported; send gzip or none`);
    }
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/json\b/i.test(type)) {
      return problem(c, 415, `Content-Type must be application/json (got "${type || 'none'}")`);
    }
    const wire = Buffer.from(await c.req.arrayBuffer());
    let raw: Buffer;
    if (encoding === 'gzip') {
      try {
        raw = await gunzipAsync(wire, { maxOutputLength: options.maxDecodedBytes });
      } catch (error) {
        if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
          return problem(c, 413, `gzip body decodes to more than ${options.maxDecodedBytes} bytes`);
        }
        return problem(c, 400, `body is not valid gzip: ${(error as Error).message}`);
      }
    } else {
      raw = wire;
    }
    if (raw.length > options.maxDecodedBytes) {
      return problem(c, 413, `body is larger than ${options.maxDecodedBytes} bytes`);
    }
    try {
      c.set('body', JSON.parse(raw.toString('utf8')));
    } catch (error) {
      return problem(c, 400, `body is not valid JSON: ${(error as Error).message}`);
    }
    c.set('bodyBytes', raw.length);
    await next();
  };
  // bodyLimit only calls on; an early answer from `parse` is carried out by hand.
  return async (c, next) => {
    let early: Response | void = undefined;
    const limited = await limit(c, async () => {
      early = await parse(c, next);
    });
    return limited ?? early;
  };
}
