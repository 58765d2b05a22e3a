/**
 * The logs in the database: entries, the hashes of their perfect subtrees, and the head row
 * that serialises appends and carries the O(log n) frontier. Appending reads the head row and
 * writes the entry, the O(1) amortised (at most log2 n) nodes the new leaf completes and the
 * new frontier; proofs read O(log n) nodes.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Engine } from '../platform/db/database.js';
import type { LogEntryTable, LogNodeTable, Schema } from '../platform/db/schema.js';
import { frontierAddresses, frontierRoot, pushLeaf } from './compact-range.js';
import { buildConsistencyProof, consistencyProofNodes } from './consistency-proof.js';
import { HASH_SIZE, type HashAlgorithm, leafHashBytes, toHex } from './hash-algorithm.js';
import { buildInclusionProof, inclusionProofNodes } from './inclusion-proof.js';
import type { NodeAddress, StoredNode } from './subtree.js';

type Reader = Kysely<Schema> | Transaction<Schema>;

export interface LogHead {
  id: string;
  alg: HashAlgorithm;
  size: number;
  /** Root hash at `size`, lowercase hex. */
  root: string;
}

export interface AppendedEntry {
  log: string;
  index: number;
  leafHash: string;
  /** The root after this entry, computed when first read: few callers want it. */
  readonly root: string;
}

export interface EntryRow {
  type: string;
  actor: string | null;
  at: string;
  /** The RFC 8785 canonical JSON text of the event. */
  entry: string;
}

/**
 * Appends one entry to `logId`, creating the log on first use with `alg`.
 * Precondition: runs inside the transaction of the change the entry records.
 * Invariant: a log's indexes are 0…size-1 with no gaps, because claiming an index updates the
 * head row, which keeps it locked (PostgreSQL) or the database has one writer (SQLite) for
 * the whole transaction; and the head's frontier is the frontier of the tree at its size,
 * because the same transaction that raises the size writes the frontier that goes with it.
 */
export async function appendEntry(
  trx: Transaction<Schema>,
  engine: Engine,
  logId: string,
  row: EntryRow,
  createdAt: string,
  alg: HashAlgorithm,
): Promise<AppendedEntry> {
  const head = await claimIndex(trx, logId, alg, createdAt);
  const leaf = leafHashBytes(row.entry, head.alg);
  const { frontier, newNodes } = pushLeaf(head.frontier, leaf, head.index, head.alg);
  const leafHash = toHex(leaf);

  await writeAppended[engine](trx, {
    entry: { log_id: logId, idx: head.index, ...row, leaf_hash: leafHash },
    nodes: newNodes.map((n) => ({
      log_id: logId,
      level: n.level,
      idx: n.index,
      hash: toHex(n.hash),
    })),
    frontier: frontier.map(toHex).join(''),
  });

  return {
    log: logId,
    index: head.index,
    leafHash,
    // Folding the frontier costs up to log2(n) hashes, more than the append itself hashes.
    get root() {
      return toHex(frontierRoot(frontier, head.alg));
    },
  };
}

/** The rows one append writes, and the head's frontier after it. */
interface AppendedRows {
  entry: LogEntryTable;
  nodes: LogNodeTable[];
  frontier: string;
}

/**
 * Writes what an append produced. PostgreSQL takes the entry, the nodes and the frontier in one
 * statement of data-modifying CTEs, since each statement there costs a round trip to the
 * server; SQLite has no such CTEs, and its statements cost no round trip.
 *
 * The append's statements are written as SQL templates, not built: Kysely's builder spends
 * about 20 µs of CPU per append building and compiling them, a tenth of an append's own work
 * on SQLite, where a template is only joined with its parameters.
 */
const writeAppended: Record<
  Engine,
  (trx: Transaction<Schema>, rows: AppendedRows) => Promise<unknown>
> = {
  postgres: (trx, { entry, nodes, frontier }) =>
    sql`with entry as (${insertEntry(entry)}), nodes as (${insertNodes(nodes)})
      ${updateFrontier(entry.log_id, frontier)}`.execute(trx),
  sqlite: async (trx, { entry, nodes, frontier }) => {
    await insertEntry(entry).execute(trx);
    await insertNodes(nodes).execute(trx);
    await updateFrontier(entry.log_id, frontier).execute(trx);
  },
};

function insertEntry(e: LogEntryTable) {
  return sql`insert into log_entries (log_id, idx, type, actor, at, entry, leaf_hash)
    values (${e.log_id}, ${e.idx}, ${e.type}, ${e.actor}, ${e.at}, ${e.entry}, ${e.leaf_hash})`;
}

/** Precondition: at least one node (an append always completes its own leaf). */
function insertNodes(nodes: readonly LogNodeTable[]) {
  const rows = nodes.map((n) => sql`(${n.log_id}, ${n.level}, ${n.idx}, ${n.hash})`);

  return sql`insert into log_nodes (log_id, level, idx, hash) values ${sql.join(rows)}`;
}

function updateFrontier(logId: string, frontier: string) {
  return sql`update logs set frontier = ${frontier} where id = ${logId}`;
}

