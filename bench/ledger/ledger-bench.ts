/**
 * `npm run bench -- ledger`: what the log costs on each engine. (a) appending, one event per
 * transaction as every change does, against a raw insert of the same rows; (b) verifying a
 * log of a million entries against a bare loop hashing the same bytes.
 *
 * LIUHEN_BENCH_EVENTS and LIUHEN_BENCH_LOG_SIZE shrink the run while working on it; the
 * defaults are the sizes the goals are stated for.
 */
import { type BenchTarget, openBenchTarget } from '../bench-instance.js';
import { benchEngines, describeDatabase } from '../engines.js';
import { benchAppend } from './append-throughput.js';
import { benchFullVerification } from './full-verification.js';

export async function benchLedger(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const events = Number(env.LIUHEN_BENCH_EVENTS ?? 5_000);
  const logSize = Number(env.LIUHEN_BENCH_LOG_SIZE ?? 1_000_000);
  const targets: BenchTarget[] = [];
  try {
    for (const engine of benchEngines(env)) {
      const target = await openBenchTarget(engine, env);
      targets.push(target);
      console.log(`${engine}: ${describeDatabase(target.database)}`);
    }

    await benchAppend(targets, events);
    await benchFullVerification(targets, logSize);
  } finally {
    for (const target of targets) await target.close();
  }
}
