import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../../functions/api/app';
import { receiptPathKey } from '../../../functions/api/receipt-path-key';
import type { SecretLoader } from '../../../functions/adapters/secrets/secrets-manager-loader';
import { SmsSendError } from '../../../functions/core/invitations/sms-send-error';
import { cloudCoreDeps, loadCloudApiDeps, loadCloudCoreDeps, readCloudEnv } from '../../../functions/composition/cloud';
import { at, fakeProvider, message, type FakeProvider } from '../sms/fake-provider';

const CREDENTIALS_ARN = 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:SmsCredentials1A2B3C-AbCdEf';
const RECEIPT_ARN = 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:SmsReceiptSecret4D5E6F-GhIjKl';
/** As Secrets Manager generates it for the stack: 48 letters and digits. */
const RECEIPT_SECRET = 'Zr8vXw2LmN5pT7yB4cD6fG9hJ1sA0uE8iO2rK4tW6xY3zq3k';
const ALIYUN_KEYS = JSON.stringify({ accessKeyId: 'LTAIfromSecret', accessKeySecret: 'a-secret-that-must-not-be-logged' });

/** What the stacks give the functions for Aliyun: the non-secret settings and the two ARNs. */
const cloudEnv = {
  HUIFANG_TABLE_NAME: 'huifang-test',
  HUIFANG_PUBLIC_BASE_URL: 'https://hf.example.cn',
  HUIFANG_JWT_ISSUER: 'https://idp.example.gov.cn/realms/staff',
  HUIFANG_JWT_AUDIENCE: 'huifang',
  AWS_REGION: 'cn-north-1',
  HUIFANG_SMS_GATEWAY: 'aliyun',
  HUIFANG_SMS_ALIYUN_SIGN_NAME: '长春新区营商办',
  HUIFANG_SMS_ALIYUN_TEMPLATE_CODE: 'SMS_480000001',
  HUIFANG_SMS_CREDENTIALS_SECRET_ARN: CREDENTIALS_ARN,
  HUIFANG_SMS_RECEIPT_SECRET_ARN: RECEIPT_ARN,
};

function fakeSecrets(values: Record<string, string>) {
  return vi.fn<SecretLoader>(async (secretId) => {
    const value = values[secretId];
    if (value === undefined) throw Object.assign(new Error(`Secrets Manager can't find the specified secret.`), { name: 'ResourceNotFoundException' });
    return value;
  });
}

let provider: FakeProvider | undefined;
afterEach(() => provider?.close());

