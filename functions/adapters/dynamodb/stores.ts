import type { CoreDeps } from '../../core/deps';
import { DynamoAppealStore } from './appeal-store';
import type { Table } from './client';
import { DynamoCounterStore } from './counter-store';
import { DynamoInvitationStore } from './invitation-store';
import { DynamoIssueStore } from './issue-store';
import { DynamoOrgStore } from './org-store';
import { DynamoRateLimitStore } from './rate-limit-store';
import { DynamoResponseStore } from './response-store';
import { DynamoTaskStore } from './task-store';
import { DynamoSurveyCodeStore } from './survey-code-store';
import { DynamoSurveyBundleStore } from './survey-bundle-store';

/** Every store the core needs, over one table. */
export function dynamoStores(table: Table) {
  return {
    org: new DynamoOrgStore(table),
    issues: new DynamoIssueStore(table),
    tasks: new DynamoTaskStore(table),
    invitations: new DynamoInvitationStore(table),
    counters: new DynamoCounterStore(table),
    rateLimits: new DynamoRateLimitStore(table),
    responses: new DynamoResponseStore(table),
    appeals: new DynamoAppealStore(table),
    codes: new DynamoSurveyCodeStore(table),
    bundles: new DynamoSurveyBundleStore(table),
  } satisfies Partial<CoreDeps>;
}
