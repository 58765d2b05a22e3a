/**
 * Proofs assembled from stored nodes in O(log n) reads.
 *
 * Every element of an inclusion or consistency proof (RFC 9162 §2.1.3.1, §2.1.4.1) is the hash
 * of a range of leaves [begin, end). When the range is a perfect subtree its hash is stored as
 * is; otherwise it is the right fold of at most log2(n) stored perfect subtrees. A plan lists,
 * per element, those subtrees, so a caller reads them all in one query and folds them here.
 */

import { assertHashLength, type HashAlgorithm, toHex } from './hash-algorithm.js';
import {
  foldRange,
  type NodeAddress,
  nodeKey,
  perfectSubtrees,
  type StoredNode,
} from './subtree.js';

/** A range of leaves [begin, end) whose RFC 9162 hash is one proof element. */
export interface LeafRange {
  readonly begin: number;
  readonly end: number;
}

/**
 * More elements than any proof can have: a tree of at most 2^53 leaves has audit paths of at
 * most 53 nodes and consistency proofs of at most 54. Verifiers reject longer arrays before
 * decoding them, so a hostile document cannot make them do unbounded work.
 */
export const MAX_PROOF_LENGTH = 64;

export interface ProofPlan {
  /**
   * One entry per proof element, in proof order: the perfect subtrees whose right fold is that
   * element, leftmost first. A one-node entry is a stored hash used as is.
   */
  readonly elements: readonly (readonly NodeAddress[])[];
  /**
   * Every node of `elements`, in order. Proof ranges are disjoint, so no node appears twice.
   * Invariant: O(log n) nodes, because in both proof kinds only the one element on the tree's
   * right edge can be an imperfect range; all others are perfect subtrees, read as one node.
   */
  readonly reads: readonly NodeAddress[];
}

/** Turns the proof's leaf ranges into the stored nodes that hash to them. */
export function planFromRanges(ranges: readonly LeafRange[]): ProofPlan {
  const elements = ranges.map((range) => perfectSubtrees(range.begin, range.end));

  return { elements, reads: elements.flat() };
}

/**
 * Folds the nodes read for `plan` into the proof, as lowercase hex in proof order.
 *
 * Preconditions: `nodes` holds every address of `plan.reads` (in any order, extra nodes are
 * ignored), each with a HASH_SIZE hash computed with `alg`. A missing node throws a RangeError
 * naming it: storage lost a node, which is corruption for the caller to report.
 */
export function buildProof(
  plan: ProofPlan,
  nodes: readonly StoredNode[],
  alg: HashAlgorithm,
): string[] {
  const byAddress = new Map(nodes.map((node) => [nodeKey(node), node.hash]));

  return plan.elements.map((element) => {
    const hashes = element.map((address) => requireNode(byAddress, address));

    return toHex(foldRange(hashes, alg));
  });
}

function requireNode(byAddress: Map<string, Uint8Array>, address: NodeAddress): Uint8Array {
  const key = nodeKey(address);
  const hash = byAddress.get(key);
  if (hash === undefined) {
    throw new RangeError(`node ${key} (level/index) is missing from the nodes read`);
  }

  assertHashLength(hash, `node ${key}`);

  return hash;
}
