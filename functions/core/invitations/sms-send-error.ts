/**
 * Why an SMS gateway refused a message, in terms the sweeper can act on: `retryable` says whether
 * the same message may succeed later (throttling, a provider outage, a network error) or never will
 * (a bad number, an unapproved template, no balance). `providerCode` is the provider's own code,
 * kept for the office ("isv.MOBILE_NUMBER_ILLEGAL", "LimitExceeded.PhoneNumberDailyLimit", ...).
 *
 * @example
 * try { await gateway.send(message, now); }
 * catch (error) { if (error instanceof SmsSendError && error.retryable) retryLater(); else giveUp(); }
 */
export class SmsSendError extends Error {
  override readonly name = 'SmsSendError';
  readonly provider: SmsProvider;
  readonly retryable: boolean;
  readonly providerCode: string;

  constructor(init: { provider: SmsProvider; retryable: boolean; providerCode: string; message: string; cause?: unknown }) {
    super(`${init.provider} ${init.providerCode}: ${init.message}`, init.cause === undefined ? undefined : { cause: init.cause });
    this.provider = init.provider;
    this.retryable = init.retryable;
    this.providerCode = init.providerCode;
  }
}

/** The gateways that talk to an outside SMS provider. */
export const smsProviders = ['aws', 'aliyun', 'tencent', 'webhook'] as const;
export type SmsProvider = (typeof smsProviders)[number];

/** True for an error a gateway reported as worth trying again later. */
export function isRetryableSmsError(error: unknown): boolean {
  return error instanceof SmsSendError && error.retryable;
}
