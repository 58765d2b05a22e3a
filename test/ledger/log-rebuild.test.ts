/**
 * Verification of a log spanning several read batches, with its hashing in a worker thread and
 * in this thread: both must find the same problems, in the same order, as tampering across and
 * at the edges of the batches shows.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { publicKeys } from '../../src/ledger/signing-keys.js';
import { type Context, write } from '../../src/platform/context.js';
import type { Db } from '../../src/platform/db/schema.js';
import { type LogReport, verifyLog } from '../../src/verification/log-verification.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const LOG = '410221';
/** Over two read batches of 2,048, ending inside a third. */
const SIZE = 4_700;
const PER_TRANSACTION = 500;

interface Tampering {
  what: string;
  tamper(db: Db): Promise<unknown>;
  /** Kinds of the first problems, in order. */
  first: string[];
}

const cases: Tampering[] = [
  {
    what: 'an entry’s text changed in the second batch',
    tamper: (db) => setEntry(db, 2_100, (entry) => entry.replace('"data":{', '"data":{"x":1,')),
    first: ['entry-changed', 'node-mismatch'],
  },
  {
    what: 'the last entry of the first batch deleted',
    tamper: (db) =>
      db.deleteFrom('log_entries').where('log_id', '=', LOG).where('idx', '=', 2_047).execute(),
    first: ['entry-missing', 'node-mismatch'],
  },
  {
    what: 'a stored node of level 11 changed, completed by the last entry of a batch',
    tamper: (db) =>
      db
        .updateTable('log_nodes')
        .set({ hash: '0'.repeat(64) })
        .where('log_id', '=', LOG)
        .where('level', '=', 11)
        .where('idx', '=', 1)
        .execute(),
    first: ['node-mismatch'],
  },
  {
    what: 'a stored leaf node removed in the third batch',
    tamper: (db) =>
      db
        .deleteFrom('log_nodes')
        .where('log_id', '=', LOG)
        .where('level', '=', 0)
        .where('idx', '=', 4_500)
        .execute(),
    first: ['node-mismatch'],
  },
  {
    what: 'an entry’s type column relabelled',
    tamper: (db) =>
      db
        .updateTable('log_entries')
        .set({ type: 'unit.viewed' })
        .where('log_id', '=', LOG)
        .where('idx', '=', 3_000)
        .execute(),
    first: ['entry-columns'],
  },
];

describeEachEngine('verifying a log of several batches', (engine) => {
  let t: TestApp;
  let ctx: Context;

  beforeAll(async () => {
    t = await startTestApp(engine);
    ctx = t.instance.ctx;
    const existing = await ctx.db
      .selectFrom('logs')
      .select('size')
      .where('id', '=', LOG)
      .executeTakeFirst();
    for (let done = existing?.size ?? 0; done < SIZE; done += PER_TRANSACTION) {
      const count = Math.min(PER_TRANSACTION, SIZE - done);
      await write(ctx, async (change) => {
        for (let i = 0; i < count; i += 1) {
          await change.event({ type: 'record.read', actor: null, data: { n: done + i } }, LOG);
        }
      });
    }
  }, 120_000);
  afterAll(() => t.close());

  async function bothWays(db: Db): Promise<LogReport> {
    const keys = await publicKeys({ db });
    const inWorker = await verifyLog(db, LOG, keys, { worker: true });
    const here = await verifyLog(db, LOG, keys, { worker: false });
    expect(inWorker).toEqual(here);

    return inWorker;
  }

  it('finds nothing wrong with the log as appended, either way', async () => {
    const report = await bothWays(ctx.db);

    expect(report.size).toBe(SIZE);
    expect(report.problems).toEqual([]);
  });

  for (const c of cases) {
    it(`finds ${c.what}, the same way in both threads`, async () => {
      await ctx.db
        .transaction()
        .execute(async (trx) => {
          await c.tamper(trx);
          const report = await bothWays(trx);
          expect(report.problems.slice(0, c.first.length).map((p) => p.kind)).toEqual(c.first);
          // Undone: the next case starts from the untampered log.
          throw new Undo();
        })
        .catch((error: unknown) => {
          if (!(error instanceof Undo)) throw error;
        });
    });
  }
});

class Undo extends Error {}

async function setEntry(db: Db, idx: number, edit: (entry: string) => string): Promise<void> {
  const row = await db
    .selectFrom('log_entries')
    .select('entry')
    .where('log_id', '=', LOG)
    .where('idx', '=', idx)
    .executeTakeFirstOrThrow();
  await db
    .updateTable('log_entries')
    .set({ entry: edit(row.entry) })
    .where('log_id', '=', LOG)
    .where('idx', '=', idx)
    .execute();
}
