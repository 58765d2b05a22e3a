import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { appendLeaf, frontierAddresses, frontierRoot } from '../../src/ledger/compact-range.js';
import {
  buildConsistencyProof,
  consistencyProofNodes,
} from '../../src/ledger/consistency-proof.js';
import { type HashAlgorithm, leafHashBytes, toHex } from '../../src/ledger/hash-algorithm.js';
import { buildInclusionProof, inclusionProofNodes } from '../../src/ledger/inclusion-proof.js';
import {
  consistencyProof,
  inclusionProof,
  rootHash,
  rootHashBytes,
} from '../../src/ledger/merkle-tree.js';
import { type NodeAddress, nodeKey, type StoredNode } from '../../src/ledger/subtree.js';
import { referencePath, referenceProof, referenceRoot } from './reference-tree.js';

interface HashVectors {
  rfc6962_sha256: { leaves: string[]; empty_tree_root: string; roots: Record<string, string> };
}

const vectors = JSON.parse(
  readFileSync(new URL('../../../shared/testdata/hash-vectors.json', import.meta.url), 'utf8'),
) as HashVectors;

const ctLeaves = vectors.rfc6962_sha256.leaves.map((hex) => Buffer.from(hex, 'hex'));

const MAX_SIZE = 70;

function leafHashes(count: number, alg: HashAlgorithm): Buffer[] {
  return Array.from({ length: count }, (_, i) => leafHashBytes(`leaf ${i}`, alg));
}

function hexes(hashes: readonly Uint8Array[]): string[] {
  return hashes.map(toHex);
}

describe('rootHash against the RFC 6962 reference vectors (SHA-256)', () => {
  it('gives the empty tree root for no leaves', () => {
    expect(rootHash([], 'sha256')).toBe(vectors.rfc6962_sha256.empty_tree_root);
  });

  it.each(Object.entries(vectors.rfc6962_sha256.roots))(
    'gives the root of size %s',
    (size, want) => {
      expect(rootHash(ctLeaves.slice(0, Number(size)), 'sha256')).toBe(want);
    },
  );

  it('accepts leaf hashes instead of entries', () => {
    const hashes = hexes(ctLeaves.map((leaf) => leafHashBytes(leaf, 'sha256')));

    expect(rootHash({ leafHashes: hashes }, 'sha256')).toBe(vectors.rfc6962_sha256.roots['8']);
  });

  it('hashes string entries as UTF-8', () => {
    expect(rootHash(['留痕'], 'sm3')).toBe(rootHash([Buffer.from('留痕', 'utf8')], 'sm3'));
  });
});

describe.each(['sha256', 'sm3'] as const)(
  'the fast code matches the slow reference (%s)',
  (alg) => {
    const leaves = leafHashes(MAX_SIZE, alg);
    const given = { leafHashes: hexes(leaves) };

    it(`gives the same root for every size 0..${MAX_SIZE}`, () => {
      for (let size = 0; size <= MAX_SIZE; size++) {
        const slice = leaves.slice(0, size);

        expect(toHex(rootHashBytes(slice, alg)), `size ${size}`).toBe(
          toHex(referenceRoot(slice, alg)),
        );
      }
    });

    it(`gives the same inclusion proof for every index of every size 1..${MAX_SIZE}`, () => {
      for (let size = 1; size <= MAX_SIZE; size++) {
        for (let index = 0; index < size; index++) {
          const want = hexes(referencePath(index, leaves.slice(0, size), alg));

          expect(inclusionProof(given, index, size, alg), `index ${index} size ${size}`).toEqual(
            want,
          );
        }
      }
    });

    it(`gives the same consistency proof for every pair of sizes 1..${MAX_SIZE}`, () => {
      for (let to = 1; to <= MAX_SIZE; to++) {
        for (let from = 1; from <= to; from++) {
          const want = hexes(referenceProof(from, leaves.slice(0, to), alg));

          expect(consistencyProof(given, from, to, alg), `from ${from} to ${to}`).toEqual(want);
        }
      }
    });
  },
);

