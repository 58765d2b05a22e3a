/**
 * Receipts: one JSON document that lets anyone, offline, check that an event is in a unit's
 * log. It carries the event's canonical JSON text, its leaf index, the audit path, and the
 * signed checkpoint the path leads to.
 *
 *     { "version": 1, "log": "liuhen.example/410221", "alg": "sm3", "index": 41,
 *       "entry": "{\"type\":\"record.created\",…}", "proof": ["9f…", …],
 *       "checkpoint": "liuhen.example/410221\n42\n…", "publicKey": { "alg": "sm2", … } }
 *
 * A receipt that verifies proves that the holder of the signing key committed to the entry at
 * that index. Which keys to trust is the verifier's decision: a receipt's own `publicKey` only
 * proves the receipt is self-consistent.
 */

import { canonicalJson } from './canonical-json.js';
import { type Checkpoint, parseCheckpoint, verifyCheckpoint } from './checkpoint.js';
import {
  type HashAlgorithm,
  hashListFromHex,
  isHashAlgorithm,
  leafHashBytes,
  toHex,
} from './hash-algorithm.js';
import { rootFromInclusionProof } from './inclusion-proof.js';
import { MAX_PROOF_LENGTH } from './proof-plan.js';
import type { VerifierKey } from './signer.js';
import { isTreeSize } from './subtree.js';

export interface Receipt {
  readonly version: 1;
  /** The log's origin, as in the checkpoint's first line. */
  readonly log: string;
  readonly alg: HashAlgorithm;
  /** The entry's leaf index, from 0. */
  readonly index: number;
  /** The entry exactly as logged: its RFC 8785 canonical JSON text. */
  readonly entry: string;
  /** The audit path from the entry to the checkpoint's root, lowercase hex, leaf side first. */
  readonly proof: readonly string[];
  /** The signed checkpoint, as signed-note text. */
  readonly checkpoint: string;
  /** The key that signed the checkpoint. */
  readonly publicKey: VerifierKey;
}

export interface ReceiptVerification {
  /** True exactly when `problems` is empty. */
  readonly ok: boolean;
  /** Everything that did not check out, lowercase English naming got and want. */
  readonly problems: readonly string[];
}

/**
 * Checks a receipt end to end: its shape; that the checkpoint is signed by one of
 * `trustedKeys` (the receipt's own `publicKey` when none are given); that the checkpoint belongs
 * to the receipt's log and algorithm; that the entry is canonical JSON; and that the leaf hash
 * recomputed from the entry, with the proof, leads to the checkpoint's root at its size
 * (RFC 9162 §2.1.3.2).
 *
 * Invariant: never throws, whatever `receipt` is; reports every problem it finds rather than
 * only the first, so a person can see everything that is wrong at once.
 *
 * @example verifyReceipt(JSON.parse(text), [trustedKey]) // { ok: true, problems: [] }
 */
export function verifyReceipt(
  receipt: unknown,
  trustedKeys?: readonly VerifierKey[],
): ReceiptVerification {
  const shapeProblems = describeShapeProblems(receipt);
  if (shapeProblems.length > 0) {
    return { ok: false, problems: shapeProblems };
  }

  const valid = receipt as Receipt;
  const problems = [
    ...checkSignature(valid, trustedKeys ?? [valid.publicKey]),
    ...checkEntry(valid.entry),
    ...checkInclusion(valid),
  ];

  return { ok: problems.length === 0, problems };
}

function describeShapeProblems(receipt: unknown): string[] {
  if (typeof receipt !== 'object' || receipt === null || Array.isArray(receipt)) {
    return [`receipt: got ${describe(receipt)}, want a json object`];
  }

  const r = receipt as Record<string, unknown>;
  const checks: [boolean, string][] = [
    [r.version === 1, `version: got ${describe(r.version)}, want 1`],
    [typeof r.log === 'string' && r.log !== '', `log: got ${describe(r.log)}, want the log origin`],
    [isHashAlgorithm(r.alg), `alg: got ${describe(r.alg)}, want "sm3" or "sha256"`],
    [isTreeSize(r.index), `index: got ${describe(r.index)}, want a non-negative integer`],
    [typeof r.entry === 'string', `entry: got ${describe(r.entry)}, want the entry's json text`],
    [
      hashListFromHex(r.proof, MAX_PROOF_LENGTH) !== undefined,
      'proof: want an array of hex hashes',
    ],
    [typeof r.checkpoint === 'string', `checkpoint: got ${describe(r.checkpoint)}, want note text`],
    [typeof r.publicKey === 'object' && r.publicKey !== null, 'publicKey: want a key object'],
  ];

  return checks.filter(([fine]) => !fine).map(([, problem]) => problem);
}

function checkSignature(receipt: Receipt, trustedKeys: readonly VerifierKey[]): string[] {
  const verification = verifyCheckpoint(receipt.checkpoint, trustedKeys);

  return verification.problems.map((problem) => `checkpoint: ${problem}`);
}

function checkEntry(entry: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(entry);
  } catch {
    return ['entry: got text that is not json, want canonical json (rfc 8785)'];
  }

  let canonical: string;
  try {
    canonical = canonicalJson(value);
  } catch (error) {
    // JSON can spell what JCS refuses, such as a lone surrogate written as an escape.
    return [`entry: ${(error as Error).message}`];
  }

  return canonical === entry
    ? []
    : [`entry: got ${clip(entry)}, want its canonical form ${clip(canonical)}`];
}

// The inclusion check reads the checkpoint without trusting it; checkSignature decides that.
function checkInclusion(receipt: Receipt): string[] {
  const parsed = parseCheckpoint(receipt.checkpoint);
  if (!parsed.ok) {
    return [];
  }

  const checkpoint = parsed.checkpoint;
  const problems = checkBinding(receipt, checkpoint);
  if (receipt.index >= checkpoint.size) {
    return [
      ...problems,
      `index: got ${receipt.index}, want below the checkpoint size ${checkpoint.size}`,
    ];
  }

  const path = hashListFromHex(receipt.proof, MAX_PROOF_LENGTH)!;
  const leaf = leafHashBytes(receipt.entry, receipt.alg);
  const root = rootFromInclusionProof(leaf, receipt.index, checkpoint.size, path, receipt.alg);
  if (root === undefined) {
    const want = `the length for leaf ${receipt.index} of ${checkpoint.size}`;

    return [...problems, `proof: got ${path.length} hashes, want ${want}`];
  }

  if (toHex(root) !== checkpoint.rootHash) {
    problems.push(`root from the proof: got ${toHex(root)}, want ${checkpoint.rootHash}`);
  }

  return problems;
}

function checkBinding(receipt: Receipt, checkpoint: Checkpoint): string[] {
  const problems: string[] = [];
  if (receipt.log !== checkpoint.origin) {
    const want = describe(checkpoint.origin);
    problems.push(`log: got ${describe(receipt.log)}, want the checkpoint origin ${want}`);
  }

  if (checkpoint.alg !== undefined && checkpoint.alg !== receipt.alg) {
    problems.push(`alg: got ${receipt.alg}, want the checkpoint's ${checkpoint.alg}`);
  }

  return problems;
}

// Safe on anything a hostile document holds; JSON.stringify would throw on a bigint or a cycle.
function describe(value: unknown): string {
  if (typeof value === 'string') {
    return clip(JSON.stringify(value));
  }

  if (typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return String(value);
  }

  if (value === undefined) {
    return 'nothing';
  }

  return Array.isArray(value) ? 'an array' : `a value of type ${typeof value}`;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
