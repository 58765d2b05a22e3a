/**
 * Merkle audit paths: proving that one leaf is in a tree of a given size (RFC 9162 §2.1.3).
 *
 * Generation is split in two so storage stays out of this module: {@link inclusionProofNodes}
 * says which stored perfect subtrees to read, {@link buildInclusionProof} folds what was read.
 * Verification follows the algorithm of §2.1.3.2 step by step and never throws.
 */

import {
  DEFAULT_HASH_ALGORITHM,
  type HashAlgorithm,
  hashFromHex,
  hashListFromHex,
  isHashAlgorithm,
  nodeHashBytes,
} from './hash-algorithm.js';
import {
  buildProof,
  type LeafRange,
  MAX_PROOF_LENGTH,
  type ProofPlan,
  planFromRanges,
} from './proof-plan.js';
import { half, isOdd, isTreeSize, type StoredNode, splitPoint } from './subtree.js';

/** What {@link verifyInclusion} checks; hashes are 64 hex digits. */
export interface InclusionCheck {
  readonly leafHash: string;
  readonly index: number;
  readonly size: number;
  readonly proof: readonly string[];
  readonly root: string;
  readonly alg?: HashAlgorithm;
}

/**
 * The leaf ranges whose hashes form the audit path of leaf `index` in a tree of `size` leaves,
 * leaf side first: the PATH(m, D[n]) recursion of RFC 9162 §2.1.3.1 unrolled into a loop.
 *
 * Precondition: 0 ≤ index < size, both safe integers (a RangeError otherwise).
 */
export function inclusionProofRanges(index: number, size: number): LeafRange[] {
  assertIndexInTree(index, size);

  const rootFirst: LeafRange[] = [];
  let begin = 0;
  let end = size;
  while (end - begin > 1) {
    const split = begin + splitPoint(end - begin);
    if (index < split) {
      rootFirst.push({ begin: split, end });
      end = split;
    } else {
      rootFirst.push({ begin, end: split });
      begin = split;
    }
  }

  return rootFirst.reverse();
}

/**
 * The stored nodes to read for the audit path of leaf `index` in a tree of `size` leaves, and
 * how to fold them. At most log2(n) proof elements; the whole plan reads O(log n) nodes because
 * only the element on the tree's right edge can be imperfect.
 *
 * Precondition: 0 ≤ index < size, both safe integers (a RangeError otherwise).
 *
 * @example inclusionProofNodes(2, 3).reads // [{ level: 1, index: 0 }]
 */
export function inclusionProofNodes(index: number, size: number): ProofPlan {
  return planFromRanges(inclusionProofRanges(index, size));
}

/**
 * The audit path, as lowercase hex leaf side first, from the nodes read for `plan`.
 *
 * Preconditions: those of {@link buildProof}: every node of `plan.reads` is present, hashed
 * with `alg`.
 *
 * @example
 * const plan = inclusionProofNodes(5, 8);
 * buildInclusionProof(plan, await nodeStore.read(plan.reads), 'sm3') // 3 hex hashes
 */
export function buildInclusionProof(
  plan: ProofPlan,
  nodes: readonly StoredNode[],
  alg: HashAlgorithm = DEFAULT_HASH_ALGORITHM,
): string[] {
  return buildProof(plan, nodes, alg);
}

/**
 * Recomputes the root from a leaf hash and its audit path by RFC 9162 §2.1.3.2, or returns
 * undefined when the path has the wrong length for (index, size). Never throws on well-typed
 * input; callers that hold untrusted data should use {@link verifyInclusion}.
 *
 * Preconditions: 0 ≤ index < size, all hashes HASH_SIZE bytes.
 */
export function rootFromInclusionProof(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  alg: HashAlgorithm,
): Uint8Array | undefined {
  let fn = index;
  let sn = size - 1;
  let r = leafHash;

  for (const p of proof) {
    // Step 4a: the path is longer than the tree is deep.
    if (sn === 0) {
      return undefined;
    }

    if (isOdd(fn) || fn === sn) {
      r = nodeHashBytes(p, r, alg);
      // Step 4b.ii: on the right edge, skip the levels where this subtree has no right sibling.
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHashBytes(r, p, alg);
    }

    fn = half(fn);
    sn = half(sn);
  }

  // Step 5: a path that ends before reaching the root is too short.
  return sn === 0 ? r : undefined;
}

/**
 * Checks that `leafHash` is leaf `index` of the tree of `size` leaves whose root is `root`,
 * per RFC 9162 §2.1.3.2.
 *
 * Returns false, and never throws, on any malformed input: a hash that is not 64 hex digits, a
 * proof that is not an array of them, an index that is not below the size, a size that is not
 * a safe integer, an unknown algorithm. `alg` defaults to SM3.
 *
 * @example verifyInclusion({ leafHash, index: 5, size: 8, proof, root, alg: 'sha256' }) // true
 */
export function verifyInclusion(check: InclusionCheck): boolean {
  const input = decodeCheck(check);
  if (input === undefined) {
    return false;
  }

  const root = rootFromInclusionProof(input.leaf, input.index, input.size, input.proof, input.alg);

  return root !== undefined && Buffer.compare(root, input.root) === 0;
}

interface DecodedCheck {
  leaf: Buffer;
  index: number;
  size: number;
  proof: Buffer[];
  root: Buffer;
  alg: HashAlgorithm;
}

function decodeCheck(check: unknown): DecodedCheck | undefined {
  if (typeof check !== 'object' || check === null) {
    return undefined;
  }

  const {
    leafHash,
    index,
    size,
    proof,
    root,
    alg = DEFAULT_HASH_ALGORITHM,
  } = check as InclusionCheck;
  if (!isHashAlgorithm(alg) || !isTreeSize(index) || !isTreeSize(size) || index >= size) {
    return undefined;
  }

  const leaf = hashFromHex(leafHash);
  const rootBytes = hashFromHex(root);
  const path = hashListFromHex(proof, MAX_PROOF_LENGTH);
  if (leaf === undefined || rootBytes === undefined || path === undefined) {
    return undefined;
  }

  return { leaf, index, size, proof: path, root: rootBytes, alg };
}

function assertIndexInTree(index: number, size: number): void {
  if (!isTreeSize(index) || !isTreeSize(size) || index >= size) {
    throw new RangeError(`leaf index: got ${index} in a tree of ${size}, want 0 ≤ index < size`);
  }
}
