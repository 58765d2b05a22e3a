/**
 * Verifies one log from its entries up: recomputes every leaf hash from the stored entry text,
 * rebuilds every perfect subtree and compares it with the stored node, checks that the
 * entries run 0…size-1 with no gap, and that every stored checkpoint is signed by a known key,
 * matches the root recomputed at its size, and is consistent with the checkpoint before it.
 */
import { parseCheckpoint, verifyCheckpoint } from '../ledger/checkpoint.js';
import { frontierRoot, pushLeaf } from '../ledger/compact-range.js';
import {
  buildConsistencyProof,
  consistencyProofNodes,
  verifyConsistency,
} from '../ledger/consistency-proof.js';
import { type HashAlgorithm, leafHashBytes, toHex } from '../ledger/hash-algorithm.js';
import { readNodes } from '../ledger/log-store.js';
import type { VerifierKey } from '../ledger/signer.js';
import type { StoredNode } from '../ledger/subtree.js';
import type { Db } from '../platform/db/schema.js';

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

/** Entries per read: a power of two, so a batch completes whole subtrees up to that size. */
const BATCH = 16_384;

interface CheckpointRow {
  size: number;
  root: string;
  at: string;
  note: string;
}

export async function verifyLog(db: Db, logId: string, keys: VerifierKey[]): Promise<LogReport> {
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
  const report = (p: Omit<Problem, 'log'>) => problems.push({ log: logId, ...p });

  const roots = await rebuildTree(db, logId, alg, head.size, checkpoints, report);
  checkCheckpoints(checkpoints, roots, keys, alg, report);
  await checkConsistency(db, logId, alg, checkpoints, roots.count, report);

  return { log: logId, alg, size: roots.count, checkpoints: checkpoints.length, problems };
}

/**
 * Streams the entries in index order, recomputing leaves and perfect subtrees, and records the
 * root at every size a checkpoint names. The rebuilt tree numbers the entries by position, in
 * the order they are stored, so that after a gap every later node still differs from storage.
 */
async function rebuildTree(
  db: Db,
  logId: string,
  alg: HashAlgorithm,
  headSize: number,
  checkpoints: CheckpointRow[],
  report: (p: Omit<Problem, 'log'>) => void,
) {
  const wanted = new Set(checkpoints.map((c) => c.size));
  const rootsAt = new Map<number, string>();
  if (wanted.has(0)) rootsAt.set(0, toHex(frontierRoot([], alg)));

  let frontier: Uint8Array[] = [];
  let expected = 0;
  let gapReported = false;
  let pending = readBatch(db, logId, undefined, 0);
  for (let batch = await pending; batch.rows.length > 0; batch = await pending) {
    // Ask for the next batch before hashing this one: the database reads it meanwhile.
    pending = readBatch(db, logId, batch.rows.at(-1)!.idx, expected + batch.rows.length);

    for (const row of batch.rows) {
      if (row.idx !== expected && !gapReported) {
        report({
          index: expected,
          kind: 'entry-missing',
          message: `entry ${expected} is missing: the next stored entry is ${row.idx}`,
        });
        gapReported = true;
      }

      const leaf = leafHashBytes(row.entry, alg);
      if (toHex(leaf) !== row.leaf_hash) {
        report({
          index: row.idx,
          kind: 'entry-changed',
          message: `entry ${row.idx}: its text no longer hashes to its recorded leaf hash ${row.leaf_hash}`,
        });
      }

      const { frontier: next, newNodes } = pushLeaf(frontier, leaf, expected, alg);
      frontier = next;
      compareNodes(newNodes, batch.nodes, row.idx, report);
      expected += 1;
      if (wanted.has(expected)) rootsAt.set(expected, toHex(frontierRoot(frontier, alg)));
    }
  }

  if (expected !== headSize) {
    report({
      index: Math.min(expected, headSize),
      kind: 'size-mismatch',
      message: `the log head says ${headSize} entries, ${expected} are stored in order`,
    });
  }

  return { rootsAt, count: expected };
}

interface Batch {
  rows: { idx: number; entry: string; leaf_hash: string }[];
  nodes: NodeWindow;
}

/**
 * The next BATCH entries after index `after` (from the first when undefined), and the stored
 * nodes that the positions [position, position + BATCH) of the rebuilt tree complete.
 */
async function readBatch(
  db: Db,
  logId: string,
  after: number | undefined,
  position: number,
): Promise<Batch> {
  // Paging by key, not by index range, so that every stored entry is read whatever the gaps.
  const entries = db
    .selectFrom('log_entries')
    .select(['idx', 'entry', 'leaf_hash'])
    .where('log_id', '=', logId)
    .where('idx', after === undefined ? '>=' : '>', after ?? 0)
    .orderBy('idx')
    .limit(BATCH)
    .execute();
  const [rows, nodes] = await Promise.all([entries, NodeWindow.read(db, logId, position)]);

  return { rows, nodes };
}

/**
 * The stored nodes completed by the leaves at positions [first, first + BATCH), level by level.
 * Leaf q completes node (L, i) when q = (i + 1)·2^L − 1, so at level L the window holds the
 * indexes [⌊first / 2^L⌋, ⌊(first + BATCH) / 2^L⌋).
 */
class NodeWindow {
  private constructor(
    private readonly starts: number[],
    private readonly hashes: (string | undefined)[][],
  ) {}

  static async read(db: Db, logId: string, first: number): Promise<NodeWindow> {
    const end = first + BATCH;
    const starts: number[] = [];
    for (let level = 0; Math.floor(end / 2 ** level) > Math.floor(first / 2 ** level); level++) {
      starts.push(Math.floor(first / 2 ** level));
    }

    // One index range per level, joined with UNION ALL: an OR of the ranges makes SQLite scan
    // every node of the log for each batch.
    const [head, ...tail] = starts.map((start, level) =>
      db
        .selectFrom('log_nodes')
        .select(['level', 'idx', 'hash'])
        .where('log_id', '=', logId)
        .where('level', '=', level)
        .where('idx', '>=', start)
        .where('idx', '<', Math.floor(end / 2 ** level)),
    );
    const rows = await tail.reduce((query, next) => query.unionAll(next), head!).execute();
    const hashes = starts.map((): (string | undefined)[] => []);
    for (const row of rows) hashes[row.level]![row.idx - starts[row.level]!] = row.hash;

    return new NodeWindow(starts, hashes);
  }

  get(level: number, index: number): string | undefined {
    return this.hashes[level]?.[index - this.starts[level]!];
  }
}

function compareNodes(
  computed: StoredNode[],
  stored: NodeWindow,
  index: number,
  report: (p: Omit<Problem, 'log'>) => void,
) {
  for (const node of computed) {
    const hash = stored.get(node.level, node.index);
    if (hash === toHex(node.hash)) continue;

    const key = `${node.level}/${node.index}`;
    const what = hash === undefined ? 'is missing' : `is ${hash}, recomputed ${toHex(node.hash)}`;
    report({
      index,
      kind: 'node-mismatch',
      message: `tree node ${key} completed by entry ${index} ${what}`,
    });
  }
}

function checkCheckpoints(
  checkpoints: CheckpointRow[],
  roots: { rootsAt: Map<number, string>; count: number },
  keys: VerifierKey[],
  alg: HashAlgorithm,
  report: (p: Omit<Problem, 'log'>) => void,
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
  report: (p: Omit<Problem, 'log'>) => void,
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
