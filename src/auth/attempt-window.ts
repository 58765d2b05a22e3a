/**
 * Failed attempts counted in memory per key over a sliding window, for limits that must not
 * touch the database on every try (a flood of sign-ins would otherwise become a flood of
 * writes). The map is bounded, oldest keys first out, so random keys cannot exhaust memory.
 *
 * Limitation: each server process counts for itself; behind a load balancer with N instances
 * an address gets up to N times the limit.
 */
export class AttemptWindow {
  readonly #hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** Milliseconds until `key` may try again, or 0 when it is under the limit at `now`. */
  retryAfter(key: string, now: number): number {
    const recent = this.#recent(key, now);
    if (recent.length < this.limit) return 0;

    return recent[recent.length - this.limit]! + this.windowMs - now;
  }

  record(key: string, now: number): void {
    const recent = this.#recent(key, now);
    recent.push(now);
    this.#hits.delete(key);
    this.#hits.set(key, recent);
    if (this.#hits.size > this.maxKeys) this.#hits.delete(this.#hits.keys().next().value!);
  }

  #recent(key: string, now: number): number[] {
    return (this.#hits.get(key) ?? []).filter((at) => at > now - this.windowMs);
  }
}
