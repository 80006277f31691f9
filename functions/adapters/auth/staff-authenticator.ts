import { DomainError } from '../../core/errors';
import { principalSchema, type Principal, type Role } from '../../core/auth/principal';

/** Turns a bearer token into the signed-in staff member, or throws `auth.invalid`. */
export interface StaffAuthenticator {
  authenticate(token: string): Promise<Principal>;
}

/** Anything that verifies a JWT and answers its payload: aws-jwt-verify's Cognito and generic verifiers. */
export interface JwtPayloadVerifier {
  verify(token: string): Promise<Record<string, unknown>>;
}

/** The first element of an array claim such as `groups`; anything else has none. */
function firstOf(claim: unknown): unknown {
  return Array.isArray(claim) ? claim[0] : undefined;
}

/**
 * Claims huifang reads. Cognito ID tokens and the local issuer name them the Cognito way: the role is
 * the first of `cognito:groups`, the zone and team are the `custom:zoneId` / `custom:teamId`
 * attributes. Other OIDC issuers (a government identity provider in aws-cn, where Cognito user pools
 * do not exist) cannot mint `cognito:` or `custom:` claims, so their usual names are read next: role
 * from the first of `groups`, else `role`; username from `preferred_username`, `username`, `sub`;
 * `zoneId` and `teamId` as they are.
 *
 * @example
 * principalFromClaims({ sub: 'u1', preferred_username: 'li.wei', groups: ['office'] });
 * // { sub: 'u1', username: 'li.wei', role: 'office' }
 */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const parsed = principalSchema.safeParse({
    sub: claims.sub,
    username: claims['cognito:username'] ?? claims.preferred_username ?? claims.username ?? claims.sub,
    role: firstOf(claims['cognito:groups']) ?? firstOf(claims.groups) ?? claims.role,
    zoneId: claims['custom:zoneId'] || claims.zoneId || undefined,
    teamId: claims['custom:teamId'] || claims.teamId || undefined,
    functionGroupId: claims['custom:functionGroupId'] || claims.functionGroupId || undefined,
  });
  if (!parsed.success) throw new DomainError('auth.invalid', 'The token does not name a huifang role.');
  return parsed.data;
}

/** The claims to sign for a principal (the local issuer's side of `principalFromClaims`). */
export function claimsFor(user: { sub: string; username: string; role: Role; zoneId?: string; teamId?: string; functionGroupId?: string }): Record<string, unknown> {
  return {
    sub: user.sub,
    'cognito:username': user.username,
    'cognito:groups': [user.role],
    token_use: 'id',
    ...(user.zoneId ? { 'custom:zoneId': user.zoneId } : {}),
    ...(user.teamId ? { 'custom:teamId': user.teamId } : {}),
    ...(user.functionGroupId ? { 'custom:functionGroupId': user.functionGroupId } : {}),
  };
}

/** A StaffAuthenticator over a JWT verifier: every failure is `auth.invalid`, with the cause kept. */
export function jwtStaffAuthenticator(verifier: JwtPayloadVerifier): StaffAuthenticator {
  return {
    async authenticate(token) {
      let claims: Record<string, unknown>;
      try {
        claims = await verifier.verify(token);
      } catch (cause) {
        throw new DomainError('auth.invalid', 'The token is not valid or has expired.', undefined, { cause });
      }
      return principalFromClaims(claims);
    },
  };
}
