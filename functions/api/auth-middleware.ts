import { createMiddleware } from 'hono/factory';
import { DomainError } from '../core/errors';
import type { ApiDeps, ApiEnv } from './env';

/** Verifies `Authorization: Bearer <JWT>` and puts the principal on the context. */
export function requireStaff(deps: ApiDeps) {
  return createMiddleware<ApiEnv>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new DomainError('auth.missing', 'Sign in: send Authorization: Bearer <token>.');
    c.set('principal', await deps.auth.authenticate(match[1]));
    await next();
  });
}
