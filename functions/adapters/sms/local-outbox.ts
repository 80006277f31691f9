import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { countSegments } from '../../core/invitations/sms-text';
import type { SmsGateway, SmsMessage } from '../../core/ports';

export interface OutboxEntry {
  to: string;
  body: string;
  segments: number;
  sentAt: string;
  invitationId: string;
}

/**
 * The local SMS gateway: keeps every message instead of sending it, for `GET /local/outbox`.
 * With a file path the outbox is appended to a JSON-lines file and survives restarts.
 */
export class LocalOutbox implements SmsGateway {
  private entries: OutboxEntry[] = [];
  private loaded: Promise<void> | undefined;

  constructor(private readonly file?: string) {}

  async send(message: SmsMessage, at: Date): Promise<{ providerMessageId: string }> {
    await this.load();
    const entry: OutboxEntry = {
      to: message.to,
      body: message.body,
      segments: countSegments(message.body).segments,
      sentAt: at.toISOString(),
      invitationId: message.invitationId,
    };
    this.entries.push(entry);
    if (this.file) await appendFile(this.file, `${JSON.stringify(entry)}\n`, 'utf8');
    return { providerMessageId: `local-${this.entries.length}` };
  }

  /** Messages sent so far, newest first, optionally to one number. */
  async list(to?: string): Promise<OutboxEntry[]> {
    await this.load();
    return this.entries.filter((e) => !to || e.to === to).reverse();
  }

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      if (!this.file) return;
      await mkdir(dirname(this.file), { recursive: true });
      const text = await readFile(this.file, 'utf8').catch(() => '');
      this.entries = text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .flatMap((line) => {
          try {
            return [JSON.parse(line) as OutboxEntry];
          } catch {
            return []; // a line cut short by a crash is skipped, not fatal
          }
        });
    })();
    return this.loaded;
  }
}
