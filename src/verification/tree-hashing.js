/**
 * The hashing half of a log's rebuild (log-rebuild.ts): batches of entries in, every leaf hash
 * and every perfect subtree they complete out, with the roots asked for and the frontier after
 * each batch. It hashes exactly what `leafHashBytes` and `nodeHashBytes` (ledger/hash-algorithm)
 * hash, RFC 9162 §2.1.1, H(0x00 ‖ entry) and H(0x01 ‖ left ‖ right), and grows the frontier as
 * `pushLeaf` (ledger/compact-range) does; the tests hold it against both.
 *
 * Plain JavaScript with no import but Node's own, because a large log runs it in a worker
 * thread (tree-hasher.ts): a worker loads its file with Node's loader, without the
 * TypeScript loader that runs the rest (tsx, Vitest). Its types are in tree-hashing.d.ts.
 *
 * Hashes go through one-shot `crypto.hash` over the caller's bytes: across millions of hashes,
 * a Hash object and a concatenation per hash cost more than SM3 itself (DESIGN.md, notes).
 */
import * as crypto from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';

const HASH_SIZE = 32;
const NODE_PREFIX = 0x01;

/** Set in `workerData` by the thread that starts this file as a worker. */
export const WORKER_MARK = 'liuhen-tree-hashing';

// crypto.hash came with Node 20.12; package.json asks for 20.15, but a stray older Node still
// verifies correctly, only slower.
const oneShot =
  typeof crypto.hash === 'function'
    ? (alg, data) => crypto.hash(alg, data, 'buffer')
    : (alg, data) => crypto.createHash(alg).update(data).digest();

export class BatchHasher {
  /** @param {'sm3' | 'sha256'} alg */
  constructor(alg) {
    this.alg = alg;
    /** @type {Buffer[]} the perfect subtrees tiling [0, size), largest first */
    this.frontier = [];
    this.size = 0;
    this.pair = Buffer.alloc(1 + 2 * HASH_SIZE);
    this.pair[0] = NODE_PREFIX;
  }

  /**
   * Hashes the entries of one batch, appending them to the tree in order. Entry i occupies
   * bytes [ends[i − 1], ends[i]) of `arena` (from 0 for the first), its first byte being the
   * 0x00 leaf prefix. Returns, as one hex string, for each entry its leaf hash and then the
   * nodes it completes, lowest first; the root after each count in `rootsAfter` (counts of
   * entries of this batch, ascending); and the frontier after the batch, as the head row keeps
   * it.
   */
  hashBatch(arena, ends, rootsAfter) {
    const bytes = Buffer.from(arena);
    // A leaf each, and one node per trailing 1-bit of each position: over any run of n
    // positions those bits add up to fewer than n + 64.
    const out = Buffer.allocUnsafe((2 * ends.length + 64) * HASH_SIZE);
    const roots = [];
    let at = 0;
    let start = 0;
    let nextRoot = 0;
    for (let i = 0; i < ends.length; i += 1) {
      at = this.append(oneShot(this.alg, bytes.subarray(start, ends[i])), out, at);
      start = ends[i];
      if (rootsAfter[nextRoot] === i + 1) {
        roots.push(this.root().toString('hex'));
        nextRoot += 1;
      }
    }

    return { hex: out.toString('hex', 0, at), roots, frontier: this.frontierHex(), arena };
  }

  /** MTH of the leaves so far: the right fold of the frontier. Precondition: size > 0. */
  root() {
    let root = this.frontier.at(-1);
    for (let i = this.frontier.length - 2; i >= 0; i -= 1) {
      root = this.nodeHash(this.frontier[i], root);
    }

    return root;
  }

  frontierHex() {
    return this.frontier.map((hash) => hash.toString('hex')).join('');
  }

  // Each trailing 1-bit of the position is a complete left sibling on the frontier; merging
  // with it completes a subtree twice as wide.
  append(leaf, out, at) {
    let hash = leaf;
    let written = at + hash.copy(out, at);
    for (let index = this.size; index % 2 === 1; index = (index - 1) / 2) {
      hash = this.nodeHash(this.frontier.pop(), hash);
      written += hash.copy(out, written);
    }

    this.frontier.push(hash);
    this.size += 1;

    return written;
  }

  nodeHash(left, right) {
    left.copy(this.pair, 1);
    right.copy(this.pair, 1 + HASH_SIZE);

    return oneShot(this.alg, this.pair);
  }
}

// Started as a worker: one hasher for the thread's one log; batches are answered in order, and
// the arena goes back to the sender for its next batch.
if (parentPort && workerData?.mark === WORKER_MARK) {
  const hasher = new BatchHasher(workerData.alg);
  parentPort.on('message', ({ arena, ends, rootsAfter }) => {
    const hashed = hasher.hashBatch(arena, ends, rootsAfter);
    parentPort.postMessage(hashed, [hashed.arena]);
  });
}
