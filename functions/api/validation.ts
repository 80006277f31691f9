import type { Context } from 'hono';
import type { z } from 'zod';
import { DomainError, validationError, type Problem } from '../core/errors';

/** zod issues as the contract's problem list. */
export function problemsOf(error: z.ZodError): Problem[] {
  return error.issues.map((i) => ({ code: `field.${i.code}`, path: i.path.join('.') || '(body)', message: i.message }));
}

/** Parses `value` with `schema`, or throws `validation.failed` listing every problem. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(problemsOf(result.error));
  return result.data;
}

/** The JSON body of a request, validated; malformed JSON is a 400 like any other bad input, an empty body is `{}`. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let body: unknown;
  try {
    // An empty body reads as `{}`: actions without fields (start) need not send one.
    const text = await c.req.text();
    body = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new DomainError('validation.failed', 'The body must be JSON.', [{ code: 'body.invalid_json', path: '(body)', message: 'not valid JSON' }]);
  }
  return parseWith(schema, body);
}
