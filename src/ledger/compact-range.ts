/**
 * Appending to a log while holding only O(log n) hashes.
 *
 * The frontier (a "compact range" in the Go transparency-dev vocabulary) of a tree of `size`
 * leaves is the list of perfect subtree hashes that tile [0, size), largest first: one per set
 * bit of `size`. It is all a writer needs to append a leaf and compute the new root. Its node
 * addresses follow from `size` alone ({@link frontierAddresses}), so a root at any past size is
 * read back from the stored nodes; storage also keeps the current frontier on the log's head
 * row, where an append finds it with the size it claims.
 */

import {
  assertHashLength,
  emptyRootBytes,
  type HashAlgorithm,
  nodeHashBytes,
} from './hash-algorithm.js';
import {
  foldRange,
  half,
  isOdd,
  isTreeSize,
  type NodeAddress,
  perfectSubtrees,
  type StoredNode,
} from './subtree.js';

/** Hashes of the perfect subtrees that tile [0, size), largest (leftmost) first. */
export type Frontier = readonly Uint8Array[];

export interface AppendResult {
  /** The frontier of the tree of size + 1. */
  readonly frontier: Uint8Array[];
  /** Every perfect subtree the leaf completed, the leaf itself first, then upwards. */
  readonly newNodes: StoredNode[];
  /** MTH of the tree of size + 1 (RFC 9162 §2.1.1). */
  readonly root: Uint8Array;
}

/**
 * The addresses of the frontier of a tree of `size` leaves: what to read from storage to
 * resume appending, or to compute the root at `size` with {@link frontierRoot}.
 *
 * Precondition: size is a non-negative safe integer.
 *
 * @example
 * frontierAddresses(7) // [{ level: 2, index: 0 }, { level: 1, index: 2 }, { level: 0, index: 6 }]
 */
export function frontierAddresses(size: number): NodeAddress[] {
  assertTreeSize(size);

  return perfectSubtrees(0, size);
}

/**
 * Appends the leaf hash `leafHash` as leaf number `size` to a tree whose frontier is `frontier`.
 *
 * The new leaf completes one perfect subtree per trailing 1-bit of `size` (at most log2(n)):
 * each is merged with its left neighbour from the frontier, and all of them are returned in
 * `newNodes` for storage. Never reads anything but the frontier. The merges cost one hash per
 * completed subtree, two on average; the root costs up to log2(n) more, so a batch of appends
 * should use {@link pushLeaf} and compute {@link frontierRoot} once at the end.
 *
 * Preconditions: `frontier` is the frontier of the tree of `size` leaves (so it holds one hash
 * per set bit of `size`), every hash is HASH_SIZE bytes, and size + 1 is a safe integer.
 * Invariant: the input frontier is not modified.
 *
 * @example
 * const { frontier, newNodes, root } = appendLeaf(stored, leafHashBytes(entry, 'sm3'), 3, 'sm3');
 * // newNodes: leaf 0/3, then 1/1 (leaves 2–3) and 2/0 (leaves 0–3); frontier: [2/0]
 */
export function appendLeaf(
  frontier: Frontier,
  leafHash: Uint8Array,
  size: number,
  alg: HashAlgorithm,
): AppendResult {
  const { frontier: next, newNodes } = pushLeaf(frontier, leafHash, size, alg);

  return { frontier: next, newNodes, root: frontierRoot(next, alg) };
}

/**
 * The root of the tree whose frontier is `frontier`: the right fold of its hashes, which is
 * MTH(D[0:size]) because RFC 9162 splits every range at its largest power of two, the first
 * frontier node. An empty frontier is the empty tree, whose root is H("").
 *
 * Precondition: every hash is HASH_SIZE bytes.
 *
 * @example toHex(frontierRoot([], 'sha256')) // 'e3b0c442…7852b855'
 */
export function frontierRoot(frontier: Frontier, alg: HashAlgorithm): Uint8Array {
  if (frontier.length === 0) {
    return emptyRootBytes(alg);
  }

  return foldRange(frontier, alg);
}

/**
 * {@link appendLeaf} without the root, for callers that append many leaves and need the root
 * once at the end (computing it per leaf would add log2(n) hashes to every append).
 *
 * @example
 * for (const leaf of batch) ({ frontier, newNodes } = pushLeaf(frontier, leaf, size++, 'sm3'));
 */
export function pushLeaf(
  frontier: Frontier,
  leafHash: Uint8Array,
  size: number,
  alg: HashAlgorithm,
): Omit<AppendResult, 'root'> {
  assertFrontierFits(frontier, size);
  assertHashLength(leafHash, 'leaf');

  const next = [...frontier];
  const newNodes: StoredNode[] = [{ level: 0, index: size, hash: leafHash }];

  // Each trailing 1-bit of `size` is a perfect subtree of the same width ending just before the
  // new leaf; merging it with the subtree just completed completes one twice as wide.
  let hash: Uint8Array = leafHash;
  let level = 0;
  let index = size;
  while (isOdd(index)) {
    hash = nodeHashBytes(next.pop()!, hash, alg);
    level += 1;
    index = half(index);
    newNodes.push({ level, index, hash });
  }

  next.push(hash);

  return { frontier: next, newNodes };
}

function assertFrontierFits(frontier: Frontier, size: number): void {
  assertTreeSize(size);
  if (!Number.isSafeInteger(size + 1)) {
    throw new RangeError(`tree size: got ${size}, want at most ${Number.MAX_SAFE_INTEGER - 1}`);
  }

  const want = perfectSubtrees(0, size).length;
  if (frontier.length !== want) {
    throw new RangeError(`frontier of size ${size}: got ${frontier.length} hashes, want ${want}`);
  }

  frontier.forEach((hash, i) => {
    assertHashLength(hash, `frontier[${i}]`);
  });
}

function assertTreeSize(size: number): void {
  if (!isTreeSize(size)) {
    throw new RangeError(`tree size: got ${size}, want a non-negative safe integer`);
  }
}
