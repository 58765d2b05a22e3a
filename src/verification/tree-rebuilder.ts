/**
 * The tree of a log rebuilt leaf by leaf, for verification: it grows its frontier as
 * `pushLeaf` does (ledger/compact-range) and holds each node it completes against the stored
 * one at once, so no list of new nodes is built per leaf. It hashes exactly what
 * `leafHashBytes` and `nodeHashBytes` hash, but through one-shot `crypto.hash` over reused
 * buffers: across millions of hashes, a Hash object and a concatenation per hash cost more
 * than SM3 itself (DESIGN.md, notes).
 */
import * as crypto from 'node:crypto';
import { frontierRoot } from '../ledger/compact-range.js';
import { HASH_SIZE, type HashAlgorithm } from '../ledger/hash-algorithm.js';

// RFC 9162 §2.1.1 domain separation, as in ledger/hash-algorithm.ts.
const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

/** A node the rebuilt tree completed, with the entry whose leaf completed it. */
export interface CompletedNode {
  level: number;
  index: number;
  hash: Buffer;
  entry: number;
}

/** The stored nodes, as lowercase hex, by address; undefined where none is stored. */
export interface StoredNodes {
  get(level: number, index: number): string | undefined;
}

export class TreeRebuilder {
  private readonly frontier: Buffer[] = [];
  private size = 0;
  private text = Buffer.alloc(4_096);
  private readonly pair = Buffer.alloc(1 + 2 * HASH_SIZE);

  constructor(
    private readonly alg: HashAlgorithm,
    private readonly onMismatch: (node: CompletedNode, stored: string | undefined) => void,
  ) {}

  /** H(0x00 ‖ UTF-8 of entry). */
  leafHash(entry: string): Buffer {
    // A UTF-16 code unit never takes more than three bytes of UTF-8.
    if (1 + 3 * entry.length > this.text.length) this.text = Buffer.alloc(1 + 3 * entry.length);
    this.text[0] = LEAF_PREFIX;
    const length = this.text.write(entry, 1, 'utf8');

    return oneShotHash(this.alg, this.text.subarray(0, 1 + length));
  }

  /**
   * Appends `leaf` (whose hex is `leafHex`) at the next position, for the entry of index
   * `entry`. Each trailing 1-bit of the position is a complete left sibling on the frontier;
   * merging with it completes a subtree twice as wide.
   */
  append(leaf: Buffer, leafHex: string, entry: number, stored: StoredNodes): void {
    let hash = leaf;
    let level = 0;
    let index = this.size;
    this.compare(level, index, hash, leafHex, entry, stored);
    while (index % 2 === 1) {
      hash = this.nodeHash(this.frontier.pop()!, hash);
      level += 1;
      index = (index - 1) / 2;
      this.compare(level, index, hash, hash.toString('hex'), entry, stored);
    }

    this.frontier.push(hash);
    this.size += 1;
  }

  /** MTH of the leaves appended so far. */
  root(): Uint8Array {
    return frontierRoot(this.frontier, this.alg);
  }

  /** The frontier as a log's head row keeps it: the hashes' hex, largest subtree first. */
  frontierHex(): string {
    return this.frontier.map((hash) => hash.toString('hex')).join('');
  }

  private nodeHash(left: Buffer, right: Buffer): Buffer {
    this.pair[0] = NODE_PREFIX;
    left.copy(this.pair, 1);
    right.copy(this.pair, 1 + HASH_SIZE);

    return oneShotHash(this.alg, this.pair);
  }

  // Positional arguments, not a node object: this runs twice per entry.
  private compare(
    level: number,
    index: number,
    hash: Buffer,
    hex: string,
    entry: number,
    stored: StoredNodes,
  ): void {
    const want = stored.get(level, index);
    if (want !== hex) this.onMismatch({ level, index, hash, entry }, want);
  }
}

// crypto.hash (Node 20.12 and later) hashes in one call without a Hash object; earlier Node 20
// releases lack it and take the ordinary path.
const oneShotHash: (alg: HashAlgorithm, data: Buffer) => Buffer =
  typeof crypto.hash === 'function'
    ? (alg, data) => crypto.hash(alg, data, 'buffer')
    : (alg, data) => crypto.createHash(alg).update(data).digest();
