import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { DomainError } from '../core/errors';

/** When the sender signed, in unix seconds. */
export const TIMESTAMP_HEADER = 'X-Huifang-Timestamp';
/** `sha256=<hex of HMAC-SHA256(secret, timestamp + "." + raw body)>`. */
export const SIGNATURE_HEADER = 'X-Huifang-Signature';
/** A delivery signed longer ago (or further ahead) than this is refused as a possible replay. */
export const REPLAY_WINDOW_SECONDS = 5 * 60;

/**
 * The signature header value for `body` sent at `timestamp`: HMAC-SHA256 keyed with the secret's
 * UTF-8 bytes over `timestamp + "." + body`, as lower-case hex. Signing the timestamp with the body
 * is what makes an old delivery useless to whoever recorded it.
 *
 * @example
 * const ts = String(Math.floor(Date.now() / 1000));
 * fetch(url, { method: 'POST', body, headers: { 'X-Huifang-Timestamp': ts, 'X-Huifang-Signature': webhookSignature(secret, ts, body) } });
 */
export function webhookSignature(secret: string, timestamp: string, body: Uint8Array | string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

/**
 * Accepts a delivery only if its signature is right (compared in constant time) and its timestamp
 * lies within the replay window around `now`; otherwise `webhook.bad_signature` or `webhook.stale`.
 * The signature is checked first, so a forged request learns nothing about the window.
 */
export function verifyWebhook(secret: string, headers: { timestamp?: string | undefined; signature?: string | undefined }, body: Uint8Array, now: Date): void {
  const { timestamp, signature } = headers;
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || !signature) {
    throw new DomainError('webhook.bad_signature', `Sign the delivery: send ${TIMESTAMP_HEADER} (unix seconds) and ${SIGNATURE_HEADER}: sha256=<hex>.`);
  }
  const expected = Buffer.from(webhookSignature(secret, timestamp, body));
  const given = Buffer.from(signature.trim().toLowerCase());
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new DomainError('webhook.bad_signature', `The signature does not match: HMAC-SHA256 of timestamp + "." + the raw body with the shared secret.`);
  }
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > REPLAY_WINDOW_SECONDS) {
    throw new DomainError('webhook.stale', `The timestamp is more than ${REPLAY_WINDOW_SECONDS / 60} minutes from now; sign again when sending.`);
  }
}

/**
 * The JSON body of a signed request, read raw and parsed only once the signature over those exact
 * bytes holds. The replay window is wall-clock time, like staff tokens: it guards the transport,
 * even while the local domain clock is moved.
 */
export async function signedJsonBody(c: Context, secret: string): Promise<unknown> {
  const body = new Uint8Array(await c.req.arrayBuffer());
  verifyWebhook(secret, { timestamp: c.req.header(TIMESTAMP_HEADER), signature: c.req.header(SIGNATURE_HEADER) }, body, new Date());
  try {
    return JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw new DomainError('validation.failed', 'The body must be JSON.', [{ code: 'body.invalid_json', path: '(body)', message: 'not valid JSON' }]);
  }
}
