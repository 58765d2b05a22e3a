/**
 * The Merkle tree of RFC 9162 §2.1 over a list held in memory: its root, and inclusion and
 * consistency proofs, as lowercase hex.
 *
 * This is the convenience API for tests, the CLI and small verifiers. It builds proofs through
 * the same plans and folds as storage does ({@link inclusionProofNodes}), computing each planned
 * node from the leaves instead of reading it, so both paths are exercised by the same tests.
 */

import { frontierRoot, pushLeaf } from './compact-range.js';
import { consistencyProofNodes } from './consistency-proof.js';
import {
  DEFAULT_HASH_ALGORITHM,
  type HashAlgorithm,
  hashFromHex,
  leafHashBytes,
  toHex,
} from './hash-algorithm.js';
import { inclusionProofNodes } from './inclusion-proof.js';
import { buildProof, type ProofPlan } from './proof-plan.js';
import { firstLeaf, leavesAtLevel, type NodeAddress, type StoredNode } from './subtree.js';

/** One logged entry: text (hashed as UTF-8) or raw bytes. */
export type Entry = string | Uint8Array;

/**
 * The leaves of a tree: either the entries themselves (a plain array) or their leaf hashes as
 * hex, wrapped so the two can never be confused.
 */
export type Leaves = readonly Entry[] | { readonly leafHashes: readonly string[] };

/**
 * MTH(D[n]) of RFC 9162 §2.1.1 over raw leaf hashes, in O(n) hashes and O(log n) memory.
 *
 * Precondition: every leaf hash is HASH_SIZE bytes.
 *
 * @example rootHashBytes([leafHashBytes('a', 'sm3')], 'sm3') // that leaf hash
 */
export function rootHashBytes(leafHashes: readonly Uint8Array[], alg: HashAlgorithm): Uint8Array {
  let frontier: Uint8Array[] = [];
  leafHashes.forEach((leaf, size) => {
    frontier = pushLeaf(frontier, leaf, size, alg).frontier;
  });

  return frontierRoot(frontier, alg);
}

/**
 * The root hash of the tree over `leaves`, as lowercase hex; H("") for no leaves.
 *
 * @example rootHash(['{"a":1}', '{"a":2}'], 'sm3') // 64 hex digits
 * @example rootHash({ leafHashes: [leafHash('x', 'sm3')] }, 'sm3') // that same leaf hash
 */
export function rootHash(leaves: Leaves, alg: HashAlgorithm = DEFAULT_HASH_ALGORITHM): string {
  return toHex(rootHashBytes(leafHashesOf(leaves, alg), alg));
}

/**
 * The inclusion proof (audit path) of leaf `index` in the tree of the first `size` leaves, as
 * lowercase hex, leaf side first (RFC 9162 §2.1.3.1).
 *
 * Preconditions: 0 ≤ index < size ≤ number of leaves; leaf hashes, when given, are 64 hex
 * digits. Violations throw a RangeError or TypeError.
 *
 * @example inclusionProof(entries, 5, 8, 'sha256') // ['bc1a0643…', 'ca854ea1…', 'd37ee418…']
 */
export function inclusionProof(
  leaves: Leaves,
  index: number,
  size: number,
  alg: HashAlgorithm = DEFAULT_HASH_ALGORITHM,
): string[] {
  const plan = inclusionProofNodes(index, size);

  return proofFromLeaves(plan, leavesUpTo(leaves, size, alg), alg);
}

/**
 * The consistency proof from the tree of the first `from` leaves to the tree of the first `to`
 * leaves, as lowercase hex (RFC 9162 §2.1.4.1); empty when from is 0 or equals to.
 *
 * Preconditions: 0 ≤ from ≤ to ≤ number of leaves; leaf hashes, when given, are 64 hex
 * digits. Violations throw a RangeError or TypeError.
 *
 * @example consistencyProof({ leafHashes }, 6, 8, 'sha256') // ['0ebc5d34…', 'ca854ea1…', …]
 */
export function consistencyProof(
  leaves: Leaves,
  from: number,
  to: number,
  alg: HashAlgorithm = DEFAULT_HASH_ALGORITHM,
): string[] {
  const plan = consistencyProofNodes(from, to);

  return proofFromLeaves(plan, leavesUpTo(leaves, to, alg), alg);
}

/**
 * The leaf hashes of `leaves` as bytes: entries are hashed, given hashes are decoded.
 *
 * Precondition: given leaf hashes are 64 hex digits (a TypeError names the first that is not).
 */
export function leafHashesOf(leaves: Leaves, alg: HashAlgorithm): Uint8Array[] {
  if (isEntryList(leaves)) {
    return leaves.map((entry) => leafHashBytes(entry, alg));
  }

  return leaves.leafHashes.map((hex, i) => {
    const hash = hashFromHex(hex);
    if (hash === undefined) {
      throw new TypeError(`leafHashes[${i}]: got ${JSON.stringify(hex)}, want 64 hex digits`);
    }

    return hash;
  });
}

function isEntryList(leaves: Leaves): leaves is readonly Entry[] {
  return Array.isArray(leaves);
}

function leavesUpTo(leaves: Leaves, size: number, alg: HashAlgorithm): Uint8Array[] {
  const count = isEntryList(leaves) ? leaves.length : leaves.leafHashes.length;
  if (size > count) {
    throw new RangeError(`tree size: got ${size}, want at most the ${count} leaves given`);
  }

  const prefix = isEntryList(leaves)
    ? leaves.slice(0, size)
    : { leafHashes: leaves.leafHashes.slice(0, size) };

  return leafHashesOf(prefix, alg);
}

function proofFromLeaves(
  plan: ProofPlan,
  leafHashes: readonly Uint8Array[],
  alg: HashAlgorithm,
): string[] {
  const nodes = plan.reads.map((address) => perfectNode(leafHashes, address, alg));

  return buildProof(plan, nodes, alg);
}

function perfectNode(
  leafHashes: readonly Uint8Array[],
  address: NodeAddress,
  alg: HashAlgorithm,
): StoredNode {
  const begin = firstLeaf(address);
  const covered = leafHashes.slice(begin, begin + leavesAtLevel(address.level));

  return { ...address, hash: rootHashBytes(covered, alg) };
}
