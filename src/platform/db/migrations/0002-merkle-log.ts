/**
 * The Merkle tree behind each log: the hashes of its perfect subtrees (RFC 9162 §2.1), the
 * signed checkpoints, and the instance's signing keys, whose private halves are sealed under
 * the master key. Hashes are lowercase hex text on both engines.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('log_nodes')
    .addColumn('log_id', 'text', (c) => c.notNull().references('logs.id'))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('log_nodes_pk', ['log_id', 'level', 'idx'])
    .execute();

  await db.schema
    .createTable('signing_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('alg', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('sealed_private_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .execute();

  await db.schema
    .createTable('checkpoints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('log_id', 'text', (c) => c.notNull().references('logs.id'))
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('root', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull().references('signing_keys.id'))
    .addColumn('note', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('checkpoints_log')
    .on('checkpoints')
    .columns(['log_id', 'size'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
