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
  createdAt: string;
  createdBy: string;
  updatedAt: string;
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
  from: IssueStatus | null;
  to: IssueStatus;
  note?: string;
}
