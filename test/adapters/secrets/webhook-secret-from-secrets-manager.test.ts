import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { createApp } from '../../../functions/api/app';
import { webhookSignature } from '../../../functions/api/webhook-signature';
import { secretsManagerLoader, type SecretLoader } from '../../../functions/adapters/secrets/secrets-manager-loader';
import { loadCloudApiDeps, loadWebhookSecret, readCloudEnv } from '../../../functions/composition/cloud';
import { wallClockSeconds } from '../../support/pinned-wall-clock';

const SECRET_ARN = 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:WebhookSecretF21E29CC-AbCdEf';
/** As Secrets Manager generates it for the stack: 48 letters and digits. */
const GENERATED = 'q3ZkR8vXw2LmN5pT7yB4cD6fG9hJ1sA0uE8iO2rK4tW6xY3z';
const WEBHOOK = '/api/v1/events/issue-closed';

/** What the stacks give the api function: a staff identity, the table, the base URL and the secret's ARN. */
const cloudEnv = {
  HUIFANG_TABLE_NAME: 'huifang-test',
  HUIFANG_PUBLIC_BASE_URL: 'https://hf.example.cn',
  HUIFANG_JWT_ISSUER: 'https://idp.example.gov.cn/realms/staff',
  HUIFANG_JWT_AUDIENCE: 'huifang',
  AWS_REGION: 'cn-north-1',
  HUIFANG_WEBHOOK_SECRET_ARN: SECRET_ARN,
};

/** A `SecretLoader` that answers from `values` by ARN (and rejects, as Secrets Manager would, for any other). */
function fakeSecrets(values: Record<string, string>) {
  return vi.fn<SecretLoader>(async (secretId) => {
    const value = values[secretId];
    if (value === undefined) throw Object.assign(new Error(`Secrets Manager can't find the specified secret.`), { name: 'ResourceNotFoundException' });
    return value;
  });
}

/** A delivery signed with `secret` whose body (`{}`) the webhook refuses only after trusting it. */
function signedDelivery(secret: string) {
  const timestamp = String(wallClockSeconds());
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-Huifang-Timestamp': timestamp, 'X-Huifang-Signature': webhookSignature(secret, timestamp, '{}') },
    body: '{}',
  };
}

describe('the Secrets Manager loader, against a fake client', () => {
  it('asks GetSecretValue for the secret of the ARN, bounded by a timeout, and returns its string', async () => {
    // Prepare
    const send = vi.fn(async (_command: unknown, _options?: { abortSignal?: AbortSignal }) => ({ SecretString: GENERATED }));
    const loadSecret = secretsManagerLoader({ send } as never);

    // Act
    const value = await loadSecret(SECRET_ARN);

    // Assess
    expect(value).toBe(GENERATED);
    expect(send).toHaveBeenCalledOnce();
    const [command, options] = send.mock.calls[0]!;
    expect(command).toBeInstanceOf(GetSecretValueCommand);
    expect((command as GetSecretValueCommand).input).toEqual({ SecretId: SECRET_ARN });
    expect(options?.abortSignal).toBeInstanceOf(AbortSignal);
  });

  it('refuses a binary secret, naming the ARN', async () => {
    const loadSecret = secretsManagerLoader({ send: async () => ({ SecretBinary: new Uint8Array([1, 2, 3]) }) } as never);
    await expect(loadSecret(SECRET_ARN)).rejects.toThrow(`secret ${SECRET_ARN} has no string value`);
  });
});

