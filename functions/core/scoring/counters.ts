import { shanghaiDate, shanghaiMonth } from '../scheduling/shanghai-time';
import type { LevelCounts } from './statistics';

/** The groups an answer is counted in. `overall` has the single group id `all`. */
export const dimensions = ['team', 'zone', 'category', 'overall'] as const;
export type Dimension = (typeof dimensions)[number];
export type Channel = 'sms' | 'callback';

/** One counter bucket: a group of a dimension over a day or month, per channel. */
export interface CounterKey {
  dimension: Dimension;
  groupId: string;
  granularity: 'day' | 'month';
  period: string;
  channel: Channel;
}

/** What a counter holds. `invited` counts invitations sent, for the response rate. */
export interface CounterValues {
  counts: LevelCounts;
  sum: number;
  invited: number;
}

export interface CounterRow extends CounterKey, CounterValues {}

/** A change to one counter: ADD the rating (one answer) and/or invitations sent. */
export interface CounterDelta {
  key: CounterKey;
  rating?: number;
  invited?: number;
}

export interface Attribution {
  teamId: string;
  zoneId: string;
  category: string;
}

/**
 * Every counter bucket one event at `at` touches: each dimension's group, for its Shanghai day and
 * Shanghai month. An answer at 23:30 Shanghai on 31 October counts in October.
 */
export function counterKeysFor(owner: Attribution, at: Date, channel: Channel): CounterKey[] {
  const groups: Record<Dimension, string> = { team: owner.teamId, zone: owner.zoneId, category: owner.category, overall: 'all' };
  const periods = [
    { granularity: 'day' as const, period: shanghaiDate(at) },
    { granularity: 'month' as const, period: shanghaiMonth(at) },
  ];
  return dimensions.flatMap((dimension) => periods.map((p) => ({ dimension, groupId: groups[dimension], channel, ...p })));
}
