/**
 * Verifies one log from its entries up: the tree is rebuilt from the entries (log-rebuild.ts:
 * every leaf, node and index column, and no gap in 0…size-1); then every stored checkpoint
 * must be signed by a known key, match the root recomputed at its size, and be consistent with
 * the checkpoint before it; and the head row's frontier must be the rebuilt tree's.
 */
import { parseCheckpoint, verifyCheckpoint } from '../ledger/checkpoint.js';
import {
  buildConsistencyProof,
  consistencyProofNodes,
  verifyConsistency,
} from '../ledger/consistency-proof.js';
import type { HashAlgorithm } from '../ledger/hash-algorithm.js';
import { readNodes } from '../ledger/log-store.js';
import type { VerifierKey } from '../ledger/signer.js';
import type { Db } from '../platform/db/schema.js';
import { type RebuildOptions, type RebuiltTree, rebuildTree } from './log-rebuild.js';

export interface Problem {
  log?: string;
  /** The first entry index the problem concerns, when it concerns entries. */
  index?: number;
  kind: string;
  message: string;
}

export interface LogReport {
  log: string;
  alg: HashAlgorithm;
  size: number;
  checkpoints: number;
  problems: Problem[];
}

interface CheckpointRow {
  size: number;
  root: string;
  at: string;
  note: string;
}

type Report = (problem: Omit<Problem, 'log'>) => void;

/**
 * Verifies the log `logId` against its own entries and the signing `keys`. Problems are listed
 * in the order a reader should meet them: the entries and the tree first, then the checkpoints,
 * then the head's frontier, which only the next append reads.
 */
export async function verifyLog(
  db: Db,
  logId: string,
  keys: VerifierKey[],
  options: RebuildOptions = {},
): Promise<LogReport> {
  const head = await db
    .selectFrom('logs')
    .selectAll()
    .where('id', '=', logId)
    .executeTakeFirstOrThrow();
  const alg = head.alg as HashAlgorithm;
  const checkpoints = await db
    .selectFrom('checkpoints')
    .select(['size', 'root', 'at', 'note'])
    .where('log_id', '=', logId)
    .orderBy('size')
    .orderBy('at')
    .execute();
  const problems: Problem[] = [];
  const report: Report = (p) => problems.push({ log: logId, ...p });

  const wanted = new Set(checkpoints.map((c) => c.size));
  const tree = await rebuildTree(db, logId, alg, head.size, wanted, report, options);
  checkCheckpoints(checkpoints, tree, keys, alg, report);
  await checkConsistency(db, logId, alg, checkpoints, tree.count, report);
  checkFrontier(head, tree, report);

  return { log: logId, alg, size: tree.count, checkpoints: checkpoints.length, problems };
}

/**
 * The head row's frontier is what the next append hashes the new leaf with (ledger/log-store):
 * a wrong one would make every later node wrong, so it must be the rebuilt tree's own.
 */
function checkFrontier(
  head: { size: number; frontier: string },
  tree: RebuiltTree,
  report: Report,
) {
  // A head whose size is wrong is reported already; its frontier cannot be held against a tree.
  if (tree.count !== head.size || tree.frontier === head.frontier) return;

  report({
    index: head.size,
    kind: 'head-frontier',
    message: `the log head's frontier differs from the tree of its ${head.size} entries: the next entry would be hashed into a wrong tree`,
  });
}

function checkCheckpoints(
  checkpoints: CheckpointRow[],
  roots: RebuiltTree,
  keys: VerifierKey[],
  alg: HashAlgorithm,
  report: Report,
) {
  for (const cp of checkpoints) {
    const signed = verifyCheckpoint(cp.note, keys);
    const parsed = parseCheckpoint(cp.note);
    if (!signed.ok) {
      report({
        kind: 'checkpoint-signature',
        message: `checkpoint of size ${cp.size} made ${cp.at}: ${signed.problems.join('; ')}`,
      });
    }
    if (
      parsed.ok &&
      (parsed.checkpoint.size !== cp.size || parsed.checkpoint.rootHash !== cp.root)
    ) {
      report({
        kind: 'checkpoint-row',
        message: `checkpoint of size ${cp.size} made ${cp.at}: its row differs from its signed text`,
      });
    }
    if (parsed.ok && parsed.checkpoint.alg && parsed.checkpoint.alg !== alg) {
      report({
        kind: 'checkpoint-alg',
        message: `checkpoint of size ${cp.size}: hash ${parsed.checkpoint.alg}, log uses ${alg}`,
      });
    }

    if (cp.size > roots.count) {
      report({
        index: roots.count,
        kind: 'log-truncated',
        message: `checkpoint made ${cp.at} covers ${cp.size} entries but only ${roots.count} remain: entries ${roots.count}…${cp.size - 1} were removed`,
      });
      continue;
    }

    const root = roots.rootsAt.get(cp.size);
    if (root !== cp.root) {
      report({
        index: cp.size - 1,
        kind: 'checkpoint-root',
        message: `checkpoint made ${cp.at} says the first ${cp.size} entries hash to ${cp.root}, they now hash to ${root}: an entry before ${cp.size} was changed, removed or reordered`,
      });
    }
  }
}

/** Consecutive checkpoints must be consistent (RFC 9162 §2.1.4), proved from stored nodes. */
async function checkConsistency(
  db: Db,
  logId: string,
  alg: HashAlgorithm,
  checkpoints: CheckpointRow[],
  count: number,
  report: Report,
) {
  for (let i = 1; i < checkpoints.length; i += 1) {
    const [a, b] = [checkpoints[i - 1]!, checkpoints[i]!];
    if (b.size > count || a.size === b.size) continue;

    const plan = consistencyProofNodes(a.size, b.size);
    const nodes = await readNodes(db, logId, plan.reads);
    let proof: string[];
    try {
      proof = buildConsistencyProof(plan, nodes, alg);
    } catch {
      proof = [];
    }

    const ok = verifyConsistency({
      from: a.size,
      to: b.size,
      fromRoot: a.root,
      toRoot: b.root,
      proof,
      alg,
    });
    if (!ok) {
      report({
        index: a.size,
        kind: 'checkpoint-consistency',
        message: `checkpoints of size ${a.size} and ${b.size} are not consistent: the log was rewritten between them`,
      });
    }
  }
}
