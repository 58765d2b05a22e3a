/**
 * The yearly regional summary (本地区《汇总表》) each county and city bureau fills for its
 * region (notice, 第三条), signed, sealed and sent like a quarterly report. A version is never
 * changed once sent: a correction is a new version. The signatures live in the row as a JSON
 * list, because a version has at most three and they only ever grow or are cleared on recompile.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('annual_summaries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('basis_digest', 'text', (c) => c.notNull())
    .addColumn('signatures', 'text', (c) => c.notNull())
    .addColumn('seal', 'text')
    .addColumn('checkpoint', 'text')
    .addColumn('checkpoint_size', 'integer')
    .addColumn('compiled_at', 'text', (c) => c.notNull())
    .addColumn('compiled_by', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', 'text')
    .addColumn('days_late', 'integer')
    .addUniqueConstraint('annual_summaries_version', ['unit', 'year', 'version'])
    .execute();
}
