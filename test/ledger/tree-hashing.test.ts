/**
 * The hashing half of verification (src/verification/tree-hashing.js), in this thread and in a
 * worker: every leaf, every completed node, the roots asked for and the frontier must be what
 * the ledger's own append path (pushLeaf) and the slow reference tree compute.
 */
import { describe, expect, it } from 'vitest';
import { type Frontier, pushLeaf } from '../../src/ledger/compact-range.js';
import { type HashAlgorithm, leafHashBytes, toHex } from '../../src/ledger/hash-algorithm.js';
import { openTreeHasher } from '../../src/verification/tree-hasher.js';
import { referenceRoot } from './reference-tree.js';

/** Entries of mixed widths: ASCII, Chinese (3 bytes in UTF-8), an emoji (a surrogate pair). */
const ENTRIES = Array.from({ length: 300 }, (_, i) =>
  JSON.stringify({ i, text: '干预'.repeat(i % 7), tail: i % 11 === 0 ? '😀' : 'x'.repeat(i % 5) }),
);
/** Batch sizes that cut the log at odd places, as gaps and the last batch do. */
const BATCHES = [1, 2, 5, 64, 100, 127, 1];
/** Sizes at which a root is wanted, some at batch boundaries. */
const WANTED = [1, 3, 8, 72, 172, 299, 300];

interface Expected {
  hex: string[];
  roots: Map<number, string>;
  frontiers: string[];
}

function expected(alg: HashAlgorithm): Expected {
  let frontier: Frontier = [];
  const leaves: Buffer[] = [];
  const hex: string[] = [];
  const roots = new Map<number, string>();
  const frontiers: string[] = [];
  let end = 0;
  for (const size of BATCHES) {
    const digests: string[] = [];
    for (const entry of ENTRIES.slice(end, end + size)) {
      const leaf = leafHashBytes(entry, alg);
      const pushed = pushLeaf(frontier, leaf, leaves.length, alg);
      leaves.push(leaf);
      frontier = pushed.frontier;
      digests.push(...pushed.newNodes.map((node) => toHex(node.hash)));
      if (WANTED.includes(leaves.length)) {
        roots.set(leaves.length, toHex(referenceRoot(leaves, alg)));
      }
    }
    hex.push(digests.join(''));
    frontiers.push(frontier.map(toHex).join(''));
    end += size;
  }

  return { hex, roots, frontiers };
}

describe.each([
  ['sm3', false],
  ['sha256', false],
  ['sm3', true],
  ['sha256', true],
] as const)('tree hashing, %s, in a worker: %s', (alg, inWorker) => {
  it('gives every leaf and node, the roots asked for and each frontier, batch by batch', async () => {
    const want = expected(alg);
    const hasher = openTreeHasher(alg, inWorker);
    try {
      // All batches sent before any answer is read, as the rebuild keeps two in flight.
      let end = 0;
      const answers = BATCHES.map((size) => {
        const rootsAfter = WANTED.filter((s) => s > end && s <= end + size).map((s) => s - end);
        const answer = hasher.hash(ENTRIES.slice(end, end + size), rootsAfter);
        const first = end;
        end += size;

        return answer.then((hashed) => ({ hashed, first, rootsAfter }));
      });
      const hashed = await Promise.all(answers);

      expect(hashed.map((h) => h.hashed.hex)).toEqual(want.hex);
      expect(hashed.map((h) => h.hashed.frontier)).toEqual(want.frontiers);
      const roots = new Map(
        hashed.flatMap((h) => h.rootsAfter.map((n, i) => [h.first + n, h.hashed.roots[i]!])),
      );
      expect(roots).toEqual(want.roots);
    } finally {
      await hasher.close();
    }
  });
});

describe('tree hashing in a worker', () => {
  it('refuses batches once closed, instead of leaving them unanswered', async () => {
    const hasher = openTreeHasher('sm3', true);
    await hasher.close();

    await expect(hasher.hash(['{}'], [])).rejects.toThrow(/closed/);
  });
});
