import type { Appeal } from '../../core/appeals/appeal';
import type { Invitation } from '../../core/invitations/invitation';
import type { Issue, LedgerEvent } from '../../core/ledger/issue';
import type { SurveyResponse } from '../../core/ports';
import type { CallbackTask } from '../../core/tasks/callback-task';
import { toItem } from './items';
import { appealKeys, invitationKeys, issueKeys, ledgerEventKey, responseKeys, taskKeys, tokenKey } from './keys';

/**
 * The one item each entity is stored as: its attributes, every key of its access patterns and its
 * type. The stores put these, and the large seed writes the same items in batches.
 */
export const issueItem = (issue: Issue) => toItem('issue', issue, issueKeys(issue));
export const eventItem = (event: LedgerEvent) => toItem('event', event, ledgerEventKey(event.issueId, event.id));
export const taskItem = (task: CallbackTask) => toItem('task', task, taskKeys(task));
export const invitationItem = (invitation: Invitation) => toItem('invitation', invitation, invitationKeys(invitation));
/** A link token's lookup item: the hash of the token names the invitation (a reminder adds a second one). */
export const tokenItem = (tokenHash: string, invitationId: string) => toItem('token', { invitationId }, tokenKey(tokenHash));
export const responseItem = (response: SurveyResponse) => toItem('response', response, responseKeys(response));
export const appealItem = (appeal: Appeal) => toItem('appeal', appeal, appealKeys(appeal));
