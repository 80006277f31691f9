import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** Reads the current string value of a secret by its id (name or ARN); rejects when it cannot. */
export type SecretLoader = (secretId: string) => Promise<string>;

/** Long enough for a slow cold start, short enough that a hung call cannot eat the Lambda init phase. */
const DEFAULT_TIMEOUT_MS = 3_000;

/**
 * A `SecretLoader` backed by AWS Secrets Manager (`GetSecretValue`, the `AWSCURRENT` version). Only
 * string secrets are supported; a binary one is refused. Errors name the secret, never its value.
 *
 * @example
 * const loadSecret = secretsManagerLoader(new SecretsManagerClient({ region }));
 * const secret = await loadSecret('arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:huifang-webhook-AbCdEf');
 */
export function secretsManagerLoader(client: Pick<SecretsManagerClient, 'send'>, options: { timeoutMs?: number } = {}): SecretLoader {
  return async (secretId) => {
    const output = await client.send(new GetSecretValueCommand({ SecretId: secretId }), {
      abortSignal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
    if (typeof output.SecretString !== 'string') throw new Error(`secret ${secretId} has no string value (SecretBinary is not supported)`);
    return output.SecretString;
  };
}