interface ClaimedIndex {
  index: number;
  alg: HashAlgorithm;
  /** The frontier of the tree before the claimed index: what the new leaf is appended to. */
  frontier: Buffer[];
}

/**
 * Takes the next index of `logId` by raising its size, creating the log on first use. One
 * UPDATE … RETURNING locks the head row and reads the size and the frontier that go with it,
 * where a locking read, a read of the frontier nodes and a later update took three statements.
 */
async function claimIndex(
  trx: Transaction<Schema>,
  logId: string,
  alg: HashAlgorithm,
  createdAt: string,
): Promise<ClaimedIndex> {
  const claimed =
    (await raiseSize(trx, logId)) ?? (await createAndRaise(trx, logId, alg, createdAt));

  return {
    index: claimed.size - 1,
    alg: claimed.alg as HashAlgorithm,
    frontier: splitHashes(claimed.frontier),
  };
}

/**
 * The hashes of a frontier stored as concatenated hex. Text that is not whole hashes of hex
 * gives fewer hashes, which `pushLeaf` refuses by the frontier's length.
 */
function splitHashes(hex: string): Buffer[] {
  const bytes = Buffer.from(hex, 'hex');
  const hashes: Buffer[] = [];
  for (let at = 0; at + HASH_SIZE <= bytes.length; at += HASH_SIZE) {
    hashes.push(bytes.subarray(at, at + HASH_SIZE));
  }

  return hashes;
}

interface RaisedHead {
  size: number;
  alg: string;
  frontier: string;
}

async function raiseSize(trx: Transaction<Schema>, logId: string): Promise<RaisedHead | undefined> {
  const { rows } = await sql<RaisedHead>`update logs set size = size + 1 where id = ${logId}
    returning size, alg, frontier`.execute(trx);

  return rows[0];
}

// Two first appends may race: the loser's insert does nothing (on PostgreSQL, once the winner
// commits), and its raise then finds the winner's row.
async function createAndRaise(
  trx: Transaction<Schema>,
  logId: string,
  alg: HashAlgorithm,
  createdAt: string,
) {
  await trx
    .insertInto('logs')
    .values({ id: logId, alg, size: 0, created_at: createdAt })
    .onConflict((c) => c.doNothing())
    .execute();

  return (await raiseSize(trx, logId))!;
}

/**
 * Reads stored nodes by address, in one query. Missing nodes are simply absent from the
 * answer; the proof builders name any that a proof needed.
 */
export async function readNodes(
  db: Reader,
  logId: string,
  addresses: readonly NodeAddress[],
): Promise<StoredNode[]> {
  if (addresses.length === 0) return [];

  // The log id is repeated inside every branch so that each is a whole primary-key lookup:
  // with it outside the OR, SQLite walks every node of the log instead (0.3 s at a million
  // entries, on every append).
  const rows = await db
    .selectFrom('log_nodes')
    .select(['level', 'idx', 'hash'])
    .where((eb) =>
      eb.or(
        addresses.map((a) =>
          eb.and([eb('log_id', '=', logId), eb('level', '=', a.level), eb('idx', '=', a.index)]),
        ),
      ),
    )
    .execute();
  const byKey = new Map(rows.map((r) => [`${r.level}/${r.idx}`, r]));

  // Keep the frontier's order: appendLeaf and frontierRoot fold left to right.
  return addresses.flatMap((a) => {
    const row = byKey.get(`${a.level}/${a.index}`);
    return row ? [{ level: a.level, index: a.index, hash: Buffer.from(row.hash, 'hex') }] : [];
  });
}

export async function readHead(db: Reader, logId: string): Promise<LogHead | undefined> {
  const row = await db.selectFrom('logs').selectAll().where('id', '=', logId).executeTakeFirst();
  if (!row) return undefined;

  return {
    id: row.id,
    alg: row.alg as HashAlgorithm,
    size: row.size,
    root: await rootAt(db, logId, row.size, row.alg as HashAlgorithm),
  };
}

/** The root of the tree of the first `size` entries, from its O(log n) frontier nodes. */
export async function rootAt(
  db: Reader,
  logId: string,
  size: number,
  alg: HashAlgorithm,
): Promise<string> {
  const nodes = await readNodes(db, logId, frontierAddresses(size));

  return toHex(
    frontierRoot(
      nodes.map((n) => n.hash),
      alg,
    ),
  );
}

/** RFC 9162 §2.1.3.1 inclusion proof of entry `index` in the tree of `size` entries. */
export async function inclusionProofFor(
  db: Reader,
  head: LogHead,
  index: number,
  size: number,
): Promise<string[]> {
  const plan = inclusionProofNodes(index, size);

  return buildInclusionProof(plan, await readNodes(db, head.id, plan.reads), head.alg);
}

/** RFC 9162 §2.1.4.1 consistency proof between the trees of `from` and `to` entries. */
export async function consistencyProofFor(
  db: Reader,
  head: LogHead,
  from: number,
  to: number,
): Promise<string[]> {
  const plan = consistencyProofNodes(from, to);

  return buildConsistencyProof(plan, await readNodes(db, head.id, plan.reads), head.alg);
}
