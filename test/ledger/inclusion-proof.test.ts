import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { leafHash } from '../../src/ledger/hash-algorithm.js';
import {
  type InclusionCheck,
  inclusionProofRanges,
  verifyInclusion,
} from '../../src/ledger/inclusion-proof.js';
import { inclusionProof } from '../../src/ledger/merkle-tree.js';
import {
  ctInclusionProofs,
  ctLeaves,
  ctRoot,
  flipBit,
  generateTree,
  hashVectors,
} from './proof-fixtures.js';
import { referencePathSides } from './reference-tree.js';

const someHash = 'abacaba000000000000000000000000000000000000000000060061e00123456';
const emptyTreeRoot = hashVectors.rfc6962_sha256.empty_tree_root;

describe('inclusion proofs of the Certificate Transparency reference tree', () => {
  describe.each(ctInclusionProofs)('leaf $index of $size', ({ index, size, proof }) => {
    const good: InclusionCheck = {
      leafHash: leafHash(ctLeaves[index]!, 'sha256'),
      index,
      size,
      proof,
      root: ctRoot(size),
      alg: 'sha256',
    };

    it('is generated exactly', () => {
      expect(inclusionProof(ctLeaves, index, size, 'sha256')).toEqual(proof);
    });

    it('verifies', () => {
      expect(verifyInclusion(good)).toBe(true);
    });

    it.each(corruptions(good))('fails with $what', ({ check }) => {
      expect(verifyInclusion(check)).toBe(false);
    });
  });
});

describe('verifyInclusion edge cases', () => {
  const leaf = leafHash('data', 'sha256');

  it('accepts a one-leaf tree whose root is the leaf, with an empty proof', () => {
    expect(
      verifyInclusion({ leafHash: leaf, index: 0, size: 1, proof: [], root: leaf, alg: 'sha256' }),
    ).toBe(true);
  });

  it.each([
    { index: 0, size: 0 },
    { index: 1, size: 0 },
    { index: 1, size: 1 },
    { index: 2, size: 1 },
  ])('rejects index $index in a tree of $size', ({ index, size }) => {
    expect(
      verifyInclusion({ leafHash: leaf, index, size, proof: [], root: leaf, alg: 'sha256' }),
    ).toBe(false);
    expect(
      verifyInclusion({ leafHash: someHash, index, size, proof: [], root: emptyTreeRoot }),
    ).toBe(false);
  });

  it.each([
    ['a short leaf hash', { leafHash: leaf.slice(2) }],
    ['an empty root', { root: '' }],
    ['a root with a non-hex digit', { root: `${leaf.slice(1)}g` }],
    ['a proof that is not an array', { proof: 'abc' }],
    ['a proof element that is a number', { proof: [42] }],
    ['a fractional index', { index: 0.5 }],
    ['a negative index', { index: -1 }],
    ['a size beyond 2^53', { size: 2 ** 54 }],
    ['an index of NaN', { index: Number.NaN }],
    ['an unknown algorithm', { alg: 'md5' }],
    ['a huge proof', { proof: Array.from({ length: 1000 }, () => leaf) }],
  ])('returns false for %s', (_, override) => {
    const check = {
      leafHash: leaf,
      index: 0,
      size: 1,
      proof: [],
      root: leaf,
      alg: 'sha256',
      ...override,
    };

    expect(verifyInclusion(check as unknown as InclusionCheck)).toBe(false);
  });

  it('accepts upper-case hex', () => {
    const check = {
      leafHash: leaf.toUpperCase(),
      index: 0,
      size: 1,
      proof: [],
      root: leaf,
      alg: 'sha256',
    } as const;

    expect(verifyInclusion(check)).toBe(true);
  });

  it('uses SM3 unless told otherwise', () => {
    const tree = generateTree(5, 'sm3');
    const proof = inclusionProof({ leafHashes: tree.leafHashes }, 3, 5);

    expect(
      verifyInclusion({
        leafHash: tree.leafHashes[3]!,
        index: 3,
        size: 5,
        proof,
        root: tree.roots[5]!,
      }),
    ).toBe(true);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), fc.anything(), (a, b, c, d) => {
        const check = { leafHash: a, index: b, size: c, proof: d, root: a, alg: b };

        expect(typeof verifyInclusion(check as unknown as InclusionCheck)).toBe('boolean');
        expect(verifyInclusion(a as InclusionCheck)).toBe(false);
      }),
    );
  });
});

describe('inclusionProofRanges', () => {
  it('walks from the leaf to the root of RFC 9162 §2.1.3.1', () => {
    expect(inclusionProofRanges(5, 8)).toEqual([
      { begin: 4, end: 5 },
      { begin: 6, end: 8 },
      { begin: 0, end: 4 },
    ]);
  });

  it('rejects an index outside the tree', () => {
    expect(() => inclusionProofRanges(3, 3)).toThrow(/got 3 in a tree of 3/);
  });
});

