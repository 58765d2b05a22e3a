/**
 * One side of the full-verification comparison, run in a process of its own so that its
 * memory peak is its own: `verify` runs `verifyLog` against the database, `bare` loads the
 * same entries into memory and times {@link bareMerkleRoot} over them. Prints one line of JSON
 * ({@link VerificationRun}) for the parent benchmark.
 *
 * Usage: verification-run.ts verify|bare <LIUHEN_DB_URL> <log id>
 */
import type { KyselyPlugin } from 'kysely';
import type { HashAlgorithm } from '../../src/ledger/hash-algorithm.js';
import { toHex } from '../../src/ledger/hash-algorithm.js';
import { publicKeys } from '../../src/ledger/signing-keys.js';
import { openDatabase } from '../../src/platform/db/database.js';
import type { Db } from '../../src/platform/db/schema.js';
import { verifyLog } from '../../src/verification/log-verification.js';
import { MemoryPeak, type MemoryUse, timed } from '../measure.js';
import {
  bareMerkleRoot,
  type EntryArena,
  hashObjectPerHash,
  oneShotHash,
} from './bare-merkle-root.js';

export interface VerificationRun {
  ms: number;
  cpuMs: number;
  memory: MemoryUse;
  /** Entries covered: the verified size, or the entries hashed. */
  size: number;
  /** verify: the problems found (none are expected). bare: the root computed. */
  outcome: string;
  /** bare: the bytes of entry text held in memory. */
  heldBytes?: number;
  /** bare: the same loop with one-shot crypto.hash, wall time and CPU time. */
  oneShot?: { ms: number; cpuMs: number };
}

const LOAD_BATCH = 50_000;

const runs: Record<string, (db: Db, logId: string) => Promise<VerificationRun>> = {
  verify: runVerify,
  bare: runBare,
};

async function main([mode = '', url = '', logId = ''] = process.argv.slice(2)): Promise<void> {
  const run = runs[mode];
  if (!run || !url || !logId)
    throw new Error(`usage: verification-run.ts verify|bare URL LOG, got ${mode}`);

  const database = openDatabase(url);
  try {
    console.log(JSON.stringify(await run(database.db, logId)));
  } finally {
    await database.close();
  }
}

async function runVerify(db: Db, logId: string): Promise<VerificationRun> {
  const peak = new MemoryPeak();
  const keys = await publicKeys({ db });
  const sampled = db.withPlugin(sampleOnResult(peak));
  const { value: report, ms, cpuMs } = await timed(() => verifyLog(sampled, logId, keys));
  const outcome =
    report.problems.length === 0
      ? 'no problems'
      : `${report.problems.length} problems: ${report.problems[0]!.message}`;

  return { ms, cpuMs, memory: peak.result(), size: report.size, outcome };
}

async function runBare(db: Db, logId: string): Promise<VerificationRun> {
  const peak = new MemoryPeak();
  const head = await db
    .selectFrom('logs')
    .select('alg')
    .where('id', '=', logId)
    .executeTakeFirstOrThrow();
  const alg = head.alg as HashAlgorithm;
  const arena = await loadArena(db, logId, peak);
  const tick = () => peak.sample();
  const {
    value: root,
    ms,
    cpuMs,
  } = await timed(() => bareMerkleRoot(arena, alg, hashObjectPerHash, tick));
  const oneShot = await timed(() => bareMerkleRoot(arena, alg, oneShotHash, tick));
  const heldBytes = arena.buffers.reduce((sum, b) => sum + b.length, 0);
  if (!oneShot.value.equals(root)) throw new Error('the two bare loops disagree on the root');

  return {
    ms,
    cpuMs,
    memory: peak.result(),
    size: arena.count,
    outcome: toHex(root),
    heldBytes,
    oneShot: { ms: oneShot.ms, cpuMs: oneShot.cpuMs },
  };
}

/** Reads every entry of the log in index order into UTF-8 arenas; not part of the timing. */
async function loadArena(db: Db, logId: string, peak: MemoryPeak): Promise<EntryArena> {
  const arena: EntryArena = { buffers: [], ends: [], count: 0 };
  for (;;) {
    const rows = await db
      .selectFrom('log_entries')
      .select('entry')
      .where('log_id', '=', logId)
      .where('idx', '>=', arena.count)
      .orderBy('idx')
      .limit(LOAD_BATCH)
      .execute();
    if (rows.length === 0) return arena;

    const ends = new Uint32Array(rows.length);
    let total = 0;
    rows.forEach((row, i) => {
      total += Buffer.byteLength(row.entry, 'utf8');
      ends[i] = total;
    });
    const buffer = Buffer.allocUnsafe(total);
    rows.forEach((row, i) => {
      buffer.write(row.entry, i === 0 ? 0 : ends[i - 1]!, 'utf8');
    });
    arena.buffers.push(buffer);
    arena.ends.push(ends);
    arena.count += rows.length;
    peak.sample();
  }
}

/** Samples the heap whenever a query's rows arrive, when a batch of them is in memory. */
function sampleOnResult(peak: MemoryPeak): KyselyPlugin {
  return {
    transformQuery: ({ node }) => node,
    transformResult: async ({ result }) => {
      peak.sample();
      return result;
    },
  };
}

await main();
