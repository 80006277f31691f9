import type { SentMessage } from '../ports';
import type { SmsProvider } from './sms-send-error';

/**
 * What to remember of an accepted SMS so a receipt naming only the provider's id (Aliyun `biz_id`,
 * Tencent `sid`, AWS `messageId`) finds its invitation: only a real provider's id is worth a lookup.
 */
export function sentMessageOf(provider: SmsProvider | undefined, accepted: { providerMessageId: string }): SentMessage | undefined {
  return provider && accepted.providerMessageId ? { provider, providerMessageId: accepted.providerMessageId } : undefined;
}
