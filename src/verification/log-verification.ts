/**
 * Verifies one log from its entries up: recomputes every leaf hash from the stored entry text,
 * rebuilds every perfect subtree and compares it with the stored node, checks that the
 * entries run 0…size-1 with no gap, and that every stored checkpoint is signed by a known key,
 * matches the root recomputed at its size, and is consistent with the checkpoint before it.
 */
import * as crypto from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parseCheckpoint, verifyCheckpoint } from '../ledger/checkpoint.js';
import { frontierRoot } from '../ledger/compact-range.js';
import {
  buildConsistencyProof,
  consistencyProofNodes,
  verifyConsistency,
} from '../ledger/consistency-proof.js';
import { HASH_SIZE, type HashAlgorithm, toHex } from '../ledger/hash-algorithm.js';
import { readNodes } from '../ledger/log-store.js';
import type { VerifierKey } from '../ledger/signer.js';
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

/**
 * Entries per read: a power of two, so a batch completes whole subtrees up to that size. Small
 * enough that a batch's rows die young: at 16,384 a million entries took a quarter more CPU,
 * most of it in the garbage collector.
 */
const BATCH = 2_048;

/**
 * Entries hashed between two turns of the event loop. The next batch arrives meanwhile, and a
 * PostgreSQL server stops sending while its rows wait unread in the socket: without these
 * turns, a million entries spent nearly two thirds of their time waiting for the database.
 */
