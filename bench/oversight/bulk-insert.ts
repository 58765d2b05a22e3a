/**
 * Bulk loading for the national data set: a few thousand rows at a time go to the database as
 * one JSON text, which it unpacks itself (json_each on SQLite, json_populate_recordset on
 * PostgreSQL). Half a million records then take a few hundred statements, not a million, and
 * the two engines load the same way. The only SQL of the generator that differs by engine.
 */
import { type Kysely, sql } from 'kysely';
import type { Engine } from '../../src/platform/db/database.js';
import type { Schema } from '../../src/platform/db/schema.js';

const ROWS_PER_STATEMENT = 2000;

/** Inserts `rows`, all with the same keys, which name columns of `table`. */
export async function insertRows(
  db: Kysely<Schema>,
  engine: Engine,
  table: keyof Schema,
  rows: readonly object[],
): Promise<void> {
  if (rows.length === 0) return;

  const columns = Object.keys(rows[0]!);
  for (let at = 0; at < rows.length; at += ROWS_PER_STATEMENT) {
    const json = JSON.stringify(rows.slice(at, at + ROWS_PER_STATEMENT));
    await insertStatement(engine, table, columns, json).execute(db);
  }
}

function insertStatement(engine: Engine, table: string, columns: string[], json: string) {
  const target = sql.table(table);
  if (engine === 'postgres') {
    // Keys absent from the JSON would be NULL here, not the column default: rows carry all.
    return sql`INSERT INTO ${target}
      SELECT * FROM json_populate_recordset(NULL::${target}, ${json}::json)`;
  }

  const names = sql.join(columns.map((c) => sql.ref(c)));
  const values = sql.join(columns.map((c) => sql`json_extract(value, ${sql.lit(`$.${c}`)})`));

  return sql`INSERT INTO ${target} (${names}) SELECT ${values} FROM json_each(${json})`;
}
