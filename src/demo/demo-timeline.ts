/**
 * Time for the demo. The data is made by walking a clock through two years, so submission
 * times, lateness, reminders and checkpoints come out as a running server would have made
 * them; afterwards the same clock follows the real time and the server runs on it.
 */
import { beijingDate } from '../calendar/beijing-time.js';
import type { Clock } from '../platform/clock.js';

/** A clock the demo sets by hand, until `followSystem` hands it over to the real time. */
export class DemoClock implements Clock {
  private current: Date | null;

  constructor(start: Date) {
    this.current = new Date(start);
  }

  now(): Date {
    return this.current ? new Date(this.current) : new Date();
  }

  set(instant: Date): void {
    this.current = new Date(instant);
  }

  followSystem(): void {
    this.current = null;
  }
}

export interface SettableClock extends Clock {
  set(instant: Date): void;
}

interface Act {
  at: number;
  seq: number;
  run: () => Promise<void>;
}

const DAY_MS = 86_400_000;

/**
 * Acts in time order. Before an act runs, the clock stops at 08:00 Beijing time of every day
 * in between for the daily duties; an act may schedule more acts. Nothing happens after
 * `until` (the real "now"): what would, is left undone, as in life.
 */
export class Timeline {
  private readonly acts: Act[] = [];
  private seq = 0;

  constructor(
    private readonly clock: SettableClock,
    private readonly until: Date,
    private readonly daily: () => Promise<void>,
  ) {}

  /** Schedules `run` at `at`, or just after the current time when `at` has passed. */
  at(at: Date, run: () => Promise<void>): void {
    const time = Math.max(at.getTime(), this.clock.now().getTime() + 60_000);
    this.acts.push({ at: time, seq: this.seq++, run });
    this.acts.sort((a, b) => a.at - b.at || a.seq - b.seq);
  }

  async run(): Promise<void> {
    for (;;) {
      const next = this.acts.shift();
      if (!next || next.at > this.until.getTime()) break;

      await this.passDaysUntil(next.at);
      this.clock.set(new Date(next.at));
      await next.run();
    }
    this.acts.length = 0;
    await this.passDaysUntil(this.until.getTime());
    this.clock.set(this.until);
  }

  private async passDaysUntil(time: number): Promise<void> {
    let morning = nextMorning(this.clock.now().getTime());
    while (morning <= time) {
      this.clock.set(new Date(morning));
      await this.daily();
      morning += DAY_MS;
    }
  }
}

/** The first 08:00 in Beijing (00:00 UTC), when the daily duties run, strictly after `time`. */
function nextMorning(time: number): number {
  const day = Date.parse(`${beijingDate(new Date(time))}T00:00:00Z`);

  return day > time ? day : day + DAY_MS;
}
