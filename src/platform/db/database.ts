/**
 * Opens the database named by `LIUHEN_DB_URL`: `sqlite:PATH` (the embedded default) or
 * `postgres://…`. Everything that differs between the two engines is in this file, so the
 * rest of the code has one shape (STYLE.md, point 10).
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Db, Schema } from './schema.js';

export type Engine = 'sqlite' | 'postgres';

export interface Database {
  db: Db;
  engine: Engine;
  /** Where the data lives, for the start-up line: a file path, or host/database. */
  location: string;
  close(): Promise<void>;
}

export function openDatabase(url: string): Database {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length));
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return openPostgres(url);

  throw new Error(`LIUHEN_DB_URL must start with sqlite: or postgres://, got ${redactUrl(url)}`);
}

function openSqlite(file: string): Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });

  const sqlite = new SQLite(file);
  // WAL lets readers run beside the single writer; synchronous=FULL makes a commit durable
  // before we acknowledge it; the busy timeout queues a second process instead of failing.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  reusePreparedStatements(sqlite);

  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });

  return { db, engine: 'sqlite', location: path.resolve(file), close: () => db.destroy() };
}

/** How many distinct statements stay prepared; lists of ids make some SQL one-off. */
const PREPARED_STATEMENTS = 500;

/**
 * Kysely prepares every query afresh, and preparing is about a fifth of what a log append costs
 * on SQLite. The same SQL text gets the same prepared statement back, most recently used kept.
 * Safe because Kysely runs one query at a time on the one connection, a stream included.
 */
function reusePreparedStatements(sqlite: SQLite.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const prepared = new Map<string, SQLite.Statement>();

  sqlite.prepare = ((source: string) => {
    let statement = prepared.get(source);
    if (statement) {
      prepared.delete(source);
    } else {
      statement = prepare(source);
      if (prepared.size >= PREPARED_STATEMENTS) prepared.delete(prepared.keys().next().value!);
    }
    prepared.set(source, statement);

    return statement;
  }) as typeof sqlite.prepare;
}

function openPostgres(url: string): Database {
  // int8 (COUNT(*), bigint sums) arrives as text by default; our counts fit in a double.
  pg.types.setTypeParser(20, (value: string) => Number(value));
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection the server closes (restart, failover, an administrator) is dropped by
  // the pool and replaced on next use; without a listener its error would end the process.
  pool.on('error', () => {});
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });

  return { db, engine: 'postgres', location: redactUrl(url), close: () => db.destroy() };
}

/** The URL without its password, fit for a log line. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

/**
 * Locks the head row of a log for the rest of the transaction. PostgreSQL takes a row lock;
 * SQLite needs none because Kysely's SQLite driver runs one transaction at a time and the
 * database file has a single writer.
 */
export async function lockForUpdate<T>(
  trx: Transaction<Schema>,
  engine: Engine,
  logId: string,
): Promise<T | undefined> {
  const query = trx.selectFrom('logs').selectAll().where('id', '=', logId);
  const row =
    engine === 'postgres'
      ? await query.forUpdate().executeTakeFirst()
      : await query.executeTakeFirst();

  return row as T | undefined;
}
