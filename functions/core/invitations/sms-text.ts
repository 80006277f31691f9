import type { Problem } from '../errors';
import { codeModeTemplates } from './sms-code-text';
/**
 * SMS length rules: a message written only in the GSM 03.38 alphabet fits 160 characters in one
 * segment (153 per segment when split); anything else, Chinese included, is UCS-2: 70 characters
 * in one segment, 67 per segment when split. Extension characters such as `€ [ ] { }` take two.
 */
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '^{}\\[~]|€\f';

export interface SegmentCount {
  encoding: 'GSM-7' | 'UCS-2';
  /** Length in the encoding's units (septets, or UTF-16 code units). */
  units: number;
  segments: number;
}

/** How many SMS segments `body` takes, and in which encoding. */
export function countSegments(body: string): SegmentCount {
  let septets = 0;
  for (const ch of body) {
    if (GSM7_BASIC.includes(ch)) septets += 1;
    else if (GSM7_EXTENSION.includes(ch)) septets += 2;
    else {
      const units = body.length; // UTF-16 code units: what UCS-2/UTF-16 SMS count
      return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
    }
  }
  return { encoding: 'GSM-7', units: septets, segments: septets <= 160 ? 1 : Math.ceil(septets / 153) };
}

/** The survey invitation SMS: signature, one short sentence, the link. 62 characters with a local link. */
export function invitationSms(signature: string, link: string): string {
  return `【${signature}】问题已办结，请评价：${link}`;
}

/** The one reminder to a non-responder: signature, the reminder, a fresh link. 65 characters with a local link. */
export function reminderSms(signature: string, link: string): string {
  return `【${signature}】提醒：您尚未评价，请点击：${link}`;
}

/**
 * The SMS of a bundle (the frequency cap merged several closures): how many issues wait for a
 * rating, and one link to a page that lists them. 65 characters for 3 issues with a local link.
 */
export function bundleInvitationSms(signature: string, link: string, issues: number): string {
  return `【${signature}】您有${issues}项诉求办结，请评价：${link}`;
}

/** The one reminder of a bundle: how many issues still wait for a rating, and a fresh link. 63 characters for 2 with a local link. */
export function bundleReminderSms(signature: string, link: string, issues: number): string {
  return `【${signature}】提醒：${issues}项诉求待评价：${link}`;
}

/** The survey link of a token under the public base URL. */
export function surveyLink(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/s/${token}`;
}

/** Token length in a link: 16 random bytes as base64url. */
const TOKEN_CHARS = 22;

/**
 * Every SMS template, rendered with the longest link the settings can produce, that would not fit
 * in one segment — one problem each. Two segments cost twice and split badly on older phones; the
 * hosts warn at start so that the office shortens the signature or sets a short custom domain.
 */
export function smsLengthProblems(settings: { smsSignature: string; publicBaseUrl: string; surveyLinkMode?: 'token' | 'code' }): Problem[] {
  const link = surveyLink(settings.publicBaseUrl, 'x'.repeat(TOKEN_CHARS));
  // A bundle is checked at two digits, the longest a week of one enterprise's closures makes.
  const templates: Record<string, (signature: string) => string> =
    settings.surveyLinkMode === 'code'
      ? codeModeTemplates(settings.publicBaseUrl)
      : {
          invitation: (signature) => invitationSms(signature, link),
          reminder: (signature) => reminderSms(signature, link),
          'bundle invitation': (signature) => bundleInvitationSms(signature, link, 99),
          'bundle reminder': (signature) => bundleReminderSms(signature, link, 99),
        };
  return Object.entries(templates).flatMap(([name, render]) => {
    const count = countSegments(render(settings.smsSignature));
    return count.segments === 1
      ? []
      : [{ code: 'sms.too_long', path: 'publicBaseUrl', message: `the ${name} SMS would take ${count.segments} segments (${count.units} characters); shorten smsSignature or publicBaseUrl` }];
  });
}
