/** One measured line of a bench: `ratio` is against the first variant of the same bench and size. */
export interface BenchRow {
  bench: string;
  variant: string;
  size: string;
  ms: number;
  ratio: number;
}

/** The median wall time of `runs` runs of `work`, in milliseconds (one warm-up run first). */
export async function median(runs: number, work: () => Promise<unknown>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** The rows as a small aligned table. */
export function table(rows: BenchRow[]): string {
  const cells = [['bench', 'variant', 'size', 'ms', 'ratio'], ...rows.map((r) => [r.bench, r.variant, r.size, r.ms.toFixed(1), `${r.ratio.toFixed(2)}x`])];
  const widths = cells[0]!.map((_, c) => Math.max(...cells.map((row) => [...row[c]!].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0))));
  const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - [...s].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)));
  return cells.map((row) => row.map((cell, c) => pad(cell, widths[c]!)).join('  ').trimEnd()).join('\n');
}
