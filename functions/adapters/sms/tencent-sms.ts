import { sms } from 'tencentcloud-sdk-nodejs-sms';
import { SmsSendError } from '../../core/invitations/sms-send-error';
import type { SmsGateway, SmsMessage } from '../../core/ports';
import { linkVariableValue, templateFor, type LinkVariable } from './template-link';

export interface TencentSmsSettings {
  secretId: string;
  secretKey: string;
  /** The SMS application (`SmsSdkAppId`, e.g. `1400000000`). */
  sdkAppId: string;
  /** The approved signature content (签名), without 【】. */
  signName: string;
  /** Approved template ids; the reminder falls back to the invitation template. */
  templateId: string;
  reminderTemplateId?: string | undefined;
  /** The template's one variable `{1}`: what it carries (see `LinkVariable`). */
  linkVariable: LinkVariable;
  region: string;
  /** `sms.tencentcloudapi.com` in production; `http://127.0.0.1:<port>` to play the provider in tests. */
  endpoint?: string | undefined;
}

/** Codes that say "later may work": frequency limits per number or account, and provider faults. */
const RETRYABLE = /^(LimitExceeded\..*|RequestLimitExceeded.*|InternalError.*|FailedOperation\.(FailResolvePacket|JsonParseFail))$/;

/**
 * Tencent Cloud SMS (SendSms, 2021-01-11). Like Aliyun it sends only approved templates: the body
 * is not sent; `TemplateParamSet` = [the link variable] fills `{1}` of `templateId`. The
 * invitation id goes as `SessionContext`, which Tencent returns as `ext` in delivery receipts
 * (once Tencent has enabled that for the application). A refusal of the number comes back as HTTP
 * 200 with a `Code` other than `Ok` in `SendStatusSet`; a refusal of the request as an SDK error.
 *
 * @example
 * tencentSmsGateway({ secretId, secretKey, sdkAppId: '1400000000', signName: '长春新区营商办', templateId: '2000001', linkVariable: 'token', region: 'ap-guangzhou' });
 */
export function tencentSmsGateway(settings: TencentSmsSettings): SmsGateway {
  const endpoint = new URL(/^https?:\/\//.test(settings.endpoint ?? '') ? settings.endpoint! : `https://${settings.endpoint ?? 'sms.tencentcloudapi.com'}`);
  const client = new sms.v20210111.Client({
    credential: { secretId: settings.secretId, secretKey: settings.secretKey },
    region: settings.region,
    profile: { httpProfile: { endpoint: endpoint.host, protocol: `${endpoint.protocol}//`, reqTimeout: 10 } },
  });
  return {
    provider: 'tencent',
    async send(message: SmsMessage) {
      let status: { Code?: string; Message?: string; SerialNo?: string } | undefined;
      try {
        const out = await client.SendSms({
          PhoneNumberSet: [message.to],
          SmsSdkAppId: settings.sdkAppId,
          SignName: settings.signName,
          TemplateId: templateFor(message, { invitation: settings.templateId, reminder: settings.reminderTemplateId }),
          TemplateParamSet: [linkVariableValue(message, settings.linkVariable)],
          SessionContext: message.invitationId,
        });
        status = out.SendStatusSet?.[0];
      } catch (error) {
        const e = error as { code?: string; message?: string; httpCode?: number };
        const code = e.code ?? (e.httpCode ? `HTTP${e.httpCode}` : 'NetworkError');
        const retryable = RETRYABLE.test(code) || code === 'NetworkError' || (e.httpCode !== undefined && e.httpCode >= 500);
        throw new SmsSendError({ provider: 'tencent', retryable, providerCode: code, message: e.message ?? String(error), cause: error });
      }
      if (status?.Code !== 'Ok' || !status.SerialNo) {
        const code = status?.Code ?? 'EmptyResponse';
        throw new SmsSendError({ provider: 'tencent', retryable: RETRYABLE.test(code), providerCode: code, message: status?.Message ?? 'SendSms answered without a SendStatus' });
      }
      return { providerMessageId: status.SerialNo };
    },
  };
}
