/**
 * The hashes of the passwords an account used before, so that a change can refuse the last
 * few (GB/T 22239 身份鉴别; the history length is a setting). Only scrypt hashes are kept,
 * and they are never shown or logged; the log holds their SM3 digests already.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('password_history')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    // Counts each account's changes: two changes in the same millisecond still have an order.
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('replaced_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('password_history_pk', ['user_id', 'seq'])
    .execute();
}
