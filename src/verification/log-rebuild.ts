/**
 * Rebuilds one log's tree from its stored entries, in one pass over them in index order:
 * recomputes every leaf hash from the entry text, every perfect subtree from the leaves, and
 * holds each against what storage says (the entry's leaf hash, the stored nodes, the index
 * columns). Keeps only the frontier of the rebuilt tree and a few batches of rows at a time, so
 * a log of millions of entries verifies in constant memory.
 *
 * Reading, hashing and checking are pipelined: while one batch is hashed (in a worker thread
 * for a large log, tree-hasher.ts), the next is read and the one before is checked.
 */
import { availableParallelism } from 'node:os';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { frontierRoot } from '../ledger/compact-range.js';
import { type HashAlgorithm, toHex } from '../ledger/hash-algorithm.js';
import type { Db } from '../platform/db/schema.js';
import { columnProblem } from './entry-columns.js';
import type { Problem } from './log-verification.js';
import { type HashedBatch, openTreeHasher } from './tree-hasher.js';

type Report = (problem: Omit<Problem, 'log'>) => void;

/** What the rebuilt tree says about the log, for the checks that follow the rebuild. */
export interface RebuiltTree {
  /** The root at each size asked for, lowercase hex. */
  rootsAt: Map<number, string>;
  /** How many entries are stored, counted in index order. */
  count: number;
  /** The frontier of the rebuilt tree of `count` entries, as the head row stores it. */
  frontier: string;
}

export interface RebuildOptions {
  /**
   * Hash in a worker thread. By default, for logs of WORKER_FROM entries or more on a machine
   * with two or more CPUs: on one, the worker would only add the cost of handing batches over.
   */
  worker?: boolean;
}

/**
 * Entries per read: a power of two, so a batch completes whole subtrees up to that size. Small
 * enough that a batch's rows die young: at 16,384 a million entries took a quarter more CPU,
 * most of it in the garbage collector.
 */
const BATCH = 2_048;

/**
 * Batches sent to the hasher and not yet checked. Two keep the worker busy: it hashes one while
 * this thread checks the other and reads the next.
 */
const IN_FLIGHT = 2;

/** From this size on a log is hashed in a worker: below it, starting one costs more than it saves. */
export const WORKER_FROM = 32_768;

/**
 * Entries checked between two turns of the event loop. The next batch arrives meanwhile, and a
 * PostgreSQL server stops sending while its rows wait unread in the socket: without these
 * turns, a million entries spent nearly two thirds of their time waiting for the database.
 */
const STRIDE = 256;

/** Hex digits of one hash. */
const HEX = 64;

/** A batch read and sent to the hasher, waiting for its hashes to be checked. */
interface Hashing {
  batch: Batch;
  /** The tree position of the batch's first entry. */
  position: number;
  rootsAfter: number[];
  hashed: Promise<HashedBatch>;
}

/**
 * Streams the entries of `logId` in index order and rebuilds its tree, reporting every
 * difference from storage, and records the root at every size in `wanted`. The rebuilt tree
 * numbers the entries by position, in the order they are stored, so that after a gap every
 * later node still differs from storage. Problems come in entry order, as the entries are met.
 */
export async function rebuildTree(
  db: Db,
  logId: string,
  alg: HashAlgorithm,
  headSize: number,
  wanted: ReadonlySet<number>,
  report: Report,
  options: RebuildOptions = {},
): Promise<RebuiltTree> {
  const rootsAt = new Map<number, string>();
  if (wanted.has(0)) rootsAt.set(0, toHex(frontierRoot([], alg)));

  const sizes = [...wanted].filter((size) => size > 0).sort((a, b) => a - b);
  const checker = new EntryChecker(report);
  // Limitation: the worker saves time only while a second CPU is free; on a machine busy with
  // other work, a large log takes nearly as long as reading and hashing it one after the other
  // (seen on a 2-CPU host shared with test runs).
  const inWorker = options.worker ?? (headSize >= WORKER_FROM && availableParallelism() > 1);
  const hasher = openTreeHasher(alg, inWorker);
  const inFlight: Hashing[] = [];
  let position = 0;
  let frontier = '';
  try {
    let pending = readBatch(db, logId, undefined, 0);
    for (let batch = await pending; batch.rows.length > 0; batch = await pending) {
      // Ask for the next batch before anything else: the database reads it meanwhile.
      pending = readBatch(db, logId, batch.rows.at(-1)!.idx, position + batch.rows.length);
      // Its failure is thrown where it is awaited; until then it must not count as unhandled.
      pending.catch(() => {});

      const rootsAfter = countsWithin(sizes, position, batch.rows.length);
      const hashed = hasher.hash(
        batch.rows.map((row) => row.entry),
        rootsAfter,
      );
      hashed.catch(() => {});
      inFlight.push({ batch, position, rootsAfter, hashed });
      position += batch.rows.length;
      if (inFlight.length === IN_FLIGHT) frontier = await checker.check(inFlight.shift()!, rootsAt);
    }
    for (const hashing of inFlight.splice(0)) frontier = await checker.check(hashing, rootsAt);
  } finally {
    await hasher.close();
  }

  if (position !== headSize) {
    report({
      index: Math.min(position, headSize),
      kind: 'size-mismatch',
      message: `the log head says ${headSize} entries, ${position} are stored in order`,
    });
  }

  return { rootsAt, count: position, frontier };
}

