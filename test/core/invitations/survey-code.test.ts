import { describe, expect, it } from 'vitest';
import { surveyTokens } from '../../../functions/adapters/ids/ids';
import { bundleInvitationCodeSms, bundleReminderCodeSms, invitationCodeSms, reminderCodeSms } from '../../../functions/core/invitations/sms-code-text';
import { countSegments, smsLengthProblems } from '../../../functions/core/invitations/sms-text';
import { CODE_ALPHABET, codeEntryUrl, codeFromRandom, lastDigitsMatch, normalizeCode, normalizeDigits } from '../../../functions/core/invitations/survey-code';
import { mintSurveyAccess, surveySmsContent } from '../../../functions/core/invitations/survey-message';
import { defaultSettings } from '../../../functions/core/settings';

describe('survey codes', () => {
  it('are 8 characters of an alphabet without 0, O, 1, I or L', () => {
    expect(CODE_ALPHABET).toHaveLength(31);
    expect(CODE_ALPHABET).not.toMatch(/[0O1IL]/);
    for (let i = 0; i < 200; i++) expect(codeFromRandom(surveyTokens.mint().token)).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
  });

  it('spread over the whole alphabet in every position', () => {
    const seen = Array.from({ length: 8 }, () => new Set<string>());
    for (let i = 0; i < 2000; i++) [...codeFromRandom(surveyTokens.mint().token)].forEach((ch, at) => seen[at]!.add(ch));
    for (const position of seen) expect(position.size).toBe(31);
  });

  it('differ for different random input and are the same for the same', () => {
    const token = surveyTokens.mint().token;
    expect(codeFromRandom(token)).toBe(codeFromRandom(token));
    const codes = new Set(Array.from({ length: 1000 }, () => codeFromRandom(surveyTokens.mint().token)));
    expect(codes.size).toBe(1000);
  });

  it('accept a pasted code with spaces, dashes, lower case or full-width letters', () => {
    for (const typed of ['K7QM2PXA', 'k7qm2pxa', ' K7QM-2PXA ', 'K7QM 2PXA', 'ｋ７ｑｍ２ｐｘａ', 'K7Q M2P-XA\n']) expect(normalizeCode(typed)).toBe('K7QM2PXA');
  });

  it('refuse what cannot be a code, so that no lookup is spent on it', () => {
    for (const typed of ['', 'K7QM2PX', 'K7QM2PXAB', 'K7QM2PX0', 'K7QM2PXO', 'K7QM2PX1', 'K7QM2PXI', 'K7QM2PXL', 'K7QM2PX!', '评价码K7QM']) expect(normalizeCode(typed)).toBeUndefined();
  });

  it('take the last 4 phone digits as typed, full-width too', () => {
    expect(normalizeDigits(' 0040 ')).toBe('0040');
    expect(normalizeDigits('００４０')).toBe('0040');
    for (const typed of ['040', '00400', 'abcd', '']) expect(normalizeDigits(typed)).toBeUndefined();
  });

  it('match the last 4 digits of the contact phone whatever its format', () => {
    expect(lastDigitsMatch('13804310040', '0040')).toBe(true);
    expect(lastDigitsMatch('+86 138-0431-0040', '0040')).toBe(true);
    expect(lastDigitsMatch('13804310040', '0041')).toBe(false);
    expect(lastDigitsMatch('13804310040', '040')).toBe(false);
    expect(lastDigitsMatch('123', '0123')).toBe(false);
  });
});

