import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLocalWebhookSecret } from '../../../functions/adapters/auth/local-webhook-secret';

describe('the local webhook secret', () => {
  it('is made once under the data folder, readable by its owner only, and kept across restarts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'huifang-secret-'));
    try {
      const first = await loadLocalWebhookSecret(join(dir, 'data'));
      expect(first).toMatch(/^[0-9a-f]{64}$/);
      expect((await stat(join(dir, 'data', 'webhook-secret.json'))).mode & 0o777).toBe(0o600);
      expect(await loadLocalWebhookSecret(join(dir, 'data'))).toBe(first);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is a fresh one in memory without a data folder', async () => {
    expect(await loadLocalWebhookSecret()).not.toBe(await loadLocalWebhookSecret());
  });
});
