import type { Context } from 'hono';
import { DomainError, type Problem } from '../../core/errors';
import { hrefWith } from '../../../web/staff/format';

/** The text fields of a form post; blank fields are left out, so an optional field may stay empty. */
export async function formFields(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) if (typeof value === 'string' && value.trim() !== '') fields[name] = value;
  return fields;
}

/** The field names a validation error points at. */
export function problemFields(error: DomainError): string[] {
  if (error.code !== 'validation.failed' || !Array.isArray(error.details)) return [];
  return [...new Set((error.details as Problem[]).map((p) => String(p.path).split('.')[0] ?? ''))].filter(Boolean);
}

/**
 * Post/Redirect/Get: runs a form's action and answers 303 to `back` with `?ok=<key>`; a domain error
 * (409 already done, 403, a bad field...) goes back as `?error=<code>` to show on the page instead.
 */
export async function postThenRedirect(c: Context, back: string, action: () => Promise<string>): Promise<Response> {
  try {
    return c.redirect(hrefWith(back, { ok: await action() }), 303);
  } catch (error) {
    if (!(error instanceof DomainError) || error.code === 'auth.invalid' || error.code === 'auth.missing') throw error;
    return c.redirect(hrefWith(back, { error: error.code, fields: problemFields(error).join(',') }), 303);
  }
}