describe('SMS provider keys and the receipt secret from Secrets Manager', () => {
  it('takes the environment without the keys when the credentials secret is named, and refuses both at once', () => {
    expect(readCloudEnv(cloudEnv).HUIFANG_SMS_CREDENTIALS_SECRET_ARN).toBe(CREDENTIALS_ARN);
    expect(() => readCloudEnv({ ...cloudEnv, HUIFANG_SMS_ALIYUN_ACCESS_KEY_ID: 'LTAIplain' })).toThrow(/HUIFANG_SMS_ALIYUN_ACCESS_KEY_ID: set either HUIFANG_SMS_ALIYUN_ACCESS_KEY_ID or HUIFANG_SMS_CREDENTIALS_SECRET_ARN, not both/);
    expect(() => readCloudEnv({ ...cloudEnv, HUIFANG_SMS_RECEIPT_SECRET: RECEIPT_SECRET })).toThrow(/HUIFANG_SMS_RECEIPT_SECRET_ARN: receipt secret: set either/);
    const { HUIFANG_SMS_CREDENTIALS_SECRET_ARN: _, ...withoutKeys } = cloudEnv;
    expect(() => readCloudEnv(withoutKeys)).toThrow(/HUIFANG_SMS_ALIYUN_ACCESS_KEY_ID: required for HUIFANG_SMS_GATEWAY=aliyun/);
  });

  it('reads the keys once at the sweeper cold start and signs the provider request with them', async () => {
    provider = await fakeProvider(() => ({ json: { Code: 'OK', Message: 'OK', BizId: '900001^0', RequestId: 'r' } }));
    const loadSecret = fakeSecrets({ [CREDENTIALS_ARN]: ALIYUN_KEYS });
    const deps = await loadCloudCoreDeps(readCloudEnv({ ...cloudEnv, HUIFANG_SMS_ENDPOINT: provider.url }), loadSecret);

    expect(await deps.sms.send(message, at)).toEqual({ providerMessageId: '900001^0' });
    expect(deps.sms.provider).toBe('aliyun');
    expect(provider.requests[0]!.headers.authorization).toMatch(/^ACS3-HMAC-SHA256 Credential=LTAIfromSecret,/);
    expect(loadSecret).toHaveBeenCalledTimes(1);
    expect(loadSecret).toHaveBeenCalledWith(CREDENTIALS_ARN);
  });

  it('stops the sweeper cold start naming the ARN, never the value, when the secret is unreadable or not the provider keys', async () => {
    const env = readCloudEnv(cloudEnv);
    await expect(loadCloudCoreDeps(env, fakeSecrets({}))).rejects.toThrow(`not loaded from ${CREDENTIALS_ARN}: ResourceNotFoundException`);
    const wrongShape = JSON.stringify({ secretId: 'AKID', secretKey: 'a-secret-that-must-not-be-logged' });
    const error = await loadCloudCoreDeps(env, fakeSecrets({ [CREDENTIALS_ARN]: wrongShape })).catch((e: Error) => e);
    expect(String(error)).toMatch(/accessKeyId/);
    expect(String(error)).not.toContain('a-secret-that-must-not-be-logged');
    const generated = await loadCloudCoreDeps(env, fakeSecrets({ [CREDENTIALS_ARN]: 'q3ZkR8vXw2LmN5pT7yB4cD6fG9hJ1sA0' })).catch((e: Error) => e);
    expect(String(generated)).not.toContain('q3ZkR8vXw2LmN5pT7yB4cD6fG9hJ1sA0');
    expect(String(generated)).toMatch(/must be JSON: \{"accessKeyId": "\.\.\.", "accessKeySecret": "\.\.\."\}/);
  });

  it('gives the api function the receipt secret and not the provider keys: its gateway cannot send', async () => {
    const loadSecret = fakeSecrets({ [RECEIPT_ARN]: RECEIPT_SECRET, [CREDENTIALS_ARN]: ALIYUN_KEYS });
    const deps = await loadCloudApiDeps(readCloudEnv(cloudEnv), loadSecret);

    expect(deps.smsReceiptSecret).toBe(RECEIPT_SECRET);
    expect(loadSecret.mock.calls.map(([arn]) => arn)).toEqual([RECEIPT_ARN]);
    const refused = await deps.core.sms.send(message, at).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SmsSendError);
    expect(refused).toMatchObject({ retryable: true, providerCode: 'credentials.not_loaded' });
    // The push URL's key is derived from the loaded secret: a wrong one is 404 before the body is read.
    const app = createApp(deps);
    const wrong = await app.request(`/api/v1/sms/receipts/aliyun/${receiptPathKey('another-secret-of-at-least-32-chars', 'aliyun')}`, { method: 'POST', body: '[]' });
    expect(wrong.status).toBe(404);
  });

  it('leaves the receipt routes at 503 when the receipt secret cannot be read, and logs the ARN only', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const deps = await loadCloudApiDeps(readCloudEnv(cloudEnv), fakeSecrets({ [RECEIPT_ARN]: 'short' }));
    expect(deps.smsReceiptSecret).toBeUndefined();
    expect(JSON.parse(String(logged.mock.calls[0]![0]))).toMatchObject({ secretArn: RECEIPT_ARN });
    expect(String(logged.mock.calls[0]![0])).not.toContain('"short"');
    const res = await createApp(deps).request(`/api/v1/sms/receipts/aliyun/${receiptPathKey(RECEIPT_SECRET, 'aliyun')}`, { method: 'POST', body: '[]' });
    expect(res.status).toBe(503);
    logged.mockRestore();
  });

  it('keeps plain variables working for the local host and tests, without asking Secrets Manager', async () => {
    const { HUIFANG_SMS_CREDENTIALS_SECRET_ARN: _c, HUIFANG_SMS_RECEIPT_SECRET_ARN: _r, ...plain } = cloudEnv;
    const env = readCloudEnv({ ...plain, HUIFANG_SMS_ALIYUN_ACCESS_KEY_ID: 'LTAIplain', HUIFANG_SMS_ALIYUN_ACCESS_KEY_SECRET: 'plain', HUIFANG_SMS_RECEIPT_SECRET: RECEIPT_SECRET });
    const loadSecret = fakeSecrets({});
    expect((await loadCloudApiDeps(env, loadSecret)).smsReceiptSecret).toBe(RECEIPT_SECRET);
    expect((await loadCloudCoreDeps(env, loadSecret)).sms.provider).toBe('aliyun');
    expect(cloudCoreDeps(env).sms.provider).toBe('aliyun');
    expect(loadSecret).not.toHaveBeenCalled();
  });
});
