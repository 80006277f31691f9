import { describe, expect, it } from 'vitest';
import { claimsFor, jwtStaffAuthenticator, principalFromClaims } from '../../../functions/adapters/auth/staff-authenticator';
import { DomainError } from '../../../functions/core/errors';

/** The DomainError code `act` throws, or undefined when it does not throw one. */
function codeOf(act: () => unknown): string | undefined {
  try {
    act();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
}

describe('principalFromClaims', () => {
  it('reads a Cognito ID token: the first group is the role, zone and team are custom attributes', () => {
    const claims = {
      sub: '0f1e2d3c-aaaa-bbbb-cccc-000000000001',
      'cognito:username': 'wang.fang',
      'cognito:groups': ['team-member', 'office'],
      'custom:zoneId': 'gaoxin',
      'custom:teamId': 'gaoxin-01',
      token_use: 'id',
    };
    expect(principalFromClaims(claims)).toEqual({
      sub: '0f1e2d3c-aaaa-bbbb-cccc-000000000001',
      username: 'wang.fang',
      role: 'team-member',
      zoneId: 'gaoxin',
      teamId: 'gaoxin-01',
    });
  });

  it('reads what it signs for the local issuer', () => {
    const user = { sub: 'local-7', username: 'li.wei', role: 'zone-dispatcher' as const, zoneId: 'gaoxin' };
    expect(principalFromClaims(claimsFor(user))).toEqual(user);
  });

  it('reads a generic OIDC token: groups, preferred_username, zoneId and teamId', () => {
    const claims = { sub: 'gov-42', preferred_username: 'zhao.lei', groups: ['team-member'], zoneId: 'beihu', teamId: 'beihu-03' };
    expect(principalFromClaims(claims)).toEqual({ sub: 'gov-42', username: 'zhao.lei', role: 'team-member', zoneId: 'beihu', teamId: 'beihu-03' });
  });

  it('takes the role from a plain role claim and the username from username, then sub', () => {
    expect(principalFromClaims({ sub: 'gov-1', username: 'chen.jing', role: 'office' })).toEqual({ sub: 'gov-1', username: 'chen.jing', role: 'office' });
    expect(principalFromClaims({ sub: 'gov-2', role: 'function-group' })).toEqual({ sub: 'gov-2', username: 'gov-2', role: 'function-group' });
  });

  it('prefers the Cognito claims when a token carries both names', () => {
    const claims = { sub: 's', 'cognito:username': 'cognito-name', preferred_username: 'oidc-name', 'cognito:groups': ['office'], role: 'team-member', 'custom:zoneId': 'z1', zoneId: 'z2' };
    expect(principalFromClaims(claims)).toMatchObject({ username: 'cognito-name', role: 'office', zoneId: 'z1' });
  });

  it('treats empty zone and team claims as absent', () => {
    expect(principalFromClaims({ sub: 's', role: 'office', 'custom:zoneId': '', teamId: '' })).toEqual({ sub: 's', username: 's', role: 'office' });
  });

  it('rejects a token with no huifang role as auth.invalid', () => {
    expect(codeOf(() => principalFromClaims({ sub: 'gov-3', preferred_username: 'sun.li' }))).toBe('auth.invalid');
    expect(codeOf(() => principalFromClaims({ sub: 'gov-3', groups: ['admins'] }))).toBe('auth.invalid');
    expect(codeOf(() => principalFromClaims({ sub: 'gov-3', groups: [], role: 'mayor' }))).toBe('auth.invalid');
  });

  it('reads the role from the first group only, never from a lower-ranked claim', () => {
    // An issuer that sends groups has said which ones count; a stray `role` claim must not widen access.
    expect(codeOf(() => principalFromClaims({ sub: 'gov-4', groups: ['admins', 'office'], role: 'office' }))).toBe('auth.invalid');
  });

  it('rejects a token without a subject as auth.invalid', () => {
    expect(codeOf(() => principalFromClaims({ role: 'office', username: 'nobody' }))).toBe('auth.invalid');
  });
});

describe('jwtStaffAuthenticator', () => {
  it('turns a verifier failure into auth.invalid and keeps the cause', async () => {
    const expired = new Error('Token expired');
    const authenticator = jwtStaffAuthenticator({ verify: () => Promise.reject(expired) });
    await expect(authenticator.authenticate('a.b.c')).rejects.toMatchObject({ code: 'auth.invalid', cause: expired });
  });

  it('answers the principal of the verified claims', async () => {
    const authenticator = jwtStaffAuthenticator({ verify: async () => ({ sub: 'gov-9', groups: ['office'] }) });
    await expect(authenticator.authenticate('a.b.c')).resolves.toEqual({ sub: 'gov-9', username: 'gov-9', role: 'office' });
  });
});