/** The sizes in `sizes` (ascending) that fall in (position, position + count], as counts. */
function countsWithin(sizes: readonly number[], position: number, count: number): number[] {
  return sizes
    .filter((size) => size > position && size <= position + count)
    .map((size) => size - position);
}

/** Holds each hashed batch against the rows it was read with, in the order of the entries. */
class EntryChecker {
  private gapReported = false;

  constructor(private readonly report: Report) {}

  /** Checks one batch; returns the frontier of the tree after it. */
  async check(hashing: Hashing, rootsAt: Map<number, string>): Promise<string> {
    const { batch, position, rootsAfter } = hashing;
    const { hex, roots, frontier } = await hashing.hashed;
    rootsAfter.forEach((count, i) => {
      rootsAt.set(position + count, roots[i]!);
    });

    let at = 0;
    for (let i = 0; i < batch.rows.length; i += 1) {
      if (i % STRIDE === STRIDE - 1) await nextTurn();
      const row = batch.rows[i]!;
      if (row.idx !== position + i && !this.gapReported) {
        this.report(entryMissing(position + i, row.idx));
        this.gapReported = true;
      }

      at = this.checkEntry(row, position + i, hex, at, batch.nodes);
    }

    return frontier;
  }

  /**
   * Checks one entry against its recomputed leaf, at `at` in `hex`, and the nodes it completed
   * after it; returns where the next entry's hashes start. The entry at tree position `p`
   * completes the leaf (0, p) and one node per trailing 1-bit of p.
   */
  private checkEntry(row: EntryRow, p: number, hex: string, at: number, stored: NodeWindow) {
    if (!hashAt(hex, at, row.leaf_hash)) {
      this.report({
        index: row.idx,
        kind: 'entry-changed',
        message: `entry ${row.idx}: its text no longer hashes to its recorded leaf hash ${row.leaf_hash}`,
      });
    }

    let next = at;
    for (let level = 0, index = p; ; level += 1, index = (index - 1) / 2) {
      const want = stored.get(level, index);
      if (!hashAt(hex, next, want)) {
        this.report(nodeMismatch(level, index, row.idx, hex.slice(next, next + HEX), want));
      }

      next += HEX;
      if (index % 2 === 0) break;
    }

    const columns = columnProblem(row);
    if (columns) {
      this.report({
        index: row.idx,
        kind: 'entry-columns',
        message: `entry ${row.idx}: ${columns}`,
      });
    }

    return next;
  }
}

/** Whether `hex` holds the stored hash `want` at `at`: the same 64 lowercase hex digits. */
function hashAt(hex: string, at: number, want: string | undefined): boolean {
  // A slice and ===, not startsWith(want, at): three times faster on V8, and this runs three
  // times per entry.
  return want !== undefined && hex.slice(at, at + HEX) === want;
}

function entryMissing(expected: number, found: number): Omit<Problem, 'log'> {
  return {
    index: expected,
    kind: 'entry-missing',
    message: `entry ${expected} is missing: the next stored entry is ${found}`,
  };
}

function nodeMismatch(
  level: number,
  index: number,
  entry: number,
  recomputed: string,
  stored: string | undefined,
): Omit<Problem, 'log'> {
  const what = stored === undefined ? 'is missing' : `is ${stored}, recomputed ${recomputed}`;

  return {
    index: entry,
    kind: 'node-mismatch',
    message: `tree node ${level}/${index} completed by entry ${entry} ${what}`,
  };
}

interface EntryRow {
  idx: number;
  entry: string;
  leaf_hash: string;
  type: string;
  actor: string | null;
  at: string;
  /** The stored level-0 node at the entry's own index, if any. */
  leaf_node: string | null;
}

interface Batch {
  rows: EntryRow[];
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
