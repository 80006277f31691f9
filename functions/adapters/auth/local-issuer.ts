import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JwtVerifier } from 'aws-jwt-verify';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import type { Role } from '../../core/auth/principal';
import { claimsFor, jwtStaffAuthenticator, type JwtPayloadVerifier, type StaffAuthenticator } from './staff-authenticator';

export const LOCAL_ISSUER = 'huifang-local';
export const LOCAL_AUDIENCE = 'huifang';

export interface LocalUser {
  sub: string;
  username: string;
  role: Role;
  zoneId?: string;
  teamId?: string;
  functionGroupId?: string;
}

/**
 * The local stand-in for Cognito: an RS256 key pair (kept under the data folder, so tokens outlive
 * a restart) that signs ID tokens shaped like Cognito's. They are checked by aws-jwt-verify exactly
 * as the cloud checks Cognito's, so local and cloud share one verification path.
 */
export class LocalIssuer {
  private constructor(
    private readonly privateKey: CryptoKey | Uint8Array,
    readonly publicJwk: JWK & { kid: string },
  ) {}

  /** Loads the key pair from `dir` (creating it on first use), or keeps a fresh one in memory. */
  static async load(dir?: string): Promise<LocalIssuer> {
    const file = dir ? join(dir, 'local-issuer-key.json') : undefined;
    const stored = file ? await readFile(file, 'utf8').then(JSON.parse, () => undefined) : undefined;
    if (stored?.privateJwk && stored?.publicJwk) {
      return new LocalIssuer(await importJWK(stored.privateJwk, 'RS256'), stored.publicJwk);
    }
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = `local-${Date.now().toString(36)}`;
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
    if (file && dir) {
      await mkdir(dir, { recursive: true });
      await writeFile(file, JSON.stringify({ privateJwk: await exportJWK(privateKey), publicJwk }), { mode: 0o600 });
    }
    return new LocalIssuer(privateKey, publicJwk);
  }

  jwks() {
    return { keys: [this.publicJwk] };
  }

  /** A signed ID token for `user`, valid for `ttlSeconds` from `now`. */
  issue(user: LocalUser, now: Date, ttlSeconds: number): Promise<string> {
    const iat = Math.floor(now.getTime() / 1000);
    return new SignJWT(claimsFor(user))
      .setProtectedHeader({ alg: 'RS256', kid: this.publicJwk.kid, typ: 'JWT' })
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttlSeconds)
      .sign(this.privateKey);
  }

  /** The verifier for this issuer's tokens (the JWKS is handed over, never fetched). */
  authenticator(jwksUri: string): StaffAuthenticator {
    const verifier = JwtVerifier.create({ issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, jwksUri });
    verifier.cacheJwks(this.jwks() as Parameters<typeof verifier.cacheJwks>[0]);
    return jwtStaffAuthenticator(verifier as unknown as JwtPayloadVerifier);
  }
}
