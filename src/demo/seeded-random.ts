/**
 * A small seeded pseudo-random generator for the demo data: the same seed gives the same
 * names, records and calendar of late and missing quarters on every machine, which
 * Math.random cannot promise. Not for anything secret.
 */

/** mulberry32: 32 bits of state, fast, and good enough to make varied demo data. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);

    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** A whole number from `min` to `max`, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');

    return items[Math.floor(this.next() * items.length)] as T;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }

    return out;
  }

  /** A generator of its own, so one part of the plan can change without moving the others. */
  fork(label: string): SeededRandom {
    let hash = this.state ^ 0x811c9dc5;
    for (const char of label) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);

    return new SeededRandom(hash >>> 0);
  }
}

/**
 * Draws from a shuffled deck holding every option once plus weighted extras, refilled when
 * empty: each option shows up at least once per deck, so a few dozen records already cover
 * every form, channel, level and situation, while the common ones stay common.
 */
export class Deck<T> {
  private cards: T[] = [];

  constructor(
    private readonly random: SeededRandom,
    private readonly weighted: ReadonlyArray<readonly [T, number]>,
  ) {}

  draw(): T {
    if (this.cards.length === 0) {
      const cards = this.weighted.flatMap(([option, weight]) =>
        Array.from({ length: Math.max(1, weight) }, () => option),
      );
      this.cards = this.random.shuffle(cards);
    }

    return this.cards.pop() as T;
  }
}
