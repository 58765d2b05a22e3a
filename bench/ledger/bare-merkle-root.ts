/**
 * The baseline full verification is held against: the least a verifier must do, with nothing
 * else around it. It hashes every entry as a leaf, H(0x00 ‖ entry), and every interior node,
 * H(0x01 ‖ left ‖ right), with node:crypto, over entries already in memory, keeping only the
 * frontier (RFC 9162 §2.1.1), and folds the frontier into the root at the end.
 */
import { createHash, hash } from 'node:crypto';
import type { HashAlgorithm } from '../../src/ledger/hash-algorithm.js';

const LEAF = Uint8Array.of(0x00);
const NODE = Uint8Array.of(0x01);

/** Entries as UTF-8 bytes in a few large buffers, with where each entry ends in its buffer. */
export interface EntryArena {
  buffers: Buffer[];
  /** ends[b][i]: the end offset of entry i in buffers[b]; entry i starts where i − 1 ended. */
  ends: Uint32Array[];
  count: number;
}

/** How one loop hashes: H(prefix ‖ parts…) with `alg`. */
export type PrefixedHash = (
  alg: HashAlgorithm,
  prefix: Uint8Array,
  ...parts: Uint8Array[]
) => Buffer;

/** The plain way: a Hash object per hash, fed the prefix and the parts (the baseline). */
export const hashObjectPerHash: PrefixedHash = (alg, prefix, ...parts) => {
  const state = createHash(alg).update(prefix);
  for (const part of parts) state.update(part);

  return state.digest();
};

/**
 * The fastest bare way node:crypto offers, for comparison only: the bytes joined once, then
 * one-shot `crypto.hash` (Node 20.12), which needs no Hash object.
 */
export const oneShotHash: PrefixedHash = (alg, prefix, ...parts) =>
  hash(alg, Buffer.concat([prefix, ...parts]), 'buffer');

/**
 * MTH of the entries in `arena` with `alg`, hashing with `digest` and calling `tick` every
 * 65,536 entries (for memory sampling).
 * Precondition: the arena holds at least one entry.
 */
export function bareMerkleRoot(
  arena: EntryArena,
  alg: HashAlgorithm,
  digest: PrefixedHash,
  tick: () => void,
): Buffer {
  const frontier: Buffer[] = [];
  let size = 0;
  arena.buffers.forEach((buffer, b) => {
    let start = 0;
    for (const end of arena.ends[b]!) {
      let node = digest(alg, LEAF, buffer.subarray(start, end));
      // Each trailing 1-bit of the size is a complete left sibling waiting for this subtree.
      for (let n = size; n % 2 === 1; n = (n - 1) / 2) {
        node = digest(alg, NODE, frontier.pop()!, node);
      }
      frontier.push(node);
      size += 1;
      start = end;
      if (size % 65_536 === 0) tick();
    }
  });

  let root = frontier.pop()!;
  while (frontier.length > 0) root = digest(alg, NODE, frontier.pop()!, root);

  return root;
}
