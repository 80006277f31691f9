import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Invitation } from '../../core/invitations/invitation';
import type { BundleWrite, EnterpriseSurveyState, SurveyBundle, SurveyBundleStore } from '../../core/invitations/survey-bundle';
import type { CodeClaim } from '../../core/ports';
import type { Table } from './client';
import { fromItem, isConditionFailure, toItem } from './items';
import { bundleKey, dueSortKey, enterpriseSurveyStateKey, invitationKey, tokenKey } from './keys';
import { invitationIdsOf, linkTokenPut } from './link-items';
import { codeClaimPut } from './survey-code-store';

/**
 * The closure transaction's items for the frequency cap: the enterprise's survey state, put only
 * if it is still the version read (absent for version 0), and the bundle opened or joined.
 */
export function bundleWriteItems(tableName: string, write: BundleWrite) {
  const state = {
    Put: {
      TableName: tableName,
      Item: toItem('survey-state', write.state, enterpriseSurveyStateKey(write.state.enterpriseId)),
      ConditionExpression: write.previousVersion === 0 ? 'attribute_not_exists(PK)' : 'version = :was',
      ...(write.previousVersion === 0 ? {} : { ExpressionAttributeValues: { ':was': write.previousVersion } }),
    },
  };
  const bundle = write.open
    ? { Put: { TableName: tableName, Item: toItem('bundle', write.open, bundleKey(write.open.id)), ConditionExpression: 'attribute_not_exists(PK)' } }
    : {
        Update: {
          TableName: tableName,
          Key: bundleKey(write.join!.bundleId),
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(closedAt)',
          UpdateExpression: 'SET memberIds = list_append(memberIds, :member)',
          ExpressionAttributeValues: { ':member': [write.join!.invitationId] },
        },
      };
  return [state, bundle];
}

/** The frequency cap's state per enterprise, its bundles, and link tokens that open several invitations. */
export class DynamoSurveyBundleStore implements SurveyBundleStore {
  constructor(private readonly table: Table) {}

  async state(enterpriseId: string): Promise<EnterpriseSurveyState | undefined> {
    const out = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: enterpriseSurveyStateKey(enterpriseId), ConsistentRead: true }));
    return fromItem<EnterpriseSurveyState>(out.Item);
  }

  async get(bundleId: string): Promise<SurveyBundle | undefined> {
    const out = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: bundleKey(bundleId), ConsistentRead: true }));
    return fromItem<SurveyBundle>(out.Item);
  }

  async claim(members: Invitation[], claim: { tokenHash: string; leaseUntil: Date; now: Date; close?: { bundleId: string; enterpriseId: string; stateVersion: number }; code?: CodeClaim }): Promise<boolean> {
    const t = this.table.name;
    const lease = claim.leaseUntil.toISOString();
    const at = claim.now.toISOString();
    const close = claim.close
      ? [
          {
            Update: {
              TableName: t,
              Key: enterpriseSurveyStateKey(claim.close.enterpriseId),
              // A closure that joined since we read the members bumped the version: claim again next sweep.
              ConditionExpression: 'version = :was AND openBundleId = :bundle',
              UpdateExpression: 'SET version = :next, lastSentAt = :now REMOVE openBundleId, openBundleSendAfter',
              ExpressionAttributeValues: { ':was': claim.close.stateVersion, ':next': claim.close.stateVersion + 1, ':bundle': claim.close.bundleId, ':now': at },
            },
          },
          { Update: { TableName: t, Key: bundleKey(claim.close.bundleId), UpdateExpression: 'SET closedAt = :now', ExpressionAttributeValues: { ':now': at } } },
        ]
      : [];
    return this.transact([
      ...members.map((m) => ({
        Update: {
          TableName: t,
          Key: invitationKey(m.id),
          // Scheduled (the bundle goes together, whichever member came due first), or claimed by a sweeper whose lease lapsed.
          ConditionExpression: '#status = :scheduled OR (#status = :sending AND leaseUntil <= :now)',
          UpdateExpression: 'SET #status = :sending, leaseUntil = :lease, tokenHash = :hash, DUESK = :retry ADD attempts :one',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':scheduled': 'scheduled', ':sending': 'sending', ':now': at, ':lease': lease, ':hash': claim.tokenHash, ':retry': dueSortKey(lease, m.id), ':one': 1 },
        },
      })),
      { Put: linkTokenPut(t, claim.tokenHash, members.map((m) => m.id)) },
      ...(claim.code ? [codeClaimPut(t, members.map((m) => m.id), claim.code)] : []),
      ...close,
    ]);
  }

  claimReminder(members: Invitation[], claim: { tokenHash: string; leaseUntil: Date; now: Date; linked: string[]; code?: CodeClaim }): Promise<boolean> {
    const t = this.table.name;
    const lease = claim.leaseUntil.toISOString();
    return this.transact([
      ...members.map((m) => ({
        Update: {
          TableName: t,
          Key: invitationKey(m.id),
          ConditionExpression:
            '#status = :sent AND attribute_not_exists(remindedAt) AND attribute_not_exists(reminderFailure) AND (attribute_not_exists(reminderLeaseUntil) OR reminderLeaseUntil <= :now)',
          UpdateExpression: 'SET tokenHash = :hash, reminderLeaseUntil = :lease, DUESK = :retry',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sent': 'sent', ':now': claim.now.toISOString(), ':hash': claim.tokenHash, ':lease': lease, ':retry': dueSortKey(lease, m.id) },
        },
      })),
      { Put: linkTokenPut(t, claim.tokenHash, claim.linked) },
      ...(claim.code ? [codeClaimPut(t, claim.linked, claim.code)] : []),
    ]);
  }

  async tokenMembers(hash: string): Promise<string[] | undefined> {
    const out = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: tokenKey(hash), ConsistentRead: true }));
    return out.Item && invitationIdsOf(out.Item);
  }

  private async transact(items: object[]): Promise<boolean> {
    try {
      await this.table.doc.send(new TransactWriteCommand({ TransactItems: items as never }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
