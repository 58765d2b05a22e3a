/**
 * A large log written straight into the tables, as the append path would have left it: the
 * canonical JSON entries, their leaf hashes, every perfect subtree node computed with
 * `pushLeaf`, the head row with its frontier, and one signed checkpoint at the end. Loading
 * goes around the append path because a million one-event transactions would take longer than
 * the benchmark may run; how long loading takes is reported but is not what is measured.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { canonicalJson } from '../../src/ledger/canonical-json.js';
import { makeCheckpoint, type StoredCheckpoint } from '../../src/ledger/checkpoints.js';
import { type Frontier, frontierAddresses, pushLeaf } from '../../src/ledger/compact-range.js';
import { type HashAlgorithm, leafHashBytes, toHex } from '../../src/ledger/hash-algorithm.js';
import { readNodes } from '../../src/ledger/log-store.js';
import type { Db, LogEntryTable, LogNodeTable } from '../../src/platform/db/schema.js';
import type { BenchTarget } from '../bench-instance.js';
import { seededRandom, syntheticLogEvent } from './synthetic-events.js';

/** Rows per loading transaction: large enough that commits do not dominate loading. */
const CHUNK = 25_000;
/** Entries generated between two turns of the event loop, so PostgreSQL's I/O moves on. */
const STRIDE = 1_000;
/** One entry in this many is held against canonicalJson (see synthetic-events.ts). */
const CANONICAL_SAMPLE = 64;

interface Chunk {
  entries: LogEntryTable[];
  nodes: LogNodeTable[];
}

/** Writes chunks of rows in big transactions, bypassing Kysely: loading is not measured. */
interface BulkLoader {
  write(chunk: Chunk): Promise<void>;
  close(): Promise<void>;
}

/**
 * Writes the same log of `size` synthetic events to `logId` on every target, generating each
 * chunk once, and checkpoints it on each. Returns the checkpoints in the targets' order.
 * Precondition: every instance is migrated and has a signing key; `logId` does not exist yet.
 */
export async function loadSyntheticLog(
  targets: readonly BenchTarget[],
  logId: string,
  size: number,
  alg: HashAlgorithm,
): Promise<StoredCheckpoint[]> {
  const start = new Date('2026-01-05T00:30:00Z');
  for (const { instance } of targets) {
    await instance.ctx.db
      .insertInto('logs')
      .values({ id: logId, alg, size, created_at: start.toISOString() })
      .execute();
  }

  const loaders = await Promise.all(targets.map(({ database }) => openLoader(database)));
  try {
    // One chunk is written while the next is generated.
    let writing: Promise<unknown> = Promise.resolve();
    for await (const chunk of generateChunks(logId, size, alg, start)) {
      await writing;
      writing = Promise.all(loaders.map((loader) => loader.write(chunk)));
    }
    await writing;
  } finally {
    await Promise.all(loaders.map((loader) => loader.close()));
  }

  await Promise.all(targets.map(({ instance }) => setFrontier(instance.ctx.db, logId, size)));

  return Promise.all(targets.map(({ instance }) => makeCheckpoint(instance.ctx, logId)));
}

/** Gives the head row the frontier an append would have left on it, from the loaded nodes. */
async function setFrontier(db: Db, logId: string, size: number): Promise<void> {
  const nodes = await readNodes(db, logId, frontierAddresses(size));
  await db
    .updateTable('logs')
    .set({ frontier: nodes.map((node) => toHex(node.hash)).join('') })
    .where('id', '=', logId)
    .execute();
}

/** The rows of the log, CHUNK entries at a time, with the nodes those entries complete. */
async function* generateChunks(
  logId: string,
  size: number,
  alg: HashAlgorithm,
  start: Date,
): AsyncGenerator<Chunk> {
  const random = seededRandom(0x6c6f67);
  let frontier: Frontier = [];
  let chunk: Chunk = { entries: [], nodes: [] };
  for (let idx = 0; idx < size; idx += 1) {
    // About one event every three seconds of a working year.
    const event = syntheticLogEvent(random, new Date(start.getTime() + idx * 3_000));
    const entry = JSON.stringify(event);
    if (idx % CANONICAL_SAMPLE === 0 && canonicalJson(event) !== entry) {
      throw new Error(`synthetic entry ${idx} is not canonical JSON: ${entry}`);
    }

    const leaf = leafHashBytes(entry, alg);
    const pushed = pushLeaf(frontier, leaf, idx, alg);
    frontier = pushed.frontier;
    const actor = event.actor?.username ?? null;
    const leafHash = toHex(leaf);
    chunk.entries.push({
      log_id: logId,
      idx,
      type: event.type,
      actor,
      at: event.at,
      entry,
      leaf_hash: leafHash,
    });
    for (const node of pushed.newNodes) {
      chunk.nodes.push({
        log_id: logId,
        level: node.level,
        idx: node.index,
        hash: toHex(node.hash),
      });
    }

    if (chunk.entries.length === CHUNK) {
      yield chunk;
      chunk = { entries: [], nodes: [] };
    }
    if (idx % STRIDE === 0) await nextTurn();
  }
  if (chunk.entries.length > 0) yield chunk;
}

function openLoader(database: BenchTarget['database']): Promise<BulkLoader> {
  return database.engine === 'sqlite'
    ? openSqliteLoader(database.url)
    : openPostgresLoader(database.url);
}

async function openSqliteLoader(url: string): Promise<BulkLoader> {
  const sqlite = new SQLite(url.slice('sqlite:'.length));
  // Only this connection loads without waiting for the disk; the instance keeps FULL.
  sqlite.pragma('synchronous = OFF');
  const insertEntry = sqlite.prepare(
    'INSERT INTO log_entries (log_id, idx, type, actor, at, entry, leaf_hash) VALUES (@log_id, @idx, @type, @actor, @at, @entry, @leaf_hash)',
  );
  const insertNode = sqlite.prepare(
    'INSERT INTO log_nodes (log_id, level, idx, hash) VALUES (@log_id, @level, @idx, @hash)',
  );
  const writeChunk = sqlite.transaction((chunk: Chunk) => {
    for (const row of chunk.entries) insertEntry.run(row);
    for (const row of chunk.nodes) insertNode.run(row);
  });

  return {
    write: async (chunk) => writeChunk(chunk),
    // No ANALYZE: the application never runs it, so a real SQLite file has no statistics.
    close: async () => {
      sqlite.close();
    },
  };
}

async function openPostgresLoader(url: string): Promise<BulkLoader> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('SET synchronous_commit = off');

  return {
    async write({ entries, nodes }) {
      await client.query('BEGIN');
      // One multi-row insert per table: unnest turns column arrays back into rows.
      await client.query(
        `INSERT INTO log_entries (log_id, idx, type, actor, at, entry, leaf_hash)
         SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
        columns(entries, ['log_id', 'idx', 'type', 'actor', 'at', 'entry', 'leaf_hash']),
      );
      await client.query(
        `INSERT INTO log_nodes (log_id, level, idx, hash)
         SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::text[])`,
        columns(nodes, ['log_id', 'level', 'idx', 'hash']),
      );
      await client.query('COMMIT');
    },
    async close() {
      // What autovacuum would have done by the time anyone verifies a log this size: fresh
      // statistics and a visibility map, so the planner sees the tables as they really are.
      await client.query('VACUUM ANALYZE logs, log_entries, log_nodes');
      await client.end();
    },
  };
}

function columns<T, K extends keyof T>(rows: readonly T[], keys: readonly K[]): T[K][][] {
  return keys.map((key) => rows.map((row) => row[key]));
}
