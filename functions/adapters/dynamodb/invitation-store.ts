import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Scope } from '../../core/auth/principal';
import type { Delivery } from '../../core/invitations/delivery';
import { listingOf, type Invitation, type InvitationListing } from '../../core/invitations/invitation';
import type { SmsProvider } from '../../core/invitations/sms-send-error';
import type { AnswerWrite, CodeClaim, InvitationStore, Page, PageRequest, SentMessage } from '../../core/ports';
import type { CounterDelta } from '../../core/scoring/counters';
import { queryPage, type Table } from './client';
import { counterUpdate } from './counter-updates';
import { responseItem, taskItem, tokenItem } from './entity-items';
import { fromItem, isConditionFailure, toItem } from './items';
import { codeClaimPut } from './survey-code-store';
import { DUE_PARTITION, dueSortKey, invitationDueKeys, invitationKey, invitationListKeys, scopeIndex, smsMessageKey, tokenKey } from './keys';

/** `SET` clauses and values for the GSI1-3 keys of an invitation in a listed final state. */
function listKeyUpdates(next: Invitation): { set: string[]; values: Record<string, string> } {
  const keys = invitationListKeys(next) as Record<string, string>;
  return { set: Object.keys(keys).map((k) => `${k} = :${k}`), values: Object.fromEntries(Object.entries(keys).map(([k, v]) => [`:${k}`, v])) };
}

/** Receipts come within 72 hours (AWS's limit); a month is plenty, then DynamoDB's TTL removes the lookup. */
const MESSAGE_LOOKUP_DAYS = 30;
const LIST_KEY_ATTRIBUTES = 'GSI1PK, GSI1SK, GSI2PK, GSI2SK, GSI3PK, GSI3SK';

/** The lookup item from a provider's message id to its invitation, put in the same write as the send. */
function messageLookupPut(tableName: string, invitationId: string, message: SentMessage, at: Date) {
  const ttl = Math.floor(at.getTime() / 1000) + MESSAGE_LOOKUP_DAYS * 24 * 3600;
  return { Put: { TableName: tableName, Item: { ...toItem('sms-message', { invitationId, ...message }, smsMessageKey(message.provider, message.providerMessageId)), ttl } } };
}

/** Survey invitations: the sweeper's claims and sends, token lookups, and the answer transaction. */
export class DynamoInvitationStore implements InvitationStore {
  constructor(private readonly table: Table) {}

