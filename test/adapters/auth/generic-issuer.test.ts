import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { JwtInvalidAudienceError, JwtInvalidIssuerError, JwtInvalidSignatureError } from 'aws-jwt-verify/error';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { jwtStaffAuthenticator, type JwtPayloadVerifier, type StaffAuthenticator } from '../../../functions/adapters/auth/staff-authenticator';
import { DomainError } from '../../../functions/core/errors';
import { readCloudEnv, staffIdentityOf, staffVerifier } from '../../../functions/composition/cloud';

const ISSUER = 'https://idp.example.gov.cn/realms/staff';
const AUDIENCE = 'huifang';
const KID = 'gov-2026-01';

/** What every cloud function is given besides the staff identity. */
const base = { HUIFANG_TABLE_NAME: 'huifang-test', HUIFANG_PUBLIC_BASE_URL: 'https://hf.example.cn' };
const issuerEnv = { ...base, HUIFANG_JWT_ISSUER: ISSUER, HUIFANG_JWT_AUDIENCE: AUDIENCE };
const cognitoEnv = { ...base, HUIFANG_USER_POOL_ID: 'cn-north-1_Example1', HUIFANG_USER_POOL_CLIENT_ID: 'exampleclientid' };

type SigningKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

describe('staff tokens of a generic OIDC issuer (aws-cn), verified without network', () => {
  let issuerKey: SigningKey;
  let strangerKey: SigningKey;
  let auth: StaffAuthenticator;

  /** An RS256 token as the issuer would sign it; `overrides` change the registered claims. */
  function sign(claims: JWTPayload, overrides: { iss?: string; aud?: string; key?: SigningKey } = {}) {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' })
      .setIssuer(overrides.iss ?? ISSUER)
      .setAudience(overrides.aud ?? AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(overrides.key ?? issuerKey);
  }

  /** The error `authenticate` rejects `token` with. */
  async function rejectionOf(token: string): Promise<DomainError> {
    const error = await auth.authenticate(token).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    issuerKey = pair.privateKey;
    strangerKey = (await generateKeyPair('RS256')).privateKey;
    // Built exactly as the api function builds it, then handed the issuer's JWKS instead of fetching it.
    const verifier = staffVerifier(readCloudEnv(issuerEnv));
    verifier.cacheJwks({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'RS256', use: 'sig' }] } as Parameters<typeof verifier.cacheJwks>[0]);
    auth = jwtStaffAuthenticator(verifier as unknown as JwtPayloadVerifier);
  });

  it('accepts a token of the configured issuer and audience and reads its generic claims', async () => {
    const token = await sign({ sub: 'gov-42', preferred_username: 'zhao.lei', groups: ['zone-dispatcher'], zoneId: 'beihu' });
    await expect(auth.authenticate(token)).resolves.toEqual({ sub: 'gov-42', username: 'zhao.lei', role: 'zone-dispatcher', zoneId: 'beihu' });
  });

  it('rejects a token issued for another audience', async () => {
    const token = await sign({ sub: 'gov-42', groups: ['office'] }, { aud: 'another-app' });
    const error = await rejectionOf(token);
    expect(error.code).toBe('auth.invalid');
    expect(error.cause).toBeInstanceOf(JwtInvalidAudienceError);
  });

  it('rejects a token from another issuer, even one that ends with the same path', async () => {
    const token = await sign({ sub: 'gov-42', groups: ['office'] }, { iss: 'https://idp.example.com/realms/staff' });
    const error = await rejectionOf(token);
    expect(error.code).toBe('auth.invalid');
    expect(error.cause).toBeInstanceOf(JwtInvalidIssuerError);
  });

  it('rejects a token signed by a key the issuer did not publish', async () => {
    const token = await sign({ sub: 'gov-42', groups: ['office'] }, { key: strangerKey });
    const error = await rejectionOf(token);
    expect(error.code).toBe('auth.invalid');
    expect(error.cause).toBeInstanceOf(JwtInvalidSignatureError);
  });

  it('rejects a valid token that names no huifang role', async () => {
    const token = await sign({ sub: 'gov-42', groups: ['visitors'] });
    await expect(auth.authenticate(token)).rejects.toMatchObject({ code: 'auth.invalid' });
  });
});

describe('choosing the staff identity from the environment', () => {
  it('reads the issuer variables, the JWKS URI defaulting to <issuer>/.well-known/jwks.json', () => {
    expect(staffIdentityOf(readCloudEnv(issuerEnv))).toEqual({ kind: 'issuer', issuer: ISSUER, audience: AUDIENCE, jwksUri: `${ISSUER}/.well-known/jwks.json` });
    expect(staffIdentityOf(readCloudEnv({ ...issuerEnv, HUIFANG_JWT_ISSUER: 'https://idp.example.gov.cn/' }))).toMatchObject({
      issuer: 'https://idp.example.gov.cn/',
      jwksUri: 'https://idp.example.gov.cn/.well-known/jwks.json',
    });
    const published = 'https://idp.example.gov.cn/realms/staff/protocol/openid-connect/certs';
    expect(staffIdentityOf(readCloudEnv({ ...issuerEnv, HUIFANG_JWKS_URI: published }))).toMatchObject({ jwksUri: published });
  });

  it('reads the user pool variables as a Cognito identity, verified for ID tokens', () => {
    const env = readCloudEnv(cognitoEnv);
    expect(staffIdentityOf(env)).toEqual({ kind: 'cognito', userPoolId: 'cn-north-1_Example1', clientId: 'exampleclientid' });
    expect(staffVerifier(env)).toBeInstanceOf(CognitoJwtVerifier);
  });

  it('refuses neither, both, or half of one', () => {
    expect(() => readCloudEnv(base)).toThrow(/staff identity: set either HUIFANG_USER_POOL_ID and HUIFANG_USER_POOL_CLIENT_ID \(a Cognito user pool\) or HUIFANG_JWT_ISSUER and HUIFANG_JWT_AUDIENCE/);
    expect(() => readCloudEnv({ ...cognitoEnv, HUIFANG_JWT_ISSUER: ISSUER })).toThrow(/not both/);
    expect(() => readCloudEnv({ ...base, HUIFANG_JWT_ISSUER: ISSUER })).toThrow(/HUIFANG_JWT_AUDIENCE: required for staff identity/);
    expect(() => readCloudEnv({ ...base, HUIFANG_USER_POOL_ID: 'cn-north-1_Example1' })).toThrow(/HUIFANG_USER_POOL_CLIENT_ID: required/);
  });

  it('trusts an issuer and its keys only over https', () => {
    expect(() => readCloudEnv({ ...issuerEnv, HUIFANG_JWT_ISSUER: 'http://idp.example.gov.cn' })).toThrow(/HUIFANG_JWT_ISSUER: must be an https URL/);
    expect(() => readCloudEnv({ ...issuerEnv, HUIFANG_JWKS_URI: 'http://idp.example.gov.cn/jwks' })).toThrow(/HUIFANG_JWKS_URI: must be an https URL/);
  });
});
