import { describe, expect, it } from 'vitest';
import { surveyTokens } from '../../../functions/adapters/ids/ids';
import { bundleInvitationSms, bundleReminderSms, countSegments, invitationSms, reminderSms, smsLengthProblems, surveyLink } from '../../../functions/core/invitations/sms-text';
import { defaultSettings } from '../../../functions/core/settings';

describe('the invitation SMS', () => {
  it('fits one UCS-2 segment (70 characters) with the signature and a local link', () => {
    const body = invitationSms('长春新区', surveyLink('http://localhost:3000', surveyTokens.mint().token));
    expect(body).toMatch(/^【长春新区】/);
    expect(body.length).toBeLessThanOrEqual(70);
    expect(countSegments(body)).toEqual({ encoding: 'UCS-2', units: body.length, segments: 1 });
  });

  it('keeps every template in one segment with the default signature and a real district domain', () => {
    // A district's own short domain, https, as long as such names get (e.g. a 新区 under gov.cn).
    const settings = { ...defaultSettings, publicBaseUrl: 'https://hf.ccxinqu.gov.cn' };
    expect(smsLengthProblems(settings)).toEqual([]);
    const link = surveyLink(settings.publicBaseUrl, surveyTokens.mint().token);
    for (const body of [invitationSms(settings.smsSignature, link), reminderSms(settings.smsSignature, link)]) {
      expect(countSegments(body).segments).toBe(1);
    }
    expect(smsLengthProblems(defaultSettings)).toEqual([]);
  });

  it('names the templates a too-long base URL or signature would split', () => {
    const problems = smsLengthProblems({ smsSignature: '长春新区营商环境办公室', publicBaseUrl: 'https://abcdefghij.execute-api.cn-north-1.amazonaws.com.cn' });
    expect(problems.map((p) => p.message.split(' SMS')[0])).toEqual(['the invitation', 'the reminder', 'the bundle invitation', 'the bundle reminder']);
  });

  it('keeps the bundle SMS of up to 99 issues in one segment with the default signature and a real district domain', () => {
    const link = surveyLink('https://hf.ccxinqu.gov.cn', surveyTokens.mint().token);
    for (const n of [2, 3, 9, 10, 99]) {
      const invitation = bundleInvitationSms('长春新区', link, n);
      expect(invitation).toBe(`【长春新区】您有${n}项诉求办结，请评价：${link}`);
      expect(countSegments(invitation)).toEqual({ encoding: 'UCS-2', units: invitation.length, segments: 1 });
      expect(countSegments(bundleReminderSms('长春新区', link, n)).segments).toBe(1);
    }
  });

  it('counts GSM-7 and UCS-2 segments', () => {
    expect(countSegments('a'.repeat(160)).segments).toBe(1);
    expect(countSegments('a'.repeat(161)).segments).toBe(2);
    expect(countSegments('{'.repeat(80)).units).toBe(160);
    expect(countSegments('中'.repeat(71)).segments).toBe(2);
    expect(countSegments('中'.repeat(135)).segments).toBe(3);
  });

  it('mints tokens of 128 random bits and stores only their hash', () => {
    const { token, hash } = surveyTokens.mint();
    expect(Buffer.from(token, 'base64url')).toHaveLength(16);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token);
    expect(surveyTokens.hash(token)).toBe(hash);
  });
});
