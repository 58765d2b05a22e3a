/**
 * Interference records (附件1): the record with its structured columns for filtering and
 * summaries, every version of its content, its witnesses and their confirmations, who read
 * it, its evidence, and the registry of interfering persons that lets a summary count
 * distinct persons. Nothing here is ever deleted.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('interferers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('post', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('interferers_person', ['unit', 'name_key'])
    .execute();

  await db.schema
    .createTable('records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('recorder_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('interferer_id', 'text', (c) => c.notNull().references('interferers.id'))
    .addColumn('rule_version', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('channel', 'text')
    .addColumn('situation', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('supplementary_late', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('voided_at', 'text')
    .addColumn('voided_by', 'text')
    .addColumn('void_reason', 'text')
    .addColumn('log_index', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('records_unit_period')
    .on('records')
    .columns(['unit', 'period'])
    .execute();
  await db.schema.createIndex('records_recorder').on('records').column('recorder_id').execute();

  await db.schema
    .createTable('record_versions')
    .addColumn('record_id', 'text', (c) => c.notNull().references('records.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('record_versions_pk', ['record_id', 'version'])
    .execute();

  await db.schema
    .createTable('record_witnesses')
    .addColumn('record_id', 'text', (c) => c.notNull().references('records.id'))
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('username', 'text')
    .addColumn('confirmed_at', 'text')
    .addPrimaryKeyConstraint('record_witnesses_pk', ['record_id', 'idx'])
    .execute();
  await db.schema
    .createIndex('record_witnesses_user')
    .on('record_witnesses')
    .column('username')
    .execute();

  await db.schema
    .createTable('record_reads')
    .addColumn('record_id', 'text', (c) => c.notNull().references('records.id'))
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('record_reads_record')
    .on('record_reads')
    .column('record_id')
    .execute();

  await db.schema
    .createTable('evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull().references('records.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sm3', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('superseded_at', 'text')
    .addColumn('superseded_by', 'text')
    .addColumn('supersede_reason', 'text')
    .execute();
  await db.schema.createIndex('evidence_record').on('evidence').column('record_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
