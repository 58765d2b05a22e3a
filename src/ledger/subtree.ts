/**
 * Addresses of perfect subtrees, and how any range of leaves that RFC 9162 hashes as one value
 * splits into them.
 *
 * A log stores only the hashes of its perfect (power-of-two sized, aligned) subtrees: node
 * (level, index) covers leaves [index·2^level, (index+1)·2^level), level 0 being the leaf hashes.
 * Such a node never changes once its last leaf is appended, whatever the tree grows to, which is
 * what makes the nodes safe to store. Every other hash the protocol needs, the root of a tree or
 * a proof element, is the hash of a range [begin, end) that is a concatenation of a few perfect
 * subtrees; this module finds them.
 *
 * Sizes and indexes are plain numbers, so the arithmetic below avoids the 32-bit bitwise
 * operators and stays exact up to Number.MAX_SAFE_INTEGER leaves.
 */

import { type HashAlgorithm, nodeHashBytes } from './hash-algorithm.js';

/** Where a perfect subtree sits: it covers leaves [index·2^level, (index+1)·2^level). */
export interface NodeAddress {
  readonly level: number;
  readonly index: number;
}

/** A perfect subtree's hash together with its address, as stored and as read back. */
export interface StoredNode extends NodeAddress {
  readonly hash: Uint8Array;
}

/** Tells whether `value` can be a tree size or leaf index: a non-negative safe integer. */
export function isTreeSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** The number of leaves a node at `level` covers. */
export function leavesAtLevel(level: number): number {
  return 2 ** level;
}

/** The first leaf a node covers. */
export function firstLeaf(node: NodeAddress): number {
  return node.index * leavesAtLevel(node.level);
}

/**
 * The largest power of two strictly below `size`: the `k` at which RFC 9162 §2.1.1 splits a
 * tree of `size` leaves into MTH(D[0:k]) and MTH(D[k:n]).
 *
 * Precondition: size ≥ 2.
 */
export function splitPoint(size: number): number {
  return leavesAtLevel(bitLength(size - 1) - 1);
}

/**
 * The perfect subtrees that tile [begin, end), left to right, each as large as alignment allows.
 *
 * For [0, size) this is the frontier of the tree, one node per set bit of `size`, largest first.
 * For the ranges RFC 9162 hashes (begin a multiple of a power of two ≥ end − begin) the sizes
 * strictly decrease, so the range hash is the right fold of these nodes ({@link foldRange}).
 *
 * Preconditions: 0 ≤ begin ≤ end, both safe integers. Invariant: the result has at most
 * 2·log2(end − begin) + 1 nodes.
 */
export function perfectSubtrees(begin: number, end: number): NodeAddress[] {
  const nodes: NodeAddress[] = [];

  let at = begin;
  while (at < end) {
    const level = largestAlignedLevel(at, end);
    nodes.push({ level, index: at / leavesAtLevel(level) });
    at += leavesAtLevel(level);
  }

  return nodes;
}

/**
 * Hashes a range from the hashes of its perfect subtrees, given in the order
 * {@link perfectSubtrees} lists them: MTH(D[a:b]) = H(0x01 || first || MTH(rest)) by RFC 9162
 * §2.1.1, because the first subtree is exactly the left half `k` of the range.
 *
 * Precondition: `hashes` is non-empty and every hash is HASH_SIZE bytes.
 */
export function foldRange(hashes: readonly Uint8Array[], alg: HashAlgorithm): Uint8Array {
  const last = hashes.at(-1);
  if (last === undefined) {
    throw new RangeError('cannot fold an empty range: got 0 subtrees, want at least 1');
  }

  let acc = last;
  for (let i = hashes.length - 2; i >= 0; i--) {
    acc = nodeHashBytes(hashes[i]!, acc, alg);
  }

  return acc;
}

/** RFC 9162's LSB(n). */
export function isOdd(n: number): boolean {
  return n % 2 === 1;
}

/** RFC 9162's one-bit right shift, exact beyond 32 bits. */
export function half(n: number): number {
  return Math.floor(n / 2);
}

/** Tells whether the positive safe integer `n` is an exact power of two. */
export function isPowerOfTwo(n: number): boolean {
  return n > 0 && leavesAtLevel(bitLength(n) - 1) === n;
}

/** A compact string key for a node address, for maps of nodes read from storage. */
export function nodeKey(node: NodeAddress): string {
  return `${node.level}/${node.index}`;
}

// The widest node starting at `at` is limited by the alignment of `at` (its trailing zero bits)
// and by the room left before `end` (the highest set bit of end − at).
function largestAlignedLevel(at: number, end: number): number {
  const fits = bitLength(end - at) - 1;

  return at === 0 ? fits : Math.min(trailingZeros(at), fits);
}

const TWO_TO_32 = 2 ** 32;

/**
 * The number of bits needed to write the non-negative safe integer `n` (0 for 0). Math.clz32
 * sees only 32 bits, so larger numbers are split into their high and low words.
 */
export function bitLength(n: number): number {
  const high = Math.floor(n / TWO_TO_32);

  return high > 0 ? 64 - Math.clz32(high) : 32 - Math.clz32(n);
}

// Precondition: n is a positive safe integer.
function trailingZeros(n: number): number {
  const low = n % TWO_TO_32;
  if (low === 0) {
    return 32 + trailingZeros(n / TWO_TO_32);
  }

  // low & -low isolates the lowest set bit; >>> 0 keeps bit 31 positive.
  return 31 - Math.clz32((low & -low) >>> 0);
}
