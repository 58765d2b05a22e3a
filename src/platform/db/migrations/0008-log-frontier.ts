/**
 * Each log's frontier (the hashes of the perfect subtrees that tile [0, size), largest first,
 * RFC 9162 §2.1.1) kept on its head row as concatenated lowercase hex. Claiming the next index
 * then hands the appender all it needs in the same statement, so an append reads no node:
 * one round trip less on PostgreSQL, and the costliest statement less on SQLite. The nodes stay
 * where they were; the frontier is a copy of some of them, which `liuhen verify` checks.
 */
import type { Kysely } from 'kysely';
import { frontierAddresses } from '../../../ledger/compact-range.js';

interface HeadRow {
  id: string;
  size: number;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('logs')
    .addColumn('frontier', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  const logs = db as unknown as Kysely<{ logs: HeadRow & { frontier: string } }>;
  for (const head of await logs.selectFrom('logs').select(['id', 'size']).execute()) {
    await logs
      .updateTable('logs')
      .set({ frontier: await storedFrontier(db, head) })
      .where('id', '=', head.id)
      .execute();
  }
}

/**
 * The frontier read from the stored nodes, one point read per node. A node that is missing
 * (storage already damaged) is left out, so the next append fails on the frontier's length as
 * it did before this migration, and `liuhen verify` names the missing node.
 */
async function storedFrontier(db: Kysely<unknown>, head: HeadRow): Promise<string> {
  const nodes = db as unknown as Kysely<{
    log_nodes: { log_id: string; level: number; idx: number; hash: string };
  }>;
  let frontier = '';
  for (const { level, index } of frontierAddresses(head.size)) {
    const node = await nodes
      .selectFrom('log_nodes')
      .select('hash')
      .where('log_id', '=', head.id)
      .where('level', '=', level)
      .where('idx', '=', index)
      .executeTakeFirst();
    frontier += node?.hash ?? '';
  }

  return frontier;
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