describe.each(['sha256', 'sm3'] as const)('inclusion proof properties (%s)', (alg) => {
  const tree = generateTree(300, alg);
  const leaves = { leafHashes: tree.leafHashes };

  const leafInTree = fc
    .integer({ min: 1, max: 300 })
    .chain((size) => fc.record({ size: fc.constant(size), index: fc.nat({ max: size - 1 }) }));

  function check(index: number, size: number): InclusionCheck {
    const proof = inclusionProof(leaves, index, size, alg);

    return { leafHash: tree.leafHashes[index]!, index, size, proof, root: tree.roots[size]!, alg };
  }

  it('verifies every generated proof', () => {
    fc.assert(fc.property(leafInTree, ({ index, size }) => verifyInclusion(check(index, size))));
  });

  it('fails when any bit of any proof element is flipped', () => {
    const arb = leafInTree.filter(({ size }) => size > 1);
    fc.assert(
      fc.property(arb, fc.nat(), fc.nat({ max: 255 }), ({ index, size }, at, bit) => {
        const good = check(index, size);
        const proof = good.proof.map((p, i) =>
          i === at % good.proof.length ? flipBit(p, bit) : p,
        );

        return !verifyInclusion({ ...good, proof });
      }),
    );
  });

  it('fails when any bit of the leaf hash or the root is flipped', () => {
    fc.assert(
      fc.property(leafInTree, fc.nat({ max: 255 }), ({ index, size }, bit) => {
        const good = check(index, size);

        expect(verifyInclusion({ ...good, leafHash: flipBit(good.leafHash, bit) })).toBe(false);
        expect(verifyInclusion({ ...good, root: flipBit(good.root, bit) })).toBe(false);
      }),
    );
  });

  it('fails when a proof node is dropped or added', () => {
    const extra = fc
      .uint8Array({ minLength: 32, maxLength: 32 })
      .map((b) => Buffer.from(b).toString('hex'));
    fc.assert(
      fc.property(leafInTree, fc.nat(), extra, ({ index, size }, at, node) => {
        const good = check(index, size);
        const added = good.proof.toSpliced(at % (good.proof.length + 1), 0, node);
        const dropped = good.proof.toSpliced(at % Math.max(good.proof.length, 1), 1);

        expect(verifyInclusion({ ...good, proof: added })).toBe(false);
        if (good.proof.length > 0) {
          expect(verifyInclusion({ ...good, proof: dropped })).toBe(false);
        }
      }),
    );
  });

  it('fails for any other leaf index', () => {
    fc.assert(
      fc.property(leafInTree, fc.nat({ max: 310 }), ({ index, size }, other) => {
        fc.pre(other !== index);

        return !verifyInclusion({ ...check(index, size), index: other });
      }),
    );
  });

  // A root does not commit to its tree size: that is the signed checkpoint's job. So RFC 9162's
  // verifier accepts another size exactly when it puts the leaf on a path of the same shape
  // (leaf 0 of 3 and of 4 both have two right siblings), and must reject every other size.
  it('fails for any other tree size that changes the shape of the path', () => {
    fc.assert(
      fc.property(leafInTree, fc.nat({ max: 620 }), ({ index, size }, other) => {
        fc.pre(other !== size);
        const sameShape =
          index < other && referencePathSides(index, other) === referencePathSides(index, size);

        expect(verifyInclusion({ ...check(index, size), size: other })).toBe(sameShape);
      }),
      { numRuns: 300 },
    );
  });
});

function corruptions(good: InclusionCheck): { what: string; check: InclusionCheck }[] {
  const { index, size, proof, root } = good;
  const cases: { what: string; check: InclusionCheck }[] = [
    { what: 'index - 1', check: { ...good, index: index - 1 } },
    { what: 'index + 1', check: { ...good, index: index + 1 } },
    { what: 'index ^ 2', check: { ...good, index: index ^ 2 } },
    { what: 'size * 2', check: { ...good, size: size * 2 } },
    { what: 'size / 2', check: { ...good, size: Math.floor(size / 2) } },
    { what: 'a wrong leaf', check: { ...good, leafHash: leafHash('WrongLeaf', 'sha256') } },
    { what: 'the empty root', check: { ...good, root: emptyTreeRoot } },
    { what: 'a random root', check: { ...good, root: someHash } },
    { what: 'the root appended to the proof', check: { ...good, proof: [...proof, root] } },
    { what: 'the root prepended to the proof', check: { ...good, proof: [root, ...proof] } },
    { what: 'an empty element appended', check: { ...good, proof: [...proof, ''] } },
  ];

  proof.forEach((_, i) => {
    const flipped = proof.map((p, j) => (j === i ? flipBit(p, 4) : p));
    cases.push({ what: `bit 3 of proof[${i}] flipped`, check: { ...good, proof: flipped } });
  });

  if (proof.length > 0) {
    cases.push({ what: 'the last node removed', check: { ...good, proof: proof.slice(0, -1) } });
  }

  if (proof.length > 1) {
    const inserted = [proof[0]!, someHash, ...proof.slice(1)];
    cases.push({ what: 'a node inserted', check: { ...good, proof: inserted } });
  }

  return cases;
}
