import { PinpointSMSVoiceV2Client, SendTextMessageCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { SmsSendError } from '../../core/invitations/sms-send-error';
import type { SmsGateway, SmsMessage } from '../../core/ports';

export interface AwsSmsSettings {
  /** Phone number, sender id, pool id or their ARN that the message leaves from. */
  originationIdentity: string;
  /** The configuration set whose event destination reports deliveries (receipts). */
  configurationSet?: string | undefined;
  region: string;
  /** Only to play the provider in tests (`http://127.0.0.1:<port>`); unset in the cloud. */
  endpoint?: string | undefined;
  /** Static keys for tests; in Lambda the function's role signs. */
  credentials?: { accessKeyId: string; secretAccessKey: string } | undefined;
}

/** Error names that say "later may work": the rest mean the message itself is refused. */
const RETRYABLE = new Set(['ThrottlingException', 'InternalServerException', 'ServiceUnavailableException', 'RequestTimeout', 'TimeoutError']);

/**
 * AWS End User Messaging SMS (`pinpoint-sms-voice-v2` SendTextMessage). The body goes as written,
 * as a transactional message; the invitation id rides in `Context`, which AWS copies into every
 * delivery event, so a receipt names its invitation. The SDK does not retry on its own
 * (`maxAttempts: 1`): the sweeper's backoff decides when to try again.
 *
 * @example
 * const sms = awsSmsGateway({ originationIdentity: 'pool-0123', region: 'ap-southeast-1' });
 */
export function awsSmsGateway(settings: AwsSmsSettings): SmsGateway {
  const client = new PinpointSMSVoiceV2Client({
    region: settings.region,
    maxAttempts: 1,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
  });
  return {
    provider: 'aws',
    async send(message: SmsMessage) {
      try {
        const out = await client.send(
          new SendTextMessageCommand({
            DestinationPhoneNumber: e164(message.to),
            OriginationIdentity: settings.originationIdentity,
            MessageBody: message.body,
            MessageType: 'TRANSACTIONAL',
            Context: { invitationId: message.invitationId },
            ...(settings.configurationSet ? { ConfigurationSetName: settings.configurationSet } : {}),
          }),
        );
        if (!out.MessageId) throw new SmsSendError({ provider: 'aws', retryable: true, providerCode: 'NoMessageId', message: 'SendTextMessage answered without a MessageId' });
        return { providerMessageId: out.MessageId };
      } catch (error) {
        throw awsSendError(error);
      }
    },
  };
}

/** A mainland number without a country code is sent as +86; AWS wants E.164. */
function e164(phone: string): string {
  const digits = phone.replace(/[\s-]/g, '');
  if (digits.startsWith('+')) return digits;
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  return /^1\d{10}$/.test(digits) ? `+86${digits}` : `+${digits}`;
}

function awsSendError(error: unknown): SmsSendError {
  if (error instanceof SmsSendError) return error;
  const e = error as { name?: string; message?: string; Reason?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown };
  const name = e.name ?? 'Error';
  const status = e.$metadata?.httpStatusCode;
  // No HTTP status: the request never got an answer (network, DNS, timeout), so trying again may work.
  const retryable = RETRYABLE.has(name) || e.$retryable !== undefined || status === undefined || status >= 500;
  const providerCode = e.Reason ? `${name}:${e.Reason}` : name;
  return new SmsSendError({ provider: 'aws', retryable, providerCode, message: e.message ?? String(error), cause: error });
}
