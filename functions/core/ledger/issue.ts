import { z } from 'zod';

export const issueStatuses = ['open', 'in_progress', 'escalated', 'closed'] as const;
export const issueStatusSchema = z.enum(issueStatuses);
export type IssueStatus = z.infer<typeof issueStatusSchema>;

/** What a team member records for an enterprise (the HTTP payload of `POST /api/v1/issues`). */
export const newIssueSchema = z.object({
  enterpriseId: z.string().trim().min(1).max(64),
  teamId: z.string().trim().min(1).max(64),
  category: z.string().trim().min(1).max(40),
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(4000).optional(),
});
export type NewIssue = z.infer<typeof newIssueSchema>;

/**
 * Where an issue is handled, in escalation order: the team, the zone's dispatch room
 * (开发区分调度室), central dispatch (总调度室, the office), a named service function group (服务功能组).
 */
export const issueLevels = ['team', 'zone', 'central', 'function-group'] as const;
export type IssueLevel = (typeof issueLevels)[number];

/** What a hop of the ledger did. */
export type LedgerAction = 'create' | 'start' | 'escalate' | 'bounce' | 'close' | 'reopen' | 'review';

export const startIssueSchema = z.object({ note: z.string().trim().max(2000).optional() });
export const escalateIssueSchema = z.object({
  note: z.string().trim().min(1).max(2000),
  /** Required when the issue goes up to the function groups: which group. */
  functionGroupId: z.string().trim().min(1).max(64).optional(),
});
export const bounceIssueSchema = z.object({ reason: z.string().trim().min(1).max(2000) });
export const reopenIssueSchema = z.object({ reason: z.string().trim().min(1).max(2000) });

export const closeIssueSchema = z.object({
  resolution: z.string().trim().min(1).max(4000),
});
export type CloseIssue = z.infer<typeof closeIssueSchema>;

/** An enterprise's issue in the ledger (台账). */
export interface Issue {
  id: string;
  enterpriseId: string;
  teamId: string;
  zoneId: string;
  category: string;
  title: string;
  description?: string;
  status: IssueStatus;
  /** Who handles it now; `team` unless escalated. Absent on issues stored before levels existed. */
  level?: IssueLevel;
  /** The service function group handling it, while at that level (and credited if it closes there). */
  functionGroupId?: string;
  /** Times a level sent it back down (退单). */
  bounceBacks?: number;
  /** Times it was reopened after closing, to be handled again. */
  reopenCount?: number;
  /** Why it needs a dispatcher's look, e.g. `resolution-mismatch` from the two-sided check. */
  flags?: string[];
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  /** Its id in an outside ledger, when it came from one (import or webhook); unique per source. */
  externalRef?: { source: string; externalId: string };
  /** Bumped by every write; a write holds only if the version is still the one read (optimistic lock). */
  version?: number;
  closedAt?: string;
  closedBy?: string;
  resolution?: string;
  /** Set by the closing transaction: the one callback task and invitation of this closure. */
  callbackTaskId?: string;
  invitationId?: string;
}

/** One hop of an issue, kept forever: who moved it, in which role, from where to where, and when. */
export interface LedgerEvent {
  id: string;
  issueId: string;
  at: string;
  by: string;
  role: string;
  action?: LedgerAction;
  from: IssueStatus | null;
  to: IssueStatus;
  fromLevel?: IssueLevel;
  toLevel?: IssueLevel;
  note?: string;
}
