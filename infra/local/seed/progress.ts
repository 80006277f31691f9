/** Where progress goes: stderr in `npm start`, a recorder in tests. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

const WIDTH = 30;

/**
 * A one-line progress bar: redrawn in place with `\r` on a terminal, and a plain line every ~10%
 * elsewhere (logs, CI), so a redirected log is not flooded. `done` ends it with a summary line.
 */
export class ProgressBar {
  private lastDecile = -1;
  private lastDraw = 0;
  private readonly started = Date.now();

  constructor(
    private readonly stream: ProgressStream,
    private readonly label: string,
  ) {}

  /** Reports `fraction` (0-1) of the whole job, with what is happening now. */
  update(fraction: number, what: string): void {
    const f = Math.max(0, Math.min(1, fraction));
    const percent = Math.floor(f * 100);
    const seconds = ((Date.now() - this.started) / 1000).toFixed(0);
    if (this.stream.isTTY) {
      const now = Date.now();
      if (now - this.lastDraw < 100 && f < 1) return;
      this.lastDraw = now;
      const filled = Math.round(f * WIDTH);
      this.stream.write(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${String(percent).padStart(3)}% ${what} ${seconds} s\x1b[K`);
      return;
    }
    const decile = Math.floor(percent / 10);
    if (decile <= this.lastDecile) return;
    this.lastDecile = decile;
    this.stream.write(`${this.label} ${String(percent).padStart(3)}% ${what} (${seconds} s)\n`);
  }

  /** Ends the bar with the totals and the seconds it took. */
  done(summary: string): void {
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    this.stream.write(`${this.stream.isTTY ? '\r\x1b[K' : ''}${this.label} done in ${seconds} s: ${summary}\n`);
  }
}