describe('the webhook secret of the cloud api', () => {
  let logged: MockInstance<typeof console.error>;
  beforeEach(() => {
    logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    logged.mockRestore();
  });

  it('is read once from the secret HUIFANG_WEBHOOK_SECRET_ARN names, and the webhook then trusts deliveries signed with it', async () => {
    // Prepare
    const loadSecret = fakeSecrets({ [SECRET_ARN]: GENERATED });

    // Act
    const deps = await loadCloudApiDeps(readCloudEnv(cloudEnv), loadSecret);
    const app = createApp(deps);

    // Assess
    expect(loadSecret).toHaveBeenCalledOnce();
    expect(loadSecret).toHaveBeenCalledWith(SECRET_ARN);
    expect(deps.webhookSecret).toBe(GENERATED);
    // Trusted, then refused for its body: the secret is in use, and no table is touched.
    const trusted = await app.request(WEBHOOK, signedDelivery(GENERATED));
    expect(trusted.status).toBe(400);
    expect(((await trusted.json()) as { error: string }).error).toBe('validation.failed');
    const forged = await app.request(WEBHOOK, signedDelivery('a-guess-of-at-least-thirty-two-characters'));
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: string }).error).toBe('webhook.bad_signature');
    expect(logged).not.toHaveBeenCalled();
  });

  it('leaves only the webhook unconfigured when the secret cannot be read: it answers 503, the rest of the API works', async () => {
    // Prepare
    const loadSecret = vi.fn<SecretLoader>(async () => {
      throw Object.assign(new Error('User is not authorized to perform: secretsmanager:GetSecretValue'), { name: 'AccessDeniedException' });
    });

    // Act
    const deps = await loadCloudApiDeps(readCloudEnv(cloudEnv), loadSecret);
    const app = createApp(deps);

    // Assess
    expect(deps.webhookSecret).toBeUndefined();
    const webhook = await app.request(WEBHOOK, signedDelivery(GENERATED));
    expect(webhook.status).toBe(503);
    expect(((await webhook.json()) as { error: string }).error).toBe('webhook.not_configured');
    expect((await app.request('/healthz')).status).toBe(200);
    const staff = await app.request('/api/v1/issues');
    expect(staff.status).toBe(401);
    expect(((await staff.json()) as { error: string }).error).toBe('auth.missing');
    expect(logged).toHaveBeenCalledOnce();
    expect(JSON.parse(String(logged.mock.calls[0]![0]))).toMatchObject({
      level: 'error',
      secretArn: SECRET_ARN,
      error: expect.stringContaining('AccessDeniedException'),
    });
  });

  it('refuses a stored value shorter than 32 characters, and never logs it', async () => {
    const tooShort = 'hunter2-but-longer';
    const secret = await loadWebhookSecret(readCloudEnv(cloudEnv), fakeSecrets({ [SECRET_ARN]: tooShort }));
    expect(secret).toBeUndefined();
    expect(logged).toHaveBeenCalledOnce();
    const line = String(logged.mock.calls[0]![0]);
    expect(line).toContain('at least 32 characters');
    expect(line).not.toContain(tooShort);
  });

  it('takes a plain HUIFANG_WEBHOOK_SECRET as it is (tests, emulators), without asking Secrets Manager', async () => {
    const { HUIFANG_WEBHOOK_SECRET_ARN: _, ...plainEnv } = cloudEnv;
    const loadSecret = fakeSecrets({});
    await expect(loadWebhookSecret(readCloudEnv({ ...plainEnv, HUIFANG_WEBHOOK_SECRET: GENERATED }), loadSecret)).resolves.toBe(GENERATED);
    await expect(loadWebhookSecret(readCloudEnv(plainEnv), loadSecret)).resolves.toBeUndefined();
    expect(loadSecret).not.toHaveBeenCalled();
  });

  it('refuses both variables at once, and an ARN that is not a Secrets Manager one', () => {
    expect(() => readCloudEnv({ ...cloudEnv, HUIFANG_WEBHOOK_SECRET: GENERATED })).toThrow(/HUIFANG_WEBHOOK_SECRET_ARN: webhook secret: set either .* not both/);
    expect(() => readCloudEnv({ ...cloudEnv, HUIFANG_WEBHOOK_SECRET_ARN: 'arn:aws-cn:ssm:cn-north-1:123456789012:parameter/huifang' })).toThrow(
      /HUIFANG_WEBHOOK_SECRET_ARN: the ARN of a Secrets Manager secret/,
    );
  });
});
