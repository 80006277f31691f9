import { SIGNATURE_HEADER, TIMESTAMP_HEADER, webhookSignature } from '../../api/webhook-signature';
import { SmsSendError } from '../../core/invitations/sms-send-error';
import type { SmsGateway, SmsMessage } from '../../core/ports';

export interface WebhookSmsSettings {
  /** The platform's HTTPS endpoint that accepts one SMS per POST. */
  url: string;
  /** Shared with the platform; signs every request. */
  secret: string;
  timeoutMs?: number;
}

/**
 * An HTTPS webhook to a government SMS platform (政务短信平台) that sends what it receives: POST JSON
 * `{to, body, invitationId, sentAt}`, signed like huifang's own inbound webhook:
 * `X-Huifang-Timestamp` (unix seconds) and `X-Huifang-Signature: sha256=<HMAC-SHA256(secret,
 * timestamp + "." + raw body)>`. A 2xx accepts (its JSON `messageId`, if any, is kept); 429 and
 * 5xx are worth retrying; any other status refuses the message (its JSON `code` is the reason).
 *
 * @example
 * webhookSmsGateway({ url: 'https://sms.example.gov.cn/huifang', secret: process.env.SECRET! });
 */
export function webhookSmsGateway(settings: WebhookSmsSettings, now: () => Date = () => new Date()): SmsGateway {
  return {
    provider: 'webhook',
    async send(message: SmsMessage, at: Date) {
      const body = JSON.stringify({ to: message.to, body: message.body, invitationId: message.invitationId, sentAt: at.toISOString() });
      // The signature guards the transport, so it is stamped with the wall clock, not the domain clock.
      const timestamp = String(Math.floor(now().getTime() / 1000));
      let response: Response;
      try {
        response = await fetch(settings.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: webhookSignature(settings.secret, timestamp, body) },
          body,
          signal: AbortSignal.timeout(settings.timeoutMs ?? 10_000),
        });
      } catch (error) {
        throw new SmsSendError({ provider: 'webhook', retryable: true, providerCode: 'NetworkError', message: error instanceof Error ? error.message : String(error), cause: error });
      }
      const reply = (await response.json().catch(() => ({}))) as { messageId?: unknown; code?: unknown; message?: unknown };
      if (response.ok) return { providerMessageId: typeof reply.messageId === 'string' ? reply.messageId : `webhook-${message.invitationId}` };
      throw new SmsSendError({
        provider: 'webhook',
        retryable: response.status === 429 || response.status >= 500,
        providerCode: typeof reply.code === 'string' ? reply.code : `HTTP${response.status}`,
        message: typeof reply.message === 'string' ? reply.message : `the platform answered ${response.status}`,
      });
    },
  };
}
