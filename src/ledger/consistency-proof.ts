/**
 * Consistency proofs: showing that a tree of `to` leaves extends the tree of its first `from`
 * leaves without changing them (RFC 9162 §2.1.4). This is what makes the log append-only: a
 * verifier holding an old signed root can check any newer one against it.
 *
 * As for inclusion proofs, generation is a plan of stored nodes plus a fold; verification
 * follows §2.1.4.2 step by step and never throws.
 */

import {
  DEFAULT_HASH_ALGORITHM,
  emptyRootBytes,
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
import { half, isOdd, isPowerOfTwo, isTreeSize, type StoredNode, splitPoint } from './subtree.js';

/** What {@link verifyConsistency} checks; hashes are 64 hex digits. */
export interface ConsistencyCheck {
  readonly from: number;
  readonly to: number;
  readonly fromRoot: string;
  readonly toRoot: string;
  readonly proof: readonly string[];
  readonly alg?: HashAlgorithm;
}

/**
 * The leaf ranges whose hashes form PROOF(from, D[to]) of RFC 9162 §2.1.4.1, in proof order:
 * the SUBPROOF recursion unrolled into a loop. `whole` tracks the recursion's flag b, true while
 * the old tree is still a complete subtree the verifier already knows (its root).
 *
 * The RFC defines proofs for 0 < from < to; for from = 0 (the empty tree) and from = to the
 * proof is empty, since there is nothing to show.
 *
 * Precondition: 0 ≤ from ≤ to, both safe integers (a RangeError otherwise).
 */
export function consistencyProofRanges(from: number, to: number): LeafRange[] {
  assertSizes(from, to);
  if (from === 0 || from === to) {
    return [];
  }

  const rootFirst: LeafRange[] = [];
  let begin = 0;
  let end = to;
  let whole = true;
  // The recursion bottoms out when the range left is exactly the old tree's remainder.
  while (end !== from) {
    const split = begin + splitPoint(end - begin);
    if (from <= split) {
      rootFirst.push({ begin: split, end });
      end = split;
    } else {
      rootFirst.push({ begin, end: split });
      begin = split;
      whole = false;
    }
  }

  // SUBPROOF(m, D[m], false) = {MTH(D[m])}: the old tree's last subtree, which the verifier
  // cannot derive from the old root alone.
  if (!whole) {
    rootFirst.push({ begin, end });
  }

  return rootFirst.reverse();
}

/**
 * The stored nodes to read for the consistency proof from `from` to `to` leaves, and how to
 * fold them. At most log2(to) + 1 proof elements and O(log n) nodes in all.
 *
 * Precondition: 0 ≤ from ≤ to, both safe integers (a RangeError otherwise).
 *
 * @example consistencyProofNodes(4, 8).reads // [{ level: 2, index: 1 }]
 */
export function consistencyProofNodes(from: number, to: number): ProofPlan {
  return planFromRanges(consistencyProofRanges(from, to));
}

/**
 * The consistency proof, as lowercase hex in proof order, from the nodes read for `plan`.
 *
 * Preconditions: those of {@link buildProof}: every node of `plan.reads` is present, hashed
 * with `alg`.
 *
 * @example
 * const plan = consistencyProofNodes(6, 8);
 * buildConsistencyProof(plan, await nodeStore.read(plan.reads), 'sm3') // 3 hex hashes
 */
export function buildConsistencyProof(
  plan: ProofPlan,
  nodes: readonly StoredNode[],
  alg: HashAlgorithm = DEFAULT_HASH_ALGORITHM,
): string[] {
  return buildProof(plan, nodes, alg);
}

/**
 * Checks that the tree of `to` leaves with root `toRoot` extends the tree of `from` leaves with
 * root `fromRoot`, per RFC 9162 §2.1.4.2.
 *
 * Outside the RFC's 0 < from < to: from = to holds when the proof is empty and the roots are
 * equal; from = 0 holds when the proof is empty and `fromRoot` is the empty tree's root, H("").
 * Returns false, and never throws, on any malformed input (bad hex, from > to, sizes that are
 * not safe integers, an unknown algorithm). `alg` defaults to SM3.
 *
 * @example verifyConsistency({ from: 6, to: 8, fromRoot, toRoot, proof, alg: 'sha256' }) // true
 */
export function verifyConsistency(check: ConsistencyCheck): boolean {
  const input = decodeCheck(check);
  if (input === undefined) {
    return false;
  }

  const { from, to, fromRoot, toRoot, proof, alg } = input;
  if (from === to) {
    return proof.length === 0 && fromRoot.equals(toRoot);
  }

  if (from === 0) {
    return proof.length === 0 && fromRoot.equals(emptyRootBytes(alg));
  }

  const roots = rootsFromConsistencyProof(from, to, fromRoot, proof, alg);

  return roots !== undefined && fromRoot.equals(roots.fromRoot) && toRoot.equals(roots.toRoot);
}

/**
 * Recomputes both roots from a consistency proof by RFC 9162 §2.1.4.2 steps 1–6, or returns
 * undefined when the proof has the wrong shape for (from, to).
 *
 * Preconditions: 0 < from < to, all hashes HASH_SIZE bytes.
 */
export function rootsFromConsistencyProof(
  from: number,
  to: number,
  fromRoot: Uint8Array,
  proof: readonly Uint8Array[],
  alg: HashAlgorithm,
): { fromRoot: Uint8Array; toRoot: Uint8Array } | undefined {
  // Step 2: when the old tree is a perfect subtree of the new one, its root is the first node.
  const path = isPowerOfTwo(from) ? [fromRoot, ...proof] : proof;
  const [first, ...rest] = path;
  // Step 1.
  if (first === undefined) {
    return undefined;
  }

  // Steps 3 and 4: start from the old tree's last leaf, above the levels where it is a right
  // child inside its own perfect subtree (that subtree's hash is `first`).
  let fn = from - 1;
  let sn = to - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }

  let fr = first;
  let sr = first;
  for (const c of rest) {
    // Step 6a: more nodes than the new tree is deep.
    if (sn === 0) {
      return undefined;
    }

    if (isOdd(fn) || fn === sn) {
      fr = nodeHashBytes(c, fr, alg);
      sr = nodeHashBytes(c, sr, alg);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHashBytes(sr, c, alg);
    }

    fn = half(fn);
    sn = half(sn);
  }

  // Step 7's sn = 0: the path reached the new root.
  return sn === 0 ? { fromRoot: fr, toRoot: sr } : undefined;
}

