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
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('replaced_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('password_history_by_user')
    .on('password_history')
    .columns(['user_id', 'replaced_at'])
    .execute();
}
