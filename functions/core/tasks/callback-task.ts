import { z } from 'zod';

export const taskKinds = ['callback', 'rectification'] as const;
export const taskStatuses = ['open', 'done'] as const;
export type TaskKind = (typeof taskKinds)[number];
export type TaskStatus = (typeof taskStatuses)[number];

export const callbackOutcomes = ['reached', 'unreachable', 'declined'] as const;

/** The payload of `POST /api/v1/callback-tasks/{id}/complete`. */
export const completeTaskSchema = z.object({
  outcome: z.enum(callbackOutcomes),
  enterpriseSaysResolved: z.enum(['yes', 'partly', 'no']).optional(),
  rating: z.number().int().min(1).max(5).optional(),
  note: z.string().trim().max(2000).optional(),
});
export type CompleteTask = z.infer<typeof completeTaskSchema>;

/**
 * A piece of the team's follow-up work: the callback visit (回访) after a closure, or a
 * rectification (整改) opened by a low score. Attribution (team, zone) is copied in at creation so
 * it never moves with the issue.
 */
export interface CallbackTask {
  id: string;
  kind: TaskKind;
  issueId: string;
  enterpriseId: string;
  teamId: string;
  zoneId: string;
  category: string;
  status: TaskStatus;
  createdAt: string;
  dueAt: string;
  /** For a rectification: the invitation whose answer opened it. */
  invitationId?: string;
  completedAt?: string;
  completedBy?: string;
  outcome?: CompleteTask['outcome'];
  enterpriseSaysResolved?: CompleteTask['enterpriseSaysResolved'];
  rating?: number;
  note?: string;
}