describe('appendLeaf', () => {
  const alg = 'sm3';
  const leaves = leafHashes(MAX_SIZE, alg);

  it('gives the reference root after every append', () => {
    let frontier: Uint8Array[] = [];
    leaves.forEach((leaf, size) => {
      const result = appendLeaf(frontier, leaf, size, alg);
      frontier = result.frontier;

      expect(toHex(result.root)).toBe(toHex(referenceRoot(leaves.slice(0, size + 1), alg)));
      expect(toHex(frontierRoot(frontier, alg))).toBe(toHex(result.root));
    });
  });

  it('emits every perfect subtree exactly once, with its hash, as soon as it is complete', () => {
    const stored = appendAll(leaves, alg);

    for (let level = 0; 2 ** level <= MAX_SIZE; level++) {
      const width = 2 ** level;
      for (let index = 0; (index + 1) * width <= MAX_SIZE; index++) {
        const covered = leaves.slice(index * width, (index + 1) * width);

        expect(stored.get(`${level}/${index}`), `node ${level}/${index}`).toBe(
          toHex(referenceRoot(covered, alg)),
        );
      }
    }
  });

  it('completes at most log2(n) + 1 nodes per append', () => {
    let frontier: Uint8Array[] = [];
    leaves.forEach((leaf, size) => {
      const result = appendLeaf(frontier, leaf, size, alg);
      frontier = result.frontier;

      expect(result.newNodes.length).toBeLessThanOrEqual(Math.log2(size + 1) + 1);
    });
  });

  it('keeps a frontier whose addresses follow from the size', () => {
    const stored = appendAll(leaves, alg);

    for (let size = 0; size <= MAX_SIZE; size++) {
      const frontier = frontierAddresses(size).map((a) =>
        Buffer.from(stored.get(nodeKey(a))!, 'hex'),
      );

      expect(toHex(frontierRoot(frontier, alg))).toBe(
        toHex(referenceRoot(leaves.slice(0, size), alg)),
      );
    }
  });

  it('does not modify the frontier it is given', () => {
    const frontier = [leaves[0]!];
    appendLeaf(frontier, leaves[1]!, 1, alg);

    expect(frontier).toEqual([leaves[0]]);
  });

  it('rejects a frontier that does not fit the size', () => {
    expect(() => appendLeaf([], leaves[0]!, 1, alg)).toThrow(/got 0 hashes, want 1/);
    expect(() => appendLeaf([leaves[0]!], leaves[1]!, 3, alg)).toThrow(/got 1 hashes, want 2/);
    expect(() => appendLeaf([], leaves[0]!, -1, alg)).toThrow(RangeError);
    expect(() => appendLeaf([], Buffer.alloc(31), 0, alg)).toThrow(/got 31 bytes, want 32/);
  });
});

describe('proof plans read few stored nodes', () => {
  it('reads at most 2·log2(n) + 1 nodes for any proof of a tree up to 2^40 leaves', () => {
    const sizes = [1, 2, 3, 7, 8, 9, 1000, 2 ** 20 + 5, 2 ** 40 - 1, 2 ** 40];
    for (const size of sizes) {
      const bound = 2 * Math.ceil(Math.log2(size + 1)) + 1;
      for (const index of [0, Math.floor(size / 3), size - 1]) {
        expect(inclusionProofNodes(index, size).reads.length).toBeLessThanOrEqual(bound);
        expect(consistencyProofNodes(index + 1, size).reads.length).toBeLessThanOrEqual(bound);
      }
    }
  });

  it('builds the same proofs from stored nodes as from the leaves', () => {
    const alg = 'sha256';
    const leaves = leafHashes(45, alg);
    const given = { leafHashes: hexes(leaves) };
    const stored = appendAll(leaves, alg);
    const read = (addresses: readonly NodeAddress[]): StoredNode[] =>
      addresses.map((a) => ({ ...a, hash: Buffer.from(stored.get(nodeKey(a))!, 'hex') }));

    for (const [a, b] of [
      [0, 45],
      [17, 45],
      [44, 45],
      [31, 32],
      [6, 7],
    ] as const) {
      const inclusion = inclusionProofNodes(a, b);
      const consistency = consistencyProofNodes(a + 1, b);

      expect(buildInclusionProof(inclusion, read(inclusion.reads), alg)).toEqual(
        inclusionProof(given, a, b, alg),
      );
      expect(buildConsistencyProof(consistency, read(consistency.reads), alg)).toEqual(
        consistencyProof(given, a + 1, b, alg),
      );
    }
  });

  it('names a node missing from the nodes read', () => {
    const plan = inclusionProofNodes(5, 8);

    expect(() => buildInclusionProof(plan, [], 'sm3')).toThrow(/node 0\/4 .*missing/);
  });
});

function appendAll(leaves: readonly Uint8Array[], alg: HashAlgorithm): Map<string, string> {
  const stored = new Map<string, string>();
  let frontier: Uint8Array[] = [];
  leaves.forEach((leaf, size) => {
    const result = appendLeaf(frontier, leaf, size, alg);
    frontier = result.frontier;
    for (const node of result.newNodes) {
      expect(stored.has(nodeKey(node)), `node ${nodeKey(node)} emitted twice`).toBe(false);
      stored.set(nodeKey(node), toHex(node.hash));
    }
  });

  return stored;
}
