import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The local host's webhook secret: 256 random bits, kept in `dir` (created on first use, readable
 * only by its owner) so that a sender configured once keeps working after a restart; in memory when
 * there is no `dir` (tests). The cloud takes its secret from HUIFANG_WEBHOOK_SECRET instead.
 *
 * @example const secret = await loadLocalWebhookSecret('.data'); // '3f9c…' (64 hex digits)
 */
export async function loadLocalWebhookSecret(dir?: string): Promise<string> {
  const file = dir ? join(dir, 'webhook-secret.json') : undefined;
  const stored: unknown = file ? await readFile(file, 'utf8').then(JSON.parse, () => undefined) : undefined;
  const kept = (stored as { secret?: unknown } | undefined)?.secret;
  if (typeof kept === 'string' && kept.length >= 32) return kept;
  const secret = randomBytes(32).toString('hex');
  if (file && dir) {
    await mkdir(dir, { recursive: true });
    await writeFile(file, JSON.stringify({ secret }), { mode: 0o600 });
  }
  return secret;
}
