import { z } from 'zod';

export const taskKinds = ['callback', 'rectification'] as const;
export const taskStatuses = ['open', 'done', 'cancelled'] as const;
export type TaskKind = (typeof taskKinds)[number];
export type TaskStatus = (typeof taskStatuses)[number];

export const callbackOutcomes = ['reached', 'unreachable', 'declined'] as const;

/** The payload of `POST /api/v1/callback-tasks/{id}/complete`. */
export const completeTaskSchema = z.object({
  outcome: z.enum(callbackOutcomes),
  enterpriseSaysResolved: z.enum(['yes', 'partly', 'no']).optional(),
  rating: z.number().int().min(1).max(5).optional(),
  note: z.string().trim().max(2000).optional(),
  /** Required to close a rectification (整改): why it went wrong, and what was done about it. */
  rootCause: z.string().trim().min(1).max(2000).optional(),
  actionTaken: z.string().trim().min(1).max(2000).optional(),
});
export type CompleteTask = z.infer<typeof completeTaskSchema>;

/** A call that did not reach the enterprise; the task stays open until the last allowed attempt. */
export interface CallAttempt {
  at: string;
  by: string;
  outcome: 'unreachable';
  note?: string;
}

/** How far an overdue task has been raised: to the zone dispatcher, then to the office. */
export type OverdueLevel = 'zone' | 'office';

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
  /** The service function group credited with the closure, if it closed at that level. */
  functionGroupId?: string;
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
  /** Calls that did not get through, before the outcome (at most `callbackAttempts - 1`). */
  attempts?: CallAttempt[];
  /** Set by the sweeper once the task is past due: who it has been raised to, and when. */
  overdueLevel?: OverdueLevel;
  overdueAt?: string;
  /** When the sweeper looks at it next (raising it to the office), while that step is still to come. */
  nextOverdueCheckAt?: string;
  rootCause?: string;
  actionTaken?: string;
  /** For a callback after a rectification (re-callback): the rectification it follows. */
  followsRectificationId?: string;
}
