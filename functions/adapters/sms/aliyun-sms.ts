import Dysmsapi, { SendSmsRequest } from '@alicloud/dysmsapi20170525';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { SmsSendError } from '../../core/invitations/sms-send-error';
import type { SmsGateway, SmsMessage } from '../../core/ports';
import { linkVariableValue, templateFor, type LinkVariable } from './template-link';

export interface AliyunSmsSettings {
  accessKeyId: string;
  accessKeySecret: string;
  /** The approved signature (签名), e.g. `长春新区营商办`; Aliyun puts it in 【】 itself. */
  signName: string;
  /** Approved template codes (`SMS_...`); the reminder falls back to the invitation template. */
  templateCode: string;
  reminderTemplateCode?: string | undefined;
  /** The template's one variable, `${code}`: what it carries (see `LinkVariable`). */
  linkVariable: LinkVariable;
  /** Its name in the template; `code` when unset. */
  linkParam?: string | undefined;
  /** `dysmsapi.aliyuncs.com` in production; `http://127.0.0.1:<port>` to play the provider in tests. */
  endpoint?: string | undefined;
}

/** Codes that say "later may work": flow control per number or per account, and provider faults. */
const RETRYABLE = /^(isv\.BUSINESS_LIMIT_CONTROL|isv\.DAY_LIMIT_CONTROL|isp\.SYSTEM_ERROR|isp\.GATEWAY_ERROR|Throttling.*|ServiceUnavailable.*|InternalError.*)$/;

// Under Node's ESM loader the CommonJS module arrives whole; under a bundler its default export.
const DysmsapiClient = (Dysmsapi as unknown as { default?: typeof Dysmsapi }).default ?? Dysmsapi;

/**
 * Aliyun SMS (`dysmsapi` 2017-05-25 SendSms). Aliyun sends only approved templates: the body
 * huifang wrote is not sent; the template `templateCode` is, with `TemplateParam` =
 * `{"<linkParam>": <the link variable>}` and the signature `signName`. `OutId` carries the
 * invitation id, which Aliyun echoes as `out_id` in delivery receipts (SmsReport).
 * A refusal comes back as HTTP 200 with `Code` other than `OK`; both that and an HTTP error become
 * an `SmsSendError`.
 *
 * @example
 * aliyunSmsGateway({ accessKeyId, accessKeySecret, signName: '长春新区营商办', templateCode: 'SMS_480000001', linkVariable: 'token' });
 */
export function aliyunSmsGateway(settings: AliyunSmsSettings): SmsGateway {
  const endpoint = new URL(/^https?:\/\//.test(settings.endpoint ?? '') ? settings.endpoint! : `https://${settings.endpoint ?? 'dysmsapi.aliyuncs.com'}`);
  const client = new DysmsapiClient(
    new $OpenApiUtil.Config({
      accessKeyId: settings.accessKeyId,
      accessKeySecret: settings.accessKeySecret,
      endpoint: endpoint.host,
      protocol: endpoint.protocol.replace(':', ''),
      connectTimeout: 5_000,
      readTimeout: 10_000,
    }),
  );
  return {
    provider: 'aliyun',
    async send(message: SmsMessage) {
      let body: { code?: string; message?: string; bizId?: string } | undefined;
      try {
        body = (
          await client.sendSms(
            new SendSmsRequest({
              phoneNumbers: message.to,
              signName: settings.signName,
              templateCode: templateFor(message, { invitation: settings.templateCode, reminder: settings.reminderTemplateCode }),
              templateParam: JSON.stringify({ [settings.linkParam ?? 'code']: linkVariableValue(message, settings.linkVariable) }),
              outId: message.invitationId,
            }),
          )
        ).body;
      } catch (error) {
        const e = error as { code?: string; message?: string; statusCode?: number; data?: { statusCode?: number } };
        const status = e.statusCode ?? e.data?.statusCode;
        const code = e.code && e.code !== 'undefined' ? e.code : status ? `HTTP${status}` : 'NetworkError';
        throw new SmsSendError({ provider: 'aliyun', retryable: status === undefined || status >= 500 || status === 429 || RETRYABLE.test(code), providerCode: code, message: e.message ?? String(error), cause: error });
      }
      if (body?.code !== 'OK' || !body.bizId) {
        const code = body?.code ?? 'EmptyResponse';
        throw new SmsSendError({ provider: 'aliyun', retryable: RETRYABLE.test(code), providerCode: code, message: body?.message ?? 'SendSms answered without a BizId' });
      }
      return { providerMessageId: body.bizId };
    },
  };
}
