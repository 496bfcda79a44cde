import type { FieldProblem } from '../protocol/index.js';

/**
 * What went wrong, said without HTTP: a module at any layer (identity, ingest, queries, the routes)
 * throws a DomainError of the kind it knows, and the one renderer at the edge (api/error-renderer.ts)
 * decides the status. The kinds follow what a caller can do about it, as Fleet's error traits do:
 * fix the request, authenticate, ask for something else, wait, or retry later.
 */
export type ErrorKind =
  /** The request is malformed or asks for something impossible; `problems` names each bad field. */
  | 'invalid'
  /** No credential, or one in a form the collector does not read. */
  | 'unauthenticated'
  /** A credential that is not valid, or may not do this. */
  | 'forbidden'
  /** Nothing by that name (or outside the caller's scope: the same answer, so a scope cannot be probed). */
  | 'not-found'
  /** The thing exists but its state refuses this now (still in use, already decided, not configured). */
  | 'conflict'
  /** The request body is larger than the collector accepts. */
  | 'too-large'
  /** The body is in a type or encoding the route does not read. */
  | 'unsupported'
  /** The caller is asking too often; `retryAfterSeconds` says when to try again. */
  | 'rate-limited'
  /** The collector cannot do it now (busy, storage refusing); `retryAfterSeconds` says when to try again. */
  | 'unavailable'
  /** A service the collector called on the caller's behalf refused (a webhook). */
  | 'upstream';

export interface DomainErrorOptions {
  problems?: FieldProblem[];
  retryAfterSeconds?: number;
  cause?: unknown;
}

export class DomainError extends Error {
  readonly problems?: FieldProblem[];
  readonly retryAfterSeconds?: number;

  constructor(
    readonly kind: ErrorKind,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.problems = options.problems;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export const invalid = (message: string, problems?: FieldProblem[]) => new DomainError('invalid', message, { problems });
export const notFound = (message: string) => new DomainError('not-found', message);
export const forbidden = (message: string) => new DomainError('forbidden', message);
export const conflict = (message: string) => new DomainError('conflict', message);
