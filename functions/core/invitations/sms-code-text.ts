import { CODE_ALPHABET, CODE_LENGTH, codeEntryUrl } from './survey-code';

/**
 * The SMS of code mode: the fixed page and the code, never a link of its own. With a 12-character
 * signature and a district's short domain (`https://hf.ccxinqu.gov.cn/c`) the longer one, the
 * reminder, is 68 characters: one UCS-2 segment.
 */

/** The survey invitation in code mode. 57 characters with the default signature and a district domain. */
export function invitationCodeSms(signature: string, entryUrl: string, code: string): string {
  return `【${signature}】问题已办结，请打开 ${entryUrl} 输入评价码${code}`;
}

/** The one reminder in code mode, with a new code (the first one keeps working). 60 characters likewise. */
export function reminderCodeSms(signature: string, entryUrl: string, code: string): string {
  return `【${signature}】提醒：您尚未评价，请打开 ${entryUrl} 输入评价码${code}`;
}

/** A bundle's invitation in code mode (the frequency cap merged `issues` closures). 68 characters for 3 issues likewise, 69 for 99. */
export function bundleInvitationCodeSms(signature: string, entryUrl: string, code: string, issues: number): string {
  return `【${signature}】您有${issues}项诉求办结，请打开 ${entryUrl} 输入评价码${code}`;
}

/** A bundle's one reminder in code mode: how many issues still wait, and a new code. 68 characters for 2 likewise, 69 for 99. */
export function bundleReminderCodeSms(signature: string, entryUrl: string, code: string, issues: number): string {
  return `【${signature}】提醒：${issues}项待评价，请打开 ${entryUrl} 输入评价码${code}`;
}

/**
 * The code-mode templates rendered with the longest code the alphabet has, for the length check
 * of `smsLengthProblems` (every code is 8 characters of the GSM-7 alphabet, so any code will do).
 */
export function codeModeTemplates(publicBaseUrl: string): Record<string, (signature: string) => string> {
  const url = codeEntryUrl(publicBaseUrl);
  const code = CODE_ALPHABET.slice(-CODE_LENGTH);
  return {
    'code invitation': (signature) => invitationCodeSms(signature, url, code),
    'code reminder': (signature) => reminderCodeSms(signature, url, code),
    // A bundle is checked at two digits, as in token mode.
    'code bundle invitation': (signature) => bundleInvitationCodeSms(signature, url, code, 99),
    'code bundle reminder': (signature) => bundleReminderCodeSms(signature, url, code, 99),
  };
}
