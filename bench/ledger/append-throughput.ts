/**
 * (a) Append throughput against a raw insert of the same rows into the same engine.
 *
 * Every business change appends one event in its own transaction, through `write`. The
 * baseline is the least that durable storage of the same rows costs: one Kysely insert of the
 * same `log_entries` row (same text, same leaf hash) per transaction, into a fresh table of the
 * same shape in the same database. The goal is append ≥ 0.5× that rate; what append adds is
 * the head lock, reading the frontier, hashing, and writing the new nodes.
 */

import type { EventInput } from '../../src/ledger/event-log.js';
import { type Context, write } from '../../src/platform/context.js';
import type { LogEntryTable } from '../../src/platform/db/schema.js';
import type { BenchTarget } from '../bench-instance.js';
import { formatRate, formatRatio, perSecond, printRows, timed } from '../measure.js';
import { type Random, seededRandom, syntheticEvent } from './synthetic-events.js';

const APPEND_LOG = '410201';
const BATCHED_LOG = '410202';
const WARM_UP_LOG = '410203';
const RAW_TABLE = 'bench_raw_entries';
const WARM_UP = 200;
/**
 * Appends and raw inserts alternate in this many rounds, so that both meet the same disk: one
 * fsync costs from 0.3 to 3 ms here, depending on what else the machine is writing.
 */
const ROUNDS = 10;
/** Events per transaction in the batched variant. */
const BATCH = 500;

export async function benchAppend(targets: readonly BenchTarget[], count: number): Promise<void> {
  console.log(`\n(a) append throughput, ${count.toLocaleString('en-US')} events`);
  for (const { engine, instance } of targets) {
    console.log(`  ${engine}`);
    printRows(await measureAppend(instance.ctx, count), 4);
  }
}

async function measureAppend(ctx: Context, count: number): Promise<[string, string][]> {
  const random = seededRandom(0x617070);
  await createRawTable(ctx);
  // Let the JIT and the database caches settle before anything is timed.
  await appendEach(ctx, eventsFrom(random, WARM_UP), WARM_UP_LOG);
  await insertEach(ctx, await entriesOf(ctx, WARM_UP_LOG));

  const spent = { append: 0, raw: 0 };
  for (let round = 0; round < ROUNDS; round += 1) {
    const from = Math.round((count * round) / ROUNDS);
    const to = Math.round((count * (round + 1)) / ROUNDS);
    // Drawn before the clock starts: making up events is the benchmark's work, not append's,
    // and costs a tenth of an append on SQLite.
    const events = eventsFrom(random, to - from);
    const appended = await timed(() => appendEach(ctx, events, APPEND_LOG));
    const rows = await entriesOf(ctx, APPEND_LOG, from);
    const raw = await timed(() => insertEach(ctx, rows));
    spent.append += appended.ms;
    spent.raw += raw.ms;
  }
  const batchedEvents = eventsFrom(random, count);
  const batched = await timed(() => appendBatched(ctx, batchedEvents, BATCHED_LOG));
  const appendRate = perSecond(count, spent.append);
  const rawRate = perSecond(count, spent.raw);

  return [
    ['append, one event per transaction', formatRate(appendRate, 'events')],
    ['raw insert, one row per transaction', formatRate(rawRate, 'rows')],
    ['ratio append / raw', formatRatio(appendRate, rawRate, '≥ 0.5×')],
    [`append, ${BATCH} events per transaction`, formatRate(perSecond(count, batched.ms), 'events')],
  ];
}

function eventsFrom(random: Random, count: number): EventInput[] {
  return Array.from({ length: count }, () => syntheticEvent(random));
}

function appendEach(ctx: Context, events: readonly EventInput[], log: string): Promise<void> {
  let next = 0;

  return repeat(events.length, () => write(ctx, (change) => change.event(events[next++]!, log)));
}

async function appendBatched(ctx: Context, events: readonly EventInput[], log: string) {
  for (let done = 0; done < events.length; done += BATCH) {
    const batch = events.slice(done, done + BATCH);
    await write(ctx, async (change) => {
      for (const event of batch) await change.event(event, log);
    });
  }
}

/** The rows the append path wrote, read back so the baseline inserts exactly the same values. */
function entriesOf(ctx: Context, log: string, from = 0): Promise<LogEntryTable[]> {
  return ctx.db
    .selectFrom('log_entries')
    .selectAll()
    .where('log_id', '=', log)
    .where('idx', '>=', from)
    .orderBy('idx')
    .execute();
}

function insertEach(ctx: Context, rows: readonly LogEntryTable[]): Promise<void> {
  const db = ctx.db.withTables<{ [RAW_TABLE]: LogEntryTable }>();
  let next = 0;

  return repeat(rows.length, () =>
    db.transaction().execute((trx) => trx.insertInto(RAW_TABLE).values(rows[next++]!).execute()),
  );
}

/** A table shaped like log_entries (migration 0001): columns, key, foreign key and index. */
async function createRawTable(ctx: Context): Promise<void> {
  await ctx.db.schema
    .createTable(RAW_TABLE)
    .addColumn('log_id', 'text', (c) => c.notNull().references('logs.id'))
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('entry', 'text', (c) => c.notNull())
    .addColumn('leaf_hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint(`${RAW_TABLE}_pk`, ['log_id', 'idx'])
    .execute();
  await ctx.db.schema.createIndex(`${RAW_TABLE}_at`).on(RAW_TABLE).columns(['at']).execute();
}

async function repeat(count: number, step: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < count; i += 1) await step();
}
