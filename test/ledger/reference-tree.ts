/**
 * A deliberately slow Merkle tree written straight from the recursive definitions of RFC 9162
 * §2.1.1 (MTH), §2.1.3.1 (PATH) and §2.1.4.1 (PROOF, SUBPROOF), hashing with node:crypto
 * directly. The tests compare the library's iterative, storage-shaped code against it.
 */

import { createHash } from 'node:crypto';

import type { HashAlgorithm } from '../../src/ledger/hash-algorithm.js';

type Hash = Buffer;

function h(alg: HashAlgorithm, ...parts: Uint8Array[]): Hash {
  const hash = createHash(alg);
  for (const part of parts) {
    hash.update(part);
  }

  return hash.digest();
}

/** H(0x00 || entry). */
export function referenceLeafHash(entry: Uint8Array, alg: HashAlgorithm): Hash {
  return h(alg, Uint8Array.of(0), entry);
}

/** The largest power of two strictly less than n (n > 1). */
function k(n: number): number {
  let p = 1;
  while (p * 2 < n) {
    p *= 2;
  }

  return p;
}

/** MTH(D[n]) over leaf hashes. */
export function referenceRoot(leaves: readonly Hash[], alg: HashAlgorithm): Hash {
  if (leaves.length === 0) {
    return h(alg);
  }

  if (leaves.length === 1) {
    return leaves[0]!;
  }

  const split = k(leaves.length);
  const left = referenceRoot(leaves.slice(0, split), alg);
  const right = referenceRoot(leaves.slice(split), alg);

  return h(alg, Uint8Array.of(1), left, right);
}

/** PATH(m, D[n]). */
export function referencePath(m: number, leaves: readonly Hash[], alg: HashAlgorithm): Hash[] {
  if (leaves.length <= 1) {
    return [];
  }

  const split = k(leaves.length);
  if (m < split) {
    return [
      ...referencePath(m, leaves.slice(0, split), alg),
      referenceRoot(leaves.slice(split), alg),
    ];
  }

  return [
    ...referencePath(m - split, leaves.slice(split), alg),
    referenceRoot(leaves.slice(0, split), alg),
  ];
}

/** PROOF(m, D[n]) for 0 < m ≤ n. */
export function referenceProof(m: number, leaves: readonly Hash[], alg: HashAlgorithm): Hash[] {
  return subproof(m, leaves, true, alg);
}

function subproof(m: number, leaves: readonly Hash[], b: boolean, alg: HashAlgorithm): Hash[] {
  const n = leaves.length;
  if (m === n) {
    return b ? [] : [referenceRoot(leaves, alg)];
  }

  const split = k(n);
  if (m <= split) {
    return [
      ...subproof(m, leaves.slice(0, split), b, alg),
      referenceRoot(leaves.slice(split), alg),
    ];
  }

  return [
    ...subproof(m - split, leaves.slice(split), false, alg),
    referenceRoot(leaves.slice(0, split), alg),
  ];
}

/**
 * The side of each PATH(m, D[n]) element relative to the hash being built, leaf first: 'R' when
 * the element is the right sibling, 'L' when it is the left one. Two (m, n) with the same sides
 * are indistinguishable to the RFC 9162 §2.1.3.2 verifier, which sees only a root, not a size.
 */
export function referencePathSides(m: number, n: number): string {
  if (n <= 1) {
    return '';
  }

  const split = k(n);

  return m < split
    ? `${referencePathSides(m, split)}R`
    : `${referencePathSides(m - split, n - split)}L`;
}

/**
 * The same for PROOF(m, D[n]): 'R' for an element only the new tree contains, 'L' for one both
 * trees fold in from the left, '' for 0 < m = n; undefined when no proof exists (m > n).
 */
export function referenceProofSides(m: number, n: number): string | undefined {
  if (m > n || m <= 0) {
    return undefined;
  }

  return subproofSides(m, n);
}

function subproofSides(m: number, n: number): string {
  if (m === n) {
    return '';
  }

  const split = k(n);

  return m <= split ? `${subproofSides(m, split)}R` : `${subproofSides(m - split, n - split)}L`;
}