interface DecodedCheck {
  from: number;
  to: number;
  fromRoot: Buffer;
  toRoot: Buffer;
  proof: Buffer[];
  alg: HashAlgorithm;
}

function decodeCheck(check: unknown): DecodedCheck | undefined {
  if (typeof check !== 'object' || check === null) {
    return undefined;
  }

  const {
    from,
    to,
    fromRoot,
    toRoot,
    proof,
    alg = DEFAULT_HASH_ALGORITHM,
  } = check as ConsistencyCheck;
  if (!isHashAlgorithm(alg) || !isTreeSize(from) || !isTreeSize(to) || from > to) {
    return undefined;
  }

  const oldRoot = hashFromHex(fromRoot);
  const newRoot = hashFromHex(toRoot);
  const path = hashListFromHex(proof, MAX_PROOF_LENGTH);
  if (oldRoot === undefined || newRoot === undefined || path === undefined) {
    return undefined;
  }

  return { from, to, fromRoot: oldRoot, toRoot: newRoot, proof: path, alg };
}

function assertSizes(from: number, to: number): void {
  if (!isTreeSize(from) || !isTreeSize(to) || from > to) {
    throw new RangeError(`tree sizes: got from ${from} to ${to}, want 0 ≤ from ≤ to`);
  }
}
