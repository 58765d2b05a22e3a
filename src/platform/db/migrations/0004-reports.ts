/**
 * Quarterly reports (附件2 with the ledger of 附件1): every version of a unit's report for a
 * quarter, the records it lists, its signatures and the seal images of the units. A version,
 * once submitted, is never changed: corrections and late finds make a new version.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('ledger_digest', 'text', (c) => c.notNull())
    .addColumn('warnings', 'text', (c) => c.notNull())
    .addColumn('witness_gap_reason', 'text')
    .addColumn('compiled_at', 'text', (c) => c.notNull())
    .addColumn('compiled_by', 'text', (c) => c.notNull())
    .addColumn('seal', 'text')
    .addColumn('scan_sm3', 'text')
    .addColumn('scan_media_type', 'text')
    .addColumn('checkpoint', 'text')
    .addColumn('checkpoint_size', 'integer')
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', 'text')
    .addColumn('days_late', 'integer')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('integrity', 'text')
    .addUniqueConstraint('reports_version', ['unit', 'period', 'version'])
    .execute();

  await db.schema
    .createTable('report_records')
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull().references('records.id'))
    .addColumn('record_version', 'integer', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('log_index', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_records_pk', ['report_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('report_records_record')
    .on('report_records')
    .column('record_id')
    .execute();

  await db.schema
    .createTable('report_signatures')
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('voided_at', 'text')
    .addColumn('void_reason', 'text')
    .execute();
  await db.schema
    .createIndex('report_signatures_report')
    .on('report_signatures')
    .column('report_id')
    .execute();

  await db.schema
    .createTable('unit_seals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('sm3', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
