import { shanghaiDate, shanghaiMonth } from '../scheduling/shanghai-time';
import { FOLLOWUP_SURVEY_ID } from '../surveys/definition';
import type { LevelCounts } from './statistics';

/**
 * The groups an answer is counted in. `overall` has the single group id `all`; `functionGroup` is
 * the service function group credited with the closure (only when there is one); `zoneCategory`
 * has the group id `${zoneId}|${category}`, for the office's category x zone table.
 */
export const dimensions = ['team', 'zone', 'category', 'overall', 'functionGroup', 'zoneCategory'] as const;
export type Dimension = (typeof dimensions)[number];
/**
 * Where a rating came from, counted apart: `sms` (the enterprise's own survey, what scores rank),
 * `callback` (given on the phone to the team), `followup` (the second survey after a rectification,
 * whose 满意/基本满意 share is the recovery rate). `work` rows hold no ratings, only the team's work
 * counts (`WorkCounts`): closures, reopens, tasks on time or late, appeals.
 */
export type Channel = 'sms' | 'callback' | 'followup' | 'work';

/**
 * The work counts of a `work` counter row, each bucketed by the Shanghai day (and month) of the
 * event that caused it, in the attribution of the issue or task:
 * - `closed`: closures (a re-close after a reopen counts again); `reopened`: a closed issue opened
 *   again (reopen by staff, or flagged for review by the two-sided check). 重办率 = reopened / closed.
 * - `callbackOnTime` / `callbackLate`, `rectificationOnTime` / `rectificationLate`: every task once.
 *   Completed at or before `dueAt` and never raised: on time. Raised as overdue by the sweeper: late,
 *   on the day it is raised, and not again when completed. Completed after `dueAt` before any raise:
 *   late, on the day completed. A task cancelled before its due time (a reopen) is never counted.
 * - `appealsFiled` (on the day filed), `appealsApproved` (on the day approved; the answer itself
 *   leaves its own day's `sms` counters).
 */
export const workCounts = ['closed', 'reopened', 'callbackOnTime', 'callbackLate', 'rectificationOnTime', 'rectificationLate', 'appealsFiled', 'appealsApproved'] as const;
export type WorkCount = (typeof workCounts)[number];
export type WorkCounts = Record<WorkCount, number>;
export const emptyWorkCounts = (): WorkCounts => ({
  closed: 0,
  reopened: 0,
  callbackOnTime: 0,
  callbackLate: 0,
  rectificationOnTime: 0,
  rectificationLate: 0,
  appealsFiled: 0,
  appealsApproved: 0,
});

/** One counter bucket: a group of a dimension over a day or month, per channel. */
export interface CounterKey {
  dimension: Dimension;
  groupId: string;
  granularity: 'day' | 'month';
  period: string;
  channel: Channel;
}

/** What a counter holds. `invited` counts invitations sent, for the response rate; `work` is non-zero on `work` rows only. */
export interface CounterValues {
  counts: LevelCounts;
  sum: number;
  invited: number;
  work: WorkCounts;
}

export interface CounterRow extends CounterKey, CounterValues {}

/**
 * A change to one counter: ADD the rating (one answer) and/or invitations sent, or work counts. With `remove`, the
 * one answer of `rating` is taken back out instead (an approved appeal): its level count and `n`
 * go down by one and `sum` by the rating; `invited` is left alone.
 */
export interface CounterDelta {
  key: CounterKey;
  rating?: number;
  invited?: number;
  remove?: boolean;
  /** Work counts to ADD (on a `work` key); a work delta carries nothing else. */
  work?: Partial<WorkCounts>;
}

export interface Attribution {
  teamId: string;
  zoneId: string;
  category: string;
  /** The service function group credited with the closure, if it closed in one's hands. */
  functionGroupId?: string;
}

/** The group id of a zone's category in the `zoneCategory` dimension; zone ids hold no `|`, so it splits at the first one. */
export const zoneCategoryId = (zoneId: string, category: string) => `${zoneId}|${category}`;

/**
 * Every counter bucket one event at `at` touches: each dimension's group, for its Shanghai day and
 * Shanghai month. An answer at 23:30 Shanghai on 31 October counts in October. The
 * `functionGroup` dimension is touched only when the attribution names a function group.
 */
export function counterKeysFor(owner: Attribution, at: Date, channel: Channel): CounterKey[] {
  const groups: Record<Dimension, string | undefined> = {
    team: owner.teamId,
    zone: owner.zoneId,
    category: owner.category,
    overall: 'all',
    functionGroup: owner.functionGroupId,
    zoneCategory: zoneCategoryId(owner.zoneId, owner.category),
  };
  const periods = [
    { granularity: 'day' as const, period: shanghaiDate(at) },
    { granularity: 'month' as const, period: shanghaiMonth(at) },
  ];
  return dimensions.flatMap((dimension) => {
    const groupId = groups[dimension];
    return groupId === undefined ? [] : periods.map((p) => ({ dimension, groupId, channel, ...p }));
  });
}

/** The channel an SMS survey's numbers count in: the follow-up survey apart from the main one. */
export function smsChannelOf(invitation: { surveyId: string }): Channel {
  return invitation.surveyId === FOLLOWUP_SURVEY_ID ? 'followup' : 'sms';
}
