import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, type ErrorCode } from '../core/errors';

/** The one table from error codes to HTTP statuses. */
export const statusOf: Record<ErrorCode, ContentfulStatusCode> = {
  'validation.failed': 400,
  'auth.missing': 401,
  'auth.invalid': 401,
  'auth.bad_credentials': 401,
  'auth.forbidden': 403,
  not_found: 404,
  'issue.not_found': 404,
  'task.not_found': 404,
  'invitation.not_found': 404,
  'reference.unknown': 422,
  'issue.not_open': 409,
  'issue.not_closed': 409,
  'issue.changed': 409,
  'issue.cannot_escalate': 409,
  'issue.cannot_bounce': 409,
  'task.already_done': 409,
  'invitation.already_answered': 409,
  'invitation.not_open': 409,
  'invitation.expired': 410,
  'response.not_found': 404,
  'appeal.not_found': 404,
  'response.excluded': 409,
  'appeal.already_open': 409,
  'appeal.already_decided': 409,
  'rate.limited': 429,
  'issue.duplicate': 409,
  'webhook.bad_signature': 401,
  'webhook.stale': 401,
  // A server-side gap, not the sender's fault: a 5xx makes senders retry until the secret is set.
  'webhook.not_configured': 503,
};

/** The contract's error body: `{error, message, details?}`. */
export function errorBody(error: DomainError) {
  return { error: error.code, message: error.message, ...(error.details !== undefined ? { details: error.details } : {}) };
}

/** Sets `Retry-After` when the error says when to come back (rate limits). */
export function setRetryAfter(error: DomainError, c: Context): void {
  const retry = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
  if (retry) c.header('Retry-After', String(retry));
}

/**
 * Answers a thrown error: a DomainError with its mapped status, anything else as a 500 that
 * tells nothing of the inside (and is logged, since it is our bug, never the caller's).
 */
export function jsonError(error: unknown, c: Context): Response {
  if (error instanceof DomainError) {
    setRetryAfter(error, c);
    return c.json(errorBody(error), statusOf[error.code]);
  }
  console.error(JSON.stringify({ level: 'error', message: 'unhandled', path: c.req.path, error: String(error), stack: (error as Error)?.stack }));
  return c.json({ error: 'internal', message: 'Something went wrong on our side.' }, 500);
}
