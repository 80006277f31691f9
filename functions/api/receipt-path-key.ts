import { createHmac, timingSafeEqual } from 'node:crypto';

/** Providers that push receipts over plain HTTP without signing them: their key rides in the path. */
export const pushingProviders = ['aliyun', 'tencent'] as const;
export type PushingProvider = (typeof pushingProviders)[number];

/**
 * The path key of `provider`'s receipt URL (`/api/v1/sms/receipts/{provider}/{key}`): the first 32
 * hex digits (128 bits) of HMAC-SHA256(receipt secret, "huifang-sms-receipts/" + provider). Derived,
 * not the secret itself, so a URL seen in a provider console or an access log reveals neither the
 * secret (which also signs the HMAC route) nor the other provider's key. To compute it by hand:
 * `printf 'huifang-sms-receipts/aliyun' | openssl dgst -sha256 -hmac "$SECRET" | awk '{print $2}' | cut -c1-32`.
 *
 * @example
 * const url = `${publicBaseUrl}/api/v1/sms/receipts/aliyun/${receiptPathKey(secret, 'aliyun')}`;
 */
export function receiptPathKey(secret: string, provider: PushingProvider): string {
  return createHmac('sha256', secret).update(`huifang-sms-receipts/${provider}`).digest('hex').slice(0, 32);
}

/** True when `given` is `provider`'s path key; compared in constant time (both sides hashed to one length first). */
export function matchesReceiptPathKey(secret: string, provider: PushingProvider, given: string): boolean {
  const digest = (text: string) => createHmac('sha256', 'huifang-path-key-compare').update(text).digest();
  return timingSafeEqual(digest(receiptPathKey(secret, provider)), digest(given.toLowerCase()));
}
