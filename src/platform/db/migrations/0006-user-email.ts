/** An e-mail address per account, for deadline reminders when an SMTP server is configured. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('email', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
