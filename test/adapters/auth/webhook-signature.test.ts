import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyWebhook, webhookSignature } from '../../../functions/api/webhook-signature';

const secret = 'a'.repeat(64);
const body = new TextEncoder().encode('{"issueId":"01J","resolution":"办结"}');
const at = new Date('2026-11-24T02:00:00Z');
const ts = String(at.getTime() / 1000);

describe('webhook signatures', () => {
  it('is HMAC-SHA256 of timestamp.body with the secret, in lower-case hex', () => {
    const expected = createHmac('sha256', secret).update(`${ts}.{"issueId":"01J","resolution":"办结"}`).digest('hex');
    expect(webhookSignature(secret, ts, body)).toBe(`sha256=${expected}`);
  });

  it('accepts a signature in upper case and a clock skew of up to five minutes either way', () => {
    const signature = webhookSignature(secret, ts, body).toUpperCase();
    expect(() => verifyWebhook(secret, { timestamp: ts, signature }, body, new Date(at.getTime() + 300_000))).not.toThrow();
    expect(() => verifyWebhook(secret, { timestamp: ts, signature }, body, new Date(at.getTime() - 300_000))).not.toThrow();
  });

  it.each([
    ['stale', 301_000, 'webhook.stale'],
    ['from the future', -301_000, 'webhook.stale'],
  ])('refuses a delivery signed %s', (_, offset, code) => {
    const signature = webhookSignature(secret, ts, body);
    expect(() => verifyWebhook(secret, { timestamp: ts, signature }, body, new Date(at.getTime() + offset))).toThrow(expect.objectContaining({ code }));
  });

  it.each([
    ['a timestamp that is not unix seconds', { timestamp: '2026-11-24T02:00:00Z', signature: webhookSignature(secret, '2026-11-24T02:00:00Z', body) }],
    ['a truncated signature', { timestamp: ts, signature: webhookSignature(secret, ts, body).slice(0, 40) }],
    ['a signature of another timestamp', { timestamp: ts, signature: webhookSignature(secret, String(Number(ts) - 1), body) }],
    ['no signature', { timestamp: ts }],
  ])('refuses %s as a bad signature, whatever the time', (_, headers) => {
    expect(() => verifyWebhook(secret, headers, body, at)).toThrow(expect.objectContaining({ code: 'webhook.bad_signature' }));
  });
});
