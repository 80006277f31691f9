import { DomainError } from '../../core/errors';
import { principalSchema, type Principal, type Role } from '../../core/auth/principal';

/** Turns a bearer token into the signed-in staff member, or throws `auth.invalid`. */
export interface StaffAuthenticator {
  authenticate(token: string): Promise<Principal>;
}

/** Anything that verifies a JWT and answers its payload: aws-jwt-verify's Cognito and RSA verifiers. */
export interface JwtPayloadVerifier {
  verify(token: string): Promise<Record<string, unknown>>;
}

/**
 * Claims huifang reads, the same from Cognito ID tokens and the local issuer: the role is the
 * first of `cognito:groups`, the zone and team are the `custom:zoneId` / `custom:teamId` attributes.
 */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const groups = Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as unknown[]) : [];
  const parsed = principalSchema.safeParse({
    sub: claims.sub,
    username: claims['cognito:username'] ?? claims.username ?? claims.sub,
    role: groups[0],
    zoneId: claims['custom:zoneId'] || undefined,
    teamId: claims['custom:teamId'] || undefined,
  });
  if (!parsed.success) throw new DomainError('auth.invalid', 'The token does not name a huifang role.');
  return parsed.data;
}

/** The claims to sign for a principal (the local issuer's side of `principalFromClaims`). */
export function claimsFor(user: { sub: string; username: string; role: Role; zoneId?: string; teamId?: string }): Record<string, unknown> {
  return {
    sub: user.sub,
    'cognito:username': user.username,
    'cognito:groups': [user.role],
    token_use: 'id',
    ...(user.zoneId ? { 'custom:zoneId': user.zoneId } : {}),
    ...(user.teamId ? { 'custom:teamId': user.teamId } : {}),
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
