/**
 * The logs as stored: after hundreds of real changes, what the database holds must be the
 * RFC 9162 tree of the stored entries, exactly, at every size; proofs built from stored nodes
 * must verify with the pure library; a failed change must leave nothing behind; and
 * concurrent changes must still give gap-free indexes.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  consistencyProof,
  type HashAlgorithm,
  inclusionProof,
  leafHash,
  nodeHash,
  rootHash,
  verifyConsistency,
  verifyInclusion,
} from '../../src/ledger/index.js';
import {
  consistencyProofFor,
  inclusionProofFor,
  type LogHead,
  readHead,
  rootAt,
} from '../../src/ledger/log-store.js';
import { type Context, write } from '../../src/platform/context.js';
import { verifyInstance } from '../../src/verification/verify.js';
import type { ApiClient } from '../support/api-client.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** 300 renamings, spread unevenly so the logs end at sizes of different shapes. */
const UPDATES = 300;
const unitFor = (i: number) =>
  i % 20 < 10 ? '410221' : i % 20 < 16 ? '410222' : i % 20 < 19 ? '410223' : '410225';
const LOGS = ['410221', '410222', '410223', '410225', 'system'];

describeEachEngine('the log store', (engine) => {
  let t: TestApp;
  let ctx: Context;
  let sys: ApiClient;

  beforeAll(async () => {
    t = await startTestApp(engine);
    ctx = t.instance.ctx;
    sys = await t.admin('sysadmin');
    await sys.post('/api/v1/units/presets/kaifeng').expect(200);

    for (let i = 0; i < UPDATES; i += 1) {
      await sys.patch(`/api/v1/units/${unitFor(i)}`, { name: `第${i}次更名` }).expect(200);
      // The system log grows too: settings changes are instance-wide events.
      if (i % 10 === 0) {
        await sys.patch('/api/v1/settings', { deadlineInclusive: i % 20 !== 0 }).expect(200);
      }
    }
  }, 120_000);
  afterAll(() => t.close());

  async function stored(log: string) {
    const head = (await readHead(ctx.db, log))!;
    const rows = await ctx.db
      .selectFrom('log_entries')
      .select(['idx', 'entry', 'leaf_hash'])
      .where('log_id', '=', log)
      .orderBy('idx')
      .execute();

    return { head, rows, entries: rows.map((r) => r.entry) };
  }

  it('grew the logs to the sizes the changes imply', async () => {
    const sizes = await Promise.all(LOGS.map(async (log) => (await readHead(ctx.db, log))!.size));

    // Each unit log holds unit.created and one unit.updated per renaming.
    expect(sizes.slice(0, 4)).toEqual([151, 91, 46, 16]);
    expect(sizes[4]).toBeGreaterThan(UPDATES / 10);
  });

  it('stores entries 0…n-1, each with the leaf hash of its own text', async () => {
    for (const log of LOGS) {
      const { head, rows } = await stored(log);

      expect(rows.map((r) => r.idx)).toEqual(rows.map((_, i) => i));
      expect(rows).toHaveLength(head.size);
      for (const row of rows) expect(row.leaf_hash).toBe(leafHash(row.entry, head.alg));
    }
  });

  it('has, at every size, the root the pure library computes over the stored entries', async () => {
    for (const log of LOGS) {
      const { head, entries } = await stored(log);

      expect(head.root).toBe(rootHash(entries, head.alg));
      for (let size = 0; size <= entries.length; size += 1) {
        const want = rootHash(entries.slice(0, size), head.alg);
        expect(await rootAt(ctx.db, log, size, head.alg), `${log} at size ${size}`).toBe(want);
      }
    }
  });

  it('stores every perfect subtree once, with its hash, and nothing else: 2n − popcount(n) nodes', async () => {
    for (const log of LOGS) {
      const { head, rows } = await stored(log);
      const nodes = await ctx.db
        .selectFrom('log_nodes')
        .select(['level', 'idx', 'hash'])
        .where('log_id', '=', log)
        .execute();
      const n = head.size;

      expect(nodes, log).toHaveLength(2 * n - popcount(n));
      const storedHashes = Object.fromEntries(nodes.map((x) => [`${x.level}/${x.idx}`, x.hash]));
      expect(storedHashes).toEqual(perfectSubtrees(rows, head.alg));
    }
  });

  it('builds inclusion proofs from stored nodes that equal the pure ones and verify', async () => {
    for (const log of LOGS) {
      const { head, entries } = await stored(log);

      for (const size of shapedSizes(head.size)) {
        const root = rootHash(entries.slice(0, size), head.alg);
        for (const index of shapedIndexes(size)) {
          const proof = await inclusionProofFor(ctx.db, head, index, size);
          const check = { leafHash: leafHash(entries[index]!, head.alg), index, size, proof, root };

          expect(proof, `${log} ${index}/${size}`).toEqual(
            inclusionProof(entries, index, size, head.alg),
          );
          expect(verifyInclusion({ ...check, alg: head.alg }), `${log} ${index}/${size}`).toBe(
            true,
          );
        }
      }
    }
  });

  it('builds consistency proofs from stored nodes that equal the pure ones and verify', async () => {
    for (const log of LOGS) {
      const { head, entries } = await stored(log);
      const sizes = shapedSizes(head.size);
      const rootOf = (size: number) => rootHash(entries.slice(0, size), head.alg);

      for (const from of sizes) {
        for (const to of sizes.filter((s) => s >= from)) {
          const proof = await consistencyProofFor(ctx.db, head, from, to);
          const check = { from, to, fromRoot: rootOf(from), toRoot: rootOf(to), proof };

          expect(proof, `${log} ${from}→${to}`).toEqual(
            consistencyProof(entries, from, to, head.alg),
          );
          expect(verifyConsistency({ ...check, alg: head.alg }), `${log} ${from}→${to}`).toBe(true);
        }
      }
    }
  });

  it('leaves no entry, node or log head behind when the change that logged them fails', async () => {
    const before = await footprint(ctx, '410221');
    const event = { type: 'unit.updated', actor: { username: 'sysadmin' }, unit: '410221' };

    const failing = write(ctx, async (change) => {
      await change.event({ ...event, data: { attempt: 1 } }, '410221');
      await change.event({ ...event, data: { attempt: 2 } }, '410221');
      await change.event({ ...event, unit: null, data: {} }, 'never-committed');
      throw new Error('boom');
    });

    await expect(failing).rejects.toThrow('boom');
    expect(await footprint(ctx, '410221')).toEqual(before);
    expect(await footprint(ctx, 'never-committed')).toEqual({
      head: undefined,
      entries: 0,
      nodes: 0,
    });

    // The next change takes the index the failed one would have used.
    await sys.patch('/api/v1/units/410221', { name: '杞县统计局' }).expect(200);
    const after = await footprint(ctx, '410221');
    expect(after.head!.size).toBe(before.head!.size + 1);
    expect(after.entries).toBe(before.entries + 1);
    expect((await verifyInstance(ctx, { unit: '410221' })).ok).toBe(true);
  });

  it('gives 20 simultaneous changes to one unit indexes without gaps or duplicates', async () => {
    const before = (await readHead(ctx.db, '410222'))!.size;
    const names = Array.from({ length: 20 }, (_, i) => `通许县统计局（并发${i}）`);

    await Promise.all(names.map((name) => sys.patch('/api/v1/units/410222', { name }).expect(200)));

    const { head, rows, entries } = await stored('410222');
    expect(head.size).toBe(before + 20);
    expect(rows.map((r) => r.idx)).toEqual(rows.map((_, i) => i));
    const logged = entries.slice(before).map((e) => JSON.parse(e).data.after.name);
    expect([...logged].sort()).toEqual([...names].sort());
    // The table holds the change the log recorded last.
    const unit = await sys.get('/api/v1/units/410222').expect(200);
    expect(unit.name).toBe(logged.at(-1));

    const report = await verifyInstance(ctx);
    expect(report.first).toBeUndefined();
    expect(report.ok).toBe(true);
  });

  it('creates a log once when its first entries are appended concurrently', async () => {
    const appends = Array.from({ length: 10 }, (_, i) =>
      write(ctx, (change) =>
        change.event({ type: 'test.appended', actor: null, data: { i } }, 'born-concurrently'),
      ),
    );

    await Promise.all(appends);

    const { head, rows, entries } = await stored('born-concurrently');
    expect(head.size).toBe(10);
    expect(rows.map((r) => r.idx)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(head.root).toBe(rootHash(entries, head.alg));
    expect((await verifyInstance(ctx, { unit: 'born-concurrently' })).ok).toBe(true);
  });
});

async function footprint(ctx: Context, log: string) {
  const count = async (table: 'log_entries' | 'log_nodes') =>
    (
      await ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('log_id', '=', log)
        .executeTakeFirstOrThrow()
    ).n;
  const head: LogHead | undefined = await readHead(ctx.db, log);

  return {
    head,
    entries: Number(await count('log_entries')),
    nodes: Number(await count('log_nodes')),
  };
}

function popcount(n: number): number {
  return n.toString(2).replaceAll('0', '').length;
}

/**
 * Every perfect subtree of the tree over `rows`, as `level/index` → hash, built level by level
 * from the leaves: what the store must hold, no more and no less.
 */
function perfectSubtrees(rows: Array<{ entry: string }>, alg: HashAlgorithm) {
  const all: Record<string, string> = {};
  let level = rows.map((r) => leafHash(r.entry, alg));
  for (let height = 0; level.length > 0; height += 1) {
    level.forEach((hash, index) => {
      all[`${height}/${index}`] = hash;
    });
    level = Array.from({ length: Math.floor(level.length / 2) }, (_, i) =>
      nodeHash(level[2 * i]!, level[2 * i + 1]!, alg),
    );
  }

  return all;
}

/** Sizes where proofs change shape: 1 to 3, each power of two and its neighbours, and n. */
function shapedSizes(n: number): number[] {
  const sizes = new Set([1, 2, 3, n]);
  for (let p = 4; p <= n + 1; p *= 2) for (const s of [p - 1, p, p + 1]) sizes.add(s);

  return [...sizes].filter((s) => s >= 1 && s <= n).sort((a, b) => a - b);
}

/** The first two leaves, the middle, and the last two: each side of every split. */
function shapedIndexes(size: number): number[] {
  return [...new Set([0, 1, size >> 1, size - 2, size - 1])].filter((i) => i >= 0 && i < size);
}
