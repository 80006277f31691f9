import { createHash, randomBytes } from 'node:crypto';
import { monotonicFactory } from 'ulid';
import type { Clock, IdGen, SurveyTokens } from '../../core/ports';

/**
 * ULIDs stamped with the domain clock: unique, and sortable by the time the rules saw, so lists
 * keyed by id come out in time order even for data made with the clock pinned (the demo seed).
 */
export function ulidIds(clock: Clock): IdGen {
  let next = monotonicFactory();
  let last = 0;
  return {
    next: () => {
      const time = clock.now().getTime();
      // Monotonic within one millisecond (a pinned clock); a clock set back starts a new sequence,
      // since a monotonic factory would otherwise stamp ids with the later time it saw last.
      if (time < last) next = monotonicFactory();
      last = time;
      return next(time);
    },
  };
}

/** 16 random bytes (128 bits) as 22 base64url characters; SHA-256 hex is what gets stored. */
export const surveyTokens: SurveyTokens = {
  mint() {
    const token = randomBytes(16).toString('base64url');
    return { token, hash: surveyTokens.hash(token) };
  },
  hash: (token) => createHash('sha256').update(token, 'utf8').digest('hex'),
};
