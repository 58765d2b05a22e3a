import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  type ConsistencyCheck,
  consistencyProofRanges,
  verifyConsistency,
} from '../../src/ledger/consistency-proof.js';
import { emptyRoot } from '../../src/ledger/hash-algorithm.js';
import { consistencyProof } from '../../src/ledger/merkle-tree.js';
import {
  ctConsistencyProofs,
  ctLeaves,
  ctRoot,
  flipBit,
  generateTree,
  hashVectors,
} from './proof-fixtures.js';
import { referenceProofSides } from './reference-tree.js';

const emptyTreeRoot = hashVectors.rfc6962_sha256.empty_tree_root;

describe('consistency proofs of the Certificate Transparency reference tree', () => {
  describe.each(ctConsistencyProofs)('from $from to $to', ({ from, to, proof }) => {
    const good: ConsistencyCheck = {
      from,
      to,
      fromRoot: ctRoot(from),
      toRoot: ctRoot(to),
      proof,
      alg: 'sha256',
    };

    it('is generated exactly', () => {
      expect(consistencyProof(ctLeaves, from, to, 'sha256')).toEqual(proof);
    });

    it('verifies', () => {
      expect(verifyConsistency(good)).toBe(true);
    });

    it.each(proof.length > 0 ? corruptions(good) : [])('fails with $what', ({ check }) => {
      expect(verifyConsistency(check)).toBe(false);
    });
  });
});

describe('verifyConsistency outside 0 < from < to', () => {
  const a = ctRoot(3);
  const b = ctRoot(4);

  it.each([
    {
      what: 'equal sizes and roots, empty proof',
      from: 3,
      to: 3,
      fromRoot: a,
      toRoot: a,
      proof: [],
      want: true,
    },
    {
      what: 'equal sizes, different roots',
      from: 3,
      to: 3,
      fromRoot: a,
      toRoot: b,
      proof: [],
      want: false,
    },
    {
      what: 'equal sizes, a proof',
      from: 3,
      to: 3,
      fromRoot: a,
      toRoot: a,
      proof: [a],
      want: false,
    },
    {
      what: 'the empty tree to any tree',
      from: 0,
      to: 4,
      fromRoot: emptyTreeRoot,
      toRoot: b,
      proof: [],
      want: true,
    },
    {
      what: 'the empty tree to itself',
      from: 0,
      to: 0,
      fromRoot: emptyTreeRoot,
      toRoot: emptyTreeRoot,
      proof: [],
      want: true,
    },
    {
      what: 'a non-empty root for size 0',
      from: 0,
      to: 4,
      fromRoot: a,
      toRoot: b,
      proof: [],
      want: false,
    },
    {
      what: 'size 0 with a proof',
      from: 0,
      to: 4,
      fromRoot: emptyTreeRoot,
      toRoot: b,
      proof: [a],
      want: false,
    },
    { what: 'a smaller new tree', from: 4, to: 3, fromRoot: b, toRoot: a, proof: [], want: false },
    {
      what: 'growth with an empty proof',
      from: 3,
      to: 4,
      fromRoot: a,
      toRoot: b,
      proof: [],
      want: false,
    },
  ])('$what: $want', ({ want, ...check }) => {
    expect(verifyConsistency({ ...check, alg: 'sha256' })).toBe(want);
  });

  it('checks the empty root of the algorithm in use', () => {
    const check = { from: 0, to: 1, toRoot: a, proof: [] };

    expect(verifyConsistency({ ...check, fromRoot: emptyRoot('sm3') })).toBe(true);
    expect(verifyConsistency({ ...check, fromRoot: emptyRoot('sm3'), alg: 'sha256' })).toBe(false);
  });

  it.each([
    ['a short root', { fromRoot: 'abcd' }],
    ['a proof of numbers', { proof: [1, 2] }],
    ['a proof that is a string', { proof: ctRoot(2) }],
    ['a negative size', { from: -1 }],
    ['a fractional size', { to: 7.5 }],
    ['an infinite size', { to: Number.POSITIVE_INFINITY }],
    ['an unknown algorithm', { alg: 'SHA-256' }],
  ])('returns false for %s', (_, override) => {
    const good = ctConsistencyProofs[2]!;
    const check = { ...good, fromRoot: ctRoot(6), toRoot: ctRoot(8), alg: 'sha256', ...override };

    expect(verifyConsistency(check as unknown as ConsistencyCheck)).toBe(false);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), fc.anything(), (w, x, y, z) => {
        const check = { from: w, to: x, fromRoot: y, toRoot: y, proof: z, alg: w };

        expect(typeof verifyConsistency(check as unknown as ConsistencyCheck)).toBe('boolean');
        expect(verifyConsistency(w as ConsistencyCheck)).toBe(false);
      }),
    );
  });
});

describe('consistencyProofRanges', () => {
  it('follows SUBPROOF of RFC 9162 §2.1.4.1', () => {
    expect(consistencyProofRanges(3, 7)).toEqual([
      { begin: 2, end: 3 },
      { begin: 3, end: 4 },
      { begin: 0, end: 2 },
      { begin: 4, end: 7 },
    ]);
  });

  it('is empty for the empty tree and for an unchanged tree', () => {
    expect(consistencyProofRanges(0, 9)).toEqual([]);
    expect(consistencyProofRanges(9, 9)).toEqual([]);
  });

  it('rejects a shrinking tree', () => {
    expect(() => consistencyProofRanges(5, 4)).toThrow(/got from 5 to 4/);
  });
});

