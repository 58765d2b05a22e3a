/**
 * liuhen/ledger: the tamper-evident log of Liuhen, without storage.
 *
 * Every change in Liuhen is an event appended to its unit's log, a Merkle tree of RFC 9162 over
 * the events' RFC 8785 canonical JSON, hashed with SM3 by default. This entry point gathers
 * what applications, the CLI and outside verifiers need. Hashes are lowercase hex throughout,
 * except in the storage-facing functions (appendLeaf, frontierRoot, the proof plans' nodes),
 * which use bytes because nodes are stored as BLOB / bytea.
 *
 * Hashing and trees (RFC 9162 §2.1):
 *
 *     const entry = canonicalJson({ type: 'record.created', unit: '410221' });
 *     const root = rootHash([entry, other]);               // SM3 unless told otherwise
 *     const proof = inclusionProof([entry, other], 1, 2);
 *     verifyInclusion({ leafHash: leafHash(other, 'sm3'), index: 1, size: 2, proof, root });
 *     const growth = consistencyProof([entry, other], 1, 2);
 *     verifyConsistency({ from: 1, to: 2, fromRoot, toRoot: root, proof: growth });
 *
 * Storage, as perfect subtrees addressed by (level, index):
 *
 *     const next = appendLeaf(frontier, leafHashBytes(entry, 'sm3'), size, 'sm3');
 *     // store next.newNodes; next.root is the new tree head
 *     const plan = inclusionProofNodes(index, size);          // which nodes to read
 *     buildInclusionProof(plan, await readNodes(plan.reads), 'sm3');
 *
 * Signed tree heads (c2sp.org/tlog-checkpoint) and receipts:
 *
 *     const key = generateSigningKey('sm2', 'liuhen.example/410221');
 *     const head = { origin, size, rootHash, time: new Date(), alg: 'sm3' } as const;
 *     const signed = signCheckpoint(head, key);
 *     verifyCheckpoint(signed, [verifierKeyOf(key)]).ok;    // true
 *     verifyReceipt(receipt, [verifierKeyOf(key)]);         // { ok: true, problems: [] }
 */

export { CanonicalJsonError, canonicalJson, type JsonValue } from './canonical-json.js';
export {
  type Checkpoint,
  type CheckpointFailureCode,
  type CheckpointParseResult,
  type CheckpointVerification,
  formatCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  verifyCheckpoint,
} from './checkpoint.js';
export {
  type AppendResult,
  appendLeaf,
  type Frontier,
  frontierAddresses,
  frontierRoot,
  pushLeaf,
} from './compact-range.js';
export {
  buildConsistencyProof,
  type ConsistencyCheck,
  consistencyProofNodes,
  verifyConsistency,
} from './consistency-proof.js';
export {
  DEFAULT_HASH_ALGORITHM,
  emptyRoot,
  emptyRootBytes,
  HASH_ALGORITHMS,
  type HashAlgorithm,
  hashFromHex,
  isHashAlgorithm,
  leafHash,
  leafHashBytes,
  nodeHash,
  nodeHashBytes,
  toHex,
} from './hash-algorithm.js';
export {
  buildInclusionProof,
  type InclusionCheck,
  inclusionProofNodes,
  verifyInclusion,
} from './inclusion-proof.js';
export {
  consistencyProof,
  type Entry,
  inclusionProof,
  type Leaves,
  rootHash,
  rootHashBytes,
} from './merkle-tree.js';
export type { ProofPlan } from './proof-plan.js';
export { type Receipt, type ReceiptVerification, verifyReceipt } from './receipt.js';
export {
  generateSigningKey,
  type SignatureAlgorithm,
  type SigningKey,
  type VerifierKey,
  verifierKeyOf,
} from './signer.js';
export type { NodeAddress, StoredNode } from './subtree.js';
