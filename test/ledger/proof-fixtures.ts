/**
 * Shared data for the proof tests: Certificate Transparency's eight-leaf reference tree and
 * proofs, a larger generated tree with its roots at every size, and hex bit flips.
 */

import { readFileSync } from 'node:fs';

import { appendLeaf } from '../../src/ledger/compact-range.js';
import { type HashAlgorithm, leafHashBytes, toHex } from '../../src/ledger/hash-algorithm.js';

interface HashVectors {
  rfc6962_sha256: { leaves: string[]; empty_tree_root: string; roots: Record<string, string> };
  sm3: { abc: string; abcd_x16: string };
}

export const hashVectors = JSON.parse(
  readFileSync(new URL('../../../shared/testdata/hash-vectors.json', import.meta.url), 'utf8'),
) as HashVectors;

/** The eight leaves of CT's reference tree, as bytes. */
export const ctLeaves = hashVectors.rfc6962_sha256.leaves.map((hex) => Buffer.from(hex, 'hex'));

/** The root of CT's reference tree of `size` leaves (1 ≤ size ≤ 8). */
export function ctRoot(size: number): string {
  return hashVectors.rfc6962_sha256.roots[String(size)]!;
}

// The expected audit paths and consistency proofs of the eight-leaf tree, as published with
// Certificate Transparency's reference tests (transparency-dev/merkle, proof/verify_test.go).
// There leaves are numbered from 1; here `index` is the 0-based leaf index of RFC 9162.
export const ctInclusionProofs = [
  { index: 0, size: 1, proof: [] },
  {
    index: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    index: 2,
    size: 3,
    proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'],
  },
  {
    index: 1,
    size: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];

export const ctConsistencyProofs = [
  { from: 1, to: 1, proof: [] },
  {
    from: 1,
    to: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    from: 6,
    to: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    from: 2,
    to: 5,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
  {
    from: 6,
    to: 7,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];

/** A generated tree: its leaf hashes as hex and its root at every size 0..n. */
export interface GeneratedTree {
  readonly alg: HashAlgorithm;
  readonly leafHashes: string[];
  readonly roots: string[];
}

export function generateTree(count: number, alg: HashAlgorithm): GeneratedTree {
  const leafHashes: string[] = [];
  const roots: string[] = [emptyRootHex(alg)];
  let frontier: Uint8Array[] = [];

  for (let size = 0; size < count; size++) {
    const leaf = leafHashBytes(`{"event":${size}}`, alg);
    const result = appendLeaf(frontier, leaf, size, alg);
    frontier = result.frontier;
    leafHashes.push(toHex(leaf));
    roots[size + 1] = toHex(result.root);
  }

  return { alg, leafHashes, roots };
}

function emptyRootHex(alg: HashAlgorithm): string {
  return alg === 'sha256' ? hashVectors.rfc6962_sha256.empty_tree_root : sm3EmptyRoot;
}

// SM3 of the empty string: the root of an empty SM3 tree.
const sm3EmptyRoot = '1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b';

/** `hex` with bit `bit` (0 = most significant bit of the first byte) flipped. */
export function flipBit(hex: string, bit: number): string {
  const bytes = Buffer.from(hex, 'hex');
  const byte = Math.floor(bit / 8) % bytes.length;
  bytes[byte]! ^= 0x80 >> (bit % 8);

  return bytes.toString('hex');
}
