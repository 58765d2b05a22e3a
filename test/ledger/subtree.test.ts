import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  bitLength,
  isPowerOfTwo,
  type NodeAddress,
  perfectSubtrees,
  splitPoint,
} from '../../src/ledger/subtree.js';

// Slow, obviously right versions of the arithmetic, with BigInt so they stay exact to 2^53.
function slowSplitPoint(size: number): number {
  let k = 1n;
  while (k * 2n < BigInt(size)) {
    k *= 2n;
  }

  return Number(k);
}

function slowPerfectSubtrees(begin: number, end: number): NodeAddress[] {
  const nodes: NodeAddress[] = [];
  let at = BigInt(begin);
  while (at < BigInt(end)) {
    let level = 0n;
    while (at % 2n ** (level + 1n) === 0n && at + 2n ** (level + 1n) <= BigInt(end)) {
      level += 1n;
    }

    nodes.push({ level: Number(level), index: Number(at / 2n ** level) });
    at += 2n ** level;
  }

  return nodes;
}

const safeSize = fc.integer({ min: 2, max: Number.MAX_SAFE_INTEGER });

describe('subtree arithmetic stays exact beyond 32 bits', () => {
  it('finds the split point of any safe size', () => {
    fc.assert(fc.property(safeSize, (size) => splitPoint(size) === slowSplitPoint(size)));
    expect(splitPoint(2 ** 40 + 1)).toBe(2 ** 40);
    expect(splitPoint(2 ** 40)).toBe(2 ** 39);
  });

  it('tiles any range of safe integers with perfect subtrees', () => {
    const range = fc
      .tuple(fc.nat({ max: Number.MAX_SAFE_INTEGER }), fc.nat({ max: Number.MAX_SAFE_INTEGER }))
      .map(([a, b]): [number, number] => (a <= b ? [a, b] : [b, a]));
    fc.assert(
      fc.property(range, ([begin, end]) => {
        expect(perfectSubtrees(begin, end)).toEqual(slowPerfectSubtrees(begin, end));
      }),
    );
  });

  it('tiles ranges around 32-bit boundaries', () => {
    for (const [begin, end] of [
      [2 ** 31 - 1, 2 ** 33 + 5],
      [2 ** 32, 2 ** 32 + 2 ** 31],
      [3 * 2 ** 32, 2 ** 53 - 1],
      [0, 2 ** 53 - 1],
    ] as const) {
      expect(perfectSubtrees(begin, end)).toEqual(slowPerfectSubtrees(begin, end));
    }
  });

  it('measures bit lengths and powers of two', () => {
    expect([0, 1, 2, 3, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1].map(bitLength)).toEqual([
      0, 1, 2, 2, 32, 32, 33, 53,
    ]);
    expect([1, 2, 2 ** 31, 2 ** 32, 2 ** 52].every(isPowerOfTwo)).toBe(true);
    expect([0, 3, 2 ** 31 + 1, 2 ** 32 - 1, 2 ** 53 - 1].some(isPowerOfTwo)).toBe(false);
  });
});
