/**
 * Who signs the staff tokens the functions trust: the user pool of the stateful stack, or an issuer
 * outside the app (required in aws-cn, which has no Cognito user pools). Either way the functions
 * learn it from their environment, under the names `cloudEnvSchema` in `functions/composition/cloud.ts` reads.
 */
import type { ExternalStaffIssuer } from './settings';
import type { StaffDirectory } from './staff-user-pool';

export type StaffIdentity = { kind: 'user-pool'; directory: StaffDirectory } | { kind: 'external-issuer'; issuer: ExternalStaffIssuer };

/**
 * The functions' environment for `identity`: the pool and client ids, or the issuer, audience and
 * (when given) JWKS URI. Never both, which `cloudEnvSchema` would refuse at the cold start.
 *
 * @example
 * for (const [name, value] of Object.entries(staffIdentityEnvironment(stateful.staff))) fn.addEnvironment(name, value);
 */
export function staffIdentityEnvironment(identity: StaffIdentity): Record<string, string> {
  if (identity.kind === 'user-pool') {
    return { HUIFANG_USER_POOL_ID: identity.directory.userPoolId, HUIFANG_USER_POOL_CLIENT_ID: identity.directory.clientId };
  }
  const { issuer, audience, jwksUri } = identity.issuer;
  return { HUIFANG_JWT_ISSUER: issuer, HUIFANG_JWT_AUDIENCE: audience, ...(jwksUri ? { HUIFANG_JWKS_URI: jwksUri } : {}) };
}
