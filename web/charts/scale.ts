/**
 * The arithmetic of the server-drawn charts: scales from data to pixels, tick values and labels.
 * Pure functions, so a chart is a function of its numbers and can be tested without a browser.
 */

/**
 * A linear map from `domain` to `range`.
 *
 * @example linearScale([0, 1], [200, 0])(0.25) // 150
 */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

/**
 * Evenly spaced "nice" ticks (steps of 1, 2, 2.5 or 5 times a power of ten) covering `min..max`.
 *
 * @example niceTicks(0, 1, 5) // [0, 0.2, 0.4, 0.6, 0.8, 1]
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw) as number;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toFixed(10)));
  return ticks;
}

/**
 * Where each of `count` bands sits along `range`: its start and width, with `padding` (a share of
 * a step) left between bands.
 */
export function bandScale(count: number, range: readonly [number, number], padding = 0.2): { start: (index: number) => number; centre: (index: number) => number; width: number } {
  const [r0, r1] = range;
  const step = (r1 - r0) / Math.max(1, count);
  const width = step * (1 - padding);
  return { start: (i) => r0 + i * step + (step - width) / 2, centre: (i) => r0 + i * step + step / 2, width };
}

/**
 * A share as a percentage with one decimal, or `—` when there is no value.
 *
 * @example percent(0.8571) // '85.7%'
 */
export function percent(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(digits)}%`;
}

/** A number with `digits` decimals, or `—`. */
export function fixed(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined ? '—' : value.toFixed(digits);
}

/**
 * Which of `count` x labels to print so that at most `max` show (always the first and the last),
 * for a twelve- or fifty-three-period axis on a narrow chart.
 */
export function labelEvery(count: number, max: number): (index: number) => boolean {
  const step = Math.max(1, Math.ceil(count / Math.max(1, max)));
  return (i) => i === count - 1 || (i % step === 0 && count - 1 - i > step / 2);
}

/**
 * The parts of a line through `values` that have data: a gap (null) breaks the line rather than
 * drawing through a period without answers. Each part is a list of point indexes.
 */
export function segments(values: ReadonlyArray<number | null>): number[][] {
  const out: number[][] = [];
  let current: number[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length) out.push(current);
      current = [];
    } else current.push(i);
  });
  if (current.length) out.push(current);
  return out;
}

/** Colours distinguishable with the common colour-vision deficiencies (Okabe–Ito), dark enough on white. */
export const seriesColours = ['#0072B2', '#D55E00', '#007A5A', '#B0467F', '#8A6100', '#1F6E9C', '#333333', '#6A3D9A'] as const;
/** A dash pattern per series, so lines differ without colour too. */
export const seriesDashes = ['', '7 4', '2 3', '9 3 2 3', '4 2', '1 2', '12 4', '6 2 2 2'] as const;
