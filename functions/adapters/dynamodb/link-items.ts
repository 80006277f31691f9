import { toItem } from './items';
import { tokenKey } from './keys';

/**
 * The attributes of an item that opens several invitations (a link token, a survey code):
 * `invitationId` (the first) keeps single-invitation readers working.
 */
export function invitationIdsAttributes(invitationIds: string[]) {
  return { invitationId: invitationIds[0], invitationIds };
}

/** The invitation ids such an item opens, of either shape (one `invitationId`, or `invitationIds`); undefined when it has none. */
export function invitationIdsOf(item: Record<string, unknown>): string[] | undefined {
  if (Array.isArray(item.invitationIds)) return item.invitationIds.filter((id): id is string => typeof id === 'string');
  return typeof item.invitationId === 'string' ? [item.invitationId] : undefined;
}

/** The put of a link token that opens `invitationIds` (a bundle's, or one minted on code entry). */
export function linkTokenPut(tableName: string, hash: string, invitationIds: string[]) {
  return { TableName: tableName, Item: toItem('token', invitationIdsAttributes(invitationIds), tokenKey(hash)), ConditionExpression: 'attribute_not_exists(PK)' };
}