const STRIDE = 256;

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

  const tree = new TreeRebuilder(alg, (node, stored) => report(nodeMismatch(node, stored)));
  let expected = 0;
  let gapReported = false;
  let pending = readBatch(db, logId, undefined, 0);
  for (let batch = await pending; batch.rows.length > 0; batch = await pending) {
    // Ask for the next batch before hashing this one: the database reads it meanwhile.
    pending = readBatch(db, logId, batch.rows.at(-1)!.idx, expected + batch.rows.length);
    // Its failure is thrown where it is awaited; until then it must not count as unhandled.
    pending.catch(() => {});

    for (let i = 0; i < batch.rows.length; i += 1) {
      const row = batch.rows[i]!;
      if (i % STRIDE === STRIDE - 1) await nextTurn();
      if (row.idx !== expected && !gapReported) {
        report({
          index: expected,
          kind: 'entry-missing',
          message: `entry ${expected} is missing: the next stored entry is ${row.idx}`,
        });
        gapReported = true;
      }

      const leaf = tree.leafHash(row.entry);
      const leafHex = leaf.toString('hex');
      if (leafHex !== row.leaf_hash) {
        report({
          index: row.idx,
          kind: 'entry-changed',
          message: `entry ${row.idx}: its text no longer hashes to its recorded leaf hash ${row.leaf_hash}`,
        });
      }

      tree.append(leaf, leafHex, row.idx, batch.nodes);
      const columns = columnProblem(row);
      if (columns)
        report({ index: row.idx, kind: 'entry-columns', message: `entry ${row.idx}: ${columns}` });
      expected += 1;
      if (wanted.has(expected)) rootsAt.set(expected, toHex(tree.root()));
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

/**
 * The `type`, `actor` and `at` columns index the entries (the audit trail searches by them,
 * the replay selects by type) but lie outside the hash, so each must equal what the hashed
 * text says. The canonical form fixes where they stand: keys are sorted, so the text opens
 * with actor then at, and closes with type then unit. Checked on the text, without parsing
 * every entry of a long log.
 */
export function columnProblem(row: {
  entry: string;
  type: string;
  actor: string | null;
  at: string;
}): string | null {
  const actor = row.actor === null ? 'null' : JSON.stringify({ username: row.actor });
  const opening = `{"actor":${actor},"at":${JSON.stringify(row.at)},`;
  if (!row.entry.startsWith(opening)) return 'its actor or time column differs from its text';

  const closing = CLOSING.exec(row.entry);
  if (!closing || closing[1] !== JSON.stringify(row.type)) {
    return 'its type column differs from its text';
  }

  return null;
}

const CLOSING = /,"type":("(?:[^"\\]|\\.)*"),"unit":(?:null|"(?:[^"\\]|\\.)*")\}$/;

interface Batch {
  rows: {
    idx: number;
    entry: string;
    leaf_hash: string;
    type: string;
    actor: string | null;
    at: string;
    /** The stored level-0 node at the entry's own index, if any. */
    leaf_node: string | null;
  }[];
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
  // The leaf nodes come joined to their entries: half the stored nodes are leaves, and a joined
  // column costs the reader less than a row of its own (at a million entries, about 0.7 s less
  // on SQLite and 2 s of the client's time on PostgreSQL).
  const entries = db
    .selectFrom('log_entries as e')
    .leftJoin('log_nodes as n', (join) =>
      join.onRef('n.log_id', '=', 'e.log_id').on('n.level', '=', 0).onRef('n.idx', '=', 'e.idx'),
    )
    .select(['e.idx', 'e.entry', 'e.leaf_hash', 'e.type', 'e.actor', 'e.at', 'n.hash as leaf_node'])
    .where('e.log_id', '=', logId)
    .where('e.idx', after === undefined ? '>=' : '>', after ?? 0)
    .orderBy('e.idx')
    .limit(BATCH)
    .execute();
  const [rows, nodes] = await Promise.all([entries, NodeWindow.read(db, logId, position, 1)]);

  // After a gap, entries stand at positions other than their indexes, and the rebuilt tree
  // holds its leaves against the nodes at the positions: those are read apart.
  if (rows.every((row, i) => row.idx === position + i)) nodes.setLeaves(rows);
  else await nodes.readLevels(db, logId, 0, 0);

  return { rows, nodes };
}

/**
 * The stored nodes completed by the leaves at positions [first, first + BATCH), level by level.
 * Leaf q completes node (L, i) when q = (i + 1)·2^L − 1, so at level L the window holds the
 * indexes [⌊first / 2^L⌋, ⌊(first + BATCH) / 2^L⌋).
 */
class NodeWindow {
  private readonly starts: number[] = [];
  private readonly hashes: (string | undefined)[][] = [];

  private constructor(private readonly first: number) {}

  /** The window of positions from `first`, with the levels from `lowest` up read. */
  static async read(db: Db, logId: string, first: number, lowest: number): Promise<NodeWindow> {
    const window = new NodeWindow(first);
    await window.readLevels(db, logId, lowest, window.topLevel());

    return window;
  }

  /** Reads the levels `lowest` to `highest` of the window in one query. */
  async readLevels(db: Db, logId: string, lowest: number, highest: number): Promise<void> {
    const levels = Array.from({ length: highest - lowest + 1 }, (_, i) => lowest + i);
    if (levels.length === 0) return;

    // One index range per level, joined with UNION ALL: an OR of the ranges makes SQLite scan
    // every node of the log for each batch.
    const [head, ...tail] = levels.map((level) =>
      db
        .selectFrom('log_nodes')
        .select(['level', 'idx', 'hash'])
        .where('log_id', '=', logId)
        .where('level', '=', level)
        .where('idx', '>=', this.start(level))
        .where('idx', '<', this.end(level)),
    );
    const rows = await tail.reduce((query, next) => query.unionAll(next), head!).execute();
    for (const level of levels) {
      this.starts[level] = this.start(level);
      this.hashes[level] = [];
    }
    for (const row of rows) this.hashes[row.level]![row.idx - this.starts[row.level]!] = row.hash;
  }

  /** Level 0 from entries that stand at their own positions, with their joined leaf nodes. */
  setLeaves(rows: readonly { leaf_node: string | null }[]): void {
    this.starts[0] = this.first;
    this.hashes[0] = rows.map((row) => row.leaf_node ?? undefined);
  }

  get(level: number, index: number): string | undefined {
    return this.hashes[level]?.[index - this.starts[level]!];
  }

  private topLevel(): number {
    let level = 0;
    while (this.end(level + 1) > this.start(level + 1)) level += 1;

    return level;
  }

  private start(level: number): number {
    return Math.floor(this.first / 2 ** level);
  }

  private end(level: number): number {
    return Math.floor((this.first + BATCH) / 2 ** level);
  }
}

// RFC 9162 §2.1.1 domain separation, as in ledger/hash-algorithm.ts.
const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

/** A node the rebuilt tree completed, with the entry whose leaf completed it. */
interface CompletedNode {
  level: number;
  index: number;
  hash: Buffer;
  entry: number;
}

/**
 * The tree rebuilt leaf by leaf, growing its frontier as `pushLeaf` does (ledger/compact-range),
 * and holding each node it completes against the stored one at once, so no list of new nodes
 * is built per leaf. Hashes exactly what `leafHashBytes` and `nodeHashBytes` hash, but through
 * one-shot `crypto.hash` over reused buffers: across millions of hashes, a Hash object and a
 * concatenation per hash cost more than SM3 itself (DESIGN.md, notes).
 */
class TreeRebuilder {
  private readonly frontier: Buffer[] = [];
  private size = 0;
  private text = Buffer.alloc(4_096);
  private readonly pair = Buffer.alloc(1 + 2 * HASH_SIZE);

  constructor(
    private readonly alg: HashAlgorithm,
    private readonly onMismatch: (node: CompletedNode, stored: string | undefined) => void,
  ) {}

  /** H(0x00 ‖ UTF-8 of entry). */
  leafHash(entry: string): Buffer {
    // A UTF-16 code unit never takes more than three bytes of UTF-8.
    if (1 + 3 * entry.length > this.text.length) this.text = Buffer.alloc(1 + 3 * entry.length);
    this.text[0] = LEAF_PREFIX;
    const length = this.text.write(entry, 1, 'utf8');

    return oneShotHash(this.alg, this.text.subarray(0, 1 + length));
  }

  /**
   * Appends `leaf` at the next position. Each trailing 1-bit of the position is a complete left
   * sibling on the frontier; merging with it completes a subtree twice as wide.
   */
  append(leaf: Buffer, leafHex: string, entry: number, stored: NodeWindow): void {
    let hash = leaf;
    let level = 0;
    let index = this.size;
    this.compare(level, index, hash, leafHex, entry, stored);
    while (index % 2 === 1) {
      hash = this.nodeHash(this.frontier.pop()!, hash);
      level += 1;
      index = (index - 1) / 2;
      this.compare(level, index, hash, hash.toString('hex'), entry, stored);
    }

    this.frontier.push(hash);
    this.size += 1;
  }

  /** MTH of the leaves appended so far. */
  root(): Uint8Array {
    return frontierRoot(this.frontier, this.alg);
  }

  private nodeHash(left: Buffer, right: Buffer): Buffer {
    this.pair[0] = NODE_PREFIX;
    left.copy(this.pair, 1);
    right.copy(this.pair, 1 + HASH_SIZE);

    return oneShotHash(this.alg, this.pair);
  }

  // Positional arguments, not a node object: this runs twice per entry.
  private compare(
    level: number,
    index: number,
    hash: Buffer,
    hex: string,
    entry: number,
    stored: NodeWindow,
  ): void {
    const want = stored.get(level, index);
    if (want !== hex) this.onMismatch({ level, index, hash, entry }, want);
  }
}

// crypto.hash (Node 20.12 and later) hashes in one call without a Hash object; earlier Node 20
// releases lack it and take the ordinary path.
const oneShotHash: (alg: HashAlgorithm, data: Buffer) => Buffer =
  typeof crypto.hash === 'function'
    ? (alg, data) => crypto.hash(alg, data, 'buffer')
    : (alg, data) => crypto.createHash(alg).update(data).digest();

function nodeMismatch(node: CompletedNode, stored: string | undefined): Omit<Problem, 'log'> {
  const key = `${node.level}/${node.index}`;
  const what = stored === undefined ? 'is missing' : `is ${stored}, recomputed ${toHex(node.hash)}`;

  return {
    index: node.entry,
    kind: 'node-mismatch',
    message: `tree node ${key} completed by entry ${node.entry} ${what}`,
  };
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
