import { describe, expect, it } from 'vitest';
import { surveyTokens } from '../../../functions/adapters/ids/ids';
import { countSegments, invitationSms, surveyLink } from '../../../functions/core/invitations/sms-text';

describe('the invitation SMS', () => {
  it('fits one UCS-2 segment (70 characters) with the signature and a local link', () => {
    const body = invitationSms('长春新区', surveyLink('http://localhost:3000', surveyTokens.mint().token));
    expect(body).toMatch(/^【长春新区】/);
    expect(body.length).toBeLessThanOrEqual(70);
    expect(countSegments(body)).toEqual({ encoding: 'UCS-2', units: body.length, segments: 1 });
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
