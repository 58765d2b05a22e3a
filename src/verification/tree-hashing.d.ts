/** Types of tree-hashing.js, which stays plain JavaScript so that a worker thread can load it. */
import type { HashAlgorithm } from '../ledger/hash-algorithm.js';

export const WORKER_MARK: string;

/** What one batch hashed to. */
export interface HashedBatch {
  /**
   * Lowercase hex of every hash the batch computed, 64 digits each: for each entry in order,
   * its leaf hash, then the nodes it completed, lowest level first.
   */
  hex: string;
  /** The root after each count of `rootsAfter`, lowercase hex. */
  roots: string[];
  /** The frontier after the batch, as a log's head row keeps it. */
  frontier: string;
  /** The arena the batch came in, handed back for the next one. */
  arena: ArrayBuffer;
}

export class BatchHasher {
  constructor(alg: HashAlgorithm);
  hashBatch(arena: ArrayBuffer, ends: Uint32Array, rootsAfter: readonly number[]): HashedBatch;
}