  async get(id: string): Promise<Invitation | undefined> {
    const out = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: invitationKey(id), ConsistentRead: true }));
    return fromItem<Invitation>(out.Item);
  }

  /** Reads the sparse DUE index up to `now`: only what needs action, never the table. */
  async due(now: Date, limit: number): Promise<Invitation[]> {
    const out = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.name,
        IndexName: 'DUE',
        KeyConditionExpression: 'DUEPK = :p AND DUESK <= :now',
        ExpressionAttributeValues: { ':p': DUE_PARTITION, ':now': `${now.toISOString()}#~` },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((i) => fromItem<Invitation>(i) as Invitation);
  }

  async claim(invitation: Invitation, claim: { tokenHash: string; leaseUntil: Date; now: Date; code?: CodeClaim }): Promise<boolean> {
    const lease = claim.leaseUntil.toISOString();
    try {
      await this.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.table.name,
                Key: invitationKey(invitation.id),
                // Due and unclaimed, or claimed by a sweeper whose lease has lapsed.
                ConditionExpression: '(#status = :scheduled AND sendAfter <= :now) OR (#status = :sending AND leaseUntil <= :now)',
                UpdateExpression: 'SET #status = :sending, leaseUntil = :lease, tokenHash = :hash, DUESK = :retry ADD attempts :one',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':scheduled': 'scheduled',
                  ':sending': 'sending',
                  ':now': claim.now.toISOString(),
                  ':lease': lease,
                  ':hash': claim.tokenHash,
                  ':retry': dueSortKey(lease, invitation.id),
                  ':one': 1,
                },
              },
            },
            {
              Put: {
                TableName: this.table.name,
                Item: tokenItem(claim.tokenHash, invitation.id),
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            ...(claim.code ? [codeClaimPut(this.table.name, [invitation.id], claim.code)] : []),
          ],
        }),
      );
      return true;
    } catch (error) {
      // Index 2: the code is live already (code mode); the next sweep mints another.
      if (isConditionFailure(error, 0) || isConditionFailure(error, 2)) return false;
      throw error;
    }
  }

  async markSent(invitation: Invitation, sent: { sentAt: Date; expiresAt: Date; reminderAt?: Date; counters: CounterDelta[]; message?: SentMessage }): Promise<boolean> {
    const reminderAt = sent.reminderAt?.toISOString();
    const next: Invitation = { ...invitation, status: 'sent', sentAt: sent.sentAt.toISOString(), expiresAt: sent.expiresAt.toISOString(), ...(reminderAt ? { reminderAt } : {}) };
    delete next.leaseUntil;
    try {
      await this.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.table.name,
                Key: invitationKey(invitation.id),
                ConditionExpression: '#status = :sending AND tokenHash = :hash',
                // The sweeper comes back for the reminder, then for the expiry.
                UpdateExpression: `SET #status = :sent, sentAt = :sentAt, expiresAt = :expiresAt, DUESK = :due${reminderAt ? ', reminderAt = :reminderAt' : ''} REMOVE leaseUntil`,
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':sending': 'sending',
                  ':sent': 'sent',
                  ':hash': invitation.tokenHash,
                  ':sentAt': next.sentAt,
                  ':expiresAt': next.expiresAt,
                  ':due': invitationDueKeys(next).DUESK,
                  ...(reminderAt ? { ':reminderAt': reminderAt } : {}),
                },
              },
            },
            ...sent.counters.map((delta) => counterUpdate(this.table.name, delta)),
            ...(sent.message ? [messageLookupPut(this.table.name, invitation.id, sent.message, sent.sentAt)] : []),
          ],
        }),
      );
      return true;
    } catch (error) {
      // Our lease lapsed and another sweeper took the invitation over: it records the send.
      if (isConditionFailure(error, 0)) return false;
      throw error;
    }
  }

  async defer(invitation: Invitation, at: Date, now: Date): Promise<boolean> {
    const when = at.toISOString();
    const due = dueSortKey(when, invitation.id);
    if (invitation.status === 'sent') {
      return this.conditionalUpdate({
        Key: invitationKey(invitation.id),
        ConditionExpression:
          '#status = :sent AND attribute_not_exists(remindedAt) AND attribute_not_exists(reminderFailure) AND (attribute_not_exists(reminderLeaseUntil) OR reminderLeaseUntil <= :now)',
        UpdateExpression: 'SET reminderAt = :at, DUESK = :due REMOVE reminderLeaseUntil',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sent': 'sent', ':now': now.toISOString(), ':at': when, ':due': due },
      });
    }
    return this.conditionalUpdate({
      Key: invitationKey(invitation.id),
      ConditionExpression: '(#status = :scheduled AND sendAfter <= :now) OR (#status = :sending AND leaseUntil <= :now)',
      UpdateExpression: 'SET #status = :scheduled, sendAfter = :at, DUESK = :due REMOVE leaseUntil',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':scheduled': 'scheduled', ':sending': 'sending', ':now': now.toISOString(), ':at': when, ':due': due },
    });
  }

  async markSendFailed(invitation: Invitation, failure: { reason: string; at: Date; retryAt?: Date }): Promise<void> {
    const condition = {
      Key: invitationKey(invitation.id),
      ConditionExpression: '#status = :sending AND tokenHash = :hash',
      ExpressionAttributeNames: { '#status': 'status' },
    };
    const reason = failure.reason.slice(0, 500);
    if (failure.retryAt) {
      const retryAt = failure.retryAt.toISOString();
      await this.conditionalUpdate({
        ...condition,
        UpdateExpression: 'SET #status = :scheduled, sendAfter = :retryAt, failureReason = :reason, DUESK = :due REMOVE leaseUntil',
        ExpressionAttributeValues: { ':sending': 'sending', ':hash': invitation.tokenHash, ':scheduled': 'scheduled', ':retryAt': retryAt, ':reason': reason, ':due': dueSortKey(retryAt, invitation.id) },
      });
      return;
    }
    const list = listKeyUpdates({ ...invitation, status: 'failed' });
    await this.conditionalUpdate({
      ...condition,
      UpdateExpression: `SET #status = :failed, failureReason = :reason, failedAt = :at, ${list.set.join(', ')} REMOVE leaseUntil, DUEPK, DUESK`,
      ExpressionAttributeValues: { ':sending': 'sending', ':hash': invitation.tokenHash, ':failed': 'failed', ':reason': reason, ':at': failure.at.toISOString(), ...list.values },
    });
  }

  suppress(invitation: Invitation, reason: string, at: Date): Promise<boolean> {
    const list = listKeyUpdates({ ...invitation, status: 'suppressed' });
    return this.conditionalUpdate({
      Key: invitationKey(invitation.id),
      ConditionExpression: '#status = :scheduled OR (#status = :sending AND leaseUntil <= :now)',
      UpdateExpression: `SET #status = :suppressed, suppressedReason = :reason, suppressedAt = :now, ${list.set.join(', ')} REMOVE leaseUntil, DUEPK, DUESK`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':scheduled': 'scheduled', ':sending': 'sending', ':suppressed': 'suppressed', ':reason': reason, ':now': at.toISOString(), ...list.values },
    });
  }

  async claimReminder(invitation: Invitation, claim: { tokenHash: string; leaseUntil: Date; now: Date; code?: CodeClaim }): Promise<boolean> {
    const lease = claim.leaseUntil.toISOString();
    try {
      await this.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.table.name,
                Key: invitationKey(invitation.id),
                ConditionExpression:
                  '#status = :sent AND attribute_not_exists(remindedAt) AND attribute_not_exists(reminderFailure) AND reminderAt <= :now AND (attribute_not_exists(reminderLeaseUntil) OR reminderLeaseUntil <= :now)',
                UpdateExpression: 'SET tokenHash = :hash, reminderLeaseUntil = :lease, DUESK = :retry',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':sent': 'sent', ':now': claim.now.toISOString(), ':hash': claim.tokenHash, ':lease': lease, ':retry': dueSortKey(lease, invitation.id) },
              },
            },
            // The first link's token item stays: both links open the same invitation.
            { Put: { TableName: this.table.name, Item: tokenItem(claim.tokenHash, invitation.id), ConditionExpression: 'attribute_not_exists(PK)' } },
            ...(claim.code ? [codeClaimPut(this.table.name, [invitation.id], claim.code)] : []),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error, 0) || isConditionFailure(error, 2)) return false;
      throw error;
    }
  }

  async markReminded(invitation: Invitation, outcome: { at: Date; failure?: string; message?: SentMessage }): Promise<void> {
    const field = outcome.failure === undefined ? 'remindedAt' : 'reminderFailure';
    const value = outcome.failure === undefined ? outcome.at.toISOString() : outcome.failure.slice(0, 500);
    // Answered meanwhile: the condition fails and nothing is put back in the DUE index.
    const update = {
      Key: invitationKey(invitation.id),
      ConditionExpression: '#status = :sent',
      UpdateExpression: `SET ${field} = :value, DUESK = :due REMOVE reminderLeaseUntil`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':sent': 'sent', ':value': value, ':due': dueSortKey(invitation.expiresAt ?? outcome.at.toISOString(), invitation.id) },
    };
    if (!outcome.message) {
      await this.conditionalUpdate(update);
      return;
    }
    // The reminder is a message of its own: its receipt may name only its id.
    try {
      await this.table.doc.send(
        new TransactWriteCommand({ TransactItems: [{ Update: { ...update, TableName: this.table.name } }, messageLookupPut(this.table.name, invitation.id, outcome.message, outcome.at)] }),
      );
    } catch (error) {
      if (!isConditionFailure(error, 0)) throw error;
    }
  }

  markExpired(invitation: Invitation, at: Date): Promise<boolean> {
    const list = listKeyUpdates({ ...invitation, status: 'expired' });
    return this.conditionalUpdate({
      Key: invitationKey(invitation.id),
      ConditionExpression: '#status = :sent AND expiresAt <= :now',
      UpdateExpression: `SET #status = :expired, expiredAt = :now, ${list.set.join(', ')} REMOVE reminderLeaseUntil, DUEPK, DUESK`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':sent': 'sent', ':expired': 'expired', ':now': at.toISOString(), ...list.values },
    });
  }

  /** Newest first: ULIDs sort by creation time. */
  list(scope: Scope, status: InvitationListing, page: PageRequest): Promise<Page<Invitation>> {
    const index = scopeIndex(scope, 'INV');
    return queryPage<Invitation>(
      this.table,
      {
        IndexName: index.IndexName,
        KeyConditionExpression: `${index.pk} = :p AND begins_with(${index.sk}, :s)`,
        ExpressionAttributeValues: { ':p': index.value, ':s': `INV#${status}#` },
        ScanIndexForward: false,
      },
      { name: index.pk, value: index.value },
      page,
    );
  }

  /** One conditional update; false when its condition did not hold. */
  private async conditionalUpdate(input: Omit<UpdateCommandInput, 'TableName'>): Promise<boolean> {
    try {
      await this.table.doc.send(new UpdateCommand({ ...input, TableName: this.table.name }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async byTokenHash(hash: string): Promise<Invitation | undefined> {
    const token = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: tokenKey(hash), ConsistentRead: true }));
    const invitationId = token.Item?.invitationId;
    return typeof invitationId === 'string' ? this.get(invitationId) : undefined;
  }

  /**
   * The answer in ONE transaction: the invitation -> answered only if it is open (sent, or being
   * sent) and not expired; the response; every counter ADD; and a rectification for a low score.
   */
  async recordAnswer(write: AnswerWrite): Promise<'recorded' | 'already_answered'> {
    const { invitation, response, counters, rectification } = write;
    const t = this.table.name;
    try {
      await this.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: t,
                Key: invitationKey(invitation.id),
                ConditionExpression: '#status IN (:sending, :sent) AND (attribute_not_exists(expiresAt) OR expiresAt > :now)',
                // An undelivered listing ends with the answer (the reminder got through).
                UpdateExpression: `SET #status = :answered, answeredAt = :now REMOVE DUEPK, DUESK, leaseUntil, ${LIST_KEY_ATTRIBUTES}`,
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':sending': 'sending', ':sent': 'sent', ':answered': 'answered', ':now': response.answeredAt },
              },
            },
            { Put: { TableName: t, Item: responseItem(response), ConditionExpression: 'attribute_not_exists(PK)' } },
            ...counters.map((delta) => counterUpdate(t, delta)),
            ...(rectification
              ? [{ Put: { TableName: t, Item: taskItem(rectification), ConditionExpression: 'attribute_not_exists(PK)' } }]
              : []),
          ],
        }),
      );
      return 'recorded';
    } catch (error) {
      if (isConditionFailure(error, 0) || isConditionFailure(error, 1)) return 'already_answered';
      throw error;
    }
  }

  /**
   * The delivery receipt on the invitation, if it exists and holds no receipt reported at the same
   * time or later: a late duplicate, or an older report arriving after a newer one, changes nothing.
   * A sent invitation reported undelivered enters the office's `undelivered` list; a later
   * `delivered` takes it out. The write is conditional on the status read, so the listing cannot
   * go stale under a concurrent answer or expiry (then it reads again).
   */
  async recordDelivery(invitationId: string, providerMessageId: string | undefined, delivery: Delivery): Promise<'recorded' | 'stale' | 'unknown'> {
    const kept: Delivery = { ...delivery, ...(providerMessageId ? { providerMessageId } : {}) };
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = await this.get(invitationId);
      if (!current) return 'unknown';
      if (current.delivery && current.delivery.at >= kept.at) return 'stale';
      const before = listingOf(current);
      const next: Invitation = { ...current, delivery: kept };
      const after = listingOf(next);
      const list = after === 'undelivered' && before !== after ? listKeyUpdates(next) : { set: [], values: {} };
      const remove = before === 'undelivered' && after !== before ? ` REMOVE ${LIST_KEY_ATTRIBUTES}` : '';
      try {
        await this.table.doc.send(
          new UpdateCommand({
            TableName: this.table.name,
            Key: invitationKey(invitationId),
            ConditionExpression: 'attribute_exists(PK) AND #status = :status AND (attribute_not_exists(delivery) OR delivery.#at < :at)',
            UpdateExpression: `SET ${['delivery = :delivery', ...list.set].join(', ')}${remove}`,
            ExpressionAttributeNames: { '#at': 'at', '#status': 'status' },
            ExpressionAttributeValues: { ':at': kept.at, ':delivery': kept, ':status': current.status, ...list.values },
          }),
        );
        return 'recorded';
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
    return 'stale';
  }

  async invitationOfMessage(provider: SmsProvider, providerMessageId: string): Promise<string | undefined> {
    const out = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: smsMessageKey(provider, providerMessageId) }));
    const invitationId = out.Item?.invitationId;
    return typeof invitationId === 'string' ? invitationId : undefined;
  }
}
