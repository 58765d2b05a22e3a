/**
 * Referrals (移送): the letters in which the bureau above hands records to the party committee
 * and government that manage the cadre, the files sent with them or received as feedback, and
 * the cadre management authority rules an administrator may change. A referral is never
 * deleted: it is closed. The records a referral names are a JSON list of ids in its row, since
 * a draft may change them and nothing here deletes rows.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('referrals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('bureau', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('letter_date', 'text', (c) => c.notNull())
    .addColumn('addressees', 'text', (c) => c.notNull())
    .addColumn('copy_discipline', 'integer', (c) => c.notNull())
    .addColumn('copy_to', 'text', (c) => c.notNull())
    .addColumn('record_ids', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('feedback_result', 'text')
    .addColumn('feedback_date', 'text')
    .addColumn('close_note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('feedback_at', 'text')
    .addColumn('closed_at', 'text')
    .addUniqueConstraint('referrals_number', ['bureau', 'number'])
    .execute();

  await db.schema
    .createTable('referral_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('referral_id', 'text', (c) => c.notNull().references('referrals.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sm3', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('referral_files_referral')
    .on('referral_files')
    .column('referral_id')
    .execute();

  // Empty until an administrator first saves the rules; until then the defaults in code apply.
  await db.schema
    .createTable('referral_rules')
    .addColumn('level', 'text', (c) => c.primaryKey())
    .addColumn('addressee', 'text', (c) => c.notNull())
    .addColumn('copy_to', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
