/**
 * Oversight by the bureau above (issue 7, Compliance): the follow-up actions of 责任追究 on
 * units that missed, were late with or had returned a quarter, and the supervision checks
 * (监督检查) a county or city bureau makes on the statistical bodies below it, with their
 * rectification updates. Compliance itself is computed from the reports, so it has no table.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('accountability_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('bureau', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('unit', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('accountability_actions_by_item')
    .on('accountability_actions')
    .columns(['unit', 'period'])
    .execute();

  await db.schema
    .createTable('supervision_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('checked_on', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_unit', 'text', (c) => c.references('units.code'))
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('requirements', 'text')
    .addColumn('rectify_by', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('supervision_checks_by_unit')
    .on('supervision_checks')
    .columns(['unit', 'checked_on'])
    .execute();

  await db.schema
    .createTable('supervision_updates')
    .addColumn('check_id', 'text', (c) => c.notNull().references('supervision_checks.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('supervision_updates_pk', ['check_id', 'seq'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
