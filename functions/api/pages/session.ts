import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { createMiddleware } from 'hono/factory';
import type { StaffAuthenticator } from '../../adapters/auth/staff-authenticator';
import { DomainError } from '../../core/errors';
import type { ApiEnv } from '../env';

/** The staff pages' session: the same JWT the API takes as a bearer token, in an HttpOnly cookie. */
export const SESSION_COOKIE = 'huifang_session';
const COOKIE_PATH = '/app';

const isHttps = (c: Context) => new URL(c.req.url).protocol === 'https:';

/** Seconds until the token's `exp`, so the cookie does not outlive it; undefined when unreadable. */
function secondsLeft(token: string): number | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? Math.max(0, Math.floor(payload.exp - Date.now() / 1000)) : undefined;
  } catch {
    return undefined;
  }
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure over HTTPS, only sent to `/app`. */
export function startSession(c: Context, token: string): void {
  const maxAge = secondsLeft(token);
  setCookie(c, SESSION_COOKIE, token, { path: COOKIE_PATH, httpOnly: true, sameSite: 'Lax', secure: isHttps(c), ...(maxAge !== undefined ? { maxAge } : {}) });
}

/** Clears the session cookie. */
export function endSession(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: COOKIE_PATH, secure: isHttps(c) });
}

/**
 * Puts the principal of the session cookie on the context, verified by the same authenticator as
 * the API's bearer tokens; without a valid one the page answers 303 to `/app/login`.
 */
export function requireSession(auth: StaffAuthenticator) {
  return createMiddleware<ApiEnv>(async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (!token) return c.redirect('/app/login', 303);
    try {
      c.set('principal', await auth.authenticate(token));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      endSession(c);
      return c.redirect('/app/login', 303);
    }
    await next();
    // Pages show one person's work: never kept by a shared cache or the back button of the next user.
    c.res.headers.set('Cache-Control', 'no-store');
  });
}

/**
 * CSRF protection for form posts (hono/csrf): a post must come from this site, by its `Origin`
 * (the request's own origin, or the public base URL's when a proxy rewrites the host) or by
 * `Sec-Fetch-Site: same-origin`. The SameSite=Lax cookie is the second fence.
 */
export function sameOriginPosts(publicBaseUrl: string) {
  const publicOrigin = new URL(publicBaseUrl).origin;
  return csrf({ origin: (origin, c) => origin === new URL(c.req.url).origin || origin === publicOrigin });
}
