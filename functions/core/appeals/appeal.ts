import { z } from 'zod';

export const appealStatuses = ['pending', 'approved', 'rejected'] as const;
export const appealStatusSchema = z.enum(appealStatuses);
export type AppealStatus = z.infer<typeof appealStatusSchema>;

/** The payload of `POST /api/v1/responses/{invitationId}/appeals`: why the team disputes the rating. */
export const fileAppealSchema = z.object({
  reason: z.string().trim().min(2).max(2000),
});
export type FileAppeal = z.infer<typeof fileAppealSchema>;

/** The payload of `POST /api/v1/appeals/{id}/decision`: the office's ruling, always with a note for the record. */
export const appealDecisionSchema = z.object({
  decision: z.enum(['approve', 'reject']),
  note: z.string().trim().min(1).max(2000),
});
export type AppealDecision = z.infer<typeof appealDecisionSchema>;

/**
 * A team's appeal (申诉) against one rated response, and the office's review (复核). The rating's
 * attribution, score and time are copied in when it is filed, so the record reads on its own.
 * Appeals are never deleted: with the response they are the audit trail of every removed rating.
 */
export interface Appeal {
  id: string;
  /** The appealed response, keyed by its invitation. */
  invitationId: string;
  issueId: string;
  teamId: string;
  zoneId: string;
  category: string;
  score: number;
  answeredAt: string;
  reason: string;
  status: AppealStatus;
  filedBy: string;
  filedAt: string;
  decidedBy?: string;
  decidedAt?: string;
  decisionNote?: string;
}
