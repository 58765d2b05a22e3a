/**
 * A real Liuhen instance on a benchmark database, opened the way `liuhen serve` opens one
 * (migrations, signing key, rules, administrators), so benchmarks measure the code paths
 * that production runs.
 */
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/platform/config.js';
import { type Instance, openInstance } from '../src/platform/instance.js';
import { type BenchDatabase, createBenchDatabase, type EngineName } from './engines.js';

/** One engine under measurement: its fresh database and the instance opened on it. */
export interface BenchTarget {
  engine: EngineName;
  database: BenchDatabase;
  instance: Instance;
  /** Closes the instance and drops the database. */
  close(): Promise<void>;
}

export async function openBenchTarget(
  engine: EngineName,
  env: NodeJS.ProcessEnv = process.env,
): Promise<BenchTarget> {
  const database = await createBenchDatabase(engine, env);
  try {
    const instance = await openInstance(benchConfig(database));

    return {
      engine,
      database,
      instance,
      async close() {
        await instance.close();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

function benchConfig(database: BenchDatabase) {
  return loadConfig({
    LIUHEN_DB_URL: database.url,
    LIUHEN_DATA_DIR: database.dataDir,
    // A key of the run's own: the benchmark never reads or creates ./data/master.key.
    LIUHEN_MASTER_KEY: randomBytes(32).toString('hex'),
    // The administrators' password hashes are not what is measured; the default cost would
    // spend seconds on them at every opening.
    LIUHEN_SCRYPT_COST: '1024',
    LOG_LEVEL: 'warn',
  });
}
