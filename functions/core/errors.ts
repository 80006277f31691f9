/**
 * Every failure a user can cause is a `DomainError` with a stable code. The API maps codes to
 * HTTP statuses in one table (`functions/api/error-mapper.ts`); the core never speaks HTTP.
 */
export type ErrorCode =
  | 'validation.failed'
  | 'auth.missing'
  | 'auth.invalid'
  | 'auth.forbidden'
  | 'auth.bad_credentials'
  | 'not_found'
  | 'issue.not_found'
  | 'issue.not_open'
  | 'issue.not_closed'
  | 'issue.changed'
  | 'issue.cannot_escalate'
  | 'issue.cannot_bounce'
  | 'task.not_found'
  | 'task.already_done'
  | 'invitation.not_found'
  | 'invitation.expired'
  | 'invitation.already_answered'
  | 'invitation.not_open'
  | 'response.not_found'
  | 'response.excluded'
  | 'appeal.not_found'
  | 'appeal.already_open'
  | 'appeal.already_decided'
  | 'rate.limited'
  | 'reference.unknown'
  | 'issue.duplicate'
  | 'webhook.bad_signature'
  | 'webhook.stale'
  | 'webhook.not_configured';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** One problem found while validating input: where it is and what is wrong. */
export interface Problem {
  code: string;
  path: string;
  message: string;
}

/** Shorthand for the validation error with its list of problems. */
export function validationError(problems: Problem[]): DomainError {
  return new DomainError('validation.failed', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
}
