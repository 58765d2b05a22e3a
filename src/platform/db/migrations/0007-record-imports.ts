/**
 * Records imported from a ledger kept in Excel before Liuhen: the SM3 of the file (kept in the
 * evidence store), the Excel row the record came from, and the 记录人 the paper names, since
 * the account that imported it is not the person who signed the paper.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('records').addColumn('imported_from', 'text').execute();
  await db.schema.alterTable('records').addColumn('imported_row', 'integer').execute();
  await db.schema.alterTable('records').addColumn('imported_recorder', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
