import { countSegments } from '../../core/invitations/sms-text';
import type { SmsGateway, SmsMessage } from '../../core/ports';

/**
 * A gateway that only writes a log line (masked number, length, never the link): the cloud
 * default until a provider is configured, so a deployment never texts anyone by accident.
 */
export const logSmsGateway: SmsGateway = {
  async send(message: SmsMessage, at: Date) {
    const masked = message.to.replace(/^(.*)(\d{4})$/, (_, head: string, tail: string) => `${'*'.repeat(head.length)}${tail}`);
    console.log(JSON.stringify({ level: 'info', message: 'sms not sent: no gateway configured', to: masked, segments: countSegments(message.body).segments, invitationId: message.invitationId, at: at.toISOString() }));
    return { providerMessageId: `log-${message.invitationId}` };
  },
};
