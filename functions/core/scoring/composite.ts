import { z } from 'zod';

/**
 * Weights of the composite index (综合指数) that ranks teams and zones the way 12345 红黑榜 do:
 * satisfaction, callbacks on time, rectifications on time, and the re-handle rate (as 1 - 重办率).
 * Only their ratios matter: they are renormalised over the parts a group has data for.
 */
export const compositeWeightsSchema = z
  .object({
    satisfaction: z.number().min(0).max(1),
    callbackOnTime: z.number().min(0).max(1),
    rectificationOnTime: z.number().min(0).max(1),
    rehandle: z.number().min(0).max(1),
  })
  .refine((w) => w.satisfaction + w.callbackOnTime + w.rectificationOnTime + w.rehandle > 0, { message: 'at least one weight must be above 0' });
export type CompositeWeights = z.infer<typeof compositeWeightsSchema>;

export const defaultCompositeWeights: CompositeWeights = { satisfaction: 0.6, callbackOnTime: 0.15, rectificationOnTime: 0.15, rehandle: 0.1 };

/** The parts of the composite, each a share in 0..1 where higher is better; `null` when the group has no data for it. */
export type CompositeParts = Record<keyof CompositeWeights, number | null>;

/**
 * A share `k/n` shrunk toward `prior` as if `weight` extra observations at the prior had been made
 * (the Bayesian mean of a proportion). `shrunkShare(5, 5, 0.8, 10)` is (5 + 8) / 15 = 0.867.
 */
export function shrunkShare(k: number, n: number, prior: number, weight: number): number {
  if (n + weight <= 0) return prior;
  return (k + weight * prior) / (n + weight);
}

/**
 * The composite index 0..100: the weighted mean of the parts a group has data for, the weights
 * renormalised over those parts, so a team that had no rectification is judged on the rest rather
 * than given 0 or 100 for it. `null` when no part with a weight above 0 has data.
 *
 * @example
 * compositeIndex({ satisfaction: 0.9, callbackOnTime: 0.5, rectificationOnTime: null, rehandle: 1 }, defaultCompositeWeights)
 * // (0.6 * 0.9 + 0.15 * 0.5 + 0.1 * 1) / 0.85 * 100 = 84.12
 */
export function compositeIndex(parts: CompositeParts, weights: CompositeWeights): number | null {
  let weighted = 0;
  let total = 0;
  for (const name of Object.keys(weights) as Array<keyof CompositeWeights>) {
    const value = parts[name];
    if (value === null || weights[name] <= 0) continue;
    weighted += weights[name] * value;
    total += weights[name];
  }
  return total > 0 ? (100 * weighted) / total : null;
}

/**
 * Ranks in descending order of `value`, equal values sharing a rank (1, 2, 2, 4); items whose value
 * is `null` get no rank. Ties are compared after rounding to 1e-9, so float noise never splits them.
 */
export function rankDescending<T>(items: T[], value: (item: T) => number | null, setRank: (item: T, rank: number) => void, tieBreak: (a: T, b: T) => number = () => 0): void {
  const key = (item: T) => Math.round((value(item) ?? 0) * 1e9);
  const ranked = items.filter((i) => value(i) !== null).sort((a, b) => key(b) - key(a) || tieBreak(a, b));
  let rank = 0;
  ranked.forEach((item, i) => {
    if (i === 0 || key(ranked[i - 1]!) !== key(item)) rank = i + 1;
    setRank(item, rank);
  });
}
