import type { Clock } from '../../core/ports';

/** The wall clock, for the cloud. */
export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that can be pinned to an instant (the local host's `POST /local/clock`, the demo seed,
 * tests) and released back to the wall clock with `set(null)`.
 */
export class SettableClock implements Clock {
  private pinned: Date | null = null;

  now(): Date {
    return this.pinned ? new Date(this.pinned.getTime()) : new Date();
  }

  set(instant: Date | null): void {
    this.pinned = instant ? new Date(instant.getTime()) : null;
  }

  /** Whether the clock is pinned, and to what. */
  get pinnedTo(): Date | null {
    return this.pinned;
  }
}