describe('the code-mode SMS', () => {
  const districtDomain = 'https://hf.ccxinqu.gov.cn';

  it('names the fixed page and the code, and fits one segment with a 12-character signature and a district domain', () => {
    const code = codeFromRandom(surveyTokens.mint().token);
    const url = codeEntryUrl(`${districtDomain}/`);
    expect(url).toBe('https://hf.ccxinqu.gov.cn/c');
    for (const body of [invitationCodeSms('长春市长春新区营商环境办', url, code), reminderCodeSms('长春市长春新区营商环境办', url, code)]) {
      expect(body).toContain(` ${url} `);
      expect(body).toMatch(new RegExp(`${code}$`));
      expect(countSegments(body)).toMatchObject({ encoding: 'UCS-2', segments: 1 });
    }
    expect(reminderCodeSms('长春市长春新区营商环境办', url, code)).toHaveLength(68);
    // A bundle's texts count its issues; two digits still fit.
    for (const body of [bundleInvitationCodeSms('长春市长春新区营商环境办', url, code, 99), bundleReminderCodeSms('长春市长春新区营商环境办', url, code, 99)]) {
      expect(body).toContain(`99项`);
      expect(body).toMatch(new RegExp(` ${url} 输入评价码${code}$`));
      expect(countSegments(body)).toMatchObject({ encoding: 'UCS-2', units: 69, segments: 1 });
    }
    expect(smsLengthProblems({ smsSignature: '长春市长春新区营商环境办', publicBaseUrl: districtDomain, surveyLinkMode: 'code' })).toEqual([]);
  });

  it('keeps the default signature and the default execute-api URL in one segment, where token links do not fit', () => {
    const executeApi = 'https://abcdefghij.execute-api.cn-north-1.amazonaws.com.cn';
    expect(smsLengthProblems({ smsSignature: '长春新区', publicBaseUrl: executeApi, surveyLinkMode: 'code' })).toHaveLength(4);
    expect(smsLengthProblems({ ...defaultSettings, surveyLinkMode: 'code' })).toEqual([]);
  });

  it('are named in the start-up warnings when the base URL is too long for them', () => {
    const problems = smsLengthProblems({ smsSignature: '长春新区营商环境办公室', publicBaseUrl: 'https://abcdefghij.execute-api.cn-north-1.amazonaws.com.cn', surveyLinkMode: 'code' });
    expect(problems.map((p) => p.message.split(' SMS')[0])).toEqual(['the code invitation', 'the code reminder', 'the code bundle invitation', 'the code bundle reminder']);
  });

  it('carries the code (for template providers) and the entry page as the link; token mode is unchanged', () => {
    const tokens = { mint: surveyTokens.mint, hash: surveyTokens.hash };
    const code = mintSurveyAccess({ tokens, settings: { ...defaultSettings, surveyLinkMode: 'code' } });
    expect(code.codeHash).toBe(surveyTokens.hash(code.code!));
    expect(code.tokenHash).toBe(surveyTokens.hash(code.token));
    const sms = surveySmsContent(defaultSettings, code, 'reminder');
    expect(sms).toEqual({ body: `【长春新区】提醒：您尚未评价，请打开 http://localhost:3000/c 输入评价码${code.code}`, link: 'http://localhost:3000/c', code: code.code });
    expect(sms.body).not.toContain(code.token);

    const token = mintSurveyAccess({ tokens, settings: defaultSettings });
    expect(token).toEqual({ token: token.token, tokenHash: token.tokenHash });
    expect(surveySmsContent(defaultSettings, token, 'invitation')).toEqual({ body: `【长春新区】问题已办结，请评价：http://localhost:3000/s/${token.token}`, link: `http://localhost:3000/s/${token.token}` });
  });

  it('counts a bundle’s issues in either mode', () => {
    const tokens = { mint: surveyTokens.mint, hash: surveyTokens.hash };
    const code = mintSurveyAccess({ tokens, settings: { ...defaultSettings, surveyLinkMode: 'code' } });
    expect(surveySmsContent(defaultSettings, code, 'invitation', 3).body).toBe(`【长春新区】您有3项诉求办结，请打开 http://localhost:3000/c 输入评价码${code.code}`);
    expect(surveySmsContent(defaultSettings, code, 'reminder', 2).body).toBe(`【长春新区】提醒：2项待评价，请打开 http://localhost:3000/c 输入评价码${code.code}`);
    const token = mintSurveyAccess({ tokens, settings: defaultSettings });
    expect(surveySmsContent(defaultSettings, token, 'reminder', 2).body).toBe(`【长春新区】提醒：2项诉求待评价：http://localhost:3000/s/${token.token}`);
  });
});
