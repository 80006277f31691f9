/**
 * Every test file runs on a pinned wall clock: `Date` starts at `TEST_EPOCH` and moves on in real
 * time (timers, `performance` and the event loop stay real). Code that asks the wall clock — the
 * cloud handler's `systemClock`, JWT expiry, the webhook replay window, the local host's clock while
 * it is not set — reads the same instant on every day the suite runs, so no test depends on today's
 * date. A test that needs another wall-clock instant says so with `pinWallClock`.
 *
 * Loaded by vitest as a setup file (vitest.config.ts); `test/support/wall-clock-rule.test.ts`
 * proves it is active and that no test reads the wall clock around it.
 */
import { vi } from 'vitest';

/** Wednesday 2026-11-18, 10:00 in Shanghai: a working day, inside the SMS sending window. */
export const TEST_EPOCH = new Date('2026-11-18T02:00:00.000Z');

/** Moves the pinned wall clock to `instant`; it keeps moving on from there in real time. */
export function pinWallClock(instant: Date | string): void {
  vi.setSystemTime(new Date(instant));
}

vi.useFakeTimers({ toFake: ['Date'], now: TEST_EPOCH, shouldAdvanceTime: true });

/** The pinned wall clock in unix seconds (webhook and receipt timestamps are signed with it). */
export function wallClockSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
