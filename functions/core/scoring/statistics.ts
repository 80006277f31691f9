/** Counts of answers per level of the five-level 好差评 scale. */
export type LevelCounts = Record<'1' | '2' | '3' | '4' | '5', number>;

export const emptyCounts = (): LevelCounts => ({ '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 });

const Z95 = 1.959963984540054;

/**
 * The 95% Wilson score interval of a proportion `k/n`; `{lower: 0, upper: 0}` when n is 0.
 * `wilsonInterval(9, 10).lower` is 0.596 (to three places).
 */
export function wilsonInterval(k: number, n: number, z = Z95): { lower: number; upper: number } {
  if (n <= 0) return { lower: 0, upper: 0 };
  const p = k / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denom = 1 + z2 / n;
  return { lower: Math.max(0, (centre - spread) / denom), upper: Math.min(1, (centre + spread) / denom) };
}

/**
 * A mean shrunk toward `priorMean` as if `weight` extra answers at the prior had been given, so a
 * team with three 5s does not outrank a team with two hundred answers averaging 4.8.
 */
export function bayesianMean(sum: number, n: number, priorMean: number, weight: number): number {
  if (n + weight <= 0) return priorMean;
  return (sum + weight * priorMean) / (n + weight);
}

/** Summary statistics of a group's level counts. */
export function summarize(counts: LevelCounts) {
  const n = counts['1'] + counts['2'] + counts['3'] + counts['4'] + counts['5'];
  const sum = counts['1'] + 2 * counts['2'] + 3 * counts['3'] + 4 * counts['4'] + 5 * counts['5'];
  const satisfied = counts['4'] + counts['5'];
  const good = satisfied + counts['3'];
  const wilson = wilsonInterval(satisfied, n);
  return {
    n,
    sum,
    mean: n > 0 ? sum / n : null,
    csat: n > 0 ? satisfied / n : null,
    goodRate: n > 0 ? good / n : null,
    wilsonLower: n > 0 ? wilson.lower : null,
    wilsonUpper: n > 0 ? wilson.upper : null,
  };
}