describe.each(['sha256', 'sm3'] as const)('consistency proof properties (%s)', (alg) => {
  const tree = generateTree(300, alg);
  const leaves = { leafHashes: tree.leafHashes };

  const growth = fc
    .integer({ min: 2, max: 300 })
    .chain((to) => fc.record({ to: fc.constant(to), from: fc.integer({ min: 1, max: to - 1 }) }));

  function check(from: number, to: number): ConsistencyCheck {
    const proof = consistencyProof(leaves, from, to, alg);

    return { from, to, fromRoot: tree.roots[from]!, toRoot: tree.roots[to]!, proof, alg };
  }

  it('verifies every generated proof', () => {
    fc.assert(fc.property(growth, ({ from, to }) => verifyConsistency(check(from, to))));
  });

  it('fails when any bit of any proof element or of either root is flipped', () => {
    fc.assert(
      fc.property(growth, fc.nat(), fc.nat({ max: 255 }), ({ from, to }, at, bit) => {
        const good = check(from, to);
        const proof = good.proof.map((p, i) =>
          i === at % good.proof.length ? flipBit(p, bit) : p,
        );

        expect(verifyConsistency({ ...good, proof })).toBe(false);
        expect(verifyConsistency({ ...good, fromRoot: flipBit(good.fromRoot, bit) })).toBe(false);
        expect(verifyConsistency({ ...good, toRoot: flipBit(good.toRoot, bit) })).toBe(false);
      }),
    );
  });

  it('fails when a proof node is dropped or added', () => {
    const extra = fc
      .uint8Array({ minLength: 32, maxLength: 32 })
      .map((b) => Buffer.from(b).toString('hex'));
    fc.assert(
      fc.property(growth, fc.nat(), extra, ({ from, to }, at, node) => {
        const good = check(from, to);
        const added = good.proof.toSpliced(at % (good.proof.length + 1), 0, node);
        const dropped = good.proof.toSpliced(at % good.proof.length, 1);

        expect(verifyConsistency({ ...good, proof: added })).toBe(false);
        expect(verifyConsistency({ ...good, proof: dropped })).toBe(false);
      }),
    );
  });

  it('fails for any other old size', () => {
    fc.assert(
      fc.property(growth, fc.nat({ max: 310 }), ({ from, to }, other) => {
        fc.pre(other !== from);

        return !verifyConsistency({ ...check(from, to), from: other });
      }),
    );
  });

  // As for inclusion proofs, a root does not commit to its size, so another new size passes
  // exactly when the proof has the same shape for it, and must fail for every other size.
  it('fails for any other new size that changes the shape of the proof', () => {
    fc.assert(
      fc.property(growth, fc.nat({ max: 620 }), ({ from, to }, other) => {
        fc.pre(other !== to);
        const sameShape = referenceProofSides(from, other) === referenceProofSides(from, to);

        expect(verifyConsistency({ ...check(from, to), to: other })).toBe(sameShape);
      }),
      { numRuns: 300 },
    );
  });

  it('fails when the roots are swapped', () => {
    fc.assert(
      fc.property(growth, ({ from, to }) => {
        const good = check(from, to);

        return !verifyConsistency({ ...good, fromRoot: good.toRoot, toRoot: good.fromRoot });
      }),
    );
  });
});

function corruptions(good: ConsistencyCheck): { what: string; check: ConsistencyCheck }[] {
  const { from, to, fromRoot, toRoot, proof } = good;
  const cases: { what: string; check: ConsistencyCheck }[] = [
    { what: 'from - 1', check: { ...good, from: from - 1 } },
    { what: 'from + 1', check: { ...good, from: from + 1 } },
    { what: 'from ^ 2', check: { ...good, from: from ^ 2 } },
    { what: 'to * 2', check: { ...good, to: to * 2 } },
    { what: 'to / 2', check: { ...good, to: Math.floor(to / 2) } },
    { what: 'a wrong old root', check: { ...good, fromRoot: emptyTreeRoot } },
    { what: 'a wrong new root', check: { ...good, toRoot: emptyTreeRoot } },
    { what: 'swapped roots', check: { ...good, fromRoot: toRoot, toRoot: fromRoot } },
    { what: 'an empty proof', check: { ...good, proof: [] } },
    { what: 'the old root appended', check: { ...good, proof: [...proof, fromRoot] } },
    { what: 'the new root appended', check: { ...good, proof: [...proof, toRoot] } },
    { what: 'the old root prepended', check: { ...good, proof: [fromRoot, ...proof] } },
    { what: 'the new root prepended', check: { ...good, proof: [toRoot, ...proof] } },
    { what: 'proof[0] prepended', check: { ...good, proof: [proof[0]!, ...proof] } },
    { what: 'the last node removed', check: { ...good, proof: proof.slice(0, -1) } },
  ];

  proof.forEach((_, i) => {
    const flipped = proof.map((p, j) => (j === i ? flipBit(p, 3) : p));
    cases.push({ what: `bit 4 of proof[${i}] flipped`, check: { ...good, proof: flipped } });
  });

  return cases;
}
