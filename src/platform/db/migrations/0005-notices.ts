/** In-app notices: deadline reminders to a unit's filler and leaders, and to reviewers above. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addUniqueConstraint('notices_once', ['username', 'kind', 'unit', 'period'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
