import type { SurveyResponse } from '../ports';
import { counterKeysFor, smsChannelOf, type Channel, type CounterDelta } from './counters';

/** The answer fields that decide where it counts: its attribution, survey, score and time. */
export type CountedAnswer = Pick<SurveyResponse, 'teamId' | 'zoneId' | 'category' | 'surveyId' | 'score' | 'answeredAt'>;

/** The channels whose answer numbers come only from recorded responses (and so can be recounted). */
export const ANSWER_CHANNELS: readonly Channel[] = ['sms', 'followup'];

/**
 * THE counter changes of one recorded answer: one answer of its score in every bucket
 * `counterKeysFor` gives for its attribution, its Shanghai day and month (of `answeredAt`) and its
 * channel (`sms`, or `followup` for the follow-up survey). The answer transaction adds these, an
 * approved appeal takes the same ones back out (`remove`), and reconciliation recounts with them,
 * so the three cannot drift apart.
 *
 * @example
 * answerCounterDeltas({ ...response, answeredAt: '2026-10-31T15:30:00Z' }) // October's buckets (23:30 Shanghai)
 * answerCounterDeltas(response, { remove: true })                          // what an approved appeal subtracts
 */
export function answerCounterDeltas(answer: CountedAnswer, options: { remove?: boolean } = {}): CounterDelta[] {
  const keys = counterKeysFor(answer, new Date(answer.answeredAt), smsChannelOf(answer));
  return keys.map((key) => ({ key, rating: answer.score, ...(options.remove ? { remove: true } : {}) }));
}
