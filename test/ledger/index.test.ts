import { describe, expect, it } from 'vitest';

import {
  appendLeaf,
  buildConsistencyProof,
  buildInclusionProof,
  canonicalJson,
  consistencyProof,
  consistencyProofNodes,
  emptyRoot,
  frontierAddresses,
  frontierRoot,
  generateSigningKey,
  inclusionProof,
  inclusionProofNodes,
  leafHash,
  leafHashBytes,
  type Receipt,
  rootHash,
  type StoredNode,
  signCheckpoint,
  toHex,
  verifierKeyOf,
  verifyCheckpoint,
  verifyConsistency,
  verifyInclusion,
  verifyReceipt,
} from '../../src/ledger/index.js';

const events = Array.from({ length: 21 }, (_, i) =>
  canonicalJson({ type: 'record.created', n: i }),
);

describe('the liuhen/ledger entry point', () => {
  it('holds the examples of its documentation', () => {
    expect(canonicalJson({ b: [1e21, -0], a: 'ü' })).toBe('{"a":"ü","b":[1e+21,0]}');
    expect(emptyRoot('sha256')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(frontierAddresses(7)).toEqual([
      { level: 2, index: 0 },
      { level: 1, index: 2 },
      { level: 0, index: 6 },
    ]);
    expect(inclusionProofNodes(2, 3).reads).toEqual([{ level: 1, index: 0 }]);
    expect(consistencyProofNodes(4, 8).reads).toEqual([{ level: 2, index: 1 }]);
    expect(rootHash({ leafHashes: [leafHash('x', 'sm3')] }, 'sm3')).toBe(leafHash('x', 'sm3'));
  });

  it('proves and verifies in hex with SM3 by default', () => {
    const root = rootHash(events);
    const proof = inclusionProof(events, 17, 21);
    const fromRoot = rootHash(events.slice(0, 10));

    expect(
      verifyInclusion({ leafHash: leafHash(events[17]!, 'sm3'), index: 17, size: 21, proof, root }),
    ).toBe(true);
    expect(
      verifyConsistency({
        from: 10,
        to: 21,
        fromRoot,
        toRoot: root,
        proof: consistencyProof(events, 10, 21),
      }),
    ).toBe(true);
  });

  it('serves a log kept as stored perfect subtrees, from append to receipt', () => {
    const stored = new Map<string, StoredNode>();
    const read = (addresses: readonly { level: number; index: number }[]): StoredNode[] =>
      addresses.map((a) => stored.get(`${a.level}/${a.index}`)!);

    let frontier: Uint8Array[] = [];
    let root: Uint8Array = new Uint8Array();
    events.forEach((event, size) => {
      const result = appendLeaf(frontier, leafHashBytes(event, 'sm3'), size, 'sm3');
      for (const node of result.newNodes) {
        stored.set(`${node.level}/${node.index}`, node);
      }

      frontier = result.frontier;
      root = result.root;
    });

    // The root at an earlier size comes from that size's frontier, read back from storage.
    const rootAt10 = toHex(
      frontierRoot(
        read(frontierAddresses(10)).map((n) => n.hash),
        'sm3',
      ),
    );
    expect(rootAt10).toBe(rootHash(events.slice(0, 10)));

    const inclusionPlan = inclusionProofNodes(17, 21);
    const proof = buildInclusionProof(inclusionPlan, read(inclusionPlan.reads), 'sm3');
    const consistencyPlan = consistencyProofNodes(10, 21);
    const consistency = buildConsistencyProof(consistencyPlan, read(consistencyPlan.reads), 'sm3');

    expect(
      verifyConsistency({
        from: 10,
        to: 21,
        fromRoot: rootAt10,
        toRoot: toHex(root),
        proof: consistency,
      }),
    ).toBe(true);

    const key = generateSigningKey('sm2', 'liuhen.example/410221');
    const checkpoint = signCheckpoint(
      {
        origin: 'liuhen.example/410221',
        size: 21,
        rootHash: toHex(root),
        time: new Date(),
        alg: 'sm3',
      },
      key,
    );
    expect(verifyCheckpoint(checkpoint, [verifierKeyOf(key)]).ok).toBe(true);

    const receipt: Receipt = {
      version: 1,
      log: 'liuhen.example/410221',
      alg: 'sm3',
      index: 17,
      entry: events[17]!,
      proof,
      checkpoint,
      publicKey: verifierKeyOf(key),
    };
    expect(verifyReceipt(receipt, [verifierKeyOf(key)])).toEqual({ ok: true, problems: [] });
  });
});
